import { failed } from '../closer/decideVerdict.ts';
import type { ParentSignal } from '../closer/ParentSignal.ts';
import type { Verdict } from '../closer/Verdict.ts';
import { ParentRejectedError, ParentUnreachableError, SignalErrorName } from '../errors.ts';
import { classifySignalError } from './classifySignalError.ts';
import { type Deadline, withinDeadline } from './Deadline.ts';
import type { SfnApi } from './SfnApi.ts';

/** How the parent ended up being told, and the verdict that was actually delivered. */
export type SignalOutcome =
  | {
      readonly parent: 'NOTIFIED';
      /** The verdict the parent received: a refused success output turns into a failure. */
      readonly verdict: Verdict;
      /** Set when a fallback was used, for the log line. */
      readonly fallback?: 'kms-bare-failure' | 'invalid-output-failure';
    }
  /** The parent's task was already closed or expired; retrying cannot help, and need not. */
  | { readonly parent: 'GONE'; readonly verdict: Verdict; readonly reason: string };

/** `KmsThrottlingException` is not retried by the SDK, so the Closer retries it, within the deadline. */
const KMS_THROTTLE_ATTEMPTS = 4;
const KMS_THROTTLE_BASE_DELAY_MS = 100;

export interface SignalParentOptions {
  readonly api: SfnApi;
  readonly token: string;
  readonly signal: ParentSignal;
  readonly verdict: Verdict;
  readonly deadline: Deadline;
  /** Injected so tests need not wait through backoff. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends the planned signal and settles every answer Step Functions can give:
 * - `TaskTimedOut` / `TaskDoesNotExist`: `GONE`, not an error (this makes a retried Closer
 *   idempotent: its first attempt's signal closed the task).
 * - `KmsAccessDeniedException` / `KmsInvalidStateException`: a failure with neither error nor
 *   cause needs no KMS permission, so that is sent instead (for a success too: the parent must
 *   not be left waiting on an output it can never receive).
 * - `InvalidOutput` on a success: a `SubStep.InvalidOutput` failure is sent instead.
 * - throttling, 5xx, network, deadline: `Closer.ParentUnreachable` (retry the state).
 * - anything else: `Closer.ParentRejected` (do not retry).
 */
export async function signalParent(options: SignalParentOptions): Promise<SignalOutcome> {
  const { signal, verdict } = options;
  const first = await attempt(options, signal);
  if (first.kind === 'sent') return { parent: 'NOTIFIED', verdict };
  if (first.kind === 'gone') return { parent: 'GONE', verdict, reason: first.reason };

  if (first.kind === 'invalid-output' && signal.kind === 'success') {
    const replacement = failed(
      SignalErrorName.invalidOutput,
      `Step Functions refused the ${signal.outputBytes}-byte success output: ${first.message}`,
    );
    const settled = await attemptOrThrow(options, {
      kind: 'failure',
      error: replacement.error,
      cause: replacement.cause,
    });
    return settled.kind === 'gone'
      ? { parent: 'GONE', verdict: replacement, reason: settled.reason }
      : { parent: 'NOTIFIED', verdict: replacement, fallback: 'invalid-output-failure' };
  }
  if (first.kind === 'kms-refused') {
    const delivered =
      verdict.message === 'FAILED'
        ? verdict
        : failed(
            SignalErrorName.outputNotEncrypted,
            `the parent's KMS key refused the success output: ${first.message}`,
          );
    const settled = await attemptOrThrow(options, { kind: 'bare-failure' });
    return settled.kind === 'gone'
      ? { parent: 'GONE', verdict: delivered, reason: settled.reason }
      : { parent: 'NOTIFIED', verdict: delivered, fallback: 'kms-bare-failure' };
  }
  throw new ParentRejectedError(`Step Functions refused ${operationOf(signal)}: ${first.message}`, {
    cause: first.error,
  });
}

type Call = ParentSignal | { readonly kind: 'bare-failure' };

type AttemptResult =
  | { readonly kind: 'sent' }
  | { readonly kind: 'gone'; readonly reason: string }
  | {
      readonly kind: 'kms-refused' | 'invalid-output' | 'rejected';
      readonly message: string;
      readonly error: unknown;
    };

/** A fallback call: anything but sent or gone is final. */
async function attemptOrThrow(options: SignalParentOptions, call: Call) {
  const result = await attempt(options, call);
  if (result.kind === 'sent' || result.kind === 'gone') return result;
  throw new ParentRejectedError(`Step Functions refused ${operationOf(call)}: ${result.message}`, {
    cause: result.error,
  });
}

/** One call, with the KMS-throttling retries; throws `ParentUnreachableError` when it must. */
async function attempt(options: SignalParentOptions, call: Call): Promise<AttemptResult> {
  const { api, token, deadline } = options;
  const sleep = options.sleep ?? defaultSleep;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      await withinDeadline(deadline, (abortSignal) => send(api, token, call, abortSignal));
      return { kind: 'sent' };
    } catch (error) {
      const kind = classifySignalError(error);
      const message = describe(error, token);
      switch (kind) {
        case 'gone':
          return { kind: 'gone', reason: nameOf(error) };
        case 'kms-throttled': {
          const delay =
            KMS_THROTTLE_BASE_DELAY_MS * 2 ** (attemptNumber - 1) * (0.5 + Math.random() / 2);
          if (attemptNumber >= KMS_THROTTLE_ATTEMPTS || delay >= deadline.remainingMs()) {
            throw new ParentUnreachableError(
              `${operationOf(call)} was throttled by KMS ${attemptNumber} times: ${message}`,
              { cause: error },
            );
          }
          await sleep(delay);
          break;
        }
        case 'unreachable':
          throw new ParentUnreachableError(
            `${operationOf(call)} did not reach Step Functions: ${message}`,
            {
              cause: error,
            },
          );
        case 'kms-refused':
        case 'invalid-output':
        case 'rejected':
          return { kind, message, error };
        // Stryker disable next-line ConditionalExpression: the cases above are every SignalErrorKind; the compiler checks it
        default:
          return assertNever(kind);
      }
    }
  }
}

