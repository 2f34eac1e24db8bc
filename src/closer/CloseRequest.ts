import type { JsonObject } from './jsonValue.ts';

/** The child execution the Closer runs in, as the payload names it (`meta.name`, `meta.arn`). */
export interface ExecutionRef {
  readonly name?: string;
  readonly arn?: string;
}

/** Whether, and how, the Closer can reach a parent execution. */
export type ParentLink =
  /** No `meta.parent.token`: a standalone run, the Closer is a pass-through. */
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
  /** The event itself when it is an object; used to build the success output. */
  readonly payload: JsonObject | undefined;
  readonly execution: ExecutionRef;
  readonly parent: ParentLink;
  readonly status: StatusClaim;
  /** `meta.error`: the error name the parent receives on failure. */
  readonly error?: string;
  /** `meta.cause`: the cause the parent receives on failure. */
  readonly cause?: string;
  /** `meta.outputPath`: what the parent receives on success. */
  readonly outputPath?: string;
  /** `$.errors`, as caught by the child's `Catch` clauses. */
  readonly errors: unknown;
  /** Human-readable contract violations; empty for a valid payload. */
  readonly problems: readonly string[];
}
