import { expect } from 'vitest';
import { acceptedSignals } from './acceptedSignals.ts';
import type { RecordedRequest } from './fakeSfnEndpoint.ts';
import type { Invocation } from './invokeCloser.ts';

const THROWN_NAMES = ['Closer.ParentUnreachable', 'Closer.ParentRejected'];
const RESULT_KEYS = new Set(['message', 'parent', 'error', 'cause']);

/**
 * What every invocation owes, whatever the fault (DESIGN.md sections 3 and 4): it returns a
 * Closer result or throws one of the two named errors, before the Lambda deadline; no more than
 * one signal lands; it logs exactly one line, and the line never holds the task token.
 */
export function expectCloserContract(
  invocation: Invocation,
  requests: readonly RecordedRequest[],
  token: string,
): void {
  const { settlement } = invocation;
  if (settlement.kind === 'threw') {
    expect(THROWN_NAMES).toContain(settlement.name);
    expect(settlement.message).not.toContain(token);
  } else {
    expect(['SUCCEEDED', 'FAILED']).toContain(settlement.result.message);
    expect(['NOTIFIED', 'NONE', 'GONE']).toContain(settlement.result.parent);
    for (const key of Object.keys(settlement.result)) expect(RESULT_KEYS).toContain(key);
  }
  expect(invocation.remainingAtSettlementMs).toBeGreaterThan(0);
  expect(acceptedSignals(requests).length).toBeLessThanOrEqual(1);
  expect(invocation.logLines).toHaveLength(1);
  for (const line of invocation.logLines) {
    expect(() => JSON.parse(line)).not.toThrow();
    expect(line).not.toContain(token);
  }
}
