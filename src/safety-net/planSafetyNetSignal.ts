import { fitCause, fitError } from '../closer/fitToLimits.ts';
import type { ParentSignal } from '../closer/ParentSignal.ts';
import { SignalErrorName } from '../errors.ts';
import type { StoppedExecution, StoppedStatus } from './StatusChange.ts';

/** The failure the safety net sends: `SendTaskFailure`'s error and cause, within its limits. */
export type SafetyNetSignal = Extract<ParentSignal, { readonly kind: 'failure' }>;

/**
 * Decides what the parent of a stopped child is told. Pure.
 *
 * | status    | error            |
 * |-----------|------------------|
 * | FAILED    | SubStep.Failed   |
 * | TIMED_OUT | SubStep.TimedOut |
 * | ABORTED   | SubStep.Aborted  |
 *
 * The cause is a compact JSON document, `{ execution: { name, arn }, status, error, cause }`,
 * holding the child's own error and cause from the event (null when the event has none). It is cut
 * to `SendTaskFailure.cause`'s 32,768 characters and stays valid JSON (`fitCause`).
 *
 * @example
 * planSafetyNetSignal({ executionArn: arn, status: 'FAILED', error: 'States.Runtime', input }).error;
 * // 'SubStep.Failed'
 */
export function planSafetyNetSignal(execution: StoppedExecution): SafetyNetSignal {
  return {
    kind: 'failure',
    error: fitError(errorNameFor(execution.status)),
    cause: fitCause({
      execution: {
        ...(execution.name === undefined ? {} : { name: execution.name }),
        arn: execution.executionArn,
      },
      status: execution.status,
      error: execution.error ?? null,
      cause: execution.cause ?? null,
    }),
  };
}

function errorNameFor(status: StoppedStatus): string {
  switch (status) {
    case 'FAILED':
      return SignalErrorName.childFailed;
    case 'TIMED_OUT':
      return SignalErrorName.childTimedOut;
    case 'ABORTED':
      return SignalErrorName.childAborted;
    // Stryker disable next-line ConditionalExpression: unreachable, the cases above are every StoppedStatus; the compiler checks it
    default:
      return assertNever(status);
  }
}

// Stryker disable next-line BlockStatement: unreachable, its one switch is exhaustive
function assertNever(value: never): never {
  // Stryker disable next-line StringLiteral,CallExpression: unreachable, its one switch is exhaustive
  throw new TypeError(`Unhandled status: ${JSON.stringify(value)}`);
}