function send(api: SfnApi, taskToken: string, call: Call, abortSignal: AbortSignal): Promise<void> {
  switch (call.kind) {
    case 'success':
      return api.sendTaskSuccess({ taskToken, output: call.output }, abortSignal);
    case 'failure':
      return api.sendTaskFailure({ taskToken, error: call.error, cause: call.cause }, abortSignal);
    case 'bare-failure':
      return api.sendTaskFailure({ taskToken }, abortSignal);
    // Stryker disable next-line ConditionalExpression: the cases above are every kind of Call; the compiler checks it
    default:
      return assertNever(call);
  }
}

function operationOf(call: Call): string {
  return call.kind === 'success' ? 'SendTaskSuccess' : 'SendTaskFailure';
}

function nameOf(error: unknown): string {
  // Stryker disable next-line StringLiteral: unreachable, only an Error is classified gone (by its name)
  return error instanceof Error ? error.name : 'UnknownError';
}

/**
 * Error name and message, for the thrown error and the log. The token is masked in case a
 * service message ever echoes it: the message ends up in `$.errors` and in CloudWatch.
 */
function describe(error: unknown, token: string): string {
  const text =
    error instanceof Error
      ? error.message === '' || error.message === error.name
        ? error.name
        : `${error.name}: ${error.message}`
      : String(error);
  return text.replaceAll(token, '[task token]');
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Stryker disable next-line BlockStatement: unreachable, every switch that calls it is exhaustive
function assertNever(value: never): never {
  // Stryker disable next-line StringLiteral,CallExpression: unreachable, every switch that calls it is exhaustive
  throw new TypeError(`Unhandled case: ${JSON.stringify(value)}`);
}
