import { describe, expect, it } from 'vitest';
import { closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { runCloser } from '../support/runCloser.ts';
import { hangUntilAborted, scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';

describe('the Closer: null where a value could be', () => {
  it('passes through as a standalone run when meta.parent is null', async () => {
    const { settled } = await runCloser({ meta: { parent: null } });
    expect(settled).toEqual({ kind: 'returned', result: { message: 'SUCCEEDED', parent: 'NONE' } });
  });

  it('passes through as a standalone run when the token is null', async () => {
    const { settled } = await runCloser(closerInput({ token: null }));
    expect(settled).toEqual({ kind: 'returned', result: { message: 'SUCCEEDED', parent: 'NONE' } });
  });

  it.each(['error', 'cause', 'outputPath'])('reads a null meta.%s as absent', async (shim) => {
    const api = scriptedSfnApi({});
    const { settled } = await runCloser(closerInput({ withParent: true, meta: { [shim]: null } }), {
      api,
    });
    expect(settled).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'NOTIFIED' },
    });
    expect(api.calls.map((call) => call.operation)).toEqual(['SendTaskSuccess']);
  });

  it('fails with SubStep.Failed, not a null error, when meta.error is null and meta.status false', async () => {
    const api = scriptedSfnApi({});
    await runCloser(closerInput({ withParent: true, status: false, meta: { error: null } }), {
      api,
    });
    expect(api.calls[0]?.input).toMatchObject({ error: 'SubStep.Failed' });
  });
});

describe('the Closer: the result it returns', () => {
  it('returns the error and cause the parent received with a FAILED verdict', async () => {
    const api = scriptedSfnApi({});
    const { settled } = await runCloser(
      closerInput({ withParent: true, status: false, meta: { error: 'Orders.Bad', cause: 'why' } }),
      { api },
    );
    expect(settled).toEqual({
      kind: 'returned',
      result: { message: 'FAILED', parent: 'NOTIFIED', error: 'Orders.Bad', cause: 'why' },
    });
  });
});

describe('the Closer: an unusable environment', () => {
  it('fails a standalone run with Closer.InvalidConfiguration, making no call', async () => {
    const { settled } = await runCloser(closerInput(), {
      env: { CLOSER_DEADLINE_MARGIN_MS: '90000' },
    });
    expect(settled).toEqual({
      kind: 'returned',
      result: {
        message: 'FAILED',
        parent: 'NONE',
        error: 'Closer.InvalidConfiguration',
        cause: expect.stringContaining('CLOSER_DEADLINE_MARGIN_MS'),
      },
    });
  });

  it('sends the parent the configuration problem as the failure', async () => {
    const api = scriptedSfnApi({});
    await runCloser(closerInput({ withParent: true }), {
      api,
      env: { CLOSER_FAIL_ON_ERRORS: 'sometimes' },
    });
    expect(api.calls).toEqual([
      {
        operation: 'SendTaskFailure',
        input: {
          taskToken: PARENT_TOKEN,
          error: 'Closer.InvalidConfiguration',
          cause: 'CLOSER_FAIL_ON_ERRORS must be "true" or "false", got "sometimes"',
        },
      },
    ]);
  });
});

describe('the Closer: reaching Step Functions', () => {
  it('throws Closer.ParentUnreachable, with the import error as cause, when the client cannot be loaded', async () => {
    const importFailure = new Error('Cannot find module @aws-sdk/client-sfn');
    const { settled, records } = await runCloser(closerInput({ withParent: true }), {
      loadApi: async () => {
        throw importFailure;
      },
    });
    expect(settled).toEqual({
      kind: 'threw',
      error: expect.objectContaining({
        name: 'Closer.ParentUnreachable',
        message: 'the Step Functions client could not be loaded',
        cause: importFailure,
      }),
    });
    expect(records[0]).toMatchObject({ level: 'ERROR', errorName: 'Closer.ParentUnreachable' });
  });

  it('uses CLOSER_DEADLINE_MARGIN_MS: with no margin, 400 ms of Lambda time is enough to signal', async () => {
    const api = scriptedSfnApi({});
    const { settled } = await runCloser(closerInput({ withParent: true }), {
      api,
      env: { CLOSER_DEADLINE_MARGIN_MS: '0' },
      context: lambdaContext(400),
    });
    expect(settled).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'NOTIFIED' },
    });
  });

  it('gives up before calling when the default 500 ms margin exceeds the time left', async () => {
    const api = scriptedSfnApi({});
    const { settled } = await runCloser(closerInput({ withParent: true }), {
      api,
      context: lambdaContext(400),
    });
    expect(settled).toMatchObject({ kind: 'threw', error: { name: 'Closer.ParentUnreachable' } });
    expect(api.calls).toEqual([]);
  });

  it('aborts a SendTaskFailure that does not answer before the deadline', async () => {
    const api = scriptedSfnApi({ failure: [hangUntilAborted] });
    const { settled } = await runCloser(closerInput({ withParent: true, status: false }), {
      api,
      context: lambdaContext(600),
    });
    expect(settled).toMatchObject({
      kind: 'threw',
      error: {
        name: 'Closer.ParentUnreachable',
        message: expect.stringMatching(
          /^SendTaskFailure did not reach Step Functions: (DeadlineReachedError|AbortError): /,
        ),
      },
    });
    expect(api.aborted).toEqual([true]);
  });
});

describe('the Closer: seams', () => {
  it('pauses with the injected sleep between KMS-throttled attempts', async () => {
    const pauses: number[] = [];
    const { settled } = await runCloser(closerInput({ withParent: true }), {
      api: scriptedSfnApi({ success: [serviceError('KmsThrottlingException')] }),
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(settled).toMatchObject({ kind: 'returned', result: { parent: 'NOTIFIED' } });
    expect(pauses).toHaveLength(1);
  });
});
