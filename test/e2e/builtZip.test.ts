import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CAUGHT_ERRORS, closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useFakeSfnEndpoint } from '../support/sdkEnvironment.ts';
import { type BuiltHandler, importBuiltHandler } from '../support/unzipHandler.ts';

// These run dist/sub-step-closer.zip as Lambda would: extracted, `index.handler`, real SDK.
const sfn = useFakeSfnEndpoint({ AWS_MAX_ATTEMPTS: '2' });
let handler: BuiltHandler;

beforeAll(async () => {
  handler = await importBuiltHandler();
});

beforeEach(() => {
  sfn.endpoint().reset();
});

describe('the built zip', () => {
  it('exports index.handler, which passes a standalone child through', async () => {
    captureLogs();
    await expect(handler(closerInput(), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NONE',
    });
    expect(sfn.endpoint().requests).toHaveLength(0);
  });

  it('signals success to the parent through the bundled SDK', async () => {
    captureLogs();
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NOTIFIED',
    });
    const [request] = sfn.endpoint().requests;
    expect(request?.operation).toBe('SendTaskSuccess');
    expect(request?.headers.authorization).toContain('AWS4-HMAC-SHA256');
    expect(String(request?.body['output'])).not.toContain(PARENT_TOKEN);
  });

  it('signals failure with the caught errors in the cause', async () => {
    captureLogs();
    const result = await handler(
      closerInput({ withParent: true, status: false, errors: CAUGHT_ERRORS }),
      lambdaContext(),
    );
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.Failed',
    });
    const [request] = sfn.endpoint().requests;
    expect(JSON.parse(String(request?.body['cause']))).toMatchObject({ errors: CAUGHT_ERRORS });
  });

  it('throws errors whose names Step Functions can match', async () => {
    captureLogs();
    sfn.endpoint().script({ kind: 'error', type: 'InvalidToken' });
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).rejects.toMatchObject(
      {
        name: 'Closer.ParentRejected',
      },
    );
    sfn.endpoint().respondWith(() => ({ kind: 'status', status: 500 }));
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).rejects.toMatchObject(
      {
        name: 'Closer.ParentUnreachable',
      },
    );
  });

  it('returns parent GONE on TaskTimedOut', async () => {
    captureLogs();
    sfn.endpoint().script({ kind: 'error', type: 'TaskTimedOut' });
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'GONE',
    });
  });

  it('logs one JSON line per invocation without the token', async () => {
    const logs = captureLogs();
    await handler(closerInput({ withParent: true }), lambdaContext());
    expect(logs.records()).toEqual([
      expect.objectContaining({ verdict: 'SUCCEEDED', parentSignal: 'NOTIFIED' }),
    ]);
    expect(logs.lines().join('')).not.toContain(PARENT_TOKEN);
  });
});
