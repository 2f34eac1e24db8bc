/**
 * What the Closer returns. The current `Closer:Send` assigns it to `$subStepResult`, which
 * `Closer:Choice` and `Closer:Fail` read; the original one wrote it to `$.meta.status`.
 */
export interface CloserResult {
  readonly message: 'SUCCEEDED' | 'FAILED';
  /**
   * `NOTIFIED`: the parent was signalled. `NONE`: there was no (well-formed) parent token.
   * `GONE`: the parent's task was already closed or expired (for example, an earlier attempt of
   * this Closer signalled it), so the signal was not needed.
   */
  readonly parent: 'NOTIFIED' | 'NONE' | 'GONE';
  /** On FAILED: the error name the parent received (or would have). */
  readonly error?: string;
  /** On FAILED: the cause, within `SendTaskFailure`'s limits. */
  readonly cause?: string;
}
