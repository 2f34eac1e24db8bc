// Fault suite, named AWS errors: the BUILT handler (index.mjs extracted from the release zip)
// with its real SDK client, against a fake Step Functions endpoint on 127.0.0.1 that answers each
// signal with one of the errors SendTaskSuccess/SendTaskFailure can return.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failedEvent, succeededEvent, taskToken } from '../fixtures/closerEvents.ts';
import { expectCloserContract } from '../support/expectCloserContract.ts';
import {
  type FakeSfnEndpoint,
  type RecordedRequest,
  type Reply,
  startFakeSfnEndpoint,
} from '../support/fakeSfnEndpoint.ts';
import { type CloserHandler, type Invocation, invokeCloser } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { sdkAttempt, stubSfnEnv, TEST_ACCESS_KEY_ID, TEST_REGION } from '../support/stubSfnEnv.ts';
import { importBuiltHandler } from '../support/unzipHandler.ts';

const LAMBDA_TIMEOUT_MS = 1_500;

let endpoint: FakeSfnEndpoint;
let handler: CloserHandler;

beforeAll(async () => {
  endpoint = await startFakeSfnEndpoint();
  // The zip extracted afresh: one module instance for this suite, so one container and one SDK
  // client, as in a warm Lambda. The warm-up call loads the SDK chunk, so the short timeouts
  // below measure signals, not disk reads.
  handler = await importBuiltHandler();
  stubSfnEnv(endpoint.url);
  await invokeCloser(handler, succeededEvent(taskToken('warm-up')), lambdaContext(30_000));
});
beforeEach(() => {
  endpoint.reset();
  stubSfnEnv(endpoint.url);
});
afterAll(() => endpoint.close());

const named = (type: string): Reply => ({ kind: 'error', type, message: `${type} (fake)` });

type Signal = 'SendTaskSuccess' | 'SendTaskFailure';
const SIGNALS: readonly Signal[] = ['SendTaskSuccess', 'SendTaskFailure'];

