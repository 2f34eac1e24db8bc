// Fault suite, broken connections: the handler from src/ with the real SDK client, against a fake
// Step Functions endpoint on 127.0.0.1 that resets connections, truncates bodies and loses the
// answers to signals it processed. The endpoint closes a token's task on the first signal and
// answers TaskTimedOut to any later one, as Step Functions does.
import { describe, expect, it } from 'vitest';
import { failedEvent, succeededEvent, taskToken } from '../fixtures/closerEvents.ts';
import { acceptedSignals } from '../support/acceptedSignals.ts';
import { expectCloserContract } from '../support/expectCloserContract.ts';
import {
  type Responder,
  tokenClosingResponder,
  withLostResponses,
} from '../support/fakeSfnEndpoint.ts';
import { freshSourceHandler } from '../support/freshSourceHandler.ts';
import { type CloserHandler, type Invocation, invokeCloser } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { sdkAttempt, stubSfnEnv } from '../support/stubSfnEnv.ts';
import { useStubbedSfnEndpoint } from '../support/useStubbedSfnEndpoint.ts';

const LAMBDA_TIMEOUT_MS = 1_500;

const endpoint = useStubbedSfnEndpoint({ preloadSdk: true, responder: tokenClosingResponder });

async function invoke(handler: CloserHandler, event: unknown, token: string): Promise<Invocation> {
  const invocation = await invokeCloser(handler, event, lambdaContext(LAMBDA_TIMEOUT_MS));
  expectCloserContract(invocation, endpoint().requests, token);
  return invocation;
}

const attempts = () => endpoint().requests.map((request) => sdkAttempt(request.headers));

/** Processes the first signal (closing its token), then answers it with a body cut short. */
function truncatingFirstAnswer(): Responder {
  const closing = tokenClosingResponder();
  let truncated = false;
  return (operation, body) => {
    const reply = closing(operation, body);
    if (truncated || reply.kind !== 'ok') return reply;
    truncated = true;
    return { kind: 'truncated' };
  };
}

describe('when the connection is reset before an answer', () => {
  it('lets the SDK retry on a new connection and notifies the parent', async () => {
    const token = taskToken('reset-once');
    endpoint().script({ kind: 'reset' });

    const invocation = await invoke(await freshSourceHandler(), failedEvent(token), token);

    expect(invocation.settlement).toMatchObject({
      kind: 'returned',
      result: { message: 'FAILED', parent: 'NOTIFIED', error: 'SubStep.Failed' },
    });
    expect(attempts()).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
  });

  it('throws Closer.ParentUnreachable when every attempt is reset', async () => {
    const token = taskToken('reset-always');
    endpoint().script({ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });

    const invocation = await invoke(await freshSourceHandler(), succeededEvent(token), token);

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(attempts()).toEqual(['attempt=1; max=3', 'attempt=2; max=3', 'attempt=3; max=3']);
  });
});

describe('when a processed signal gets a truncated 200 body', () => {
  it('ends with parent GONE: the SDK retry finds the task the first call closed', async () => {
    const token = taskToken('truncated');
    endpoint().respondWith(truncatingFirstAnswer());

    const invocation = await invoke(await freshSourceHandler(), succeededEvent(token), token);

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'GONE' },
    });
    expect(endpoint().requests.map((request) => request.reply.kind)).toEqual([
      'truncated',
      'error',
    ]);
    expect(acceptedSignals(endpoint().requests)).toHaveLength(1);
  });

  it('throws Closer.ParentUnreachable with one SDK attempt, and the retried Closer ends GONE', async () => {
    stubSfnEnv(endpoint().url, { AWS_MAX_ATTEMPTS: '1' });
    const token = taskToken('truncated-single-attempt');
    endpoint().respondWith(truncatingFirstAnswer());
    const handler = await freshSourceHandler();

    const firstAttempt = await invoke(handler, succeededEvent(token), token);
    const retried = await invoke(handler, succeededEvent(token), token);

    expect(firstAttempt.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(retried.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'GONE' },
    });
  });
});

describe('when the answer to a processed signal is lost', () => {
  it('ends with parent GONE when the SDK retry meets the closed task', async () => {
    const token = taskToken('lost-once');
    endpoint().respondWith(withLostResponses(1, tokenClosingResponder()));

    const invocation = await invoke(await freshSourceHandler(), succeededEvent(token), token);

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'GONE' },
    });
    expect(attempts()).toEqual(['attempt=1; max=3', 'attempt=2; max=3']);
    expect(acceptedSignals(endpoint().requests)).toHaveLength(1);
  });

  it('ends with parent GONE on the second Lambda attempt when every answer of the first is lost', async () => {
    // Arrange: the first signal lands; it and the SDK's two retries all lose their answers.
    const token = taskToken('lost-all');
    endpoint().respondWith(withLostResponses(3, tokenClosingResponder()));
    const handler = await freshSourceHandler();

    // Act: Step Functions retries Closer:Send after Closer.ParentUnreachable (same container).
    const firstAttempt = await invoke(handler, failedEvent(token), token);
    const secondAttempt = await invoke(handler, failedEvent(token), token);

    // Assert: a retryable error, then the verdict with GONE; the parent got exactly one signal.
    expect(firstAttempt.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(secondAttempt.settlement).toEqual({
      kind: 'returned',
      result: expect.objectContaining({ message: 'FAILED', parent: 'GONE' }),
    });
    expect(endpoint().requests.map((request) => request.reply.kind)).toEqual([
      'lost-response',
      'lost-response',
      'lost-response',
      'error',
    ]);
    expect(acceptedSignals(endpoint().requests)).toHaveLength(1);
  });
});
