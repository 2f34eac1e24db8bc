import { SimulatedTaskError } from './errors.ts';
import type { ExecutionStatus } from './SimEvent.ts';

/** The child that held the token, as far as the message needs it. */
export interface AbandoningChild {
  readonly stateMachine: string;
  readonly name: string;
  readonly status?: ExecutionStatus;
}

/** The waiting Task's own limits. */
export interface WaitLimits {
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
}

/**
 * The error a waiting Task fails with when its child ended without closing the token. On AWS the
 * Task would wait for its `TimeoutSeconds` (`States.Timeout`) or `HeartbeatSeconds`
 * (`States.HeartbeatTimeout`), unless the safety net signalled; in a local run nobody else can
 * close the token: the Task waits, on the virtual clock, as it would on AWS.
 *
 * @example
 * abandonedTokenError({ stateMachine: 'Child', name: 'run-1', status: 'FAILED' }, { timeoutSeconds: 3600 }).name;
 * // 'States.Timeout'
 */
export function abandonedTokenError(
  child: AbandoningChild,
  limits: WaitLimits,
): SimulatedTaskError {
  const wait =
    limits.timeoutSeconds !== undefined
      ? `waits TimeoutSeconds (${limits.timeoutSeconds} s)`
      : limits.heartbeatSeconds !== undefined
        ? `waits HeartbeatSeconds (${limits.heartbeatSeconds} s)`
        : 'waits up to a year (it sets no TimeoutSeconds)';
  const error =
    limits.timeoutSeconds === undefined && limits.heartbeatSeconds !== undefined
      ? 'States.HeartbeatTimeout'
      : 'States.Timeout';
  return new SimulatedTaskError(
    error,
    `The child ${child.stateMachine}/${child.name} ${child.status ?? 'ENDED'} without closing the task token. ` +
      `This Task ${wait} unless the safety net signals, on the simulation's virtual clock as on AWS.`,
  );
}
