import { describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../src/LambdaContext.ts';
import type { SfnApi } from '../../src/parent/SfnApi.ts';
import { handleStatusChange } from '../../src/safety-net/handleStatusChange.ts';
import type { EventBridgeEvent } from '../../src/safety-net/isEventBridgeEvent.ts';
import { CHILD_EXECUTION_ARN, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { childInput, executionStatusChange } from '../fixtures/statusChangeEvents.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { hangUntilAborted, scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';

/** An event that left the input out, as EventBridge does over 248 KB. */
const inputOmitted = () => executionStatusChange({ inputIncluded: false }) as EventBridgeEvent;

async function runSafetyNet(
  event: EventBridgeEvent,
  loadApi: () => Promise<SfnApi>,
  context: LambdaContext = lambdaContext(),
) {
  const lines: string[] = [];
  const settled = await handleStatusChange(event, context, {
    env: {},
    loadApi,
    writeLog: (line) => lines.push(line),
  }).then(
    (summary) => ({ kind: 'returned' as const, summary }),
    (error: unknown) => ({ kind: 'threw' as const, error }),
  );
  return { settled, records: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the safety net: reading the input with DescribeExecution', () => {
  it('finds no parent, and sends nothing, when the execution has no input', async () => {
    const api = scriptedSfnApi({ described: {} });
    const { settled, records } = await runSafetyNet(inputOmitted(), async () => api);
    expect(settled).toEqual({
      kind: 'returned',
      summary: {
        safetyNet: 'NO_PARENT',
        execution: CHILD_EXECUTION_ARN,
        reason: 'the execution has no input',
      },
    });
    expect(api.calls.map((call) => call.operation)).toEqual(['DescribeExecution']);
    expect(records).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'safety net: execution has no input, so no parent',
        inputSource: 'DescribeExecution',
        ParentNone: 1,
      }),
    ]);
  });

  it('reports an input that is not JSON as unrecognized, naming only the parse error', async () => {
    const api = scriptedSfnApi({ described: { input: '{"meta": {"parent": ' } });
    const { settled, records } = await runSafetyNet(inputOmitted(), async () => api);
    const reason = 'the execution input is not readable JSON (SyntaxError)';
    expect(settled).toEqual({
      kind: 'returned',
      summary: { safetyNet: 'UNRECOGNIZED', execution: CHILD_EXECUTION_ARN, reason },
    });
    expect(api.calls).toHaveLength(1);
    expect(records).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'safety net: execution input not readable, parent unknown',
        problem: reason,
        Unrecognized: 1,
      }),
    ]);
  });

  it('signals the parent named in the described input, loading the client once', async () => {
    const api = scriptedSfnApi({ described: { input: JSON.stringify(childInput()) } });
    let loads = 0;
    const { settled } = await runSafetyNet(inputOmitted(), async () => {
      loads += 1;
      return api;
    });
    expect(settled).toMatchObject({ kind: 'returned', summary: { safetyNet: 'NOTIFIED' } });
    expect(api.calls.map((call) => call.operation)).toEqual([
      'DescribeExecution',
      'SendTaskFailure',
    ]);
    expect(api.calls[0]?.input).toEqual({ executionArn: CHILD_EXECUTION_ARN });
    expect(loads).toBe(1);
  });

  it('throws Closer.ParentUnreachable, for Lambda to retry, when KMS throttles DescribeExecution', async () => {
    const throttled = serviceError('KmsThrottlingException', 'Rate exceeded');
    const api = scriptedSfnApi({ describe: [throttled] });
    const { settled, records } = await runSafetyNet(inputOmitted(), async () => api);
    expect(settled).toEqual({
      kind: 'threw',
      error: expect.objectContaining({
        name: 'Closer.ParentUnreachable',
        message:
          'DescribeExecution did not reach Step Functions: KmsThrottlingException: Rate exceeded',
        cause: throttled,
      }),
    });
    expect(api.calls).toHaveLength(1);
    expect(records).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'safety net: parent not signalled, the invocation will be retried',
        errorName: 'Closer.ParentUnreachable',
        SignalFailed: 1,
      }),
    ]);
  });

  it('returns REFUSED, naming the refusal, when DescribeExecution is refused', async () => {
    const refusal = serviceError('ExecutionDoesNotExist', 'no such execution');
    const api = scriptedSfnApi({ describe: [refusal] });
    const { settled, records } = await runSafetyNet(inputOmitted(), async () => api);
    const reason =
      'Step Functions refused DescribeExecution: ExecutionDoesNotExist: no such execution';
    expect(settled).toEqual({
      kind: 'returned',
      summary: { safetyNet: 'REFUSED', execution: CHILD_EXECUTION_ARN, reason },
    });
    expect(records).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'safety net: Step Functions refused, parent not signalled',
        errorName: 'Closer.ParentRejected',
        errorMessage: reason,
        SignalFailed: 1,
      }),
    ]);
  });

  it('describes a refusal with an empty message by its name alone', async () => {
    const api = scriptedSfnApi({ describe: [serviceError('AccessDeniedException', '')] });
    const { settled } = await runSafetyNet(inputOmitted(), async () => api);
    expect(settled).toMatchObject({
      summary: { reason: 'Step Functions refused DescribeExecution: AccessDeniedException' },
    });
  });

  it('describes a refusal whose message repeats its name by the name alone', async () => {
    const api = scriptedSfnApi({ describe: [serviceError('AccessDeniedException')] });
    const { settled } = await runSafetyNet(inputOmitted(), async () => api);
    expect(settled).toMatchObject({
      summary: { reason: 'Step Functions refused DescribeExecution: AccessDeniedException' },
    });
  });

  it('describes a thrown value that is not an Error by its text', async () => {
    const api = scriptedSfnApi({ describe: ['connection reset'] });
    const { settled } = await runSafetyNet(inputOmitted(), async () => api);
    expect(settled).toMatchObject({
      kind: 'threw',
      error: {
        name: 'Closer.ParentUnreachable',
        message: 'DescribeExecution did not reach Step Functions: connection reset',
      },
    });
  });

  it('aborts DescribeExecution at the deadline and throws Closer.ParentUnreachable', async () => {
    const api = scriptedSfnApi({ describe: [hangUntilAborted] });
    // 600 ms of Lambda time minus the default 500 ms margin: 100 ms for the call.
    const { settled } = await runSafetyNet(inputOmitted(), async () => api, lambdaContext(600));
    expect(settled).toMatchObject({
      kind: 'threw',
      error: {
        name: 'Closer.ParentUnreachable',
        message: expect.stringMatching(
          /^DescribeExecution did not reach Step Functions: (DeadlineReachedError|AbortError): /,
        ),
      },
    });
    expect(api.aborted).toEqual([true]);
  });
});

