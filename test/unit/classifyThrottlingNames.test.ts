import { describe, expect, it } from 'vitest';
import { classifySignalError } from '../../src/parent/classifySignalError.ts';

/** A service error as the SDK throws it, with the HTTP status of its response. */
function awsError(name: string, httpStatusCode: number): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });
}

describe('classifySignalError: transient errors answered with HTTP 400', () => {
  // Throttling and timeouts arrive with a 4xx status from some AWS front ends; the name, not the
  // status, says a retry can help.
  it.each([
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
  ])('classifies %s at HTTP 400 as unreachable', (name) => {
    expect(classifySignalError(awsError(name, 400))).toBe('unreachable');
  });
});

describe('classifySignalError: the HTTP status of an unnamed error', () => {
  it.each([
    [299, 'unreachable'],
    [300, 'rejected'],
    [404, 'rejected'],
    [428, 'rejected'],
    [429, 'unreachable'],
    [430, 'rejected'],
    [499, 'rejected'],
    [500, 'unreachable'],
  ] as const)('classifies HTTP %i as %s', (status, kind) => {
    expect(classifySignalError(awsError('UnknownError', status))).toBe(kind);
  });

  it('ignores an HTTP status that is not a number', () => {
    const odd = Object.assign(new Error('odd'), {
      name: 'OddError',
      $metadata: { httpStatusCode: '400' },
    });
    expect(classifySignalError(odd)).toBe('unreachable');
  });

  it('classifies a thrown value that is not an object as unreachable', () => {
    expect(classifySignalError('socket hang up')).toBe('unreachable');
    expect(classifySignalError(null)).toBe('unreachable');
  });

  it('reads the HTTP status of a thrown object that is not an Error', () => {
    expect(classifySignalError({ $metadata: { httpStatusCode: 403 } })).toBe('rejected');
  });
});
