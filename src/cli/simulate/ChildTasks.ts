import { randomUUID } from 'node:crypto';
import type { Json } from '../check/Json.ts';
import { abandonedTokenError } from './abandonedTokenError.ts';
import type { CloserInvoker } from './CloserInvoker.ts';
import type { CallbackEndpoint } from './callbackEndpoint.ts';
import { describeRecord } from './describeRecord.ts';
import type { ExecutionRecord } from './ExecutionRecord.ts';
import { engineTimeoutError } from './engineTimeoutError.ts';
import { SimulatedTaskError } from './errors.ts';
import { matchChild } from './matchChild.ts';
import type { PreparedMachine } from './prepareMachine.ts';
import { readStartParameters } from './readStartParameters.ts';
import type { StartExecutionPattern } from './resolveTaskTarget.ts';
import type { SessionExecutions } from './SessionExecutions.ts';
import type { SessionSafetyNet } from './SessionSafetyNet.ts';
import type { Emit } from './SessionTrace.ts';
import { simulatedExecutionArn } from './simulatedAccount.ts';
import { managingTaskAbortedCause, syncTaskResult } from './syncTaskResult.ts';
import { describeToken } from './taskToken.ts';
import type { VirtualClock } from './VirtualClock.ts';
import { type TokenWait, waitForToken } from './waitForToken.ts';

/** A Task's `TimeoutSeconds` and `HeartbeatSeconds`, when it sets them. */
type TaskTimeouts = ReturnType<SessionExecutions['taskTimeouts']>;

/** The child a task token was passed to, and the parent Task that waits on it. */
export interface TokenHolder {
  readonly child: ExecutionRecord;
  readonly parent: ExecutionRecord;
  readonly state: string;
  wait?: TokenWait;
}

/** What `createChildTasks` needs. */
export interface ChildTasksDeps {
  readonly maxDepth: number;
  /** Prepared child machines, keyed by the names `StateMachineArn`s are matched against. */
  readonly children: ReadonlyMap<string, PreparedMachine>;
  readonly endpoint: Pick<CallbackEndpoint, 'open' | 'expire' | 'outcomeOf'>;
  readonly clock: VirtualClock;
  readonly emit: Emit;
  readonly executions: Pick<SessionExecutions, 'start' | 'taskTimeouts'>;
  readonly settleSignaller: CloserInvoker['settleSignaller'];
  readonly deliveries: SessionSafetyNet['deliveries'];
}

/** The `startExecution` Tasks of the session: each starts a child and waits for it. */
export interface ChildTasks {
  /**
   * Starts the child a parent Task names and waits, as the Task's pattern says, for a signal with
   * `token`, the child's end (`.sync`, `.sync:2`), a timeout, or the parent's end.
   */
  startChildAndWait(
    parent: ExecutionRecord,
    state: string,
    parameters: Json,
    pattern: StartExecutionPattern,
    token: string | undefined,
  ): Promise<Json>;
  /** Who holds a token (as `describeToken` shows it), if a child was started with it. */
  holderOf(token: string): TokenHolder | undefined;
}

/**
 * Creates the session's child Tasks.
 *
 * @example
 * const childTasks = createChildTasks({ maxDepth, children, endpoint, clock, emit, executions,
 *   settleSignaller, deliveries });
 * const output = await childTasks.startChildAndWait(parent, 'Sub', parameters, 'sync:2', undefined);
 */
export function createChildTasks(deps: ChildTasksDeps): ChildTasks {
  const { endpoint, clock, emit } = deps;
  const holders = new Map<string, TokenHolder>();

  const startChildAndWait = async (
    parent: ExecutionRecord,
    state: string,
    parameters: Json,
    pattern: StartExecutionPattern,
    token: string | undefined,
  ): Promise<Json> => {
    const request = readStartParameters(parameters);
    const match = matchChild(request.stateMachineArn, [...deps.children.keys()]);
    const machine = match.kind === 'found' ? deps.children.get(match.name) : undefined;
    if (match.kind !== 'found' || machine === undefined) {
      throw new SimulatedTaskError(
        'StepFunctions.StateMachineDoesNotExistException',
        `State Machine Does Not Exist: '${request.stateMachineArn}' (no child of that name was given to the simulator)`,
      );
    }
    if (parent.level + 1 > deps.maxDepth) {
      throw new SimulatedTaskError(
        'Simulator.MaxDepthExceeded',
        `Sub steps nest deeper than maxDepth ${deps.maxDepth}; is a child starting itself?`,
      );
    }
    // A .sync Task that passes no token cannot be signalled: only the child's end completes it.
    const closed = token === undefined ? new Promise<never>(() => undefined) : endpoint.open(token);
    const name = request.name ?? randomUUID();
    const timeouts = deps.executions.taskTimeouts(parent, state);
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
    const child = deps.executions.start({
      machine,
      stateMachine: match.name,
      name,
      input: request.input,
      level: parent.level + 1,
      startedBy: { execution: parent.name, stateMachine: parent.stateMachine, state },
    });
    // StartExecution's own response, as the Request Response pattern returns it (PascalCase,
    // StartDate in epoch milliseconds; AWS adds SDK response metadata, left out here).
    if (pattern === 'request') return { ExecutionArn: child.arn, StartDate: child.startedAt };
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
      if (waited.kind === 'childEnded' && (pattern === 'sync' || pattern === 'sync:2'))
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
    await deps.settleSignaller(child);
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
    pattern: 'sync' | 'sync:2',
  ): Json => {
    const ended = describeRecord(child, clock);
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
    timeouts: TaskTimeouts,
  ) => {
    void child.done
      .then(() => deps.deliveries.get(child))
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

  return {
    startChildAndWait,
    holderOf: (token) => holders.get(token),
  };
}
