import type { CloserResult } from '../closer/CloserResult.ts';
import { SignalErrorName } from '../errors.ts';

/**
 * The Closer's metrics (dimension `Source` = `Closer`), in the order they appear in the line.
 * Every line carries all of them, each 0 or 1, so that a metric has a value (0) even in a minute
 * when its outcome never happened and an alarm on it sees data instead of "missing".
 */
export const CLOSER_METRIC_NAMES = [
  'VerdictSucceeded',
  'VerdictFailed',
  'InputRejected',
  'ParentNotified',
  'ParentNone',
  'ParentGone',
  'SignalFailed',
] as const;

export type CloserMetricName = (typeof CLOSER_METRIC_NAMES)[number];

/** How one Closer invocation ended: with a result, or with a thrown error (a failed signal). */
export type CloserOutcome =
  | { readonly kind: 'returned'; readonly result: CloserResult }
  | { readonly kind: 'threw' };

/**
 * The Closer's metric values for one invocation. Pure.
 *
 * - `ParentNotified` / `ParentNone` / `ParentGone`: the result's `parent`.
 * - `SignalFailed`: the invocation threw (`Closer.ParentUnreachable` or `Closer.ParentRejected`):
 *   the parent was not signalled by this attempt.
 * - `VerdictSucceeded` / `VerdictFailed`: the verdict the invocation returned. A thrown attempt
 *   counts neither, so a Closer that `Closer:Send` retries is counted once, by the attempt that
 *   returns; one whose retries all throw shows only as `SignalFailed`.
 * - `InputRejected`: the result's error is `SubStep.InvalidPayload`: the payload broke the
 *   contract (bad `meta`, `meta.status`, shim instruction or token). Also a `VerdictFailed`.
 *
 * Exactly one of the four parent metrics is 1 on every line.
 *
 * @example
 * closerMetrics({ kind: 'returned', result: { message: 'SUCCEEDED', parent: 'NOTIFIED' } });
 * // { VerdictSucceeded: 1, VerdictFailed: 0, InputRejected: 0, ParentNotified: 1, ParentNone: 0,
 * //   ParentGone: 0, SignalFailed: 0 }
 */
export function closerMetrics(outcome: CloserOutcome): Record<CloserMetricName, 0 | 1> {
  if (outcome.kind === 'threw') {
    return { ...NONE, SignalFailed: 1 };
  }
  const { result } = outcome;
  return {
    ...NONE,
    VerdictSucceeded: result.message === 'SUCCEEDED' ? 1 : 0,
    VerdictFailed: result.message === 'FAILED' ? 1 : 0,
    InputRejected: result.error === SignalErrorName.invalidPayload ? 1 : 0,
    ParentNotified: result.parent === 'NOTIFIED' ? 1 : 0,
    ParentNone: result.parent === 'NONE' ? 1 : 0,
    ParentGone: result.parent === 'GONE' ? 1 : 0,
  };
}

const NONE: Record<CloserMetricName, 0> = {
  VerdictSucceeded: 0,
  VerdictFailed: 0,
  InputRejected: 0,
  ParentNotified: 0,
  ParentNone: 0,
  ParentGone: 0,
  SignalFailed: 0,
};
