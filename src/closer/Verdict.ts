/** The Closer's decision about the child's outcome. */
export type Verdict = SucceededVerdict | FailedVerdict;

export interface SucceededVerdict {
  readonly message: 'SUCCEEDED';
}

/** A failure; `error` and `cause` already fit `SendTaskFailure`'s limits. */
export interface FailedVerdict {
  readonly message: 'FAILED';
  readonly error: string;
  readonly cause: string;
}
