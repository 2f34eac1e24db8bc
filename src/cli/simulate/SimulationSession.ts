import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { abandonedTokenError } from './abandonedTokenError.ts';
import { type CallbackEndpoint, startCallbackEndpoint } from './callbackEndpoint.ts';
import { deliverToSafetyNet } from './deliverToSafetyNet.ts';
import { engineTimeoutError } from './engineTimeoutError.ts';
import { SimulatedTaskError } from './errors.ts';
import { type LambdaContainer, startLambdaContainer } from './lambdaContainer.ts';
import { lambdaEnvironment } from './lambdaEnvironment.ts';
import { invokeResult, payloadOf } from './lambdaInvoke.ts';
import { matchChild } from './matchChild.ts';
import { safetyNetHears } from './parseStopConfig.ts';
import type { PreparedMachine } from './prepareMachine.ts';
import { type LimitKind, RunLimits } from './RunLimits.ts';
import { readStartParameters } from './readStartParameters.ts';
import { redactTokens } from './redactTokens.ts';
import {
  PLACEHOLDER_CLOSER_ARN,
  type StartExecutionPattern,
  type TaskTarget,
} from './resolveTaskTarget.ts';
import { type ExecutionEnd, type RunningExecution, runExecution } from './runExecution.ts';
import {
  describeMapping,
  lambdaError,
  lambdaErrorMessage,
  runLocalMapping,
} from './runLocalMapping.ts';
import type { SimConfig } from './SimConfig.ts';
import type { SimEvent, SimEventInput, StartedBy } from './SimEvent.ts';
import type { SimSignal } from './SimulationResult.ts';
import {
  simulatedExecutionArn,
  simulatedRoleArn,
  simulatedStateMachineArn,
} from './simulatedAccount.ts';
import { describeExecutionResponse, statusChangeEvent } from './statusChangeEvent.ts';
import { type EndedChild, managingTaskAbortedCause, syncTaskResult } from './syncTaskResult.ts';
import { describeToken, mintTaskToken } from './taskToken.ts';
import { VirtualClock } from './VirtualClock.ts';
import { type TokenWait, waitForToken } from './waitForToken.ts';

/** One execution, while it runs and after. */
export interface ExecutionRecord {
  readonly level: number;
  readonly name: string;
  readonly stateMachine: string;
  readonly arn: string;
  readonly stateMachineArn: string;
  readonly input: Json;
  /** Virtual epoch milliseconds. */
  readonly startedAt: number;
  readonly startedBy?: StartedBy;
  /** Set when the execution ends. */
  end?: ExecutionEnd;
  stoppedAt?: number;
  readonly closer: Json[];
  readonly done: Promise<void>;
  /** Ends the execution if it still runs (a stop, or a limit of the run). */
  stop(end: Exclude<ExecutionEnd, { status: 'SUCCEEDED' }>): void;
}

/** What starts an execution. */
export interface StartRequest {
  readonly machine: PreparedMachine;
  readonly stateMachine: string;
  readonly name: string;
  readonly input: Json;
  readonly level: number;
  readonly startedBy?: StartedBy;
}

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

interface TokenHolder {
  readonly child: ExecutionRecord;
  readonly parent: ExecutionRecord;
  readonly state: string;
  wait?: TokenWait;
}

