import { DeadlineReachedError } from './Deadline.ts';

/**
 * What a failed Step Functions call means for the Closer.
 * - `gone`: the parent's task is closed (`TaskTimedOut`, `TaskDoesNotExist`): the verdict stands.
 * - `kms-throttled`: `KmsThrottlingException`, which the SDK does not retry: retry it here.
 * - `kms-refused`: the parent's KMS key cannot be used: send a failure with neither error nor cause.
 * - `invalid-output`: `InvalidOutput`: the output was refused.
 * - `unreachable`: network, throttling, 5xx after the SDK's retries, or the deadline: retryable.
 * - `rejected`: any other refusal (access denied, invalid token, ...): a retry cannot help.
 */
export type SignalErrorKind =
  | 'gone'
  | 'kms-throttled'
  | 'kms-refused'
  | 'invalid-output'
  | 'unreachable'
  | 'rejected';

const GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist']);
const KMS_REFUSED = new Set(['KmsAccessDeniedException', 'KmsInvalidStateException']);
const TRANSIENT = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'AbortError',
]);

/**
 * Classifies an error thrown by an SDK call. Pure.
 *
 * @example
 * classifySignalError(Object.assign(new Error('x'), { name: 'TaskTimedOut' })); // 'gone'
 */
export function classifySignalError(error: unknown): SignalErrorKind {
  if (error instanceof DeadlineReachedError) return 'unreachable';
  const name = error instanceof Error ? error.name : undefined;
  if (name !== undefined) {
    if (GONE.has(name)) return 'gone';
    if (name === 'KmsThrottlingException') return 'kms-throttled';
    if (KMS_REFUSED.has(name)) return 'kms-refused';
    if (name === 'InvalidOutput') return 'invalid-output';
    if (TRANSIENT.has(name)) return 'unreachable';
  }
  const status = httpStatusOf(error);
  // No HTTP status: the request never got an answer (connection refused or reset, DNS, missing
  // credentials). A 2xx that failed to parse (a truncated body) may have landed. Both are worth
  // retrying: a signal that did land makes the retry end as `gone`.
  if (status === undefined || status < 300 || status >= 500 || status === 429) return 'unreachable';
  return 'rejected';
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const status = metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}