/** Closes a sub step whose verdict leads to `signal`, with `replies` scripted for its calls. */
async function closeWith(
  signal: Signal,
  label: string,
  ...replies: Reply[]
): Promise<{ invocation: Invocation; requests: RecordedRequest[]; token: string }> {
  const token = taskToken(`${label}-${signal}`);
  endpoint.script(...replies);
  const event = signal === 'SendTaskSuccess' ? succeededEvent(token) : failedEvent(token);
  const invocation = await invokeCloser(handler, event, lambdaContext(LAMBDA_TIMEOUT_MS));
  const requests = [...endpoint.requests];
  expectCloserContract(invocation, requests, token);
  for (const request of requests) {
    // Every call is signed for Step Functions in the configured region, and carries this token.
    expect(request.headers.authorization).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${TEST_ACCESS_KEY_ID}/\\d{8}/${TEST_REGION}/states/aws4_request, `,
      ),
    );
    expect(request.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request.body['taskToken']).toBe(token);
  }
  return { invocation, requests, token };
}

/** The verdict's error when the failure signal is the first call: the failedEvent fixture's. */
const VERDICT_ERROR: Record<Signal, string | undefined> = {
  SendTaskSuccess: undefined,
  SendTaskFailure: 'SubStep.Failed',
};

describe.each(SIGNALS)('when %s is refused with a named error', (signal) => {
  const verdict = signal === 'SendTaskSuccess' ? 'SUCCEEDED' : 'FAILED';

  it.each(['TaskTimedOut', 'TaskDoesNotExist'])(
    'returns the verdict with parent GONE on %s, without retrying',
    async (type) => {
      const { invocation, requests } = await closeWith(signal, type, named(type));

      expect(invocation.settlement).toEqual({
        kind: 'returned',
        result: expect.objectContaining({ message: verdict, parent: 'GONE' }),
      });
      if (invocation.settlement.kind === 'returned') {
        expect(invocation.settlement.result.error).toBe(VERDICT_ERROR[signal]);
      }
      expect(requests.map((request) => request.operation)).toEqual([signal]);
      expect(JSON.parse(invocation.logLines[0] ?? '{}')).toMatchObject({
        level: 'WARN',
        parentSignal: 'GONE',
        reason: type,
      });
    },
  );

  it.each([
    'InvalidToken',
    'AccessDeniedException',
    'ValidationException',
    'UnrecognizedClientException',
  ])('throws Closer.ParentRejected on %s, after exactly one SDK attempt', async (type) => {
    const { invocation, requests } = await closeWith(signal, type, named(type));

    expect(invocation.settlement).toMatchObject({ kind: 'threw', name: 'Closer.ParentRejected' });
    expect(invocation.settlement.kind === 'threw' && invocation.settlement.message).toContain(type);
    expect(requests.map((request) => sdkAttempt(request.headers))).toEqual(['attempt=1; max=3']);
  });

  it.each(['KmsAccessDeniedException', 'KmsInvalidStateException'])(
    'falls back to a SendTaskFailure with neither error nor cause on %s',
    async (type) => {
      const { invocation, requests } = await closeWith(signal, type, named(type));

      expect(invocation.settlement).toEqual({
        kind: 'returned',
        result: expect.objectContaining({
          message: 'FAILED',
          parent: 'NOTIFIED',
          error: VERDICT_ERROR[signal] ?? 'SubStep.OutputNotEncrypted',
        }),
      });
      expect(requests.map((request) => request.operation)).toEqual([signal, 'SendTaskFailure']);
      // With a customer-managed key, a failure with neither error nor cause needs no KMS permission.
      expect(Object.keys(requests[1]?.body ?? {})).toEqual(['taskToken']);
    },
  );

  it('retries KmsThrottlingException itself (the SDK does not) and delivers the verdict', async () => {
    const { invocation, requests } = await closeWith(
      signal,
      'kms-throttled-once',
      named('KmsThrottlingException'),
      { kind: 'ok' },
    );

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: expect.objectContaining({ message: verdict, parent: 'NOTIFIED' }),
    });
    expect(requests.map((request) => request.operation)).toEqual([signal, signal]);
    // Two separate SDK calls, each a first attempt: the retry was the Closer's.
    expect(requests.map((request) => sdkAttempt(request.headers))).toEqual([
      'attempt=1; max=3',
      'attempt=1; max=3',
    ]);
  });

  it('throws Closer.ParentUnreachable when KMS keeps throttling, before the deadline', async () => {
    const throttled = named('KmsThrottlingException');
    const { invocation, requests } = await closeWith(
      signal,
      'kms-throttled-always',
      throttled,
      throttled,
      throttled,
      throttled,
      throttled,
    );

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    // Up to four attempts, fewer when the next backoff would outlive the deadline.
    expect(requests.length).toBeLessThanOrEqual(4);
  });
});

describe('when SendTaskSuccess is refused with InvalidOutput', () => {
  it('sends a SubStep.InvalidOutput failure instead, so the parent is not left waiting', async () => {
    const { invocation, requests } = await closeWith(
      'SendTaskSuccess',
      'invalid-output',
      named('InvalidOutput'),
    );

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: expect.objectContaining({
        message: 'FAILED',
        parent: 'NOTIFIED',
        error: 'SubStep.InvalidOutput',
      }),
    });
    expect(requests.map((request) => request.operation)).toEqual([
      'SendTaskSuccess',
      'SendTaskFailure',
    ]);
    expect(requests[1]?.body['error']).toBe('SubStep.InvalidOutput');
  });
});

describe('when SendTaskFailure is refused with InvalidOutput', () => {
  it('throws Closer.ParentRejected: there is no smaller failure to send', async () => {
    const { invocation } = await closeWith(
      'SendTaskFailure',
      'invalid-output',
      named('InvalidOutput'),
    );

    expect(invocation.settlement).toMatchObject({ kind: 'threw', name: 'Closer.ParentRejected' });
  });
});

describe('when the fallback signal fails too', () => {
  it('returns parent GONE when the task closed between the two calls', async () => {
    const { invocation, requests } = await closeWith(
      'SendTaskSuccess',
      'kms-then-gone',
      named('KmsAccessDeniedException'),
      named('TaskTimedOut'),
    );

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: expect.objectContaining({
        message: 'FAILED',
        parent: 'GONE',
        error: 'SubStep.OutputNotEncrypted',
      }),
    });
    expect(requests).toHaveLength(2);
  });

  it('throws Closer.ParentRejected when the fallback is refused', async () => {
    const { invocation } = await closeWith(
      'SendTaskSuccess',
      'kms-then-denied',
      named('KmsInvalidStateException'),
      named('AccessDeniedException'),
    );

    expect(invocation.settlement).toMatchObject({ kind: 'threw', name: 'Closer.ParentRejected' });
  });

  it('throws Closer.ParentUnreachable when the fallback meets 503s through every SDK attempt', async () => {
    const unavailable: Reply = { kind: 'status', status: 503 };
    const { invocation, requests } = await closeWith(
      'SendTaskSuccess',
      'invalid-output-then-503',
      named('InvalidOutput'),
      unavailable,
      unavailable,
      unavailable,
    );

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(requests.slice(1).map((request) => sdkAttempt(request.headers))).toEqual([
      'attempt=1; max=3',
      'attempt=2; max=3',
      'attempt=3; max=3',
    ]);
  });

  it('throws Closer.ParentUnreachable before the deadline when the fallback hangs', async () => {
    const { invocation, requests } = await closeWith(
      'SendTaskFailure',
      'kms-then-hang',
      named('KmsAccessDeniedException'),
      { kind: 'hang' },
    );

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(requests.map((request) => request.operation)).toEqual([
      'SendTaskFailure',
      'SendTaskFailure',
    ]);
  });
});
