import type { TokenOutcome } from './callbackEndpoint.ts';
import type { ClockTimer, VirtualClock } from './VirtualClock.ts';

/** How a Task waiting on a task token stopped waiting. */
export type TokenWaitEnd =
  | { readonly kind: 'signal'; readonly outcome: TokenOutcome }
  /** `TimeoutSeconds` passed. */
  | { readonly kind: 'timeout' }
  /** `HeartbeatSeconds` passed since the Task started or since the last heartbeat. */
  | { readonly kind: 'heartbeat' }
  /** The execution that waited ended (stopped, timed out, a run limit). */
  | { readonly kind: 'ended' }
  /** A `.sync` Task's child execution ended before any signal closed the token. */
  | { readonly kind: 'childEnded' };

/** Options of `waitForToken`. */
export interface TokenWaitOptions {
  readonly clock: VirtualClock;
  /** Settles when a signal closes the token. */
  readonly closed: Promise<TokenOutcome>;
  /** Settles when the waiting execution ends. */
  readonly ended: Promise<unknown>;
  /** `.sync` and `.sync:2` only: settles when the child execution ends, which ends the wait. */
  readonly childEnded?: Promise<unknown>;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
}

/** A wait in progress: `heartbeat()` restarts the heartbeat timer. */
export interface TokenWait {
  readonly end: Promise<TokenWaitEnd>;
  heartbeat(): void;
}

/**
 * Waits, on the virtual clock, for whichever comes first: a signal, the Task's `TimeoutSeconds`,
 * its `HeartbeatSeconds` without a heartbeat, or the end of the execution that waits. On AWS a
 * `SendTaskHeartbeat` restarts the heartbeat clock ("HeartbeatSeconds ... the task fails with a
 * States.HeartbeatTimeout error if no heartbeat is received in that time", Task state docs).
 *
 * @example
 * const wait = waitForToken({ clock, closed: endpoint.open(token), ended, timeoutSeconds: 60 });
 * const end = await wait.end; // { kind: 'timeout' } after 60 virtual seconds without a signal
 */
export function waitForToken(options: TokenWaitOptions): TokenWait {
  const { clock } = options;
  const timers: ClockTimer[] = [];
  let heartbeatTimer: ClockTimer | undefined;
  let onHeartbeatTimeout: () => void = () => undefined;
  const armHeartbeat = () => {
    if (options.heartbeatSeconds === undefined) return;
    heartbeatTimer?.cancel();
    heartbeatTimer = clock.after(options.heartbeatSeconds * 1000);
    const armed = heartbeatTimer;
    void armed.fired.then(() => {
      if (armed === heartbeatTimer) onHeartbeatTimeout();
    });
  };
  const racers: Promise<TokenWaitEnd>[] = [
    options.closed.then((outcome) => ({ kind: 'signal', outcome })),
    options.ended.then(() => ({ kind: 'ended' })),
    new Promise<TokenWaitEnd>((resolve) => {
      onHeartbeatTimeout = () => resolve({ kind: 'heartbeat' });
    }),
  ];
  if (options.childEnded !== undefined)
    racers.push(options.childEnded.then(() => ({ kind: 'childEnded' })));
  if (options.timeoutSeconds !== undefined) {
    const timer = clock.after(options.timeoutSeconds * 1000);
    timers.push(timer);
    racers.push(timer.fired.then(() => ({ kind: 'timeout' })));
  }
  armHeartbeat();
  const end = Promise.race(racers).finally(() => {
    for (const timer of timers) timer.cancel();
    heartbeatTimer?.cancel();
    heartbeatTimer = undefined;
  });
  return {
    end,
    heartbeat: () => {
      if (heartbeatTimer !== undefined) armHeartbeat();
    },
  };
}
