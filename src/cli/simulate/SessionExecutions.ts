import type { Json, JsonObject } from '../check/Json.ts';
import type { ExecutionRecord } from './ExecutionRecord.ts';
import type { PreparedMachine } from './prepareMachine.ts';
import type { TaskTarget } from './resolveTaskTarget.ts';
import { type RunningExecution, runExecution } from './runExecution.ts';
import type { Emit } from './SessionTrace.ts';
import type { SimConfig } from './SimConfig.ts';
import type { StartedBy } from './SimEvent.ts';
import {
  simulatedExecutionArn,
  simulatedRoleArn,
  simulatedStateMachineArn,
} from './simulatedAccount.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** What starts an execution. */
export interface StartRequest {
  readonly machine: PreparedMachine;
  readonly stateMachine: string;
  readonly name: string;
  readonly input: Json;
  readonly level: number;
  readonly startedBy?: StartedBy;
}

/** What `createSessionExecutions` needs. */
export interface SessionExecutionsDeps {
  readonly clock: VirtualClock;
  /** The stops (StopExecution) the configuration schedules for children. */
  readonly aborts: SimConfig['abort'];
  readonly emit: Emit;
  readonly mintToken: () => string;
  /** Runs a Task's target for `execution`; a token is passed to `startExecution` Tasks. */
  readonly runTarget: (
    execution: ExecutionRecord,
    state: string,
    target: TaskTarget,
    input: Json,
    token: string | undefined,
  ) => Promise<Json>;
  /** Called once an execution has ended and its end and stop date are recorded. */
  readonly onEnded: (record: ExecutionRecord) => void;
}

/** Every execution of the session, in the order they started. */
export interface SessionExecutions {
  readonly all: readonly ExecutionRecord[];
  start(request: StartRequest): ExecutionRecord;
  /** The top-level `TimeoutSeconds` and `HeartbeatSeconds` of a `startExecution` Task of `parent`. */
  taskTimeouts(
    parent: ExecutionRecord,
    state: string,
  ): { readonly timeoutSeconds?: number; readonly heartbeatSeconds?: number };
}

/**
 * Creates the session's executions: each runs on the ASL engine with its context object, the
 * configured stops of its state machine, and a record that says how it ended.
 *
 * @example
 * const executions = createSessionExecutions({ clock, aborts, emit, mintToken, runTarget, onEnded });
 * const record = executions.start({ machine, stateMachine: 'Parent', name, input, level: 0 });
 * await record.done;
 */
export function createSessionExecutions(deps: SessionExecutionsDeps): SessionExecutions {
  const { clock, emit } = deps;
  const all: ExecutionRecord[] = [];
  const machinesByRecord = new Map<ExecutionRecord, PreparedMachine>();

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
    all.push(record);
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
      mintToken: deps.mintToken,
      runTarget: (state, target, input, token) =>
        deps.runTarget(record, state, target, input, token),
      emit: (event) => emit(record, event),
    });
    const aborts = deps.aborts.filter((abort) => abort.stateMachine === stateMachine);
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
        deps.onEnded(record);
        finish();
      });
    return record;
  };

  return {
    all,
    start,
    taskTimeouts: (parent, state) => machinesByRecord.get(parent)?.taskTimeouts.get(state) ?? {},
  };
}
