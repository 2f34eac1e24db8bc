/**
 * What the Closer returns; `Closer:Send` writes it to `$.meta.status`, and `Closer:Choice` reads
 * `$.meta.status.message`.
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
