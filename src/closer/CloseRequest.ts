/**
 * The child execution the Closer runs in: from the context object in a framed request, or as a
 * plain payload names it (`meta.name`, `meta.arn`).
 */
export interface ExecutionRef {
  readonly name?: string;
  readonly arn?: string;
}

/** Whether, and how, the Closer can reach a parent execution. */
export type ParentLink =
  /** No parent token: a standalone run, the Closer is a pass-through. */
  | { readonly kind: 'none' }
  /** A well-formed token: signal the parent. */
  | {
      readonly kind: 'token';
      readonly token: string;
      readonly arn?: string;
      readonly name?: string;
    }
  /** A token is present but malformed: no call is made, and the verdict is FAILED. */
  | { readonly kind: 'malformed'; readonly arn?: string; readonly name?: string };

/** What `meta.status` says about the child's outcome. */
export type StatusClaim =
  | { readonly kind: 'absent' }
  | { readonly kind: 'true' }
  | { readonly kind: 'false' }
  /** A re-run Closer: `meta.status` already holds an earlier result. */
  | {
      readonly kind: 'result';
      readonly message: 'SUCCEEDED' | 'FAILED';
      readonly error?: string;
      readonly cause?: string;
    }
  | { readonly kind: 'invalid' };

/**
 * Everything the Closer needs from one invocation's event, read once and validated. Contract
 * violations are collected in `problems` instead of thrown: the verdict turns them into
 * `SubStep.InvalidPayload`, and the parent, when reachable, is told.
 */
export interface CloseRequest {
  /**
   * The payload the parent receives on success: any JSON value in a framed request, the event
   * itself for a plain one (undefined when a plain event is not an object: a contract violation).
   */
  readonly payload: unknown;
  readonly execution: ExecutionRef;
  readonly parent: ParentLink;
  readonly status: StatusClaim;
  /** `meta.error` (or a routed Fail state's Error): the error name the parent receives on failure. */
  readonly error?: string;
  /** `meta.cause` (or a routed Fail state's Cause): the cause the parent receives on failure. */
  readonly cause?: string;
  /** `meta.outputPath`: what the parent receives on success. */
  readonly outputPath?: string;
  /** The errors the child's `Catch` clauses recorded: `$.errors` and the Closer section's. */
  readonly errors: unknown;
  /** Human-readable contract violations; empty for a valid payload. */
  readonly problems: readonly string[];
}
