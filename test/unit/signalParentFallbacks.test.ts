import { describe, expect, it } from 'vitest';
import { failed } from '../../src/closer/decideVerdict.ts';
import type { ParentSignal } from '../../src/closer/ParentSignal.ts';
import { PARENT_TOKEN } from '../fixtures/payloads.ts';
import { scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';
import { signalParentWith } from '../support/signalParentWith.ts';

const SUCCESS: ParentSignal = { kind: 'success', output: '{"orderId":"o-42"}', outputBytes: 18 };
const FAILURE: ParentSignal = { kind: 'failure', error: 'SubStep.Failed', cause: 'why' };
const FAILED_VERDICT = failed('SubStep.Failed', 'why');

describe('signalParent: a success refused with InvalidOutput', () => {
  it('sends a SubStep.InvalidOutput failure whose cause names the size and the refusal', async () => {
    const api = scriptedSfnApi({
      success: [serviceError('InvalidOutput', 'the output is not valid JSON')],
    });
    const outcome = await signalParentWith(api, SUCCESS);
    const cause =
      'Step Functions refused the 18-byte success output: InvalidOutput: the output is not valid JSON';
    expect(outcome).toEqual({
      parent: 'NOTIFIED',
      verdict: { message: 'FAILED', error: 'SubStep.InvalidOutput', cause },
      fallback: 'invalid-output-failure',
    });
    expect(api.calls).toEqual([
      { operation: 'SendTaskSuccess', input: { taskToken: PARENT_TOKEN, output: SUCCESS.output } },
      {
        operation: 'SendTaskFailure',
        input: { taskToken: PARENT_TOKEN, error: 'SubStep.InvalidOutput', cause },
      },
    ]);
  });

  it('returns GONE with the replacement verdict when the replacement finds the task closed', async () => {
    const api = scriptedSfnApi({
      success: [serviceError('InvalidOutput')],
      failure: [serviceError('TaskTimedOut')],
    });
    const outcome = await signalParentWith(api, SUCCESS);
    expect(outcome).toEqual({
      parent: 'GONE',
      verdict: expect.objectContaining({ message: 'FAILED', error: 'SubStep.InvalidOutput' }),
      reason: 'TaskTimedOut',
    });
  });

  it('throws Closer.ParentRejected naming SendTaskFailure when the replacement is refused', async () => {
    const refusal = serviceError('AccessDeniedException', 'not allowed');
    const api = scriptedSfnApi({ success: [serviceError('InvalidOutput')], failure: [refusal] });
    const thrown = await signalParentWith(api, SUCCESS).catch((error: unknown) => error);
    expect(thrown).toMatchObject({
      name: 'Closer.ParentRejected',
      message: 'Step Functions refused SendTaskFailure: AccessDeniedException: not allowed',
      cause: refusal,
    });
  });

  it('throws Closer.ParentRejected, with no replacement, when a failure is refused with InvalidOutput', async () => {
    const refusal = serviceError('InvalidOutput', 'the cause is too long');
    const api = scriptedSfnApi({ failure: [refusal] });
    const thrown = await signalParentWith(api, FAILURE).catch((error: unknown) => error);
    expect(thrown).toMatchObject({
      name: 'Closer.ParentRejected',
      message: 'Step Functions refused SendTaskFailure: InvalidOutput: the cause is too long',
      cause: refusal,
    });
    expect(api.calls).toHaveLength(1);
  });
});

describe('signalParent: a KMS key that refuses', () => {
  it('sends a bare failure and delivers SubStep.OutputNotEncrypted for a success', async () => {
    const api = scriptedSfnApi({ success: [serviceError('KmsAccessDeniedException', 'no grant')] });
    const outcome = await signalParentWith(api, SUCCESS);
    expect(outcome).toEqual({
      parent: 'NOTIFIED',
      verdict: {
        message: 'FAILED',
        error: 'SubStep.OutputNotEncrypted',
        cause:
          "the parent's KMS key refused the success output: KmsAccessDeniedException: no grant",
      },
      fallback: 'kms-bare-failure',
    });
    expect(api.calls[1]).toEqual({
      operation: 'SendTaskFailure',
      input: { taskToken: PARENT_TOKEN },
    });
  });

  it('keeps a failed verdict as it is when its failure is refused by KMS', async () => {
    const api = scriptedSfnApi({ failure: [serviceError('KmsInvalidStateException')] });
    const outcome = await signalParentWith(api, FAILURE);
    expect(outcome).toEqual({
      parent: 'NOTIFIED',
      verdict: FAILED_VERDICT,
      fallback: 'kms-bare-failure',
    });
  });

  it('returns GONE with the delivered verdict when the bare failure finds the task closed', async () => {
    const api = scriptedSfnApi({
      success: [serviceError('KmsAccessDeniedException')],
      failure: [serviceError('TaskDoesNotExist')],
    });
    const outcome = await signalParentWith(api, SUCCESS);
    expect(outcome).toEqual({
      parent: 'GONE',
      verdict: expect.objectContaining({ error: 'SubStep.OutputNotEncrypted' }),
      reason: 'TaskDoesNotExist',
    });
  });

  it('throws Closer.ParentRejected with the refusal as its cause when the bare failure is refused', async () => {
    const refusal = serviceError('KmsAccessDeniedException');
    const api = scriptedSfnApi({ failure: [refusal, refusal] });
    const thrown = await signalParentWith(api, FAILURE).catch((error: unknown) => error);
    expect(thrown).toMatchObject({
      name: 'Closer.ParentRejected',
      message: 'Step Functions refused SendTaskFailure: KmsAccessDeniedException',
      cause: refusal,
    });
    expect(api.calls).toHaveLength(2);
  });
});
