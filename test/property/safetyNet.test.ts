import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSE_MAX_CHARS, ERROR_MAX_CHARS } from '../../src/closer/apiLimits.ts';
import { isEventBridgeEvent } from '../../src/safety-net/isEventBridgeEvent.ts';
import { planSafetyNetSignal } from '../../src/safety-net/planSafetyNetSignal.ts';
import { readStatusChange } from '../../src/safety-net/readStatusChange.ts';
import { executionStatusChange } from '../fixtures/statusChangeEvents.ts';

const status = fc.constantFrom('FAILED', 'TIMED_OUT', 'ABORTED', 'RUNNING', 'SUCCEEDED', 'X');
// Up to 50,000 characters, so causes over SendTaskFailure's 32,768 are drawn too.
const text = fc.string({ unit: 'binary', maxLength: 50_000, size: 'max' });

describe('the safety net, for any event', () => {
  it('reads any detail without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (detail) => {
        const event = { ...executionStatusChange(), detail };
        if (!isEventBridgeEvent(event)) throw new Error('not routed to the safety net');
        expect(() => readStatusChange(event)).not.toThrow();
      }),
    );
  });

  it('plans a failure that fits SendTaskFailure and whose cause is JSON, for any error and cause', () => {
    fc.assert(
      fc.property(status, fc.option(text), fc.option(text), (s, error, cause) => {
        const event = executionStatusChange({ status: s, error, cause });
        if (!isEventBridgeEvent(event)) throw new Error('not routed to the safety net');
        const change = readStatusChange(event);
        if (change.kind !== 'stopped') return;
        const signal = planSafetyNetSignal(change.execution);
        expect(signal.error.length).toBeLessThanOrEqual(ERROR_MAX_CHARS);
        expect(signal.cause.length).toBeLessThanOrEqual(CAUSE_MAX_CHARS);
        expect(() => JSON.parse(signal.cause)).not.toThrow();
      }),
      { numRuns: 25 },
    );
  });
});
