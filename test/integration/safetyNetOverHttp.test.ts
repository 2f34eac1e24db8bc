import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../src/handler.ts';
import { CHILD_EXECUTION_ARN, closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';
import {
  CHILD_STATE_MACHINE_ARN,
  childInput,
  executionStatusChange,
} from '../fixtures/statusChangeEvents.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { type Responder, tokenClosingResponder } from '../support/fakeSfnEndpoint.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useFakeSfnEndpoint } from '../support/sdkEnvironment.ts';

// The real SDK, over HTTP, against a local awsJson1_0 endpoint on 127.0.0.1 (one per file: the
// handler's SDK client lives for the module instance, as it does for a Lambda container).
const sfn = useFakeSfnEndpoint({ AWS_MAX_ATTEMPTS: '3', CLOSER_DEADLINE_MARGIN_MS: '300' });

/** Answers DescribeExecution as Step Functions does (dates in epoch seconds), with this input. */
function describing(input: unknown, then: Responder = () => ({ kind: 'ok' })): Responder {
  return (operation, body) =>
    operation === 'DescribeExecution'
      ? {
          kind: 'ok',
          body: {
            executionArn: body['executionArn'],
            stateMachineArn: CHILD_STATE_MACHINE_ARN,
            name: 'child-run-1',
            status: 'TIMED_OUT',
            startDate: 1764099600.123,
            stopDate: 1764099741.456,
            input: JSON.stringify(input),
            inputDetails: { included: true },
          },
        }
      : then(operation, body);
}

beforeEach(() => {
  sfn.endpoint().reset();
  captureLogs();
});

describe('the safety net over HTTP with the real SDK', () => {
  it('sends one signed SendTaskFailure for a FAILED child whose event includes the input', async () => {
    await expect(handler(executionStatusChange(), lambdaContext())).resolves.toMatchObject({
      safetyNet: 'NOTIFIED',
      error: 'SubStep.Failed',
    });
    const [request, ...others] = sfn.endpoint().requests;
    expect(others).toEqual([]);
    expect(request?.headers['x-amz-target']).toBe('AWSStepFunctions.SendTaskFailure');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(request?.body['taskToken']).toBe(PARENT_TOKEN);
    expect(request?.body['error']).toBe('SubStep.Failed');
    expect(JSON.parse(String(request?.body['cause']))).toMatchObject({
      execution: { arn: CHILD_EXECUTION_ARN },
      error: 'States.Runtime',
    });
  });

  it('reads an input left out of the event with DescribeExecution, then signals', async () => {
    sfn.endpoint().respondWith(describing(childInput()));
    const event = executionStatusChange({ status: 'TIMED_OUT', inputIncluded: false });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'NOTIFIED',
      error: 'SubStep.TimedOut',
    });
    expect(sfn.endpoint().requests.map((r) => [r.operation, r.body])).toEqual([
      ['DescribeExecution', { executionArn: CHILD_EXECUTION_ARN }],
      ['SendTaskFailure', expect.objectContaining({ taskToken: PARENT_TOKEN })],
    ]);
  });

  it('ends as GONE when the child closer already told the parent', async () => {
    // Arrange: the child's Closer fails the sub step and signals the parent; the child then ends
    // in Closer:Fail, so Step Functions emits a FAILED event for it.
    sfn.endpoint().respondWith(tokenClosingResponder());
    const closerPayload = closerInput({ withParent: true, status: false });
    await expect(handler(closerPayload, lambdaContext())).resolves.toMatchObject({
      parent: 'NOTIFIED',
    });
    // Act
    const failedEvent = executionStatusChange({
      error: 'Closer:Fail',
      cause: 'Closer:Fail - see $.errors for details',
    });
    const summary = await handler(failedEvent, lambdaContext());
    // Assert
    expect(summary).toEqual({
      safetyNet: 'GONE',
      execution: CHILD_EXECUTION_ARN,
      reason: 'TaskTimedOut',
    });
    expect(sfn.endpoint().requests.map((r) => r.operation)).toEqual([
      'SendTaskFailure',
      'SendTaskFailure',
    ]);
  });

  it('makes no request for a SUCCEEDED event', async () => {
    await expect(
      handler(executionStatusChange({ status: 'SUCCEEDED' }), lambdaContext()),
    ).resolves.toMatchObject({ safetyNet: 'IGNORED' });
    expect(sfn.endpoint().requests).toEqual([]);
  });

  it('throws Closer.ParentUnreachable once the SDK has used its attempts on 503s', async () => {
    sfn.endpoint().respondWith(() => ({ kind: 'status', status: 503 }));
    await expect(handler(executionStatusChange(), lambdaContext())).rejects.toMatchObject({
      name: 'Closer.ParentUnreachable',
    });
    expect(sfn.endpoint().requests).toHaveLength(3);
  });

  it('logs a refused DescribeExecution and does not throw', async () => {
    sfn.endpoint().respondWith(() => ({
      kind: 'error',
      type: 'ExecutionDoesNotExist',
      message: 'Execution Does Not Exist',
    }));
    const event = executionStatusChange({ inputIncluded: false });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'REFUSED',
      reason: expect.stringContaining('ExecutionDoesNotExist'),
    });
    expect(sfn.endpoint().requests.map((r) => r.operation)).toEqual(['DescribeExecution']);
  });

  it('gives up on a hanging DescribeExecution before the Lambda deadline', async () => {
    sfn.endpoint().respondWith(() => ({ kind: 'hang' }));
    const context = lambdaContext(1_200);
    const event = executionStatusChange({ inputIncluded: false });
    await expect(handler(event, context)).rejects.toMatchObject({
      name: 'Closer.ParentUnreachable',
    });
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });
});
