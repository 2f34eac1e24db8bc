import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../src/handler.ts';
import { closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { tokenClosingResponder } from '../support/fakeSfnEndpoint.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useFakeSfnEndpoint } from '../support/sdkEnvironment.ts';

// The real SDK, over HTTP, against a local awsJson1_0 endpoint on 127.0.0.1.
const sfn = useFakeSfnEndpoint({ AWS_MAX_ATTEMPTS: '3', CLOSER_DEADLINE_MARGIN_MS: '300' });

beforeEach(() => {
  sfn.endpoint().reset();
  captureLogs();
});

describe('the Closer over HTTP with the real SDK', () => {
  it('sends a SigV4-signed SendTaskSuccess in the awsJson1_0 protocol', async () => {
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NOTIFIED',
    });
    const [request] = sfn.endpoint().requests;
    expect(request?.operation).toBe('SendTaskSuccess');
    expect(request?.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskSuccess');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/states\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/,
    );
    expect(request?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.body['taskToken']).toBe(PARENT_TOKEN);
  });

  it('sends SendTaskFailure with the error name the parent will catch', async () => {
    await handler(closerInput({ withParent: true, status: false }), lambdaContext());
    expect(sfn.endpoint().requests.map((r) => [r.operation, r.body['error']])).toEqual([
      ['SendTaskFailure', 'SubStep.Failed'],
    ]);
  });

  it('succeeds after the SDK retries a 503', async () => {
    sfn.endpoint().script({ kind: 'status', status: 503 });
    await expect(
      handler(closerInput({ withParent: true }), lambdaContext()),
    ).resolves.toMatchObject({
      parent: 'NOTIFIED',
    });
    expect(sfn.endpoint().requests).toHaveLength(2);
  });

  it('succeeds after the SDK retries a throttle', async () => {
    sfn.endpoint().script({ kind: 'error', type: 'ThrottlingException', message: 'Rate exceeded' });
    await expect(
      handler(closerInput({ withParent: true }), lambdaContext()),
    ).resolves.toMatchObject({
      parent: 'NOTIFIED',
    });
    expect(sfn.endpoint().requests).toHaveLength(2);
  });

  it('throws Closer.ParentUnreachable once the SDK has used its attempts on 500s', async () => {
    sfn.endpoint().respondWith(() => ({ kind: 'error', type: 'InternalServerError', status: 500 }));
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).rejects.toMatchObject(
      {
        name: 'Closer.ParentUnreachable',
      },
    );
    expect(sfn.endpoint().requests).toHaveLength(3);
  });

  it('gives up on a hanging endpoint before the Lambda deadline', async () => {
    sfn.endpoint().respondWith(() => ({ kind: 'hang' }));
    const context = lambdaContext(1_200);
    await expect(handler(closerInput({ withParent: true }), context)).rejects.toMatchObject({
      name: 'Closer.ParentUnreachable',
    });
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('ends as parent GONE when a retried Closer finds its signal already landed', async () => {
    sfn.endpoint().respondWith(tokenClosingResponder());
    const event = closerInput({ withParent: true });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({ parent: 'NOTIFIED' });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({ parent: 'GONE' });
  });
});
