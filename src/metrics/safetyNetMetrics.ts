import type { SafetyNetSummary } from '../safety-net/SafetyNetSummary.ts';

/**
 * The safety net's metrics (dimension `Source` = `SafetyNet`), in the order they appear in the
 * line. Every line carries all of them, each 0 or 1, and exactly one is 1.
 */
export const SAFETY_NET_METRIC_NAMES = [
  'ParentNotified',
  'ParentGone',
  'ParentNone',
  'Unrecognized',
  'SignalFailed',
] as const;

export type SafetyNetMetricName = (typeof SAFETY_NET_METRIC_NAMES)[number];

/**
 * How one safety-net invocation ended: the summary it returned, or `RETHROWN` when it threw
 * `Closer.ParentUnreachable` so that Lambda retries the asynchronous invocation.
 */
export type SafetyNetOutcome = SafetyNetSummary['safetyNet'] | 'RETHROWN';

/**
 * The safety net's metric values for one invocation. Pure.
 *
 * | outcome              | metric           |
 * |----------------------|------------------|
 * | NOTIFIED             | `ParentNotified` |
 * | GONE                 | `ParentGone`     |
 * | NO_PARENT, IGNORED   | `ParentNone`     |
 * | UNRECOGNIZED         | `Unrecognized`   |
 * | REFUSED, RETHROWN    | `SignalFailed`   |
 *
 * A rethrown invocation is retried by Lambda (twice by default), so one stopped child can count
 * up to three `SignalFailed`, and then a `ParentNotified` or `ParentGone` if a retry gets through.
 *
 * @example
 * safetyNetMetrics('GONE');
 * // { ParentNotified: 0, ParentGone: 1, ParentNone: 0, Unrecognized: 0, SignalFailed: 0 }
 */
export function safetyNetMetrics(outcome: SafetyNetOutcome): Record<SafetyNetMetricName, 0 | 1> {
  const values: Record<SafetyNetMetricName, 0 | 1> = { ...NONE };
  values[METRIC_OF[outcome]] = 1;
  return values;
}

// A Record over the whole union: the compiler rejects it if an outcome is added and not mapped.
const METRIC_OF: Readonly<Record<SafetyNetOutcome, SafetyNetMetricName>> = {
  NOTIFIED: 'ParentNotified',
  GONE: 'ParentGone',
  NO_PARENT: 'ParentNone',
  IGNORED: 'ParentNone',
  UNRECOGNIZED: 'Unrecognized',
  REFUSED: 'SignalFailed',
  RETHROWN: 'SignalFailed',
};

const NONE: Record<SafetyNetMetricName, 0> = {
  ParentNotified: 0,
  ParentGone: 0,
  ParentNone: 0,
  Unrecognized: 0,
  SignalFailed: 0,
};
