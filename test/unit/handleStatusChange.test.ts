import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../src/handler.ts';
import { CHILD_EXECUTION_ARN, PARENT_EXECUTION_ARN, PARENT_TOKEN } from '../fixtures/payloads.ts';
import {
  childInput,
  cloudTrailStatesEvent,
  describedChild,
  ec2StateChangeEvent,
  executionStatusChange,
  SECRET_IN_INPUT,
} from '../fixtures/statusChangeEvents.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { serviceError } from '../support/serviceError.ts';
import { stubMockedSdkEnv } from '../support/stubSfnEnv.ts';

// The real createSfnApi and SDK client, with the client's `send` mocked: no network.
const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  stubMockedSdkEnv();
});

describe('the safety net: telling the parent', () => {
  it.each([
    ['FAILED', 'SubStep.Failed'],
    ['TIMED_OUT', 'SubStep.TimedOut'],
    ['ABORTED', 'SubStep.Aborted'],
  ])('sends SendTaskFailure with the token and error %s -> %s', async (status, error) => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    await expect(handler(executionStatusChange({ status }), lambdaContext())).resolves.toEqual({
      safetyNet: 'NOTIFIED',
      execution: CHILD_EXECUTION_ARN,
      error,
    });
    expect(sfn).toHaveReceivedCommandTimes(SendTaskFailureCommand, 1);
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      taskToken: PARENT_TOKEN,
      error,
    });
  });

  it("sends a cause naming the child execution and the event's error and cause", async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    await handler(executionStatusChange(), lambdaContext());
    const { cause } = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input ?? {};
    expect(JSON.parse(cause ?? '')).toEqual({
      execution: { name: 'child-run-1', arn: CHILD_EXECUTION_ARN },
      status: 'FAILED',
      error: 'States.Runtime',
      cause: expect.stringContaining("executing the state 'Work'"),
    });
  });

  it('reads the input with DescribeExecution when the event left it out', async () => {
    captureLogs();
    sfn.on(DescribeExecutionCommand).resolves(describedChild());
    sfn.on(SendTaskFailureCommand).resolves({});
    const event = executionStatusChange({ status: 'TIMED_OUT', inputIncluded: false });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'NOTIFIED',
      error: 'SubStep.TimedOut',
    });
    expect(sfn).toHaveReceivedCommandWith(DescribeExecutionCommand, {
      executionArn: CHILD_EXECUTION_ARN,
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, { taskToken: PARENT_TOKEN });
  });

  it('does not call DescribeExecution when the event includes the input', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    await handler(executionStatusChange(), lambdaContext());
    expect(sfn).not.toHaveReceivedCommand(DescribeExecutionCommand);
  });

  it('falls back to a failure with neither error nor cause when the KMS key refuses', async () => {
    captureLogs();
    sfn
      .on(SendTaskFailureCommand)
      .rejectsOnce(serviceError('KmsAccessDeniedException'))
      .resolves({});
    await expect(handler(executionStatusChange(), lambdaContext())).resolves.toMatchObject({
      safetyNet: 'NOTIFIED',
    });
    expect(sfn.commandCalls(SendTaskFailureCommand)[1]?.args[0].input).toEqual({
      taskToken: PARENT_TOKEN,
    });
  });
});

describe('the safety net: when the Closer already signalled', () => {
  it.each(['TaskTimedOut', 'TaskDoesNotExist'])(
    'treats %s as the normal case: logs at info and does not throw',
    async (name) => {
      const logs = captureLogs();
      sfn.on(SendTaskFailureCommand).rejects(serviceError(name));
      await expect(handler(executionStatusChange(), lambdaContext())).resolves.toEqual({
        safetyNet: 'GONE',
        execution: CHILD_EXECUTION_ARN,
        reason: name,
      });
      expect(logs.records()).toEqual([
        expect.objectContaining({ level: 'INFO', parentSignal: 'GONE', reason: name }),
      ]);
      expect(sfn).toHaveReceivedCommandTimes(SendTaskFailureCommand, 1);
    },
  );
});

describe('the safety net: events it leaves alone, with no AWS call', () => {
  it.each(['SUCCEEDED', 'RUNNING', 'PENDING_REDRIVE'])('ignores a %s event', async (status) => {
    const logs = captureLogs();
    await expect(handler(executionStatusChange({ status }), lambdaContext())).resolves.toEqual({
      safetyNet: 'IGNORED',
      execution: CHILD_EXECUTION_ARN,
      reason: `status ${status}`,
    });
    expect(sfn.calls()).toHaveLength(0);
    expect(logs.records()).toEqual([expect.objectContaining({ level: 'INFO', status })]);
  });

  it('ignores a failed execution that has no parent', async () => {
    captureLogs();
    const event = executionStatusChange({ input: childInput({ withParent: false }) });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'NO_PARENT',
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('makes no SendTaskFailure call when the described input has no parent', async () => {
    captureLogs();
    sfn.on(DescribeExecutionCommand).resolves(describedChild(childInput({ withParent: false })));
    const event = executionStatusChange({ inputIncluded: false });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'NO_PARENT',
    });
    expect(sfn).not.toHaveReceivedCommand(SendTaskFailureCommand);
  });

  it('makes no call for a malformed parent token, and says why', async () => {
    const logs = captureLogs();
    const event = executionStatusChange({ input: childInput({ token: 'x'.repeat(2_049) }) });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'UNRECOGNIZED',
      reason: expect.stringContaining('meta.parent.token is malformed'),
    });
    expect(sfn.calls()).toHaveLength(0);
    expect(logs.records()[0]).toMatchObject({
      level: 'WARN',
      parentExecution: PARENT_EXECUTION_ARN,
    });
  });

  it.each([
    ['an event from another service', ec2StateChangeEvent()],
    ['a CloudTrail Step Functions event', cloudTrailStatesEvent()],
    ['a status change without detail', { ...executionStatusChange(), detail: null }],
  ])('rejects %s with a warning naming the problem, and does not throw', async (_case, event) => {
    const logs = captureLogs();
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'UNRECOGNIZED',
      execution: null,
    });
    expect(sfn.calls()).toHaveLength(0);
    expect(logs.records()).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'safety net: event not recognized, ignored',
        problem: expect.any(String),
      }),
    ]);
  });
});

