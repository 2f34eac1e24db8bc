import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineReachedError, deadlineFrom, withinDeadline } from '../../src/parent/Deadline.ts';
import { fixedDeadline } from '../support/scriptedSfnApi.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('deadlineFrom', () => {
  it('leaves the remaining Lambda time minus the margin, counting down with the clock', () => {
    let now = 1_000;
    const deadline = deadlineFrom(3_000, 500, () => now);
    expect(deadline.remainingMs()).toBe(2_500);
    now += 2_000;
    expect(deadline.remainingMs()).toBe(500);
    now += 600;
    expect(deadline.remainingMs()).toBe(-100);
  });
});

describe('withinDeadline', () => {
  it('returns what the call returns', async () => {
    await expect(withinDeadline(fixedDeadline(1_000), async () => 'answer')).resolves.toBe(
      'answer',
    );
  });

  it('makes no call when no time is left', async () => {
    const call = vi.fn(async () => 'answer');
    await expect(withinDeadline(fixedDeadline(0), call)).rejects.toMatchObject({
      name: 'DeadlineReachedError',
      message: 'no time left before the Lambda deadline',
    });
    expect(call).not.toHaveBeenCalled();
  });

  it('makes the call with 1 ms left', async () => {
    await expect(withinDeadline(fixedDeadline(1), async () => 'answer')).resolves.toBe('answer');
  });

  it('aborts the call and gives up when the time runs out', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const settled = withinDeadline(fixedDeadline(250), (abortSignal) => {
      signal = abortSignal;
      return new Promise<never>(() => undefined);
    }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(249);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signal?.aborted).toBe(true);
    const error = await settled;
    expect(error).toBeInstanceOf(DeadlineReachedError);
    expect(error).toMatchObject({
      name: 'DeadlineReachedError',
      message: 'no answer within 250 ms, before the Lambda deadline',
    });
  });

  it('clears its timer once the call answers: nothing is aborted later', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    await withinDeadline(fixedDeadline(250), async (abortSignal) => {
      signal = abortSignal;
      return 'answer';
    });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(signal?.aborted).toBe(false);
  });

  it('clears its timer when the call fails', async () => {
    vi.useFakeTimers();
    await expect(
      withinDeadline(fixedDeadline(250), async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(vi.getTimerCount()).toBe(0);
  });
});
