// Fault suite, answers the SDK retries itself (throttling, 5xx): the handler from src/ with the
// real SDK client, against a fake Step Functions endpoint on 127.0.0.1. AWS_MAX_ATTEMPTS=3, so a
// persistent fault shows as exactly three requests, stamped attempt=1..3 by the SDK.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failedEvent, succeededEvent, taskToken } from '../fixtures/closerEvents.ts';
import { expectCloserContract } from '../support/expectCloserContract.ts';
import type { Reply } from '../support/fakeSfnEndpoint.ts';
import { freshSourceHandler } from '../support/freshSourceHandler.ts';
import { type Invocation, invokeCloser } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { sdkAttempt, stubSfnEnv } from '../support/stubSfnEnv.ts';
import { useStubbedSfnEndpoint } from '../support/useStubbedSfnEndpoint.ts';

const LAMBDA_TIMEOUT_MS = 1_500;
const ALL_ATTEMPTS = ['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3'];

const endpoint = useStubbedSfnEndpoint({ preloadSdk: true });

/** Closes a succeeded sub step in a cold container, with `replies` scripted for its calls. */
async function closeWith(label: string, ...replies: Reply[]): Promise<Invocation> {
  const token = taskToken(label);
  endpoint().script(...replies);
  const handler = await freshSourceHandler();
  const invocation = await invokeCloser(
    handler,
    succeededEvent(token),
    lambdaContext(LAMBDA_TIMEOUT_MS),
  );
  expectCloserContract(invocation, endpoint().requests, token);
  return invocation;
}

const attempts = () => endpoint().requests.map((request) => sdkAttempt(request.headers));

const FAULTS: ReadonlyArray<{ name: string; reply: Reply }> = [
  { name: 'ThrottlingException', reply: { kind: 'error', type: 'ThrottlingException' } },
  { name: 'a bare HTTP 429', reply: { kind: 'status', status: 429 } },
  { name: 'a bare HTTP 500', reply: { kind: 'status', status: 500 } },
  { name: 'a bare HTTP 503', reply: { kind: 'status', status: 503 } },
  {
    name: 'a named 500 (InternalServerError)',
    reply: { kind: 'error', type: 'InternalServerError', status: 500 },
  },
];

describe.each(FAULTS)('when Step Functions answers with $name', ({ name, reply }) => {
  beforeEach(() => {
    // The SDK's backoff jitter, pinned low: throttling backoff starts at up to 1 s per retry, and
    // these tests count retries; the deadline tests below run with the real jitter.
    vi.spyOn(Math, 'random').mockReturnValue(0.05);
  });

  it('lets the SDK retry, and notifies the parent once the fault clears', async () => {
    const invocation = await closeWith(`${name}-once`, reply, { kind: 'ok' });

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'NOTIFIED' },
    });
    expect(attempts()).toEqual(ALL_ATTEMPTS.slice(0, 2));
  });

  it('throws Closer.ParentUnreachable after exactly AWS_MAX_ATTEMPTS attempts', async () => {
    const invocation = await closeWith(`${name}-always`, reply, reply, reply, reply);

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(attempts()).toEqual(ALL_ATTEMPTS);
    // All three are one SDK invocation: the handler did not add retries of its own.
    expect(new Set(endpoint().requests.map((r) => r.headers['amz-sdk-invocation-id'])).size).toBe(
      1,
    );
  });
});

describe('when throttling outlasts the Lambda deadline', () => {
  it('gives up with Closer.ParentUnreachable while the Lambda still has time left', async () => {
    // Real jitter: throttling backoff is up to 1 s, then up to 2 s, against a 1 s deadline.
    const throttled: Reply = { kind: 'error', type: 'ThrottlingException' };
    const invocation = await closeWith('throttled-past-deadline', throttled, throttled, throttled);

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(endpoint().requests.length).toBeLessThanOrEqual(3);
  });
});

describe('when AWS_MAX_ATTEMPTS is 1', () => {
  it('throws Closer.ParentUnreachable on the first 503, leaving the retry to Step Functions', async () => {
    stubSfnEnv(endpoint().url, { AWS_MAX_ATTEMPTS: '1' });
    const token = taskToken('single-attempt');
    endpoint().script({ kind: 'status', status: 503 });

    const invocation = await invokeCloser(
      await freshSourceHandler(),
      failedEvent(token),
      lambdaContext(LAMBDA_TIMEOUT_MS),
    );

    expectCloserContract(invocation, endpoint().requests, token);
    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(attempts()).toEqual(['attempt=1; max=1']);
  });
});
