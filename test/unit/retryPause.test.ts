import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/cli/check/Json.ts';
import { retryPause } from '../../src/cli/simulate/retryPause.ts';

// The retrier fields as the Step Functions developer guide ("Handling errors in Step Functions
// workflows", Retrier fields) defines them: IntervalSeconds is the wait before the first retry
// (1 by default); BackoffRate multiplies it after each retry (2.0 by default); MaxAttempts is the
// number of retries (3 by default; 0 means never retried); MaxDelaySeconds caps the growth of the
// interval; JitterStrategy FULL makes the wait "a random number between 0 and the computed
// backoff for the given retry attempt count" (CDK JitterType.FULL).

const failure = { name: 'Service.Unavailable', retryable: true } as const;

/** The pauses, in ms, of `count` consecutive failures with `error` against `retriers`. */
function pausesOf(
  retriers: readonly Json[],
  count: number,
  error: Parameters<typeof retryPause>[1] = failure,
  random?: () => number,
): (number | undefined)[] {
  const attempts: number[] = [];
  return Array.from({ length: count }, () => retryPause(retriers, error, attempts, random)?.ms);
}

/** A random source that fails the test when the code asks it for a number. */
function forbiddenRandom(): number {
  throw new Error('random() must not be called without JitterStrategy FULL');
}

