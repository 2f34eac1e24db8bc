import { describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../src/LambdaContext.ts';
import type { SfnApi } from '../../src/parent/SfnApi.ts';
import { handleStatusChange } from '../../src/safety-net/handleStatusChange.ts';
import type { EventBridgeEvent } from '../../src/safety-net/isEventBridgeEvent.ts';
import { CHILD_EXECUTION_ARN, PARENT_EXECUTION_ARN } from '../fixtures/payloads.ts';
import {
  CHILD_STATE_MACHINE_ARN,
  childInput,
  executionStatusChange,
  type StatusChangeOptions,
} from '../fixtures/statusChangeEvents.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';

async function runSafetyNet(
  options: StatusChangeOptions,
  api: SfnApi = scriptedSfnApi({}),
  extra: { sleep?: (ms: number) => Promise<void>; context?: LambdaContext } = {},
) {
  const lines: string[] = [];
  const settled = await handleStatusChange(
    executionStatusChange(options) as EventBridgeEvent,
    extra.context ?? lambdaContext(),
    {
      env: {},
      loadApi: async () => api,
      writeLog: (line) => lines.push(line),
      ...(extra.sleep === undefined ? {} : { sleep: extra.sleep }),
    },
  ).then(
    (summary) => ({ kind: 'returned' as const, summary }),
    (error: unknown) => ({ kind: 'threw' as const, error }),
  );
  const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { settled, records, record: records[0] ?? {} };
}

describe('the safety net log line: what happened, at which level', () => {
  it('says at info that a running execution needs nothing', async () => {
    const { record } = await runSafetyNet({ status: 'RUNNING' });
    expect(record).toMatchObject({
      level: 'INFO',
      message: 'safety net: execution did not stop, nothing to do',
    });
  });

  it('says at info that a child without a parent needs nothing', async () => {
    const { settled, record } = await runSafetyNet({ input: childInput({ withParent: false }) });
    expect(settled).toEqual({
      kind: 'returned',
      summary: {
        safetyNet: 'NO_PARENT',
        execution: CHILD_EXECUTION_ARN,
        reason: 'no meta.parent.token',
      },
    });
    expect(record).toMatchObject({
      level: 'INFO',
      message: 'safety net: execution has no parent, nothing to do',
      ParentNone: 1,
    });
  });

  it('reads a meta.parent that is not an object as no parent', async () => {
    const { settled } = await runSafetyNet({ input: { meta: { parent: 'parent-run-1' } } });
    expect(settled).toMatchObject({ kind: 'returned', summary: { safetyNet: 'NO_PARENT' } });
  });

  it('warns that a malformed token leaves the parent unsignalled', async () => {
    const { record } = await runSafetyNet({ input: childInput({ token: '' }) });
    expect(record).toMatchObject({
      level: 'WARN',
      message: 'safety net: parent token malformed, parent not signalled',
      problem: 'meta.parent.token is malformed (not a string of 1 to 2,048 characters)',
    });
  });

  it('says at info that the parent task was already closed', async () => {
    const { record } = await runSafetyNet(
      {},
      scriptedSfnApi({ failure: [serviceError('TaskTimedOut')] }),
    );
    expect(record).toMatchObject({
      level: 'INFO',
      message: 'safety net: parent task already closed, nothing to do',
      parentSignal: 'GONE',
      reason: 'TaskTimedOut',
    });
  });

  it('warns that the parent was told, naming the signal and the error, and no fallback', async () => {
    const { record } = await runSafetyNet({ status: 'TIMED_OUT' });
    expect(record).toMatchObject({
      level: 'WARN',
      message: 'safety net: parent told its child stopped without its Closer',
      parentSignal: 'NOTIFIED',
      signal: 'SendTaskFailure',
      error: 'SubStep.TimedOut',
    });
    expect(record).not.toHaveProperty('fallback');
  });

  it('names the fallback that told the parent', async () => {
    const { record } = await runSafetyNet(
      {},
      scriptedSfnApi({ failure: [serviceError('KmsAccessDeniedException')] }),
    );
    expect(record).toMatchObject({ parentSignal: 'NOTIFIED', fallback: 'kms-bare-failure' });
  });
});

describe('the safety net log line: the child it is about', () => {
  it("names the child's state machine, status and error", async () => {
    const { record } = await runSafetyNet({});
    expect(record).toMatchObject({
      execution: CHILD_EXECUTION_ARN,
      stateMachine: CHILD_STATE_MACHINE_ARN,
      status: 'FAILED',
      childError: 'States.Runtime',
      parentExecution: PARENT_EXECUTION_ARN,
    });
  });

  it('writes null for the error of a child that stopped without one', async () => {
    const { record } = await runSafetyNet({ status: 'ABORTED' });
    expect(record).toMatchObject({ status: 'ABORTED', childError: null });
  });

  it('cuts a long child error to 256 characters', async () => {
    const { record } = await runSafetyNet({ error: 'E'.repeat(300) });
    expect(record).toMatchObject({ childError: 'E'.repeat(256) });
  });

  it('writes null for a state machine the event does not name', async () => {
    const event = executionStatusChange() as Record<string, Record<string, unknown>>;
    const { stateMachineArn: _arn, ...detail } = event['detail'] ?? {};
    const lines: string[] = [];
    await handleStatusChange({ ...event, detail } as unknown as EventBridgeEvent, lambdaContext(), {
      env: {},
      loadApi: async () => scriptedSfnApi({}),
      writeLog: (line) => lines.push(line),
    });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ stateMachine: null });
  });
});

describe('the safety net: seams', () => {
  it('pauses with the injected sleep between KMS-throttled attempts', async () => {
    const pauses: number[] = [];
    const { settled } = await runSafetyNet(
      {},
      scriptedSfnApi({ failure: [serviceError('KmsThrottlingException')] }),
      {
        sleep: async (ms) => {
          pauses.push(ms);
        },
      },
    );
    expect(settled).toMatchObject({ kind: 'returned', summary: { safetyNet: 'NOTIFIED' } });
    expect(pauses).toHaveLength(1);
  });

  it('logs a thrown value that is not an Error by its text, and rethrows it', async () => {
    const context = {
      awsRequestId: 'request-1',
      getRemainingTimeInMillis: () => {
        throw 'no clock';
      },
    };
    const { settled, record } = await runSafetyNet({}, scriptedSfnApi({}), { context });
    expect(settled).toEqual({ kind: 'threw', error: 'no clock' });
    expect(record).toMatchObject({
      level: 'ERROR',
      errorName: 'UnknownError',
      errorMessage: 'no clock',
      SignalFailed: 1,
    });
  });
});
