import type { Deadline } from '../../src/parent/Deadline.ts';
import type { SfnApi } from '../../src/parent/SfnApi.ts';
import { sdkServiceError } from './serviceError.ts';

/** One recorded call of the port, as Step Functions would have received it. */
export interface RecordedCall {
  readonly operation: 'SendTaskSuccess' | 'SendTaskFailure' | 'DescribeExecution';
  readonly input: Readonly<Record<string, unknown>>;
}

/** What one call answers: `ok` (with DescribeExecution's result), or an error to throw. */
export type ScriptedAnswer = unknown;

export interface ScriptedSfnApi extends SfnApi {
  readonly calls: RecordedCall[];
  /** Whether each call's abort signal had fired when the call settled, in call order. */
  readonly aborted: boolean[];
}

/**
 * The three-function port with scripted answers, one per call and per operation, in order: an
 * `Error` (or any non-undefined value but a plain result) is thrown; `undefined`, or a script that
 * ran out, answers success (DescribeExecution answers `described`). A function answer is called
 * with the abort signal, so a test can hold a call open until the deadline aborts it.
 */
export function scriptedSfnApi(script: {
  readonly success?: readonly ScriptedAnswer[];
  readonly failure?: readonly ScriptedAnswer[];
  readonly describe?: readonly ScriptedAnswer[];
  readonly described?: { input?: string };
}): ScriptedSfnApi {
  const calls: RecordedCall[] = [];
  const aborted: boolean[] = [];
  const queues = {
    SendTaskSuccess: [...(script.success ?? [])],
    SendTaskFailure: [...(script.failure ?? [])],
    DescribeExecution: [...(script.describe ?? [])],
  };
  async function answer(
    operation: RecordedCall['operation'],
    input: Readonly<Record<string, unknown>>,
    abortSignal: AbortSignal,
  ): Promise<void> {
    calls.push({ operation, input });
    const index = aborted.push(false) - 1;
    const next = queues[operation].shift();
    try {
      if (typeof next === 'function')
        await (next as (signal: AbortSignal) => Promise<void>)(abortSignal);
      else if (next !== undefined) throw next;
    } finally {
      aborted[index] = abortSignal.aborted;
    }
  }
  return {
    calls,
    aborted,
    async sendTaskSuccess(input, abortSignal) {
      await answer('SendTaskSuccess', input, abortSignal);
    },
    async sendTaskFailure(input, abortSignal) {
      await answer('SendTaskFailure', input, abortSignal);
    },
    async describeExecution(input, abortSignal) {
      await answer('DescribeExecution', input, abortSignal);
      return script.described ?? {};
    },
  };
}

/** An error as the SDK throws it for a service error: its name, message and HTTP status. */
export function serviceError(name: string, message = name, httpStatusCode = 400): Error {
  return sdkServiceError({ name, message, httpStatusCode, attempts: 1 });
}

/** A deadline that never comes near. */
export function ample(): Deadline {
  return { remainingMs: () => 60_000 };
}

/** A deadline that always has exactly `ms` left: the clock stands still. */
export function fixedDeadline(ms: number): Deadline {
  return { remainingMs: () => ms };
}

/** A call that never answers until its abort signal fires, and then throws as the SDK does. */
export function hangUntilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => {
      reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
    });
  });
}
