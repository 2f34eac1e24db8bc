/**
 * The metric names alarms and dashboards are built on (docs/deploying.md, "Metrics"), spelled out
 * here rather than imported from the source, so that renaming one in the source fails the tests.
 */
export const CLOSER_METRICS = [
  'VerdictSucceeded',
  'VerdictFailed',
  'InputRejected',
  'ParentNotified',
  'ParentNone',
  'ParentGone',
  'SignalFailed',
];

/** The safety net's metrics (dimension `Source` = `SafetyNet`). */
export const SAFETY_NET_METRICS = [
  'ParentNotified',
  'ParentGone',
  'ParentNone',
  'Unrecognized',
  'SignalFailed',
];
