import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** The options `send` was called with: the second argument, which the mock's typing leaves out. */
function sendOptions(call: { args: readonly unknown[] } | undefined): unknown {
  return call?.args[1];
}

import { createSfnApi } from '../../src/parent/createSfnApi.ts';
import { CHILD_EXECUTION_ARN, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { stubMockedSdkEnv } from '../support/stubSfnEnv.ts';

const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  stubMockedSdkEnv();
});

describe('createSfnApi: the abort signal reaches the SDK', () => {
  it('passes it to SendTaskSuccess', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});
    const { signal } = new AbortController();
    await createSfnApi().sendTaskSuccess({ taskToken: PARENT_TOKEN, output: '{}' }, signal);
    expect(sendOptions(sfn.commandCalls(SendTaskSuccessCommand)[0])).toEqual({
      abortSignal: signal,
    });
  });

  it('passes it to SendTaskFailure', async () => {
    sfn.on(SendTaskFailureCommand).resolves({});
    const { signal } = new AbortController();
    await createSfnApi().sendTaskFailure({ taskToken: PARENT_TOKEN }, signal);
    expect(sendOptions(sfn.commandCalls(SendTaskFailureCommand)[0])).toEqual({
      abortSignal: signal,
    });
  });

  it('passes it to DescribeExecution', async () => {
    sfn.on(DescribeExecutionCommand).resolves({ input: '{}' });
    const { signal } = new AbortController();
    await expect(
      createSfnApi().describeExecution({ executionArn: CHILD_EXECUTION_ARN }, signal),
    ).resolves.toStrictEqual({ input: '{}' });
    expect(sendOptions(sfn.commandCalls(DescribeExecutionCommand)[0])).toEqual({
      abortSignal: signal,
    });
  });

  it('answers no input, rather than an undefined one, for an execution without input', async () => {
    sfn.on(DescribeExecutionCommand).resolves({});
    await expect(
      createSfnApi().describeExecution(
        { executionArn: CHILD_EXECUTION_ARN },
        new AbortController().signal,
      ),
    ).resolves.toStrictEqual({});
  });
});

describe('loadSfnApi: a failed import', () => {
  it('rejects, and the next call tries the import again', async () => {
    vi.resetModules();
    vi.doMock('../../src/parent/createSfnApi.ts', () => {
      throw new Error('Cannot find module @aws-sdk/client-sfn');
    });
    const { loadSfnApi } = await import('../../src/parent/loadSfnApi.ts');
    await expect(loadSfnApi()).rejects.toThrow();
    vi.doUnmock('../../src/parent/createSfnApi.ts');
    await expect(loadSfnApi()).resolves.toHaveProperty('sendTaskSuccess');
    vi.resetModules();
  });
});
