import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParentSignal } from '../../src/closer/ParentSignal.ts';
import { fixedDeadline, scriptedSfnApi, serviceError } from '../support/scriptedSfnApi.ts';
import { signalParentWith } from '../support/signalParentWith.ts';

// KmsThrottlingException is not retried by the SDK, so signalParent retries it: up to 4 attempts,
// sleeping 100 ms x 2^(attempt - 1) x a jitter factor from 0.5 to 1 between them.
const SUCCESS: ParentSignal = { kind: 'success', output: '{}', outputBytes: 2 };
const throttled = () => serviceError('KmsThrottlingException', 'Rate exceeded');

afterEach(() => {
  vi.useRealTimers();
});

describe('signalParent: KMS throttling', () => {
  it('doubles the pause after each throttled attempt, scaled by the jitter', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const pauses: number[] = [];
    const api = scriptedSfnApi({ success: [throttled(), throttled(), throttled()] });
    const outcome = await signalParentWith(api, SUCCESS, {
      sleep: async (ms) => {
        pauses.push(ms);
      },
    });
    expect(outcome).toEqual({ parent: 'NOTIFIED', verdict: { message: 'SUCCEEDED' } });
    // Jitter factor 0.5 + 0.5 / 2 = 0.75.
    expect(pauses).toEqual([75, 150, 300]);
    expect(api.calls).toHaveLength(4);
  });

  it('gives up after the fourth throttled attempt with Closer.ParentUnreachable', async () => {
    const error = throttled();
    const api = scriptedSfnApi({ success: [error, error, error, error, error] });
    const thrown = await signalParentWith(api, SUCCESS, { sleep: async () => undefined }).catch(
      (caught: unknown) => caught,
    );
    expect(thrown).toMatchObject({
      name: 'Closer.ParentUnreachable',
      message:
        'SendTaskSuccess was throttled by KMS 4 times: KmsThrottlingException: Rate exceeded',
      cause: error,
    });
    expect(api.calls).toHaveLength(4);
  });

  it('gives up without sleeping when the pause would reach the deadline', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const pauses: number[] = [];
    const api = scriptedSfnApi({ failure: [throttled(), throttled()] });
    // The first pause is 100 x 0.5 = 50 ms: exactly the time left.
    const thrown = await signalParentWith(
      api,
      { kind: 'failure', error: 'SubStep.Failed', cause: 'why' },
      {
        deadline: fixedDeadline(50),
        sleep: async (ms) => {
          pauses.push(ms);
        },
      },
    ).catch((caught: unknown) => caught);
    expect(thrown).toMatchObject({
      name: 'Closer.ParentUnreachable',
      message:
        'SendTaskFailure was throttled by KMS 1 times: KmsThrottlingException: Rate exceeded',
    });
    expect(pauses).toEqual([]);
    expect(api.calls).toHaveLength(1);
  });

  it('retries when the pause ends before the deadline', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const api = scriptedSfnApi({ success: [throttled()] });
    await expect(
      signalParentWith(api, SUCCESS, { deadline: fixedDeadline(51), sleep: async () => undefined }),
    ).resolves.toMatchObject({ parent: 'NOTIFIED' });
    expect(api.calls).toHaveLength(2);
  });

  it('waits out the pause on the clock before retrying, when no sleep is injected', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const api = scriptedSfnApi({ success: [throttled()] });
    const outcome = signalParentWith(api, SUCCESS);
    await vi.advanceTimersByTimeAsync(49);
    expect(api.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.calls).toHaveLength(2);
    await expect(outcome).resolves.toMatchObject({ parent: 'NOTIFIED' });
  });
});
