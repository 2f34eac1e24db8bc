import { describe, expect, it } from 'vitest';
import type { TokenOutcome } from '../../src/cli/simulate/callbackEndpoint.ts';
import { VirtualClock } from '../../src/cli/simulate/VirtualClock.ts';
import { type TokenWaitOptions, waitForToken } from '../../src/cli/simulate/waitForToken.ts';

const START = Date.parse('2026-01-01T00:00:00.000Z');

const success: TokenOutcome = { kind: 'success', output: '{"ok":true}' };

/** A waiting Task's surroundings: the clock, a token a test can close, an execution it can end. */
function setup(timeouts: Pick<TokenWaitOptions, 'timeoutSeconds' | 'heartbeatSeconds'> = {}) {
  const clock = new VirtualClock(START);
  const closed = Promise.withResolvers<TokenOutcome>();
  const ended = Promise.withResolvers<unknown>();
  const wait = waitForToken({ clock, closed: closed.promise, ended: ended.promise, ...timeouts });
  return { clock, wait, signal: closed.resolve, endExecution: () => ended.resolve(undefined) };
}

describe('waitForToken', () => {
  describe('how a wait ends', () => {
    it('ends with the signal’s outcome when the token is closed', async () => {
      const { clock, wait, signal } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });

      signal(success);

      await expect(wait.end).resolves.toEqual({ kind: 'signal', outcome: success });
      expect(clock.elapsed()).toBe(0);
    });

    it('passes a failure outcome through unchanged', async () => {
      const { wait, signal } = setup({ timeoutSeconds: 60 });
      const failure: TokenOutcome = { kind: 'failure', error: 'SubStep.Failed', cause: 'boom' };

      signal(failure);

      await expect(wait.end).resolves.toEqual({ kind: 'signal', outcome: failure });
    });

    it('ends with a timeout after TimeoutSeconds of virtual time without a signal', async () => {
      const { clock, wait } = setup({ timeoutSeconds: 60 });

      await expect(wait.end).resolves.toEqual({ kind: 'timeout' });
      expect(clock.elapsed()).toBe(60_000);
    });

    it('ends with a heartbeat timeout after HeartbeatSeconds without a heartbeat', async () => {
      const { clock, wait } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });

      await expect(wait.end).resolves.toEqual({ kind: 'heartbeat' });
      expect(clock.elapsed()).toBe(10_000);
    });

    it('ends when the waiting execution ends', async () => {
      const { clock, wait, endExecution } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });

      endExecution();

      await expect(wait.end).resolves.toEqual({ kind: 'ended' });
      expect(clock.elapsed()).toBe(0);
    });

    it('sets no timer without TimeoutSeconds or HeartbeatSeconds: only a signal or the end of the execution ends it', async () => {
      const { clock, wait, signal } = setup();

      expect(clock.nextAt()).toBeUndefined();
      signal(success);

      await expect(wait.end).resolves.toEqual({ kind: 'signal', outcome: success });
    });

    it('times out a signal that comes later than TimeoutSeconds', async () => {
      const { clock, wait, signal } = setup({ timeoutSeconds: 60 });
      void clock.sleep(61_000).then(() => signal(success));

      await expect(wait.end).resolves.toEqual({ kind: 'timeout' });
    });

    it('takes a signal that comes before TimeoutSeconds', async () => {
      const { clock, wait, signal } = setup({ timeoutSeconds: 60 });
      void clock.sleep(59_000).then(() => signal(success));

      await expect(wait.end).resolves.toEqual({ kind: 'signal', outcome: success });
      expect(clock.elapsed()).toBe(59_000);
    });
  });

  describe('a .sync child', () => {
    it('ends the wait when the child ends first, and leaves no timer behind', async () => {
      const clock = new VirtualClock(START);
      const childEnded = Promise.withResolvers<unknown>();
      const wait = waitForToken({
        clock,
        closed: new Promise<TokenOutcome>(() => undefined),
        ended: new Promise(() => undefined),
        childEnded: childEnded.promise,
        timeoutSeconds: 60,
        heartbeatSeconds: 10,
      });

      childEnded.resolve(undefined);

      await expect(wait.end).resolves.toEqual({ kind: 'childEnded' });
      expect(clock.elapsed()).toBe(0);
      expect(clock.nextAt()).toBeUndefined();
    });

    it('keeps a signal that came before the child ended', async () => {
      const clock = new VirtualClock(START);
      const childEnded = Promise.withResolvers<unknown>();
      const wait = waitForToken({
        clock,
        closed: Promise.resolve(success),
        ended: new Promise(() => undefined),
        childEnded: childEnded.promise,
      });
      await wait.end;
      childEnded.resolve(undefined);

      await expect(wait.end).resolves.toEqual({ kind: 'signal', outcome: success });
    });
  });

  describe('heartbeats', () => {
    it('restarts the heartbeat timer on a heartbeat', async () => {
      const { clock, wait } = setup({ heartbeatSeconds: 10 });
      void clock.sleep(8_000).then(() => wait.heartbeat());

      await expect(wait.end).resolves.toEqual({ kind: 'heartbeat' });
      expect(clock.elapsed()).toBe(18_000);
    });

    it('replaces the pending heartbeat timer rather than adding one', async () => {
      const { clock, wait } = setup({ heartbeatSeconds: 10 });
      await clock.sleep(8_000);

      wait.heartbeat();

      expect(clock.nextAt()).toBe(START + 18_000);
    });

    it('keeps a Task alive with regular heartbeats until TimeoutSeconds, which heartbeats do not extend', async () => {
      // SendTaskHeartbeat: "The Timeout of a task ... is its maximum allowed duration, regardless
      // of the number of SendTaskHeartbeat requests received."
      const { clock, wait } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });
      let settled = false;
      void wait.end.then(() => {
        settled = true;
      });
      void (async () => {
        while (!settled) {
          await clock.sleep(8_000);
          wait.heartbeat();
        }
      })();

      await expect(wait.end).resolves.toEqual({ kind: 'timeout' });
      expect(clock.elapsed()).toBe(60_000);
      clock.stop(); // the heartbeat loop's last sleep
    });

    it('ignores heartbeats when the Task has no HeartbeatSeconds', async () => {
      const { clock, wait } = setup({ timeoutSeconds: 60 });
      await clock.sleep(30_000);

      wait.heartbeat();

      expect(clock.nextAt()).toBe(START + 60_000);
      await expect(wait.end).resolves.toEqual({ kind: 'timeout' });
      expect(clock.elapsed()).toBe(60_000);
    });

    it('sets no timer for a heartbeat when the Task has neither timeout', () => {
      const { clock, wait } = setup();

      wait.heartbeat();

      expect(clock.nextAt()).toBeUndefined();
    });

    it('does not let a heartbeat timer that already fired end a wait that a heartbeat has just re-armed', async () => {
      // The heartbeat lands on the very instant of the deadline, and is handled first: the stale
      // timer's callback must see that it was replaced.
      const clock = new VirtualClock(START);
      const heartbeatAtDeadline = clock.after(10_000);
      const wait = waitForToken({
        clock,
        closed: new Promise<TokenOutcome>(() => undefined),
        ended: new Promise<unknown>(() => undefined),
        heartbeatSeconds: 10,
      });
      void heartbeatAtDeadline.fired.then(() => wait.heartbeat());

      await expect(wait.end).resolves.toEqual({ kind: 'heartbeat' });
      expect(clock.elapsed()).toBe(20_000);
    });
  });

  describe('after the end', () => {
    it('cancels the timeout and heartbeat timers once a signal ended the wait', async () => {
      const { clock, wait, signal } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });

      signal(success);
      await wait.end;

      expect(clock.nextAt()).toBeUndefined();
    });

    it('cancels the timeout timer once the heartbeat timer ended the wait', async () => {
      const { clock, wait } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });

      await wait.end;

      expect(clock.nextAt()).toBeUndefined();
      expect(clock.elapsed()).toBe(10_000);
    });

    it('cancels the heartbeat timer once the timeout ended the wait', async () => {
      const { clock, wait } = setup({ timeoutSeconds: 15, heartbeatSeconds: 10 });
      void clock.sleep(8_000).then(() => wait.heartbeat());

      // Timeout at 15 s, with the re-armed heartbeat due at 18 s.
      await expect(wait.end).resolves.toEqual({ kind: 'timeout' });

      expect(clock.nextAt()).toBeUndefined();
    });

    it('cancels both timers once the execution ended', async () => {
      const { clock, wait, endExecution } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });

      endExecution();
      await wait.end;

      expect(clock.nextAt()).toBeUndefined();
    });

    it('arms no heartbeat timer for a heartbeat that comes after the end', async () => {
      const { clock, wait, signal } = setup({ timeoutSeconds: 60, heartbeatSeconds: 10 });
      signal(success);
      await wait.end;

      wait.heartbeat();

      expect(clock.nextAt()).toBeUndefined();
    });
  });

  describe('the first cause wins', () => {
    it('keeps the signal when the execution ends afterwards', async () => {
      const { wait, signal, endExecution } = setup({ timeoutSeconds: 60 });

      signal(success);
      endExecution();

      await expect(wait.end).resolves.toEqual({ kind: 'signal', outcome: success });
    });

    it('keeps the end of the execution when a signal comes afterwards', async () => {
      const { wait, signal, endExecution } = setup({ timeoutSeconds: 60 });

      endExecution();
      signal(success);

      await expect(wait.end).resolves.toEqual({ kind: 'ended' });
    });

    it('keeps the heartbeat timeout when TimeoutSeconds would pass later', async () => {
      const { wait } = setup({ timeoutSeconds: 11, heartbeatSeconds: 10 });

      await expect(wait.end).resolves.toEqual({ kind: 'heartbeat' });
    });

    it('keeps the timeout when HeartbeatSeconds would pass later', async () => {
      const { wait } = setup({ timeoutSeconds: 10, heartbeatSeconds: 11 });

      await expect(wait.end).resolves.toEqual({ kind: 'timeout' });
    });
  });
});