describe('the safety net: errors, and what EventBridge retries', () => {
  it.each([
    ['throttling', serviceError('ThrottlingException')],
    ['a 5xx', serviceError('InternalServerError', 500)],
    ['a network error', Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' })],
  ])(
    'throws Closer.ParentUnreachable on %s, so the async invocation is retried',
    async (_case, error) => {
      const logs = captureLogs();
      sfn.on(SendTaskFailureCommand).rejects(error);
      await expect(handler(executionStatusChange(), lambdaContext())).rejects.toMatchObject({
        name: 'Closer.ParentUnreachable',
      });
      expect(logs.records()).toEqual([expect.objectContaining({ level: 'ERROR' })]);
    },
  );

  it('throws Closer.ParentUnreachable when DescribeExecution is throttled', async () => {
    captureLogs();
    sfn.on(DescribeExecutionCommand).rejects(serviceError('ThrottlingException'));
    const event = executionStatusChange({ inputIncluded: false });
    await expect(handler(event, lambdaContext())).rejects.toMatchObject({
      name: 'Closer.ParentUnreachable',
      message: expect.stringContaining('DescribeExecution'),
    });
    expect(sfn).not.toHaveReceivedCommand(SendTaskFailureCommand);
  });

  it.each([
    ['SendTaskFailure is denied', 'SendTaskFailure', 'AccessDeniedException'],
    ['the token is invalid', 'SendTaskFailure', 'InvalidToken'],
    ['the execution no longer exists', 'DescribeExecution', 'ExecutionDoesNotExist'],
    ['DescribeExecution is denied', 'DescribeExecution', 'AccessDeniedException'],
  ])('logs an error and does not throw when %s', async (_case, refusedCall, name) => {
    const logs = captureLogs();
    sfn.on(DescribeExecutionCommand).resolves(describedChild());
    if (refusedCall === 'DescribeExecution') {
      sfn.on(DescribeExecutionCommand).rejects(serviceError(name));
    } else {
      sfn.on(SendTaskFailureCommand).rejects(serviceError(name));
    }
    const event = executionStatusChange({ inputIncluded: false });
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      safetyNet: 'REFUSED',
      reason: expect.stringContaining(name),
    });
    expect(logs.records()).toEqual([
      expect.objectContaining({ level: 'ERROR', errorName: 'Closer.ParentRejected' }),
    ]);
  });

  it('throws Closer.ParentUnreachable without calling when the deadline has already passed', async () => {
    captureLogs();
    await expect(handler(executionStatusChange(), lambdaContext(100))).rejects.toMatchObject({
      name: 'Closer.ParentUnreachable',
    });
    expect(sfn).not.toHaveReceivedCommand(SendTaskFailureCommand);
  });
});

describe('the safety net: logging', () => {
  it('writes one line with the execution, its status and a token fingerprint', async () => {
    const logs = captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    await handler(executionStatusChange({ status: 'ABORTED' }), lambdaContext());
    expect(logs.records()).toEqual([
      expect.objectContaining({
        level: 'WARN',
        service: 'sub-step-closer',
        component: 'safety-net',
        requestId: 'request-1',
        eventId: '315c1398-40ff-a850-213b-158f73e60175',
        execution: CHILD_EXECUTION_ARN,
        status: 'ABORTED',
        inputSource: 'event',
        parentExecution: PARENT_EXECUTION_ARN,
        token: `len=${PARENT_TOKEN.length};…${PARENT_TOKEN.slice(-6)}`,
        parentSignal: 'NOTIFIED',
        error: 'SubStep.Aborted',
        durationMs: expect.any(Number),
        coldStart: expect.any(Boolean),
        Source: 'SafetyNet',
        ParentNotified: 1,
        _aws: expect.any(Object),
      }),
    ]);
  });

  it.each([
    ['notified', () => sfn.on(SendTaskFailureCommand).resolves({})],
    ['gone', () => sfn.on(SendTaskFailureCommand).rejects(serviceError('TaskTimedOut'))],
    [
      'refused',
      () => sfn.on(SendTaskFailureCommand).rejects(serviceError('AccessDeniedException')),
    ],
    ['unreachable', () => sfn.on(SendTaskFailureCommand).rejects(serviceError('Throttling'))],
  ])('never logs the token or the input when %s', async (_case, arrange) => {
    const logs = captureLogs();
    arrange();
    await handler(executionStatusChange(), lambdaContext()).catch(() => undefined);
    const written = logs.lines().join('\n');
    expect(written).not.toContain(PARENT_TOKEN.slice(0, 40));
    expect(written).not.toContain(SECRET_IN_INPUT);
    expect(logs.lines()).toHaveLength(1);
  });
});

describe('handler: routing by event shape', () => {
  it('closes a sub step for a Closer payload and never touches the safety net', async () => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).resolves({});
    await expect(handler(childInput(), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NOTIFIED',
    });
    expect(sfn).not.toHaveReceivedCommand(SendTaskFailureCommand);
  });
});
