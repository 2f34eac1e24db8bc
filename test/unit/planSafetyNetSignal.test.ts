import { describe, expect, it } from 'vitest';
import { CAUSE_MAX_CHARS } from '../../src/closer/apiLimits.ts';
import { planSafetyNetSignal } from '../../src/safety-net/planSafetyNetSignal.ts';
import type { StoppedExecution } from '../../src/safety-net/StatusChange.ts';
import { CHILD_EXECUTION_ARN } from '../fixtures/payloads.ts';
import { STATES_RUNTIME } from '../fixtures/statusChangeEvents.ts';

const stopped = (overrides: Partial<StoppedExecution> = {}): StoppedExecution => ({
  executionArn: CHILD_EXECUTION_ARN,
  name: 'child-run-1',
  status: 'FAILED',
  input: { kind: 'omitted' },
  ...overrides,
});

describe('planSafetyNetSignal', () => {
  it.each([
    ['FAILED', 'SubStep.Failed'],
    ['TIMED_OUT', 'SubStep.TimedOut'],
    ['ABORTED', 'SubStep.Aborted'],
  ] as const)('sends %s as %s', (status, error) => {
    expect(planSafetyNetSignal(stopped({ status }))).toMatchObject({ kind: 'failure', error });
  });

  it("names the child execution and carries the child's own error and cause", () => {
    const signal = planSafetyNetSignal(stopped(STATES_RUNTIME));
    expect(JSON.parse(signal.cause)).toEqual({
      execution: { name: 'child-run-1', arn: CHILD_EXECUTION_ARN },
      status: 'FAILED',
      error: 'States.Runtime',
      cause: STATES_RUNTIME.cause,
    });
  });

  it('writes null for an error and cause the event did not have', () => {
    const signal = planSafetyNetSignal({
      executionArn: CHILD_EXECUTION_ARN,
      status: 'TIMED_OUT',
      input: { kind: 'omitted' },
    });
    expect(JSON.parse(signal.cause)).toEqual({
      execution: { arn: CHILD_EXECUTION_ARN },
      status: 'TIMED_OUT',
      error: null,
      cause: null,
    });
  });

  it('cuts a cause over 32,768 characters and keeps it valid JSON', () => {
    const signal = planSafetyNetSignal(stopped({ error: 'Big', cause: 'x'.repeat(40_000) }));
    expect(signal.cause.length).toBeLessThanOrEqual(CAUSE_MAX_CHARS);
    const cause = JSON.parse(signal.cause) as Record<string, unknown>;
    expect(cause['execution']).toEqual({ name: 'child-run-1', arn: CHILD_EXECUTION_ARN });
    expect(cause['cause']).toMatch(/chars cut\]$/);
  });
});
