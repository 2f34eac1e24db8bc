import { describe, expect, it } from 'vitest';
import { classifySignalError } from '../../src/parent/classifySignalError.ts';
import { DeadlineReachedError } from '../../src/parent/Deadline.ts';

function awsError(name: string, httpStatusCode?: number): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: httpStatusCode === undefined ? {} : { httpStatusCode },
  });
}

describe('classifySignalError', () => {
  it.each([
    ['TaskTimedOut', 400, 'gone'],
    ['TaskDoesNotExist', 400, 'gone'],
    ['KmsThrottlingException', 400, 'kms-throttled'],
    ['KmsAccessDeniedException', 400, 'kms-refused'],
    ['KmsInvalidStateException', 400, 'kms-refused'],
    ['InvalidOutput', 400, 'invalid-output'],
    ['ThrottlingException', 400, 'unreachable'],
    ['ServiceUnavailable', 503, 'unreachable'],
    ['InternalServerError', 500, 'unreachable'],
    ['SomethingNew', 502, 'unreachable'],
    ['TooManyRequests', 429, 'unreachable'],
    ['InvalidToken', 400, 'rejected'],
    ['AccessDeniedException', 400, 'rejected'],
    ['ValidationException', 400, 'rejected'],
    ['UnrecognizedClientException', 400, 'rejected'],
    ['InvalidSignatureException', 403, 'rejected'],
  ] as const)('classifies %s (HTTP %i) as %s', (name, status, kind) => {
    expect(classifySignalError(awsError(name, status))).toBe(kind);
  });

  it('treats a connection error without an HTTP status as unreachable', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifySignalError(reset)).toBe('unreachable');
  });

  it('treats a 200 whose body could not be parsed as unreachable, since it may have landed', () => {
    expect(classifySignalError(awsError('SyntaxError', 200))).toBe('unreachable');
  });

  it('treats the deadline as unreachable', () => {
    expect(classifySignalError(new DeadlineReachedError('late'))).toBe('unreachable');
  });
});
