import { describe, expect, it } from 'vitest';
import { fingerprintToken } from '../../src/log.ts';
import {
  CHILD_EXECUTION_ARN,
  closerInput,
  PARENT_EXECUTION_ARN,
  PARENT_TOKEN,
} from '../fixtures/payloads.ts';
import { runCloser } from '../support/runCloser.ts';
import { scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';

describe('the Closer log line: who it is about', () => {
  it('names the child by its ARN, the parent by its ARN, and fingerprints the token', async () => {
    const { records } = await runCloser(closerInput({ withParent: true }), {
      api: scriptedSfnApi({}),
    });
    expect(records).toEqual([
      expect.objectContaining({
        execution: CHILD_EXECUTION_ARN,
        parentExecution: PARENT_EXECUTION_ARN,
        token: fingerprintToken(PARENT_TOKEN),
      }),
    ]);
  });

  it('names the child by its name when the payload gives no ARN', async () => {
    const { records } = await runCloser({ meta: { name: 'child-run-9' } });
    expect(records[0]).toMatchObject({ execution: 'child-run-9' });
  });

  it('writes null for the child, the parent and the token of a bare standalone payload', async () => {
    const { records } = await runCloser({ orderId: 'o-42' });
    expect(records[0]).toMatchObject({ execution: null, parentExecution: null, token: null });
  });

  it('writes null for a parent link without an ARN', async () => {
    const { records } = await runCloser(
      { meta: { parent: { token: PARENT_TOKEN } } },
      { api: scriptedSfnApi({}) },
    );
    expect(records[0]).toMatchObject({
      parentExecution: null,
      token: fingerprintToken(PARENT_TOKEN),
    });
  });

  it('names the parent of a malformed token but writes no token fingerprint', async () => {
    const { records } = await runCloser(closerInput({ token: 42 }));
    expect(records[0]).toMatchObject({ parentExecution: PARENT_EXECUTION_ARN, token: null });
  });
});

describe('the Closer log line: sizes', () => {
  it('measures the payload in UTF-8 bytes', async () => {
    const event = { note: 'é' };
    const { records } = await runCloser(event);
    expect(records[0]).toMatchObject({ payloadBytes: Buffer.byteLength(JSON.stringify(event)) });
  });

  it('writes a null payload size for an event that is not JSON at all', async () => {
    const { records } = await runCloser(undefined);
    expect(records[0]).toMatchObject({ payloadBytes: null });
  });

  it('writes a null payload size for an event that cannot be serialized', async () => {
    const { records } = await runCloser({ count: 10n });
    expect(records[0]).toMatchObject({ payloadBytes: null });
  });

  it('writes the size of the success output it sent', async () => {
    const api = scriptedSfnApi({});
    const { records } = await runCloser(closerInput({ withParent: true }), { api });
    const output = api.calls[0]?.input['output'];
    expect(records[0]).toMatchObject({ outputBytes: Buffer.byteLength(String(output)) });
  });

  it('writes no output size for a failure', async () => {
    const { records } = await runCloser(closerInput({ withParent: true, status: false }), {
      api: scriptedSfnApi({}),
    });
    expect(records[0]).not.toHaveProperty('outputBytes');
  });
});

describe('the Closer log line: the outcome', () => {
  it('writes the verdict, the signal and no error or problems for a delivered success', async () => {
    const { records } = await runCloser(closerInput({ withParent: true }), {
      api: scriptedSfnApi({}),
    });
    expect(records[0]).toMatchObject({
      level: 'INFO',
      message: 'sub step closed',
      verdict: 'SUCCEEDED',
      parentSignal: 'NOTIFIED',
      signal: 'SendTaskSuccess',
    });
    expect(records[0]).not.toHaveProperty('error');
    expect(records[0]).not.toHaveProperty('problems');
    expect(records[0]).not.toHaveProperty('fallback');
  });

  it('writes one info line for a standalone run', async () => {
    const { records } = await runCloser(closerInput());
    expect(records).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'sub step closed',
        verdict: 'SUCCEEDED',
        parentSignal: 'NONE',
        signal: 'none',
        ParentNone: 1,
      }),
    ]);
  });

  it('writes the error and the problems of an invalid payload, with no signal for a standalone run', async () => {
    const { records } = await runCloser(closerInput({ status: 'done' }));
    expect(records[0]).toMatchObject({
      verdict: 'FAILED',
      parentSignal: 'NONE',
      signal: 'none',
      error: 'SubStep.InvalidPayload',
      problems: [expect.stringContaining('meta.status must be')],
    });
  });

  it('names SendTaskFailure as the signal of a failure', async () => {
    const { records } = await runCloser(closerInput({ withParent: true, status: false }), {
      api: scriptedSfnApi({}),
    });
    expect(records[0]).toMatchObject({ signal: 'SendTaskFailure', error: 'SubStep.Failed' });
  });

  it('names the fallback that delivered the verdict', async () => {
    const { records } = await runCloser(closerInput({ withParent: true }), {
      api: scriptedSfnApi({ success: [serviceError('InvalidOutput')] }),
    });
    expect(records[0]).toMatchObject({
      level: 'INFO',
      verdict: 'FAILED',
      error: 'SubStep.InvalidOutput',
      fallback: 'invalid-output-failure',
    });
  });

  it('warns, with the reason, when the parent task was already closed', async () => {
    const { settled, records } = await runCloser(closerInput({ withParent: true }), {
      api: scriptedSfnApi({ success: [serviceError('TaskDoesNotExist')] }),
    });
    expect(settled).toEqual({ kind: 'returned', result: { message: 'SUCCEEDED', parent: 'GONE' } });
    expect(records).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'parent task already closed; signal not needed',
        verdict: 'SUCCEEDED',
        parentSignal: 'GONE',
        signal: 'SendTaskSuccess',
        reason: 'TaskDoesNotExist',
        ParentGone: 1,
      }),
    ]);
  });

  it('logs an error with the verdict, the signal and the thrown error when the parent is not signalled', async () => {
    const { settled, records } = await runCloser(closerInput({ withParent: true, status: false }), {
      api: scriptedSfnApi({ failure: [serviceError('InvalidToken', 'bad token')] }),
    });
    expect(settled).toMatchObject({ kind: 'threw', error: { name: 'Closer.ParentRejected' } });
    expect(records).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'parent not signalled',
        verdict: 'FAILED',
        signal: 'SendTaskFailure',
        errorName: 'Closer.ParentRejected',
        errorMessage: 'Step Functions refused SendTaskFailure: InvalidToken: bad token',
        SignalFailed: 1,
      }),
    ]);
  });

  it('logs a thrown value that is not an Error by its text, and rethrows it', async () => {
    const context = {
      awsRequestId: 'request-1',
      getRemainingTimeInMillis: () => {
        throw 'no clock';
      },
    };
    const { settled, records } = await runCloser(closerInput({ withParent: true }), {
      api: scriptedSfnApi({}),
      context,
    });
    expect(settled).toEqual({ kind: 'threw', error: 'no clock' });
    expect(records[0]).toMatchObject({ errorName: 'UnknownError', errorMessage: 'no clock' });
  });
});