/** State types that can take time: a child entering one after its Closer no longer holds the parent. */
const SLOW_STATES: ReadonlySet<string> = new Set(['Task', 'Wait', 'Parallel', 'Map']);

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
  const events: SimEvent[] = [];
  const signals: SimSignal[] = [];
  const executions: ExecutionRecord[] = [];
  const tokens = new Set<string>();
  const holders = new Map<string, TokenHolder>();
  const lambdaCallers = new Map<string, ExecutionRecord>();
  const clock = new VirtualClock();
  // Learns the engine's timeout error class now, on a real timer, before virtual time runs.
  await engineTimeoutError('');
  const runLimits = new RunLimits(config.limits);
  let limit: Session['limit'];
  const reachLimit = (kind: LimitKind) => {
    if (limit !== undefined) return;
    const running = executions.filter((execution) => execution.end === undefined);
    if (running.length === 0) return;
    limit = { kind, message: runLimits.message(kind) };
    emit(running[0] ?? NOBODY, { type: 'RunLimitReached', limit: kind, message: limit.message });
    for (const execution of running)
      execution.stop({ status: 'ABORTED', error: 'Simulator.RunLimit', cause: limit.message });
  };
  const timeLimit = clock.after(config.limits.maxSeconds * 1000);
  void timeLimit.fired.then(() => reachLimit('time'));
  let lastLambdaCaller: ExecutionRecord | undefined;

  const watchers = new Set<(event: SimEvent) => void>();
  const emit = (
    origin: Pick<ExecutionRecord, 'level' | 'name' | 'stateMachine'>,
    event: SimEventInput,
  ) => {
    const entry = {
      seq: events.length + 1,
      level: origin.level,
      execution: origin.name,
      stateMachine: origin.stateMachine,
      at: clock.iso(),
      ...event,
    };
    const redacted = redactTokens(entry as SimEvent, tokens);
    events.push(redacted);
    clock.touch();
    for (const watch of watchers) watch(redacted);
    options.onEvent?.(redacted);
    if (
      event.type === 'StateEntered' &&
      runLimits.enter(`${origin.stateMachine}/${origin.name}`, event.state)
    )
      reachLimit('transitions');
  };

  const endpoint: CallbackEndpoint = await startCallbackEndpoint({
    faults: config.faults,
    onSignal: (record) => {
      const holder = holders.get(record.token);
      const source = sourceOf(holder?.child, record.executionArn);
      signals.push({
        ...record,
        source,
        ...(holder === undefined
          ? {}
          : { child: holder.child.name, parent: holder.parent.name, parentState: holder.state }),
      });
      emit(holder?.child ?? NOBODY, { type: 'SignalReceived', source, ...record });
    },
    onHeartbeat: (token) => holders.get(describeToken(token))?.wait?.heartbeat(),
    onDescribeExecution: (arn) => {
      const record = executions.find((execution) => execution.arn === arn);
      return record === undefined ? undefined : describeExecutionResponse(describe(record));
    },
  });

  let container: LambdaContainer | undefined;
  // The function the safety-net rule targets: the Closer's, as the example template deploys it.
  let closerIdentity = { functionName: 'SubStepCloser', functionArn: PLACEHOLDER_CLOSER_ARN };
  const closerContainer = (functionName: string, functionArn: string): LambdaContainer => {
    closerIdentity = { functionName, functionArn };
    if (options.closerHandlerFile === undefined)
      throw new TypeError('No Closer handler was unpacked.');
    container ??= startLambdaContainer({
      handlerFile: options.closerHandlerFile,
      timeoutMs: config.lambda.timeoutMs,
      functionName,
      functionArn,
      env: lambdaEnvironment(endpoint.url, functionName, config.lambda.environment),
      onLog: (line) => {
        const caller = lambdaCallers.get(requestIdOf(line) ?? '') ?? lastLambdaCaller;
        if (caller !== undefined) emit(caller, { type: 'LambdaLog', line });
      },
    });
    return container;
  };

  const mintToken = () => {
    const token = mintTaskToken();
    tokens.add(token);
    return token;
  };

  const runTarget = async (
    execution: ExecutionRecord,
    state: string,
    target: TaskTarget,
    input: Json,
    token: string | undefined,
  ): Promise<Json> => {
    switch (target.kind) {
      case 'startExecution':
        return startChildAndWait(
          execution,
          state,
          input,
          target.pattern,
          // A callback Task always waits on a token, even one its Parameters never pass on.
          token ?? (target.pattern === 'waitForTaskToken' ? mintToken() : undefined),
        );
      case 'closer': {
        const call = invokeCloser(execution, state, target, input);
        closerCalls.set(execution, call);
        return call;
      }
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

  // The Closer invocation each execution has in flight (or had last).
  const closerCalls = new Map<ExecutionRecord, Promise<Json>>();
  // How many Closer invocations of each execution run now (signals they send are the Closer's).
  const closersRunning = new Map<ExecutionRecord, number>();

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
    lambdaCallers.set(requestId, execution);
    lastLambdaCaller = execution;
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

  /**
   * Lets the Closer that sent a signal return, and the child's last instant states (its Choice,
   * Succeed or Fail) run, before the parent resumes: on AWS these race; here the trace reads in
   * cause and effect order. A child that goes on to a state that takes time (a Task, a Wait, a
   * Parallel or a Map) does not hold the parent back.
   */
  const settleSignaller = async (child: ExecutionRecord) => {
    await closerCalls.get(child)?.catch(() => undefined);
    await new Promise<void>((resolve) => {
      const stop = () => {
        watchers.delete(watch);
        resolve();
      };
      const watch = (event: SimEvent) => {
        if (
          event.execution === child.name &&
          event.type === 'StateEntered' &&
          SLOW_STATES.has(event.stateType)
        )
          stop();
      };
      watchers.add(watch);
      void child.done.then(stop);
    });
    await nextTurn();
  };

  const startChildAndWait = async (
    parent: ExecutionRecord,
    state: string,
    parameters: Json,
    pattern: StartExecutionPattern,
    token: string | undefined,
  ): Promise<Json> => {
    const request = readStartParameters(parameters);
    const match = matchChild(request.stateMachineArn, [...options.children.keys()]);
    const machine = match.kind === 'found' ? options.children.get(match.name) : undefined;
    if (match.kind !== 'found' || machine === undefined) {
      throw new SimulatedTaskError(
        'StepFunctions.StateMachineDoesNotExistException',
        `State Machine Does Not Exist: '${request.stateMachineArn}' (no child of that name was given to the simulator)`,
      );
    }
    if (parent.level + 1 > config.maxDepth) {
      throw new SimulatedTaskError(
        'Simulator.MaxDepthExceeded',
        `Sub steps nest deeper than maxDepth ${config.maxDepth}; is a child starting itself?`,
      );
    }
    // A .sync Task that passes no token cannot be signalled: only the child's end completes it.
    const closed = token === undefined ? new Promise<never>(() => undefined) : endpoint.open(token);
    const name = request.name ?? randomUUID();
    const timeouts = parentTimeouts(parent, state);
    emit(parent, {
      type: 'ChildStarted',
      state,
      child: {
        execution: name,
        stateMachine: match.name,
        arn: simulatedExecutionArn(match.name, name),
      },
      pattern,
      ...(token === undefined ? {} : { token: describeToken(token) }),
      ...(timeouts.timeoutSeconds === undefined ? {} : { timeoutSeconds: timeouts.timeoutSeconds }),
    });
    const child = start({
      machine,
      stateMachine: match.name,
      name,
      input: request.input,
      level: parent.level + 1,
      startedBy: { execution: parent.name, stateMachine: parent.stateMachine, state },
    });
    const holder: TokenHolder = { child, parent, state };
    if (token !== undefined) holders.set(describeToken(token), holder);
    const sync = pattern !== 'waitForTaskToken';
    const wait = waitForToken({
      clock,
      closed,
      ended: parent.done,
      ...(sync ? { childEnded: child.done } : {}),
      ...timeouts,
    });
    holder.wait = wait;
    if (!sync && token !== undefined) noteAbandonedToken(parent, state, child, token, timeouts);
    const waited = await wait.end;
    if (waited.kind !== 'signal') {
      // The Task closed: from now on a signal with this token gets TaskTimedOut, as on AWS.
      if (token !== undefined) endpoint.expire(token);
      // Step Functions stops a .sync child whose Task closed without it (a timeout, a stop).
      if (sync && waited.kind !== 'childEnded')
        child.stop({ status: 'ABORTED', error: '', cause: managingTaskAbortedCause(parent.arn) });
      if (waited.kind === 'childEnded' && pattern !== 'waitForTaskToken')
        return completeSyncTask(parent, state, child, pattern);
      if (waited.kind === 'ended') return new Promise<Json>(() => undefined);
      const heartbeat = waited.kind === 'heartbeat';
      const cause = heartbeat
        ? `No heartbeat within HeartbeatSeconds (${timeouts.heartbeatSeconds} s).`
        : `The Task ran longer than its TimeoutSeconds (${timeouts.timeoutSeconds} s).`;
      emit(parent, {
        type: 'TaskTimedOut',
        state,
        error: heartbeat ? 'States.HeartbeatTimeout' : 'States.Timeout',
        cause,
      });
      throw heartbeat
        ? new SimulatedTaskError('States.HeartbeatTimeout', cause)
        : await clock.hold(() => engineTimeoutError(cause));
    }
    const { outcome } = waited;
    await settleSignaller(child);
    if (outcome.kind === 'success') {
      emit(parent, {
        type: 'TaskResumed',
        state,
        signal: 'success',
        outputBytes: Buffer.byteLength(outcome.output, 'utf8'),
      });
      return JSON.parse(outcome.output) as Json;
    }
    const error = outcome.error ?? '';
    const cause = outcome.cause ?? '';
    emit(parent, { type: 'TaskResumed', state, signal: 'failure', error, cause });
    throw new SimulatedTaskError(error, cause);
  };

  /** A `.sync` Task whose child ended first returns or fails as Step Functions reports it. */
  const completeSyncTask = (
    parent: ExecutionRecord,
    state: string,
    child: ExecutionRecord,
    pattern: Exclude<StartExecutionPattern, 'waitForTaskToken'>,
  ): Json => {
    const ended = describe(child);
    if (!('end' in ended)) throw new TypeError('A .sync child ended without an end.');
    const result = syncTaskResult(ended, pattern);
    if (result.kind === 'success') {
      emit(parent, {
        type: 'SyncChildEnded',
        state,
        childStatus: 'SUCCEEDED',
        outputBytes: Buffer.byteLength(JSON.stringify(result.output), 'utf8'),
      });
      return result.output;
    }
    emit(parent, {
      type: 'SyncChildEnded',
      state,
      childStatus: ended.end.status,
      error: result.error,
    });
    throw new SimulatedTaskError(result.error, result.cause);
  };

  /**
   * A callback child that ends without a signal (and without the safety net closing the token) is
   * worth a line: the Task now waits out its timeout.
   */
  const noteAbandonedToken = (
    parent: ExecutionRecord,
    state: string,
    child: ExecutionRecord,
    token: string,
    timeouts: { readonly timeoutSeconds?: number; readonly heartbeatSeconds?: number },
  ) => {
    void child.done
      .then(() => deliveries.get(child))
      .then(() => {
        if (endpoint.outcomeOf(token) !== undefined || parent.end !== undefined) return;
        const abandoned = abandonedTokenError(
          {
            stateMachine: child.stateMachine,
            name: child.name,
            ...(child.end ? { status: child.end.status } : {}),
          },
          timeouts,
        );
        emit(parent, {
          type: 'TaskTokenAbandoned',
          state,
          error: abandoned.name,
          cause: abandoned.message,
        });
      });
  };

  /** An execution as DescribeExecution and the status-change event describe it. */
  const describe = (record: ExecutionRecord): EndedChild | Omit<EndedChild, 'end' | 'stopDate'> => {
    const base = {
      executionArn: record.arn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      input: record.input,
      startDate: record.startedAt,
    };
    return record.end === undefined
      ? base
      : { ...base, end: record.end, stopDate: record.stoppedAt ?? clock.now() };
  };

  // The safety net's invocation for each child whose end its rule matched, while it runs.
  const deliveries = new Map<ExecutionRecord, Promise<void>>();
  const safetyNetRunning = new Set<ExecutionRecord>();

  /** Who sent a request about `child` (its token's holder, or the execution it describes). */
  const sourceOf = (
    child: ExecutionRecord | undefined,
    executionArn?: string,
  ): SimSignal['source'] => {
    const subject = child ?? executions.find((execution) => execution.arn === executionArn);
    if (subject === undefined) return 'other';
    // A Closer runs inside its child: once the child ended, only the safety net speaks for it.
    if (subject.end !== undefined && safetyNetRunning.has(subject)) return 'safety-net';
    return closersRunning.has(subject) ? 'closer' : 'other';
  };

  /**
   * A Standard child that ends FAILED, TIMED_OUT or ABORTED emits a status-change event; when the
   * simulated rule matches it, the built zip runs with the event, as the rule's Lambda target.
   */
  const notifySafetyNet = (record: ExecutionRecord) => {
    const { end } = record;
    if (record.level === 0 || end === undefined || end.status === 'SUCCEEDED') return;
    if (end.error === 'Simulator.RunLimit' || end.error === 'Simulator.Interrupted') return;
    if (options.closerHandlerFile === undefined || !safetyNetHears(config, record.stateMachine))
      return;
    const ended = describe(record);
    if (!('end' in ended)) return;
    safetyNetRunning.add(record);
    const delivery = deliverToSafetyNet({
      event: statusChangeEvent(ended, clock.iso()),
      clock,
      invoke: (event, requestId) =>
        closerContainer(closerIdentity.functionName, closerIdentity.functionArn).invoke(
          event,
          requestId,
        ),
      onInvoke: (requestId) => {
        lambdaCallers.set(requestId, record);
        lastLambdaCaller = record;
      },
      emit: (event) => emit(record, event),
    })
      .catch((error: unknown) => {
        emit(record, {
          type: 'SafetyNetErrored',
          error: 'Simulator.InternalError',
          message: String(error),
        });
      })
      .finally(() => safetyNetRunning.delete(record));
    deliveries.set(record, delivery);
  };

  const machinesByRecord = new Map<ExecutionRecord, PreparedMachine>();
  const parentTimeouts = (parent: ExecutionRecord, state: string) =>
    machinesByRecord.get(parent)?.taskTimeouts.get(state) ?? {};

  const start = (request: StartRequest): ExecutionRecord => {
    const { stateMachine, name, level } = request;
    const stateMachineArn = simulatedStateMachineArn(stateMachine);
    const arn = simulatedExecutionArn(stateMachine, name);
    let finish: () => void = () => undefined;
    let running: RunningExecution | undefined;
    const record: ExecutionRecord = {
      level,
      name,
      stateMachine,
      arn,
      stateMachineArn,
      input: request.input,
      startedAt: clock.now(),
      ...(request.startedBy === undefined ? {} : { startedBy: request.startedBy }),
      closer: [],
      done: new Promise<void>((resolve) => {
        finish = resolve;
      }),
      stop: (end) => running?.stop(end),
    };
    executions.push(record);
    machinesByRecord.set(record, request.machine);
    emit(record, {
      type: 'ExecutionStarted',
      arn,
      input: request.input,
      ...(request.startedBy === undefined ? {} : { startedBy: request.startedBy }),
    });
    const context: JsonObject = {
      Execution: {
        Id: arn,
        // The context object carries the execution input, as on AWS: `$$.Execution.Input`.
        Input: request.input,
        Name: name,
        StartTime: clock.iso(),
        RoleArn: simulatedRoleArn(stateMachine),
      },
      StateMachine: { Id: stateMachineArn, Name: stateMachine },
    };
    running = runExecution({
      machine: request.machine,
      input: request.input,
      context,
      clock,
      mintToken,
      runTarget: (state, target, input, token) => runTarget(record, state, target, input, token),
      emit: (event) => emit(record, event),
    });
    const aborts =
      level === 0 ? [] : config.abort.filter((abort) => abort.stateMachine === stateMachine);
    const abortTimers = aborts.map((abort) => {
      const timer = clock.after(abort.afterSeconds * 1000);
      void timer.fired.then(() =>
        record.stop({ status: 'ABORTED', error: abort.error ?? '', cause: abort.cause ?? '' }),
      );
      return timer;
    });
    running.ended
      .then(
        (end) => {
          record.end = end;
        },
        (error: unknown) => {
          record.end = { status: 'FAILED', error: 'Simulator.InternalError', cause: String(error) };
        },
      )
      .finally(() => {
        record.stoppedAt = clock.now();
        for (const timer of abortTimers) timer.cancel();
        runLimits.ended(`${stateMachine}/${name}`);
        notifySafetyNet(record);
        finish();
      });
    return record;
  };

  let interrupted = false;
  return {
    events,
    signals,
    executions,
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
      for (const execution of executions.filter((record) => record.end === undefined))
        execution.stop({
          status: 'ABORTED',
          error: 'Simulator.Interrupted',
          cause: 'The simulation was interrupted.',
        });
    },
    start,
    async settled() {
      let count: number;
      let delivered: number;
      do {
        count = executions.length;
        delivered = deliveries.size;
        await Promise.all(executions.map((execution) => execution.done));
        await Promise.all(deliveries.values());
      } while (executions.length !== count || deliveries.size !== delivered);
    },
    async close() {
      timeLimit.cancel();
      clock.stop();
      await container?.close();
      await endpoint.close();
    },
  };
}

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

function assertNever(value: never): never {
  throw new TypeError(`Unhandled task target: ${JSON.stringify(value)}`);
}
