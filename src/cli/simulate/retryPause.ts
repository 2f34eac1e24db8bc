import { isJsonObject, type Json } from '../check/Json.ts';

/** The pause before a retry, and the retrier that takes it. */
export interface RetryPause {
  readonly retrier: number;
  readonly ms: number;
}

/**
 * Which retrier of a Task catches `error`, and how long Step Functions pauses before the retry
 * (Amazon States Language, "Retrying after an error"): the first retrier whose `ErrorEquals`
 * names the error, `States.ALL`, or `States.TaskFailed` (every error but `States.Timeout`) is
 * used; past its `MaxAttempts` (default 3) there is no retry. The pause is `IntervalSeconds`
 * (default 1) times `BackoffRate` (default 2) to the power of the attempts made so far, capped
 * by `MaxDelaySeconds`; `JitterStrategy: "FULL"` picks a random pause up to that.
 * `attempts` (one count per retrier) is updated when a retry is chosen. This mirrors the engine's
 * matching, so the pause the simulator takes belongs to the retry the engine then makes.
 *
 * @example
 * retryPause([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2 }], { name: 'Boom', retryable: true }, [0]);
 * // { retrier: 0, ms: 2000 }
 */
export function retryPause(
  retriers: readonly Json[],
  error: { readonly name: string; readonly retryable: boolean; readonly timeout?: boolean },
  attempts: number[],
  random: () => number = Math.random,
): RetryPause | undefined {
  if (!error.retryable) return undefined;
  for (const [index, retrier] of retriers.entries()) {
    if (!isJsonObject(retrier) || !Array.isArray(retrier['ErrorEquals'])) continue;
    const matches = retrier['ErrorEquals'].some(
      (name) =>
        name === error.name ||
        name === 'States.ALL' ||
        (name === 'States.TaskFailed' && error.timeout !== true),
    );
    if (!matches) continue;
    const made = attempts[index] ?? 0;
    if (made >= numberOr(retrier['MaxAttempts'], 3)) return undefined;
    attempts[index] = made + 1;
    const interval = numberOr(retrier['IntervalSeconds'], 1);
    const backoff = numberOr(retrier['BackoffRate'], 2);
    const cap = retrier['MaxDelaySeconds'];
    let seconds = interval * backoff ** made;
    if (typeof cap === 'number') seconds = Math.min(seconds, cap);
    if (retrier['JitterStrategy'] === 'FULL') seconds = random() * seconds;
    return { retrier: index, ms: seconds * 1000 };
  }
  return undefined;
}

function numberOr(value: Json | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
