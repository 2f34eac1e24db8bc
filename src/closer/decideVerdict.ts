import type { CloserConfig } from '../config.ts';
import { SignalErrorName } from '../errors.ts';
import { buildCauseDocument } from './buildCauseDocument.ts';
import type { CloseRequest } from './CloseRequest.ts';
import { fitCause, fitError } from './fitToLimits.ts';
import { isJsonObject } from './jsonValue.ts';
import type { FailedVerdict, Verdict } from './Verdict.ts';

/**
 * Decides SUCCEEDED or FAILED from the payload alone (DESIGN.md section 3). Pure.
 *
 * | meta.status                      | verdict                               |
 * |----------------------------------|---------------------------------------|
 * | absent, true                     | SUCCEEDED                             |
 * | false                            | FAILED                                |
 * | {"message":"SUCCEEDED"/"FAILED"} | that (a re-run Closer)                |
 * | anything else, meta not object   | FAILED, SubStep.InvalidPayload        |
 *
 * With `failOnErrors`, recorded errors (the payload's and the caught ones) also fail unless
 * `meta.status` is exactly `true`. A caught failure marked in a framed request reads as `false`.
 * A FAILED verdict's error and cause are already cut to the `SendTaskFailure` limits.
 *
 * @example
 * decideVerdict(readCloseRequest({ meta: { status: false } }), DEFAULT_CONFIG);
 * // { message: 'FAILED', error: 'SubStep.Failed', cause: '{"execution":{}}' }
 */
export function decideVerdict(request: CloseRequest, config: CloserConfig): Verdict {
  if (request.problems.length > 0) {
    return failed(
      SignalErrorName.invalidPayload,
      buildCauseDocument(request, { problems: request.problems }),
    );
  }
  const { status } = request;
  switch (status.kind) {
    case 'absent':
      return config.failOnErrors && hasErrors(request.errors)
        ? failedByRequest(request)
        : SUCCEEDED;
    case 'true':
      return SUCCEEDED;
    // Stryker disable next-line ConditionalExpression: equivalent, falling through to 'result' builds the same failure from the request (a false status has no message, error or cause)
    case 'false':
      return failedByRequest(request);
    case 'result':
      if (status.message === 'SUCCEEDED') {
        return config.failOnErrors && hasErrors(request.errors)
          ? failedByRequest(request)
          : SUCCEEDED;
      }
      return failed(
        request.error ?? status.error ?? SignalErrorName.failed,
        request.cause ?? status.cause ?? buildCauseDocument(request),
      );
    // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable, an invalid status always comes with a problem, handled first
    case 'invalid':
      // readCloseRequest always records a problem for an invalid status; kept for exhaustiveness.
      return failed(SignalErrorName.invalidPayload, buildCauseDocument(request));
    // Stryker disable next-line ConditionalExpression: unreachable, the cases above are every StatusClaim; the compiler checks it
    default:
      return assertNever(status);
  }
}

const SUCCEEDED: Verdict = { message: 'SUCCEEDED' };

function failedByRequest(request: CloseRequest): FailedVerdict {
  return failed(
    request.error ?? SignalErrorName.failed,
    request.cause ?? buildCauseDocument(request),
  );
}

/** Builds a FAILED verdict whose error and cause already fit `SendTaskFailure`. */
export function failed(error: string, cause: string | object): FailedVerdict {
  return {
    message: 'FAILED',
    error: fitError(error),
    cause: fitCause(cause),
  };
}

/** `$.errors` counts as non-empty when it holds anything but nothing: `{}`, `[]` and null are empty. */
export function hasErrors(errors: unknown): boolean {
  if (errors === undefined || errors === null) return false;
  if (Array.isArray(errors)) return errors.length > 0;
  if (isJsonObject(errors)) return Object.keys(errors).length > 0;
  return true;
}

// Stryker disable next-line BlockStatement: unreachable, its one switch is exhaustive
function assertNever(value: never): never {
  // Stryker disable next-line StringLiteral,CallExpression: unreachable, its one switch is exhaustive
  throw new TypeError(`Unhandled status claim: ${JSON.stringify(value)}`);
}
