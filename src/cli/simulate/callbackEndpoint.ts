import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  CAUSE_MAX_CHARS,
  ERROR_MAX_CHARS,
  OUTPUT_MAX_BYTES,
  TOKEN_MAX_CHARS,
} from '../../closer/apiLimits.ts';
import { describeToken } from './taskToken.ts';

/** The Step Functions operations the endpoint implements (awsJson1_0 `X-Amz-Target` suffixes). */
export type SignalOperation =
  | 'SendTaskSuccess'
  | 'SendTaskFailure'
  | 'SendTaskHeartbeat'
  | 'DescribeExecution';

/** How a waiting Task was closed. */
export type TokenOutcome =
  | { readonly kind: 'success'; readonly output: string }
  | { readonly kind: 'failure'; readonly error?: string; readonly cause?: string };

/** One request the endpoint received, reduced to what is safe to show: sizes, never content. */
export interface SignalRecord {
  /** The operation named by `X-Amz-Target`, even an unsupported one. */
  readonly operation: string;
  /** `describeToken` of the request's token; `(none)` when it had none. */
  readonly token: string;
  /** `accepted`, or the error type the endpoint answered (`TaskTimedOut`, `InvalidOutput`...). */
  readonly answer: string;
  /** Whether the request carried a Signature Version 4 `Authorization` header for `states`. */
  readonly signed: boolean;
  /** `SendTaskSuccess`: UTF-8 bytes of `output`. */
  readonly outputBytes?: number;
  /** `SendTaskFailure`: the error name (names are not secret; causes may be). */
  readonly error?: string;
  /** `SendTaskFailure`: characters of `cause`. */
  readonly causeChars?: number;
  /** `DescribeExecution`: the execution ARN asked for. */
  readonly executionArn?: string;
}

/** A reply the endpoint gives instead of processing a request: a scripted outage. */
export interface EndpointFault {
  /** The awsJson error type, e.g. `ThrottlingException` or `ServiceUnavailable`. */
  readonly type: string;
  /** HTTP status. Default 500 when `type` names a 5xx-like fault, else 400. */
  readonly status?: number;
}

/** Options of `startCallbackEndpoint`. */
export interface CallbackEndpointOptions {
  /** Replies for the first requests, in order, before any request is processed. */
  readonly faults?: readonly EndpointFault[];
  /** Called after every request, with what was recorded. */
  readonly onSignal?: (record: SignalRecord) => void;
  /** Called when an open token receives an accepted `SendTaskHeartbeat`. */
  readonly onHeartbeat?: (token: string) => void;
  /**
   * Answers `DescribeExecution` (the safety net reads a large input with it): the response, or
   * `undefined` for an execution that does not exist.
   */
  readonly onDescribeExecution?: (executionArn: string) => Record<string, unknown> | undefined;
}

/** A local Step Functions endpoint that closes the Tasks waiting on task tokens. */
export interface CallbackEndpoint {
  /** `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_SFN`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly signals: readonly SignalRecord[];
  /**
   * Opens a Task for `token`: the promise settles when a signal closes it. A token that was
   * never opened, or is already closed, gets `TaskTimedOut`, as on AWS.
   */
  open(token: string): Promise<TokenOutcome>;
  /** How the token's Task was closed by a signal, if it was. */
  outcomeOf(token: string): TokenOutcome | undefined;
  /** Closes the Task without an outcome (it timed out): later signals get `TaskTimedOut`. */
  expire(token: string): void;
  close(): Promise<void>;
}

type TokenState =
  | { readonly kind: 'open'; readonly resolve: (outcome: TokenOutcome) => void }
  | { readonly kind: 'closed'; readonly outcome?: TokenOutcome };

/** The answer to one request: `{}` or a named awsJson error. */
type Answer =
  | { readonly kind: 'ok'; readonly body?: Record<string, unknown> }
  | {
      readonly kind: 'error';
      readonly type: string;
      readonly message: string;
      readonly status: number;
    };

const OK: Answer = { kind: 'ok' };