describe('the safety net: a Step Functions client that cannot be loaded', () => {
  it.each([
    ['the event included the input', executionStatusChange() as EventBridgeEvent],
    ['the input must be described', inputOmitted()],
  ])('throws Closer.ParentUnreachable when %s', async (_case, event) => {
    const importFailure = new Error('Cannot find module @aws-sdk/client-sfn');
    const { settled, records } = await runSafetyNet(event, async () => {
      throw importFailure;
    });
    expect(settled).toEqual({
      kind: 'threw',
      error: expect.objectContaining({
        name: 'Closer.ParentUnreachable',
        message: 'the Step Functions client could not be loaded',
        cause: importFailure,
      }),
    });
    expect(records).toEqual([
      expect.objectContaining({ level: 'ERROR', errorName: 'Closer.ParentUnreachable' }),
    ]);
  });
});

describe('the safety net: the deadline of SendTaskFailure', () => {
  it('aborts a SendTaskFailure that does not answer in time', async () => {
    const api = scriptedSfnApi({ failure: [hangUntilAborted] });
    const { settled } = await runSafetyNet(
      executionStatusChange() as EventBridgeEvent,
      async () => api,
      lambdaContext(600),
    );
    expect(settled).toMatchObject({
      kind: 'threw',
      error: {
        name: 'Closer.ParentUnreachable',
        message: expect.stringContaining('SendTaskFailure did not reach Step Functions'),
      },
    });
    expect(api.calls).toEqual([
      expect.objectContaining({
        operation: 'SendTaskFailure',
        input: expect.objectContaining({ taskToken: PARENT_TOKEN }),
      }),
    ]);
    expect(api.aborted).toEqual([true]);
  });
});
