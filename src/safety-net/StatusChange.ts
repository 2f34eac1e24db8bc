/**
 * What the safety net reads from one EventBridge event (DESIGN.md section 5), before any AWS call.
 */
export type StatusChange =
  /** Not a Step Functions execution status change this function understands: log it, do nothing. */
  | { readonly kind: 'unrecognized'; readonly eventId?: string; readonly problem: string }
  /** A status the safety net has no business with (RUNNING, SUCCEEDED, PENDING_REDRIVE). */
  | {
      readonly kind: 'not-stopped';
      readonly eventId?: string;
      readonly executionArn: string;
      readonly status: string;
    }
  /** The child stopped without succeeding: its parent, if any, must be told. */
  | { readonly kind: 'stopped'; readonly eventId?: string; readonly execution: StoppedExecution };

/** The statuses that leave a parent waiting unless someone tells it. */
export type StoppedStatus = 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A child execution that ended in FAILED, TIMED_OUT or ABORTED. */
export interface StoppedExecution {
  readonly executionArn: string;
  readonly name?: string;
  readonly stateMachineArn?: string;
  readonly status: StoppedStatus;
  /** The execution's error (for example `States.Runtime`, `States.Timeout`); absent when null. */
  readonly error?: string;
  readonly cause?: string;
  /**
   * The execution input as JSON text, or `omitted` when the event left it out (EventBridge drops
   * the input when input and output together exceed 248 KB: `inputDetails.included` is false).
   */
  readonly input:
    | { readonly kind: 'included'; readonly json: string }
    | { readonly kind: 'omitted' };
}
