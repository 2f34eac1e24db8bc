/**
 * What the safety net returns for one EventBridge event. EventBridge ignores a target's return
 * value; it is there for tests and for anyone invoking the function by hand.
 */
export interface SafetyNetSummary {
  /**
   * - `NOTIFIED`: the parent was sent `SendTaskFailure` (the Closer had not signalled it).
   * - `GONE`: the parent's task was already closed, normally by the child's own Closer.
   * - `NO_PARENT`: the child's input names no parent task token: a standalone run.
   * - `IGNORED`: the status is not FAILED, TIMED_OUT or ABORTED.
   * - `UNRECOGNIZED`: the event, or the input it names, is not what the safety net understands.
   * - `REFUSED`: Step Functions refused a call in a way a retry cannot fix (logged as an error).
   */
  readonly safetyNet: 'NOTIFIED' | 'GONE' | 'NO_PARENT' | 'IGNORED' | 'UNRECOGNIZED' | 'REFUSED';
  /** The child execution's ARN, when the event named one. */
  readonly execution: string | null;
  /** On NOTIFIED: the error name the parent received. */
  readonly error?: string;
  /** Why nothing (more) was done, for every outcome but NOTIFIED. */
  readonly reason?: string;
}