describe('retryPause', () => {
  describe('the AWS backoff formula: IntervalSeconds × BackoffRate^(retries made), capped', () => {
    it('uses IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3 when the retrier names none', () => {
      expect(pausesOf([{ ErrorEquals: ['States.ALL'] }], 4)).toEqual([
        1_000,
        2_000,
        4_000,
        undefined,
      ]);
    });

    it('waits 3 s and then 4.5 s with IntervalSeconds 3, BackoffRate 1.5, MaxAttempts 2 (the AWS workshop example)', () => {
      const retrier = {
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 3,
        BackoffRate: 1.5,
        MaxAttempts: 2,
      };

      expect(pausesOf([retrier], 3)).toEqual([3_000, 4_500, undefined]);
    });

    it('keeps the pause constant with BackoffRate 1', () => {
      const retrier = {
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 7,
        BackoffRate: 1,
        MaxAttempts: 4,
      };

      expect(pausesOf([retrier], 4)).toEqual([7_000, 7_000, 7_000, 7_000]);
    });

    it('caps the grown pause at MaxDelaySeconds', () => {
      const retrier = {
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 1,
        BackoffRate: 3,
        MaxAttempts: 5,
        MaxDelaySeconds: 10,
      };

      expect(pausesOf([retrier], 5)).toEqual([1_000, 3_000, 9_000, 10_000, 10_000]);
    });

    it('caps even the first pause when IntervalSeconds exceeds MaxDelaySeconds', () => {
      const retrier = { ErrorEquals: ['States.ALL'], IntervalSeconds: 30, MaxDelaySeconds: 5 };

      expect(pausesOf([retrier], 1)).toEqual([5_000]);
    });

    it('retries at once with IntervalSeconds 0', () => {
      const retrier = { ErrorEquals: ['States.ALL'], IntervalSeconds: 0 };

      expect(pausesOf([retrier], 3)).toEqual([0, 0, 0]);
    });

    it('never retries with MaxAttempts 0', () => {
      expect(pausesOf([{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }], 1)).toEqual([undefined]);
    });

    it('counts the retries made in the attempts array it is given', () => {
      const attempts = [2];

      const pause = retryPause([{ ErrorEquals: ['States.ALL'] }], failure, attempts);

      expect(pause).toEqual({ retrier: 0, ms: 4_000 });
      expect(attempts).toEqual([3]);
    });

    it('leaves the attempts array alone when it does not retry', () => {
      const attempts = [3];

      expect(retryPause([{ ErrorEquals: ['States.ALL'] }], failure, attempts)).toBeUndefined();
      expect(attempts).toEqual([3]);
    });
  });

  describe('JitterStrategy FULL', () => {
    const jittered = {
      ErrorEquals: ['States.ALL'],
      IntervalSeconds: 2,
      BackoffRate: 2,
      MaxAttempts: 5,
      MaxDelaySeconds: 10,
      JitterStrategy: 'FULL',
    };

    it('scales the computed pause by the random draw', () => {
      expect(pausesOf([jittered], 3, failure, () => 0.25)).toEqual([500, 1_000, 2_000]);
    });

    it('draws below the MaxDelaySeconds cap, not below the uncapped backoff', () => {
      // Retry 4 computes 2 × 2^3 = 16 s, capped to 10 s; a draw of 0.5 then gives 5 s, not 8 s.
      expect(pausesOf([jittered], 4, failure, () => 0.5)).toEqual([1_000, 2_000, 4_000, 5_000]);
    });

    it('can pause for no time at all', () => {
      expect(pausesOf([jittered], 2, failure, () => 0)).toEqual([0, 0]);
    });

    it('stays within [0, the capped backoff] with the default random source', () => {
      // Deterministic bounds over a fixed number of draws: these hold for any random sequence.
      const draws = Array.from({ length: 500 }, () => {
        const attempts = [3]; // the fourth retry: 16 s computed, 10 s after the cap
        return retryPause([jittered], failure, attempts)?.ms ?? Number.NaN;
      });

      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(10_000);
    });

    it('does not draw a random number without JitterStrategy FULL', () => {
      const retriers = [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'NONE' }];

      expect(pausesOf(retriers, 2, failure, forbiddenRandom)).toEqual([1_000, 2_000]);
    });
  });

  describe('choosing the retrier', () => {
    it('uses the first retrier that names the error, and says which', () => {
      const retriers = [
        { ErrorEquals: ['Other.Error'], IntervalSeconds: 9 },
        { ErrorEquals: ['Service.Unavailable'], IntervalSeconds: 4 },
        { ErrorEquals: ['States.ALL'], IntervalSeconds: 1 },
      ];

      expect(retryPause(retriers, failure, [])).toEqual({ retrier: 1, ms: 4_000 });
    });

    it('does not fall through to a later retrier once the matching one is exhausted', () => {
      const retriers = [
        { ErrorEquals: ['Service.Unavailable'], MaxAttempts: 1 },
        { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
      ];

      expect(pausesOf(retriers, 2)).toEqual([1_000, undefined]);
    });

    it('keeps one backoff count per retrier', () => {
      const retriers = [
        { ErrorEquals: ['Error.A'], IntervalSeconds: 1 },
        { ErrorEquals: ['Error.B'], IntervalSeconds: 10 },
      ];
      const attempts: number[] = [];
      const a = { name: 'Error.A', retryable: true };
      const b = { name: 'Error.B', retryable: true };

      const pauses = [a, a, b, a, b].map((error) => retryPause(retriers, error, attempts));

      expect(pauses).toEqual([
        { retrier: 0, ms: 1_000 },
        { retrier: 0, ms: 2_000 },
        { retrier: 1, ms: 10_000 },
        { retrier: 0, ms: 4_000 },
        { retrier: 1, ms: 20_000 },
      ]);
      expect(attempts).toEqual([3, 2]);
    });

    it('matches any error with States.ALL', () => {
      const pause = retryPause(
        [{ ErrorEquals: ['States.ALL'] }],
        { name: 'Anything', retryable: true },
        [],
      );

      expect(pause?.retrier).toBe(0);
    });

    it('matches any error but States.Timeout with States.TaskFailed', () => {
      // "States.TaskFailed acts as a wildcard that matches any known error name except for
      // States.Timeout" (Step Functions error names).
      const retriers = [
        { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1 },
        { ErrorEquals: ['States.Timeout'], IntervalSeconds: 5 },
      ];
      const timeout = { name: 'States.Timeout', retryable: true, timeout: true };

      expect(retryPause(retriers, failure, [])).toEqual({ retrier: 0, ms: 1_000 });
      expect(retryPause(retriers, timeout, [])).toEqual({ retrier: 1, ms: 5_000 });
    });

    it('does not retry an error no retrier names', () => {
      const retriers = [{ ErrorEquals: ['Other.Error'] }];

      expect(retryPause(retriers, failure, [])).toBeUndefined();
    });

    it('does not retry an error the engine marks as not retryable, even under States.ALL', () => {
      // States.Runtime is never retried ("A retry or catch on States.ALL won't catch
      // States.Runtime errors").
      const runtime = { name: 'States.Runtime', retryable: false };
      const attempts: number[] = [];

      expect(retryPause([{ ErrorEquals: ['States.ALL'] }], runtime, attempts)).toBeUndefined();
      expect(attempts).toEqual([]);
    });

    it('does not retry a state without retriers', () => {
      expect(retryPause([], failure, [])).toBeUndefined();
    });

    it('skips a malformed retrier and keeps the retrier index of the array', () => {
      const retriers: Json[] = [
        'not a retrier',
        { IntervalSeconds: 3 },
        { ErrorEquals: ['States.ALL'] },
      ];

      expect(retryPause(retriers, failure, [])).toEqual({ retrier: 2, ms: 1_000 });
    });
  });
});
