import type { Json } from '../check/Json.ts';
import { createChildTasks } from './ChildTasks.ts';
import { createCloserInvoker } from './CloserInvoker.ts';
import { type CallbackEndpoint, startCallbackEndpoint } from './callbackEndpoint.ts';
import { describeRecord } from './describeRecord.ts';
import type { ExecutionRecord } from './ExecutionRecord.ts';
import { engineTimeoutError } from './engineTimeoutError.ts';
import { SimulatedTaskError } from './errors.ts';
import { invokeResult, payloadOf } from './lambdaInvoke.ts';
import type { PreparedMachine } from './prepareMachine.ts';
import { type LimitKind, RunLimits } from './RunLimits.ts';
import type { TaskTarget } from './resolveTaskTarget.ts';
import { describeMapping, lambdaErrorMessage, runLocalMapping } from './runLocalMapping.ts';
import { createSessionExecutions, type StartRequest } from './SessionExecutions.ts';
import { createSessionSafetyNet } from './SessionSafetyNet.ts';
import { createSessionTrace } from './SessionTrace.ts';
import type { SimConfig } from './SimConfig.ts';
import type { SimEvent } from './SimEvent.ts';
import type { SimSignal } from './SimulationResult.ts';
import { describeExecutionResponse } from './statusChangeEvent.ts';
import { describeToken, mintTaskToken } from './taskToken.ts';
import { VirtualClock } from './VirtualClock.ts';

export type { ExecutionRecord } from './ExecutionRecord.ts';
export type { StartRequest } from './SessionExecutions.ts';

/** Options of `createSession`. */
export interface SessionOptions {
  readonly config: SimConfig;
  /** Prepared child machines, keyed by the names `StateMachineArn`s are matched against. */
  readonly children: ReadonlyMap<string, PreparedMachine>;
  /** The unpacked Closer handler, when any machine has a Closer Task. */
  readonly closerHandlerFile?: string;
  /** Receives every event as it happens (a streaming trace). */
  readonly onEvent?: (event: SimEvent) => void;
}

