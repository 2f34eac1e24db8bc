/**
 * A state's `Retry` as Step Functions applies it. The delay before retry `n` (1-based) is
 * `IntervalSeconds × BackoffRate^(n-1)`, capped by `MaxDelaySeconds`; with `JitterStrategy: "FULL"`
 * it is a random number between 0 and that (the ASL Retry fields, and the CDK's `JitterType.FULL`:
 * "a random number between 0 and the computed backoff for the given retry attempt count").
 * Defaults as in the ASL: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2, no jitter, no cap.
 *
 * @example
 * retryDelayMs({ IntervalSeconds: 1, BackoffRate: 2, MaxDelaySeconds: 8, JitterStrategy: 'FULL' }, 5);
 * // a number between 0 and 8,000
 */
export function retryDelayMs(retrier, retryNumber, random = Math.random) {
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  const uncapped = interval * backoff ** (retryNumber - 1);
  const capped =
    retrier.MaxDelaySeconds === undefined ? uncapped : Math.min(uncapped, retrier.MaxDelaySeconds);
  return (retrier.JitterStrategy === 'FULL' ? random() * capped : capped) * 1000;
}

/** The retrier of `retry` whose `ErrorEquals` matches `errorName`, as Step Functions picks it. */
export function matchingRetrier(retry, errorName) {
  return retry.find(
    (retrier) =>
      retrier.ErrorEquals.includes(errorName) ||
      (retrier.ErrorEquals.includes('States.ALL') && !errorName.startsWith('States.Runtime')),
  );
}
