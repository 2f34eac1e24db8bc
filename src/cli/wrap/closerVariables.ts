/**
 * The workflow variables the Closer section reads and writes. Variables hold any JSON value and no
 * state can drop them, so a caught failure is recorded whatever the payload's type (an array, a
 * string, null). Names are letters and digits, as Step Functions requires; values are at most
 * 256 KiB each (Step Functions quotas for variables).
 */
export const CloserVariable = {
  /** The error output (`{Error, Cause}`) of the last catch-all that fired. */
  caught: 'subStepCaught',
  /** The name of the state whose catch-all fired (`$$.State.Name` in the catcher). */
  caughtState: 'subStepCaughtState',
  /** Every caught error by state name, as the mark-failed step collects them. */
  errors: 'subStepErrors',
  /** `true` once the mark-failed step ran: the child failed. */
  failed: 'subStepFailed',
  /** `{Error, Cause}` of a Fail state (or unmatched Choice) that `wrap` routed into the Closer. */
  failure: 'subStepFailure',
  /** What the Closer Lambda returned: `{message, parent, error?, cause?}`. */
  result: 'subStepResult',
  /** The error that ended the Closer Task itself (after its retries). */
  closerError: 'subStepCloserError',
} as const;
