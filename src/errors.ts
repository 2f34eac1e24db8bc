/**
 * Every error the SubStepCloser handler can throw, and every error name it can send to a parent.
 *
 * A Node.js Lambda's thrown `error.name` becomes the Step Functions error name that `Retry` and
 * `Catch` match with `ErrorEquals`, so each class sets `name` explicitly and the names are API.
 */

/** Error names the handler throws. Match them in `Closer:Send`'s `Retry`/`Catch`. */
export const ThrownErrorName = {
  /** Step Functions was unreachable, throttled or failing, or the Lambda deadline was near. Retry. */
  parentUnreachable: 'Closer.ParentUnreachable',
  /** Step Functions refused the signal for a reason a retry cannot fix. Do not retry. */
  parentRejected: 'Closer.ParentRejected',
} as const;

/**
 * Error names the handler sends to a parent with `SendTaskFailure`, and returns in its result's
 * `error` (`$subStepResult.error` in the current Closer section). Match them in the parent's `Catch` (for example `"SubStep.Failed"`).
 */
export const SignalErrorName = {
  /** The child failed (`meta.status = false`, or a caught failure) and gave no other error name. */
  failed: 'SubStep.Failed',
  /** The payload broke the contract: bad `meta`, `meta.status`, shim instruction or token. */
  invalidPayload: 'SubStep.InvalidPayload',
  /** The success output was over the 262,144-byte `SendTaskSuccess` limit. */
  outputTooLarge: 'SubStep.OutputTooLarge',
  /** Step Functions refused the success output (`InvalidOutput`); a failure was sent instead. */
  invalidOutput: 'SubStep.InvalidOutput',
  /** The success output could not be encrypted with the parent's KMS key; a failure was sent. */
  outputNotEncrypted: 'SubStep.OutputNotEncrypted',
  /**
   * The function's environment is misconfigured. Returned and sent to the parent rather than
   * thrown, so a deployment mistake still reaches the parent instead of leaving it waiting.
   */
  invalidConfiguration: 'Closer.InvalidConfiguration',
  /** Safety net: the child execution failed where no Catch could see it. */
  childFailed: 'SubStep.Failed',
  /** Safety net: the child execution hit its own timeout. */
  childTimedOut: 'SubStep.TimedOut',
  /** Safety net: the child execution was aborted. */
  childAborted: 'SubStep.Aborted',
} as const;

/** Base class: lets callers tell this package's errors from anything else with one `instanceof`. */
export abstract class CloserError extends Error {}

/**
 * Step Functions could not be reached in time: network failure, throttling or 5xx after the SDK's
 * own retries, or the Lambda deadline came too close. Retrying `Closer:Send` is safe: a signal that
 * did land makes the retry end with `parent: "GONE"`.
 */
export class ParentUnreachableError extends CloserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = ThrownErrorName.parentUnreachable;
  }
}

/** Step Functions refused the signal (access denied, invalid token, ...). A retry cannot help. */
export class ParentRejectedError extends CloserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = ThrownErrorName.parentRejected;
  }
}

/**
 * An environment variable holds a value the function cannot use; the message names it.
 * `loadConfig` throws it, and the handler turns it into a FAILED verdict (never rethrown).
 */
export class InvalidConfigurationError extends CloserError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = SignalErrorName.invalidConfiguration;
  }
}
