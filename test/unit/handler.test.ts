import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../src/handler.ts';
import {
  CAUGHT_ERRORS,
  CHILD_EXECUTION_ARN,
  closerInput,
  PARENT_EXECUTION_ARN,
  PARENT_TOKEN,
} from '../fixtures/payloads.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { serviceError as sdkError } from '../support/serviceError.ts';
import { stubMockedSdkEnv } from '../support/stubSfnEnv.ts';

const serviceError = (name: string, httpStatusCode = 400): Error =>
  sdkError(name, httpStatusCode, 1);

const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  stubMockedSdkEnv();
});

describe('handler: a standalone child (no parent token)', () => {
  it('passes through as SUCCEEDED without calling Step Functions', async () => {
    captureLogs();
    await expect(handler(closerInput(), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NONE',
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('returns FAILED with the cause when the child marked itself failed', async () => {
    captureLogs();
    const result = await handler(
      closerInput({ status: false, errors: CAUGHT_ERRORS }),
      lambdaContext(),
    );
    expect(result).toMatchObject({ message: 'FAILED', parent: 'NONE', error: 'SubStep.Failed' });
    expect(JSON.parse(('cause' in result && result.cause) || '')).toMatchObject({
      errors: CAUGHT_ERRORS,
    });
  });

  it.each([
    ['a string', 'not a payload'],
    ['null', null],
    ['an array', [1]],
    ['undefined', undefined],
  ])('returns FAILED, never throws, when the event is %s', async (_case, event) => {
    captureLogs();
    await expect(handler(event, lambdaContext())).resolves.toMatchObject({
      message: 'FAILED',
      parent: 'NONE',
      error: 'SubStep.InvalidPayload',
    });
  });
});

describe('handler: signalling the parent', () => {
  it('sends SendTaskSuccess with the payload minus the token', async () => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).resolves({});
    const result = await handler(closerInput({ withParent: true }), lambdaContext());
    expect(result).toEqual({ message: 'SUCCEEDED', parent: 'NOTIFIED' });
    expect(sfn).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 1);
    const { output, taskToken } = sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input ?? {};
    expect(taskToken).toBe(PARENT_TOKEN);
    expect(output).not.toContain(PARENT_TOKEN);
    expect(JSON.parse(output ?? '')).toMatchObject({ initial: { orderId: 'o-42' } });
  });

  it('sends SendTaskFailure with SubStep.Failed when meta.status is false', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    const result = await handler(
      closerInput({ withParent: true, status: false, errors: CAUGHT_ERRORS }),
      lambdaContext(),
    );
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.Failed',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      taskToken: PARENT_TOKEN,
      error: 'SubStep.Failed',
      cause: JSON.stringify({
        execution: { name: 'child-run-1', arn: CHILD_EXECUTION_ARN },
        errors: CAUGHT_ERRORS,
      }),
    });
    expect(sfn).not.toHaveReceivedCommand(SendTaskSuccessCommand);
  });

  it('sends meta.error and meta.cause to the parent', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    await handler(
      closerInput({ withParent: true, status: false, meta: { error: 'Orders.Bad', cause: 'why' } }),
      lambdaContext(),
    );
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'Orders.Bad',
      cause: 'why',
    });
  });

  it('sends SubStep.InvalidPayload to the parent when meta.status is invalid', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    const result = await handler(
      closerInput({ withParent: true, status: 'done' }),
      lambdaContext(),
    );
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.InvalidPayload',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'SubStep.InvalidPayload',
    });
  });

  it('makes no call for a malformed token and returns FAILED with SubStep.InvalidPayload', async () => {
    captureLogs();
    const result = await handler(closerInput({ token: 't'.repeat(2049) }), lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NONE',
      error: 'SubStep.InvalidPayload',
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('sends SubStep.OutputTooLarge instead of an output over 262,144 bytes', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).resolves({});
    const event = closerInput({ withParent: true, initial: { blob: 'x'.repeat(262_144) } });
    const result = await handler(event, lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.OutputTooLarge',
    });
    expect(sfn).not.toHaveReceivedCommand(SendTaskSuccessCommand);
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'SubStep.OutputTooLarge',
    });
  });

  it('fails with Closer.InvalidConfiguration, and tells the parent, when the environment is wrong', async () => {
    captureLogs();
    vi.stubEnv('CLOSER_FAIL_ON_ERRORS', 'maybe');
    sfn.on(SendTaskFailureCommand).resolves({});
    const result = await handler(closerInput({ withParent: true }), lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'Closer.InvalidConfiguration',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'Closer.InvalidConfiguration',
      cause: expect.stringContaining('CLOSER_FAIL_ON_ERRORS'),
    });
  });

  it('fails on caught errors when CLOSER_FAIL_ON_ERRORS is true', async () => {
    captureLogs();
    vi.stubEnv('CLOSER_FAIL_ON_ERRORS', 'true');
    sfn.on(SendTaskFailureCommand).resolves({});
    const result = await handler(
      closerInput({ withParent: true, errors: CAUGHT_ERRORS }),
      lambdaContext(),
    );
    expect(result).toMatchObject({ message: 'FAILED', error: 'SubStep.Failed' });
  });
});

