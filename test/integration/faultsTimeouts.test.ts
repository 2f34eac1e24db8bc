// Fault suite, slow and silent endpoints: the handler from src/ with the real SDK client, against a
// fake Step Functions endpoint on 127.0.0.1. Lambda timeout 1,500 ms with a 500 ms margin: the
// handler must give up by itself, with a named error, while the Lambda still has time left.
import { describe, expect, it, vi } from 'vitest';
import { succeededEvent, taskToken } from '../fixtures/closerEvents.ts';
import { acceptedSignals } from '../support/acceptedSignals.ts';
import { expectCloserContract } from '../support/expectCloserContract.ts';
import { delayed, type Reply, tokenClosingResponder } from '../support/fakeSfnEndpoint.ts';
import { freshSourceHandler } from '../support/freshSourceHandler.ts';
import { type CloserHandler, type Invocation, invokeCloser } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useStubbedSfnEndpoint } from '../support/useStubbedSfnEndpoint.ts';

const LAMBDA_TIMEOUT_MS = 1_500;

const endpoint = useStubbedSfnEndpoint({ preloadSdk: true, responder: tokenClosingResponder });

async function invoke(handler: CloserHandler, token: string): Promise<Invocation> {
  const invocation = await invokeCloser(
    handler,
    succeededEvent(token),
    lambdaContext(LAMBDA_TIMEOUT_MS),
  );
  expectCloserContract(invocation, endpoint().requests, token);
  return invocation;
}

describe('when Step Functions answers slowly, within the deadline', () => {
  it('waits for the answer and notifies the parent', async () => {
    const token = taskToken('slow-ok');
    endpoint().script(delayed(400, { kind: 'ok' }));

    const invocation = await invoke(await freshSourceHandler(), token);

    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'NOTIFIED' },
    });
  });

  it('rides a slow 503 and a slow success through the SDK retry', async () => {
    const token = taskToken('slow-503-then-ok');
    endpoint().script(delayed(200, { kind: 'status', status: 503 }), delayed(200, { kind: 'ok' }));

    const invocation = await invoke(await freshSourceHandler(), token);

    expect(invocation.settlement).toMatchObject({
      kind: 'returned',
      result: { parent: 'NOTIFIED' },
    });
    expect(endpoint().requests).toHaveLength(2);
  });
});

describe('when Step Functions never answers', () => {
  it('throws Closer.ParentUnreachable before the Lambda timeout, and closes the connection', async () => {
    const token = taskToken('hang');
    endpoint().script({ kind: 'hang' });

    const invocation = await invoke(await freshSourceHandler(), token);

    expect(invocation.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(endpoint().requests).toHaveLength(1);
    // The request was aborted, not abandoned: no socket outlives the invocation.
    await vi.waitFor(() => expect(endpoint().requests[0]?.connectionOpen()).toBe(false));
  });
});

describe('when the answer comes after the deadline', () => {
  it('throws Closer.ParentUnreachable, and the retried Closer finds the parent GONE', async () => {
    // The endpoint processes the signal at once (the token closes) but answers too late.
    const token = taskToken('late-answer');
    const handler = await freshSourceHandler();
    const closing = tokenClosingResponder();
    let first = true;
    endpoint().respondWith((operation, body) => {
      const reply: Reply = closing(operation, body);
      if (!first) return reply;
      first = false;
      return delayed(3_000, reply);
    });

    const firstAttempt = await invoke(handler, token);
    const retried = await invoke(handler, token);

    expect(firstAttempt.settlement).toMatchObject({
      kind: 'threw',
      name: 'Closer.ParentUnreachable',
    });
    expect(retried.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'GONE' },
    });
    expect(acceptedSignals(endpoint().requests)).toHaveLength(1);
  });
});