/** The running simulation: executions, the callback endpoint and the Closer container. */
export interface Session {
  readonly events: readonly SimEvent[];
  readonly signals: readonly SimSignal[];
  readonly executions: readonly ExecutionRecord[];
  /** The tokens minted so far: everything printed is redacted with them. */
  readonly tokens: ReadonlySet<string>;
  /** The simulation's virtual clock. */
  readonly clock: VirtualClock;
  /** The limit the run reached, if it did: every execution was stopped then. */
  readonly limit: { readonly kind: LimitKind; readonly message: string } | undefined;
  /** Whether `interrupt` stopped the run. */
  readonly interrupted: boolean;
  /** Stops every execution still running (Ctrl-C): the run then settles with what happened. */
  interrupt(): void;
  start(request: StartRequest): ExecutionRecord;
  /** Resolves once every execution, including children started meanwhile, has ended. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const NOBODY = { level: 0, name: '(unknown)', stateMachine: '(unknown)' };

/**
 * Creates a simulation session. Executions run on the ASL engine; a `startExecution` Task starts
 * a child with a fresh token and waits on the callback endpoint; the Closer Task runs the built
 * handler in one simulated Lambda container whose SDK calls reach that endpoint.
 *
 * @example
 * const session = await createSession({ config, children });
 * const parent = session.start({ machine, stateMachine: 'Parent', name, input, level: 0 });
 * await session.settled();
 * await session.close();
 */
export async function createSession(options: SessionOptions): Promise<Session> {
  const { config } = options;
  const signals: SimSignal[] = [];
  const tokens = new Set<string>();
  const clock = new VirtualClock();
  // Learns the engine's timeout error class now, on a real timer, before virtual time runs.
  await engineTimeoutError('');
  const runLimits = new RunLimits(config.limits);
  const { events, emit, watch } = createSessionTrace({
    clock,
    tokens,
    onEvent: options.onEvent,
    afterEmit: (origin, event) => {
      if (
        event.type === 'StateEntered' &&
        runLimits.enter(`${origin.stateMachine}/${origin.name}`, event.state)
      )
        reachLimit('transitions');
    },
  });
  const mintToken = () => {
    const token = mintTaskToken();
    tokens.add(token);
    return token;
  };
  // `runTarget` and `onEnded` reach the closer, the safety net and the child Tasks made below:
  // they exist by the time the first execution starts.
  const executions = createSessionExecutions({
    clock,
    aborts: config.abort,
    emit,
    mintToken,
    runTarget: (execution, state, target, input, token) =>
      runTarget(execution, state, target, input, token),
    onEnded: (record) => {
      runLimits.ended(`${record.stateMachine}/${record.name}`);
      safetyNet.notify(record);
    },
  });
  let limit: Session['limit'];
  const reachLimit = (kind: LimitKind) => {
    if (limit !== undefined) return;
    const running = executions.all.filter((execution) => execution.end === undefined);
    if (running.length === 0) return;
    limit = { kind, message: runLimits.message(kind) };
    emit(running[0] ?? NOBODY, { type: 'RunLimitReached', limit: kind, message: limit.message });
    for (const execution of running)
      execution.stop({ status: 'ABORTED', error: 'Simulator.RunLimit', cause: limit.message });
  };
  const timeLimit = clock.after(config.limits.maxSeconds * 1000);
  void timeLimit.fired.then(() => reachLimit('time'));

  const endpoint: CallbackEndpoint = await startCallbackEndpoint({
    faults: config.faults,
    onSignal: (record) => {
      const holder = childTasks.holderOf(record.token);
      const source = safetyNet.sourceOf(holder?.child, record.executionArn);
      signals.push({
        ...record,
        source,
        ...(holder === undefined
          ? {}
          : { child: holder.child.name, parent: holder.parent.name, parentState: holder.state }),
      });
      emit(holder?.child ?? NOBODY, { type: 'SignalReceived', source, ...record });
    },
    onHeartbeat: (token) => childTasks.holderOf(describeToken(token))?.wait?.heartbeat(),
    onDescribeExecution: (arn) => {
      const record = executions.all.find((execution) => execution.arn === arn);
      return record === undefined
        ? undefined
        : describeExecutionResponse(describeRecord(record, clock));
    },
  });
  const closer = createCloserInvoker({
    lambda: config.lambda,
    handlerFile: options.closerHandlerFile,
    endpointUrl: endpoint.url,
    clock,
    emit,
    watch,
  });
  const safetyNet = createSessionSafetyNet({
    config,
    hasHandler: options.closerHandlerFile !== undefined,
    clock,
    emit,
    executions: executions.all,
    closer,
  });
  const childTasks = createChildTasks({
    maxDepth: config.maxDepth,
    children: options.children,
    endpoint,
    clock,
    emit,
    executions,
    settleSignaller: closer.settleSignaller,
    deliveries: safetyNet.deliveries,
  });

  const runTarget = async (
    execution: ExecutionRecord,
    state: string,
    target: TaskTarget,
    input: Json,
    token: string | undefined,
  ): Promise<Json> => {
    switch (target.kind) {
      case 'startExecution':
        return childTasks.startChildAndWait(
          execution,
          state,
          input,
          target.pattern,
          // A callback Task always waits on a token, even one its Parameters never pass on.
          token ?? (target.pattern === 'waitForTaskToken' ? mintToken() : undefined),
        );
      case 'closer':
        return closer.invoke(execution, state, target, input);
      case 'local': {
        emit(execution, { type: 'TaskInvoked', state, target: describeMapping(target.mapping) });
        try {
          // A function may signal the endpoint or do other I/O: virtual time stands still meanwhile.
          const result = await clock.hold(() =>
            runLocalMapping(target.mapping, target.lambdaInvoke ? payloadOf(input) : input),
          );
          return target.lambdaInvoke ? invokeResult(result) : result;
        } catch (error) {
          if (error instanceof SimulatedTaskError) {
            emit(execution, {
              type: 'TaskErrored',
              state,
              error: error.name,
              message: lambdaErrorMessage(error.message),
            });
          }
          throw error;
        }
      }
      default:
        return assertNever(target);
    }
  };

  let interrupted = false;
  return {
    events,
    signals,
    executions: executions.all,
    tokens,
    clock,
    get limit() {
      return limit;
    },
    get interrupted() {
      return interrupted;
    },
    interrupt() {
      interrupted = true;
      for (const execution of executions.all.filter((record) => record.end === undefined))
        execution.stop({
          status: 'ABORTED',
          error: 'Simulator.Interrupted',
          cause: 'The simulation was interrupted.',
        });
    },
    start: executions.start,
    async settled() {
      const { deliveries } = safetyNet;
      let count: number;
      let delivered: number;
      do {
        count = executions.all.length;
        delivered = deliveries.size;
        await Promise.all(executions.all.map((execution) => execution.done));
        await Promise.all(deliveries.values());
      } while (executions.all.length !== count || deliveries.size !== delivered);
    },
    async close() {
      timeLimit.cancel();
      clock.stop();
      await closer.close();
      await endpoint.close();
    },
  };
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled task target: ${JSON.stringify(value)}`);
}