/**
 * Starts the callback endpoint on 127.0.0.1 (an ephemeral port). It speaks the awsJson1_0
 * protocol the SDK uses for Step Functions: `POST /` with `X-Amz-Target:
 * AWSStepFunctions.<Operation>` and a JSON body; errors are HTTP 4xx/5xx with
 * `{"__type": "...#<Type>", "message": ...}` and the `x-amzn-errortype` header, which the SDK
 * maps to its exception classes (`TaskTimedOut` to `TaskTimedOut`, and so on).
 *
 * @example
 * const endpoint = await startCallbackEndpoint();
 * const closed = endpoint.open(token); // settles on SendTaskSuccess/SendTaskFailure
 * // run code with AWS_ENDPOINT_URL_SFN = endpoint.url
 * await endpoint.close();
 */
export async function startCallbackEndpoint(
  options: CallbackEndpointOptions = {},
): Promise<CallbackEndpoint> {
  const tokens = new Map<string, TokenState>();
  const signals: SignalRecord[] = [];
  const faults = [...(options.faults ?? [])];
  const sockets = new Set<Socket>();

  const handle = (operation: string, body: Record<string, unknown>, signed: boolean): Answer => {
    const token = body['taskToken'];
    const base = {
      operation,
      token: typeof token === 'string' ? describeToken(token) : '(none)',
      signed,
    };
    const record = (answer: Answer, extra: Partial<SignalRecord> = {}): Answer => {
      const signal: SignalRecord = {
        ...base,
        ...extra,
        answer: answer.kind === 'ok' ? 'accepted' : answer.type,
      };
      signals.push(signal);
      options.onSignal?.(signal);
      return answer;
    };
    const sizes = describeSizes(operation, body);
    const fault = faults.shift();
    if (fault !== undefined) {
      const status = fault.status ?? (/unavailable|internal/i.test(fault.type) ? 500 : 400);
      return record(error(fault.type, 'Scripted fault of the local endpoint.', status), sizes);
    }
    if (!signed) {
      return record(error('MissingAuthenticationToken', 'The request is not signed.', 403), sizes);
    }
    if (operation === 'DescribeExecution') {
      const arn = body['executionArn'];
      const described = typeof arn === 'string' ? options.onDescribeExecution?.(arn) : undefined;
      // An unknown ARN gets ExecutionDoesNotExist (DescribeExecution API reference).
      return described === undefined
        ? record(error('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`), {
            executionArn: String(arn),
          })
        : record({ kind: 'ok', body: described }, { executionArn: String(arn) });
    }
    if (
      operation !== 'SendTaskSuccess' &&
      operation !== 'SendTaskFailure' &&
      operation !== 'SendTaskHeartbeat'
    ) {
      return record(error('UnknownOperationException', `${operation} is not simulated.`), sizes);
    }
    // taskToken: 1 to 2,048 characters (SendTaskSuccess/SendTaskFailure API reference).
    if (typeof token !== 'string' || token.length === 0 || token.length > TOKEN_MAX_CHARS) {
      return record(error('InvalidToken', 'The task token is not valid.'), sizes);
    }
    const state = tokens.get(token);
    if (state?.kind !== 'open') {
      // AWS answers TaskTimedOut both for a Task that already closed and for an unknown token.
      return record(error('TaskTimedOut', 'Task Timed Out'), sizes);
    }
    if (operation === 'SendTaskHeartbeat') {
      const answer = record(OK, sizes);
      options.onHeartbeat?.(token);
      return answer;
    }
    const problem =
      operation === 'SendTaskSuccess' ? checkOutput(body['output']) : checkFailure(body);
    if (problem !== undefined) return record(problem, sizes);
    const outcome = toOutcome(operation, body);
    tokens.set(token, { kind: 'closed', outcome });
    const answer = record(OK, sizes);
    state.resolve(outcome);
    return answer;
  };

  const server = createServer((request, response) => {
    readBody(request).then(
      (text) => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const operation = target.startsWith('AWSStepFunctions.')
          ? target.slice('AWSStepFunctions.'.length)
          : target;
        const body = parseBody(text);
        const answer =
          body === undefined
            ? error('SerializationException', 'The request body is not a JSON object.')
            : handle(operation, body, isSigned(request));
        reply(response, answer);
      },
      () => reply(response, error('SerializationException', 'The request body could not be read.')),
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    signals,
    open(token) {
      return new Promise<TokenOutcome>((resolve) => {
        tokens.set(token, { kind: 'open', resolve });
      });
    },
    outcomeOf(token) {
      const state = tokens.get(token);
      return state?.kind === 'closed' ? state.outcome : undefined;
    },
    expire(token) {
      const state = tokens.get(token);
      if (state?.kind === 'open') tokens.set(token, { kind: 'closed' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function error(type: string, message: string, status = 400): Answer {
  return { kind: 'error', type, message, status };
}

/** `SendTaskSuccess.output`: valid JSON of at most 262,144 bytes of UTF-8, else `InvalidOutput`. */
function checkOutput(output: unknown): Answer | undefined {
  if (typeof output !== 'string')
    return error('InvalidOutput', 'The output must be a JSON string.');
  if (Buffer.byteLength(output, 'utf8') > OUTPUT_MAX_BYTES) {
    return error('InvalidOutput', `The output is over ${OUTPUT_MAX_BYTES} bytes.`);
  }
  try {
    JSON.parse(output);
    return undefined;
  } catch {
    return error('InvalidOutput', 'The output is not valid JSON.');
  }
}

/** `SendTaskFailure`: `error` at most 256 characters, `cause` at most 32,768; both optional. */
function checkFailure(body: Record<string, unknown>): Answer | undefined {
  const { error: name, cause } = body;
  if (name !== undefined && (typeof name !== 'string' || name.length > ERROR_MAX_CHARS)) {
    return error(
      'ValidationException',
      `error must be a string of at most ${ERROR_MAX_CHARS} characters.`,
    );
  }
  if (cause !== undefined && (typeof cause !== 'string' || cause.length > CAUSE_MAX_CHARS)) {
    return error(
      'ValidationException',
      `cause must be a string of at most ${CAUSE_MAX_CHARS} characters.`,
    );
  }
  return undefined;
}

function toOutcome(
  operation: 'SendTaskSuccess' | 'SendTaskFailure',
  body: Record<string, unknown>,
): TokenOutcome {
  if (operation === 'SendTaskSuccess') return { kind: 'success', output: String(body['output']) };
  const { error: name, cause } = body;
  return {
    kind: 'failure',
    ...(typeof name === 'string' ? { error: name } : {}),
    ...(typeof cause === 'string' ? { cause } : {}),
  };
}

function describeSizes(operation: string, body: Record<string, unknown>): Partial<SignalRecord> {
  const { output, error: name, cause } = body;
  if (operation === 'SendTaskSuccess' && typeof output === 'string') {
    return { outputBytes: Buffer.byteLength(output, 'utf8') };
  }
  if (operation !== 'SendTaskFailure') return {};
  return {
    ...(typeof name === 'string' ? { error: name } : {}),
    ...(typeof cause === 'string' ? { causeChars: cause.length } : {}),
  };
}

/** The SDK signs every request with SigV4 for the `states` service. */
function isSigned(request: IncomingMessage): boolean {
  const authorization = request.headers.authorization ?? '';
  return (
    authorization.startsWith('AWS4-HMAC-SHA256 ') && authorization.includes('/states/aws4_request')
  );
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function reply(response: ServerResponse, answer: Answer): void {
  const [status, body, headers] =
    answer.kind === 'ok'
      ? [200, answer.body ?? {}, {}]
      : [
          answer.status,
          // The SDK reads the error code from `x-amzn-errortype`, else from `__type` after the '#'.
          { __type: `com.amazonaws.swf.service.v2.model#${answer.type}`, message: answer.message },
          { 'x-amzn-errortype': answer.type },
        ];
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': String(Buffer.byteLength(text)),
    'x-amzn-requestid': randomUUID(),
    ...headers,
  });
  response.end(text);
}
