import type { ParentSignal } from '../../src/closer/ParentSignal.ts';
import type { Verdict } from '../../src/closer/Verdict.ts';
import type { SfnApi } from '../../src/parent/SfnApi.ts';
import { type SignalParentOptions, signalParent } from '../../src/parent/signalParent.ts';
import { PARENT_TOKEN } from '../fixtures/payloads.ts';
import { ample } from './scriptedSfnApi.ts';

/** The verdict a Closer delivers with `signal`: SUCCEEDED, or FAILED with its error and cause. */
export function verdictOf(signal: ParentSignal): Verdict {
  return signal.kind === 'success'
    ? { message: 'SUCCEEDED' }
    : { message: 'FAILED', error: signal.error, cause: signal.cause };
}

/**
 * `signalParent` as the Closer calls it, with the fixture token, an ample deadline and the
 * verdict that goes with `signal`; `options` replaces any of them or adds `sleep`.
 *
 * @example
 * await signalParentWith(scriptedSfnApi({}), SUCCESS, { sleep: async () => undefined });
 */
export function signalParentWith(
  api: SfnApi,
  signal: ParentSignal,
  options: Partial<Omit<SignalParentOptions, 'api' | 'signal'>> = {},
): ReturnType<typeof signalParent> {
  return signalParent({
    api,
    token: PARENT_TOKEN,
    signal,
    verdict: verdictOf(signal),
    deadline: ample(),
    ...options,
  });
}
