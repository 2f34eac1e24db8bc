import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/cli/simulate/VirtualClock.ts';

const START = Date.parse('2026-01-01T00:00:00.000Z');

/**
 * Lets `count` macrotask turns pass. The clock advances only after two quiet turns, so a few
 * dozen turns are far more than an idle clock needs to fire its next timer: counting turns, not
 * milliseconds, keeps these tests free of real-time assumptions.
 */
async function macrotaskTurns(count: number): Promise<void> {
  for (let turn = 0; turn < count; turn += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Resolves after `ms` of real time: stands for I/O the clock cannot see (a Lambda container). */
function realDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('VirtualClock', () => {
  describe('reading the time', () => {
    it('starts at the given instant with nothing elapsed', () => {
      const clock = new VirtualClock(START);

      expect(clock.now()).toBe(START);
      expect(clock.elapsed()).toBe(0);
      expect(clock.iso()).toBe('2026-01-01T00:00:00.000Z');
    });

    it('reports the jumped-to instant as epoch milliseconds, elapsed milliseconds and ISO 8601', async () => {
      const clock = new VirtualClock(START);

      await clock.sleep(90_500);

      expect(clock.now()).toBe(START + 90_500);
      expect(clock.elapsed()).toBe(90_500);
      expect(clock.iso()).toBe('2026-01-01T00:01:30.500Z');
    });

    it('has no next instant while no timer is pending', () => {
      expect(new VirtualClock(START).nextAt()).toBeUndefined();
    });

    it('names the earliest pending instant, whatever order the timers were made in', () => {
      const clock = new VirtualClock(START);

      clock.after(5_000);
      clock.after(1_000);
      clock.after(3_000);

      expect(clock.nextAt()).toBe(START + 1_000);
    });
  });

  describe('advancing', () => {
    it('jumps a day of virtual time to fire a timer', async () => {
      const clock = new VirtualClock(START);
      const day = 24 * 3_600_000;

      await clock.after(day).fired;

      expect(clock.elapsed()).toBe(day);
    });

    it('does not move while a timer is merely pending and nothing has let the event loop turn', () => {
      const clock = new VirtualClock(START);

      clock.after(1_000);

      expect(clock.now()).toBe(START);
    });

    it('fires timers in order of their due time, not of their creation', async () => {
      const clock = new VirtualClock(START);
      const fired: string[] = [];

      const late = clock.after(5_000);
      const early = clock.after(1_000);
      const middle = clock.after(3_000);
      void late.fired.then(() => fired.push(`late@${clock.elapsed()}`));
      void early.fired.then(() => fired.push(`early@${clock.elapsed()}`));
      void middle.fired.then(() => fired.push(`middle@${clock.elapsed()}`));
      await late.fired;

      expect(fired).toEqual(['early@1000', 'middle@3000', 'late@5000']);
    });

    it('stops at the earliest instant and fires nothing due later', async () => {
      const clock = new VirtualClock(START);
      let lateFired = false;
      void clock.after(5_000).fired.then(() => {
        lateFired = true;
      });

      await clock.after(1_000).fired;

      expect(clock.elapsed()).toBe(1_000);
      expect(lateFired).toBe(false);
      expect(clock.nextAt()).toBe(START + 5_000);
    });

    it('fires timers due at the same instant together, in creation order', async () => {
      const clock = new VirtualClock(START);
      const fired: string[] = [];

      const first = clock.after(2_000);
      const second = clock.after(2_000);
      void second.fired.then(() => fired.push(`second@${clock.elapsed()}`));
      void first.fired.then(() => fired.push(`first@${clock.elapsed()}`));
      await Promise.all([first.fired, second.fired]);

      expect(fired).toEqual(['first@2000', 'second@2000']);
    });

    it('measures a timer from the virtual time it was made at', async () => {
      const clock = new VirtualClock(START);

      await clock.sleep(1_000);
      await clock.sleep(2_000);

      expect(clock.elapsed()).toBe(3_000);
    });

    it('treats a negative delay as zero: the timer fires without moving time', async () => {
      const clock = new VirtualClock(START);

      const timer = clock.after(-500);
      expect(clock.nextAt()).toBe(START);
      await timer.fired;

      expect(clock.now()).toBe(START);
    });
  });

  describe('cancel', () => {
    it('keeps a cancelled timer from firing and time from jumping to its instant', async () => {
      const clock = new VirtualClock(START);
      let cancelledFired = false;
      const cancelled = clock.after(1_000);
      void cancelled.fired.then(() => {
        cancelledFired = true;
      });
      const kept = clock.after(10_000);

      cancelled.cancel();
      expect(clock.nextAt()).toBe(START + 10_000);
      // A callback that would have run at 1 s sees the clock at 10 s at the earliest.
      await kept.fired;

      expect(cancelledFired).toBe(false);
      expect(clock.elapsed()).toBe(10_000);
    });

    it('cancels only its own timer when another is due at the same instant', async () => {
      const clock = new VirtualClock(START);
      let cancelledFired = false;
      const cancelled = clock.after(1_000);
      void cancelled.fired.then(() => {
        cancelledFired = true;
      });
      const kept = clock.after(1_000);

      cancelled.cancel();
      await kept.fired;
      await macrotaskTurns(10);

      expect(cancelledFired).toBe(false);
    });

    it('leaves the clock idle at its time when the only timer is cancelled', async () => {
      const clock = new VirtualClock(START);

      clock.after(1_000).cancel();
      await macrotaskTurns(20);

      expect(clock.nextAt()).toBeUndefined();
      expect(clock.now()).toBe(START);
    });
  });

  describe('waiting for quiet', () => {
    it('lets promise-only work finish before time moves', async () => {
      const clock = new VirtualClock(START);
      let timerFired = false;
      void clock.after(1_000).fired.then(() => {
        timerFired = true;
      });

      // A long chain of continuations (like an engine stepping through states) is one turn.
      let seenAtEnd = -1;
      await (async () => {
        for (let step = 0; step < 1_000; step += 1) await Promise.resolve();
        seenAtEnd = clock.now();
      })();

      expect(seenAtEnd).toBe(START);
      expect(timerFired).toBe(false);
    });

    it('does not move while touch() records activity on every macrotask turn', async () => {
      const clock = new VirtualClock(START);
      let timerFired = false;
      const timer = clock.after(1_000);
      void timer.fired.then(() => {
        timerFired = true;
      });

      for (let turn = 0; turn < 30; turn += 1) {
        await macrotaskTurns(1);
        clock.touch();
      }

      expect(timerFired).toBe(false);
      expect(clock.now()).toBe(START);
      // Once the activity stops, the clock goes quiet and jumps.
      await timer.fired;
      expect(clock.elapsed()).toBe(1_000);
    });

    it('moves during macrotask turns that record no activity (what hold() exists to prevent)', async () => {
      const clock = new VirtualClock(START);
      let timerFired = false;
      void clock.after(1_000).fired.then(() => {
        timerFired = true;
      });

      await macrotaskTurns(30);

      expect(timerFired).toBe(true);
      expect(clock.elapsed()).toBe(1_000);
    });
  });

  describe('hold', () => {
    it('keeps time still while real asynchronous work runs', async () => {
      const clock = new VirtualClock(START);
      let timerFired = false;
      const timer = clock.after(1_000);
      void timer.fired.then(() => {
        timerFired = true;
      });

      const seenInside = await clock.hold(async () => {
        await realDelay(20);
        await macrotaskTurns(30);
        return { now: clock.now(), timerFired };
      });

      expect(seenInside).toEqual({ now: START, timerFired: false });
      await timer.fired;
      expect(clock.elapsed()).toBe(1_000);
    });

    it('keeps time still until the last of two overlapping holds ends', async () => {
      const clock = new VirtualClock(START);
      let timerFired = false;
      const timer = clock.after(1_000);
      void timer.fired.then(() => {
        timerFired = true;
      });
      const { promise: longWork, resolve: finishLongWork } = Promise.withResolvers<void>();

      const long = clock.hold(() => longWork);
      await clock.hold(() => macrotaskTurns(5));
      await macrotaskTurns(30);

      expect(timerFired).toBe(false);
      finishLongWork();
      await long;
      await timer.fired;
      expect(clock.elapsed()).toBe(1_000);
    });

    it('returns what the work returns', async () => {
      const clock = new VirtualClock(START);

      await expect(clock.hold(async () => 'result')).resolves.toBe('result');
    });

    it('rethrows the work’s error and lets time move again afterwards', async () => {
      const clock = new VirtualClock(START);
      const timer = clock.after(1_000);
      const failure = new Error('container crashed');

      await expect(
        clock.hold(async () => {
          await macrotaskTurns(3);
          throw failure;
        }),
      ).rejects.toBe(failure);
      await timer.fired;

      expect(clock.elapsed()).toBe(1_000);
    });
  });

  describe('stop', () => {
    it('drops pending timers: they never fire and time stays where it stopped', async () => {
      const clock = new VirtualClock(START);
      let timerFired = false;
      void clock.after(1_000).fired.then(() => {
        timerFired = true;
      });

      clock.stop();
      await macrotaskTurns(30);

      expect(timerFired).toBe(false);
      expect(clock.nextAt()).toBeUndefined();
      expect(clock.now()).toBe(START);
    });

    it('never fires a timer made after it stopped', async () => {
      const clock = new VirtualClock(START);
      await clock.sleep(500);
      clock.stop();
      let timerFired = false;

      void clock.after(1_000).fired.then(() => {
        timerFired = true;
      });
      clock.touch();
      await macrotaskTurns(30);

      expect(timerFired).toBe(false);
      expect(clock.elapsed()).toBe(500);
    });
  });
});
