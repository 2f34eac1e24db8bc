import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import type { ExecutionRecord } from './ExecutionRecord.ts';
import {
  type LambdaContainer,
  type LambdaOutcome,
  startLambdaContainer,
} from './lambdaContainer.ts';
import { lambdaEnvironment } from './lambdaEnvironment.ts';
import { invokeResult, payloadOf } from './lambdaInvoke.ts';
import { PLACEHOLDER_CLOSER_ARN, type TaskTarget } from './resolveTaskTarget.ts';
import { lambdaError } from './runLocalMapping.ts';
import type { Emit, SessionTrace } from './SessionTrace.ts';
import type { SimConfig } from './SimConfig.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** State types that can take time: a child entering one after its Closer no longer holds the parent. */
const SLOW_STATES: ReadonlySet<string> = new Set(['Task', 'Wait', 'Parallel', 'Map']);

/** What `createCloserInvoker` needs. */
export interface CloserInvokerDeps {
  readonly lambda: SimConfig['lambda'];
  /** The unpacked Closer handler, when any machine has a Closer Task. */
  readonly handlerFile: string | undefined;
  /** The callback endpoint's URL, which the Closer's SDK calls reach. */
  readonly endpointUrl: string;
  readonly clock: VirtualClock;
  readonly emit: Emit;
  readonly watch: SessionTrace['watch'];
}

/** The Closer's one simulated Lambda container, and who calls it. */
export interface CloserInvoker {
  /** Runs a Closer Task of `execution`: the built handler, with the Task's input. */
  invoke(
    execution: ExecutionRecord,
    state: string,
    target: Extract<TaskTarget, { kind: 'closer' }>,
    input: Json,
  ): Promise<Json>;
  /** Invokes the function the safety-net rule targets with a status-change event. */
  invokeSafetyNet(event: JsonObject, requestId: string): Promise<LambdaOutcome>;
  /** Notes that the invocation `requestId` runs for `record`, so its log lines land on its trace. */
  noteCaller(requestId: string, record: ExecutionRecord): void;
  /** Whether a Closer invocation of `execution` runs now (the signals it sends are the Closer's). */
  isRunning(execution: ExecutionRecord): boolean;
  /**
   * Lets the Closer that sent a signal return, and the child's last instant states (its Choice,
   * Succeed or Fail) run, before the parent resumes: on AWS these race; here the trace reads in
   * cause and effect order. A child that goes on to a state that takes time (a Task, a Wait, a
   * Parallel or a Map) does not hold the parent back.
   */
  settleSignaller(child: ExecutionRecord): Promise<void>;
  close(): Promise<void>;
}

/**
 * Creates the Closer's invoker. Its container starts on the first invocation and is reused, as
 * Lambda reuses a warm container; its environment points the SDK at the callback endpoint.
 *
 * @example
 * const closer = createCloserInvoker({ lambda, handlerFile, endpointUrl, clock, emit, watch });
 * const result = await closer.invoke(execution, 'Close', target, input);
 */
export function createCloserInvoker(deps: CloserInvokerDeps): CloserInvoker {
  const { clock, emit } = deps;
  const lambdaCallers = new Map<string, ExecutionRecord>();
  let lastLambdaCaller: ExecutionRecord | undefined;
  // The Closer invocation each execution has in flight (or had last).
  const closerCalls = new Map<ExecutionRecord, Promise<Json>>();
  // How many Closer invocations of each execution run now (signals they send are the Closer's).
  const closersRunning = new Map<ExecutionRecord, number>();

  let container: LambdaContainer | undefined;
  // The function the safety-net rule targets: the Closer's, as the example template deploys it.
  let closerIdentity = { functionName: 'SubStepCloser', functionArn: PLACEHOLDER_CLOSER_ARN };
  const closerContainer = (functionName: string, functionArn: string): LambdaContainer => {
    closerIdentity = { functionName, functionArn };
    if (deps.handlerFile === undefined) throw new TypeError('No Closer handler was unpacked.');
    container ??= startLambdaContainer({
      handlerFile: deps.handlerFile,
      timeoutMs: deps.lambda.timeoutMs,
      functionName,
      functionArn,
      env: lambdaEnvironment(deps.endpointUrl, functionName, deps.lambda.environment),
      onLog: (line) => {
        const caller = lambdaCallers.get(requestIdOf(line) ?? '') ?? lastLambdaCaller;
        if (caller !== undefined) emit(caller, { type: 'LambdaLog', line });
      },
    });
    return container;
  };

  const noteCaller = (requestId: string, record: ExecutionRecord) => {
    lambdaCallers.set(requestId, record);
    lastLambdaCaller = record;
  };

  const invokeCloser = async (
    execution: ExecutionRecord,
    state: string,
    target: Extract<TaskTarget, { kind: 'closer' }>,
    input: Json,
  ): Promise<Json> => {
    emit(execution, {
      type: 'TaskInvoked',
      state,
      target: `${target.functionName} (the built zip)`,
    });
    const requestId = randomUUID();
    noteCaller(requestId, execution);
    closersRunning.set(execution, (closersRunning.get(execution) ?? 0) + 1);
    const outcome = await clock
      .hold(() =>
        closerContainer(target.functionName, target.functionArn).invoke(
          target.lambdaInvoke ? payloadOf(input) : input,
          requestId,
        ),
      )
      .finally(() => {
        const left = (closersRunning.get(execution) ?? 1) - 1;
        if (left === 0) closersRunning.delete(execution);
        else closersRunning.set(execution, left);
      });
    if (!outcome.ok) {
      emit(execution, {
        type: 'TaskErrored',
        state,
        error: outcome.errorType,
        message: outcome.errorMessage,
      });
      throw lambdaError(outcome.errorType, outcome.errorMessage, outcome.trace);
    }
    execution.closer.push(outcome.result);
    emit(execution, { type: 'CloserReturned', state, result: outcome.result });
    return target.lambdaInvoke ? invokeResult(outcome.result) : outcome.result;
  };

  return {
    invoke(execution, state, target, input) {
      const call = invokeCloser(execution, state, target, input);
      closerCalls.set(execution, call);
      return call;
    },
    invokeSafetyNet: (event, requestId) =>
      closerContainer(closerIdentity.functionName, closerIdentity.functionArn).invoke(
        event,
        requestId,
      ),
    noteCaller,
    isRunning: (execution) => closersRunning.has(execution),
    async settleSignaller(child) {
      await closerCalls.get(child)?.catch(() => undefined);
      await new Promise<void>((resolve) => {
        const stop = () => {
          unwatch();
          resolve();
        };
        const unwatch = deps.watch((event) => {
          if (
            event.execution === child.name &&
            event.type === 'StateEntered' &&
            SLOW_STATES.has(event.stateType)
          )
            stop();
        });
        void child.done.then(stop);
      });
      await nextTurn();
    },
    async close() {
      await container?.close();
    },
  };
}

/** The `requestId` of a JSON log line, if it has one: it names the invocation that wrote it. */
function requestIdOf(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return isJsonObject(parsed) && typeof parsed['requestId'] === 'string'
      ? parsed['requestId']
      : undefined;
  } catch {
    return undefined;
  }
}