describe('handler: every answer Step Functions can give', () => {
  it.each(['TaskTimedOut', 'TaskDoesNotExist'])(
    'returns parent GONE, not an error, on %s',
    async (name) => {
      const logs = captureLogs();
      sfn.on(SendTaskSuccessCommand).rejects(serviceError(name));
      await expect(handler(closerInput({ withParent: true }), lambdaContext())).resolves.toEqual({
        message: 'SUCCEEDED',
        parent: 'GONE',
      });
      expect(logs.records()).toEqual([expect.objectContaining({ level: 'WARN', reason: name })]);
    },
  );

  it('keeps a FAILED verdict when the parent is gone', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).rejects(serviceError('TaskTimedOut'));
    await expect(
      handler(closerInput({ withParent: true, status: false }), lambdaContext()),
    ).resolves.toMatchObject({ message: 'FAILED', parent: 'GONE', error: 'SubStep.Failed' });
  });

  it.each([
    'InvalidToken',
    'AccessDeniedException',
    'ValidationException',
    'UnrecognizedClientException',
  ])('throws Closer.ParentRejected on %s', async (name) => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).rejects(serviceError(name));
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).rejects.toMatchObject(
      {
        name: 'Closer.ParentRejected',
        message: expect.stringContaining(name),
      },
    );
  });

  it.each([
    ['ThrottlingException', 400],
    ['ServiceUnavailable', 503],
    ['InternalServerError', 500],
  ] as const)(
    'throws Closer.ParentUnreachable on %s after the SDK retries',
    async (name, status) => {
      captureLogs();
      sfn.on(SendTaskSuccessCommand).rejects(serviceError(name, status));
      await expect(
        handler(closerInput({ withParent: true }), lambdaContext()),
      ).rejects.toMatchObject({
        name: 'Closer.ParentUnreachable',
      });
    },
  );

  it('throws Closer.ParentUnreachable on a network error', async () => {
    captureLogs();
    sfn
      .on(SendTaskSuccessCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).rejects.toMatchObject(
      {
        name: 'Closer.ParentUnreachable',
      },
    );
  });

  it('retries KmsThrottlingException itself, since the SDK does not', async () => {
    captureLogs();
    sfn
      .on(SendTaskSuccessCommand)
      .rejectsOnce(serviceError('KmsThrottlingException'))
      .rejectsOnce(serviceError('KmsThrottlingException'))
      .resolves({});
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NOTIFIED',
    });
    expect(sfn).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 3);
  });

  it('gives up on KmsThrottlingException with Closer.ParentUnreachable after 4 attempts', async () => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('KmsThrottlingException'));
    await expect(handler(closerInput({ withParent: true }), lambdaContext())).rejects.toMatchObject(
      {
        name: 'Closer.ParentUnreachable',
      },
    );
    expect(sfn).toHaveReceivedCommandTimes(SendTaskSuccessCommand, 4);
  });

  it.each(['KmsAccessDeniedException', 'KmsInvalidStateException'])(
    'falls back to SendTaskFailure with neither error nor cause on %s',
    async (name) => {
      captureLogs();
      sfn.on(SendTaskFailureCommand).rejectsOnce(serviceError(name)).resolves({});
      const result = await handler(
        closerInput({ withParent: true, status: false }),
        lambdaContext(),
      );
      expect(result).toMatchObject({
        message: 'FAILED',
        parent: 'NOTIFIED',
        error: 'SubStep.Failed',
      });
      expect(sfn).toHaveReceivedCommandTimes(SendTaskFailureCommand, 2);
      expect(sfn.commandCalls(SendTaskFailureCommand)[1]?.args[0].input).toEqual({
        taskToken: PARENT_TOKEN,
      });
    },
  );

  it('tells the parent with a bare failure when its KMS key refuses a success output', async () => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('KmsAccessDeniedException'));
    sfn.on(SendTaskFailureCommand).resolves({});
    const result = await handler(closerInput({ withParent: true }), lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.OutputNotEncrypted',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, { taskToken: PARENT_TOKEN });
  });

  it('throws Closer.ParentRejected when even the bare failure is refused', async () => {
    captureLogs();
    sfn.on(SendTaskFailureCommand).rejects(serviceError('KmsAccessDeniedException'));
    await expect(
      handler(closerInput({ withParent: true, status: false }), lambdaContext()),
    ).rejects.toMatchObject({ name: 'Closer.ParentRejected' });
  });

  it('replaces a success refused with InvalidOutput by a SubStep.InvalidOutput failure', async () => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('InvalidOutput'));
    sfn.on(SendTaskFailureCommand).resolves({});
    const result = await handler(closerInput({ withParent: true }), lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.InvalidOutput',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'SubStep.InvalidOutput',
    });
  });

  it('throws Closer.ParentUnreachable without calling when the deadline has already passed', async () => {
    captureLogs();
    sfn.on(SendTaskSuccessCommand).resolves({});
    await expect(
      handler(closerInput({ withParent: true }), lambdaContext(400)),
    ).rejects.toMatchObject({
      name: 'Closer.ParentUnreachable',
    });
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe('handler: logging', () => {
  it('writes exactly one structured line per invocation with ids, verdict and sizes', async () => {
    const logs = captureLogs();
    sfn.on(SendTaskSuccessCommand).resolves({});
    await handler(closerInput({ withParent: true }), lambdaContext(10_000, 'req-7'));
    expect(logs.records()).toEqual([
      expect.objectContaining({
        level: 'INFO',
        requestId: 'req-7',
        execution: CHILD_EXECUTION_ARN,
        parentExecution: PARENT_EXECUTION_ARN,
        verdict: 'SUCCEEDED',
        parentSignal: 'NOTIFIED',
        signal: 'SendTaskSuccess',
        durationMs: expect.any(Number),
        payloadBytes: expect.any(Number),
        outputBytes: expect.any(Number),
        coldStart: expect.any(Boolean),
        Source: 'Closer',
        ParentNotified: 1,
        _aws: expect.any(Object),
      }),
    ]);
  });

  it('never logs the token or the payload, whatever the outcome', async () => {
    const logs = captureLogs();
    const secretPayload = { initial: { creditCard: '4111-1111-1111-1111' } };
    sfn.on(SendTaskSuccessCommand).resolvesOnce({}).rejectsOnce(serviceError('TaskTimedOut'));
    sfn.on(SendTaskFailureCommand).rejects(serviceError('InvalidToken'));
    await handler({ ...closerInput({ withParent: true }), ...secretPayload }, lambdaContext());
    await handler({ ...closerInput({ withParent: true }), ...secretPayload }, lambdaContext());
    await handler(
      { ...closerInput({ withParent: true, status: false }), ...secretPayload },
      lambdaContext(),
    ).catch(() => undefined);
    await handler(
      { ...closerInput({ token: 'x'.repeat(3000) }), ...secretPayload },
      lambdaContext(),
    );
    const text = logs.lines().join('\n');
    expect(logs.lines()).toHaveLength(4);
    expect(text).not.toContain(PARENT_TOKEN);
    expect(text).not.toContain(PARENT_TOKEN.slice(0, 40));
    expect(text).not.toContain('x'.repeat(100));
    expect(text).not.toContain('4111-1111');
  });

  it('masks the token if a service message ever echoes it', async () => {
    const logs = captureLogs();
    sfn.on(SendTaskSuccessCommand).rejects(serviceError(`InvalidToken`));
    sfn.on(SendTaskSuccessCommand).rejects(
      Object.assign(new Error(`Invalid token ${PARENT_TOKEN}`), {
        name: 'InvalidToken',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const thrown = await handler(closerInput({ withParent: true }), lambdaContext()).catch(
      (error: unknown) => error,
    );
    expect(String((thrown as Error).message)).not.toContain(PARENT_TOKEN);
    expect(logs.lines().join('')).not.toContain(PARENT_TOKEN);
  });
});
