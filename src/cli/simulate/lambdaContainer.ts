import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Json } from '../check/Json.ts';
import { LAMBDA_WORKER_SOURCE } from './lambdaWorkerSource.ts';

/** What one invocation returned or threw, as the Lambda service reports it. */
export type LambdaOutcome =
  | { readonly ok: true; readonly requestId: string; readonly result: Json }
  | {
      readonly ok: false;
      readonly requestId: string;
      /** The thrown error's `name`; Step Functions matches it in `Retry`/`Catch`. */
      readonly errorType: string;
      readonly errorMessage: string;
      readonly trace: readonly string[];
    };

/** Options of `startLambdaContainer`. */
export interface LambdaContainerOptions {
  /** Absolute path of the handler module (`index.mjs`). */
  readonly handlerFile: string;
  /** The handler's export name. Default `handler`. */
  readonly exportName?: string;
  /** The container's whole environment: nothing of the caller's leaks in. */
  readonly env: Readonly<Record<string, string>>;
  /** The function's timeout; `getRemainingTimeInMillis` counts down from it. */
  readonly timeoutMs: number;
  readonly functionName: string;
  readonly functionArn: string;
  /** Receives each line the handler writes to stdout or stderr. */
  readonly onLog?: (line: string) => void;
}

/** One warm Lambda container: a worker thread that keeps its module graph between invocations. */
export interface LambdaContainer {
  /** Invokes the handler; `requestId` becomes `context.awsRequestId`. */
  invoke(event: Json, requestId?: string): Promise<LambdaOutcome>;
  close(): Promise<void>;
}

interface WorkerReply {
  readonly log?: string;
  readonly started?: boolean;
  readonly id: string;
  readonly ok: boolean;
  readonly json?: string;
  readonly errorType?: string;
  readonly errorMessage?: string;
  readonly trace?: string[];
}

/** An invocation in flight: it starts its timeout when the handler starts, and settles once. */
interface Pending {
  started(): void;
  settle(reply: WorkerReply): void;
}

/** Lambda's limit on the init phase (loading the handler module), separate from the timeout. */
const INIT_TIMEOUT_MS = 10_000;

/**
 * Starts a simulated Lambda container for a handler module. The worker starts on the first
 * invocation (a cold start) and is reused (warm). A handler that outlives its timeout is
 * reported as Lambda reports it, and its worker is discarded, as Lambda discards the container.
 *
 * @example
 * const container = startLambdaContainer({ handlerFile, env, timeoutMs: 30_000,
 *   functionName: 'SubStepCloser', functionArn });
 * const outcome = await container.invoke({ initial: {}, meta: {} });
 * await container.close();
 */
export function startLambdaContainer(options: LambdaContainerOptions): LambdaContainer {
  const handlerUrl = pathToFileURL(options.handlerFile).href;
  let current: { worker: Worker; pending: Map<string, Pending> } | undefined;

  const spawn = () => {
    const worker = new Worker(LAMBDA_WORKER_SOURCE, {
      eval: true,
      env: { ...options.env },
      // The worker forwards its log lines as messages; what else reaches its stdout or stderr is
      // captured here, so nothing the handler prints mixes into the CLI's own output.
      stdout: true,
      stderr: true,
    });
    const pending = new Map<string, Pending>();
    for (const stream of [worker.stdout, worker.stderr]) forwardLines(stream, options.onLog);
    worker.on('message', (reply: WorkerReply) => {
      if (reply.log !== undefined) {
        for (const line of reply.log.split('\n')) if (line !== '') options.onLog?.(line);
        return;
      }
      const invocation = pending.get(reply.id);
      if (reply.started === true) {
        invocation?.started();
        return;
      }
      pending.delete(reply.id);
      invocation?.settle(reply);
    });
    const failAll = (message: string) => {
      for (const [id, invocation] of pending) {
        invocation.settle({
          id,
          ok: false,
          errorType: 'Runtime.ExitError',
          errorMessage: message,
          trace: [],
        });
      }
      pending.clear();
      if (current?.worker === worker) current = undefined;
    };
    worker.on('error', (error) => failAll(`The container crashed: ${error.message}`));
    worker.on('exit', (code) => failAll(`The container exited with code ${code}.`));
    return { worker, pending };
  };

  return {
    invoke(event, requestId = randomUUID()) {
      current ??= spawn();
      const container = current;
      return new Promise<LambdaOutcome>((resolve) => {
        const timeOut = (message: string) => {
          container.pending.delete(requestId);
          // Lambda ends a timed-out invocation without an error type; Step Functions then reports
          // Lambda.Unknown. The container is not reused.
          if (current === container) current = undefined;
          void container.worker.terminate();
          resolve({
            ok: false,
            requestId,
            errorType: 'Lambda.Unknown',
            errorMessage: message,
            trace: [],
          });
        };
        let timer = setTimeout(
          () => timeOut(`Init timed out after ${INIT_TIMEOUT_MS / 1000} seconds`),
          INIT_TIMEOUT_MS,
        );
        container.pending.set(requestId, {
          started() {
            clearTimeout(timer);
            const seconds = (options.timeoutMs / 1000).toFixed(2);
            timer = setTimeout(
              () => timeOut(`Task timed out after ${seconds} seconds`),
              options.timeoutMs,
            );
          },
          settle(reply) {
            clearTimeout(timer);
            resolve(toOutcome(requestId, reply));
          },
        });
        container.worker.postMessage({
          id: requestId,
          handlerUrl,
          exportName: options.exportName ?? 'handler',
          event,
          timeoutMs: options.timeoutMs,
          context: {
            awsRequestId: requestId,
            functionName: options.functionName,
            functionVersion: '$LATEST',
            invokedFunctionArn: options.functionArn,
            memoryLimitInMB: '256',
            logGroupName: `/aws/lambda/${options.functionName}`,
            logStreamName: `simulated/[$LATEST]${requestId.replaceAll('-', '')}`,
          },
        });
      });
    },
    async close() {
      const container = current;
      current = undefined;
      if (container !== undefined) await container.worker.terminate();
    },
  };
}

function toOutcome(requestId: string, reply: WorkerReply): LambdaOutcome {
  if (reply.ok) return { ok: true, requestId, result: JSON.parse(reply.json ?? 'null') as Json };
  return {
    ok: false,
    requestId,
    errorType: reply.errorType ?? 'Error',
    errorMessage: reply.errorMessage ?? '',
    trace: reply.trace ?? [],
  };
}

function forwardLines(
  stream: NodeJS.ReadableStream,
  onLog: ((line: string) => void) | undefined,
): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line !== '') onLog?.(line);
  });
  stream.on('end', () => {
    if (buffered !== '') onLog?.(buffered);
  });
}
