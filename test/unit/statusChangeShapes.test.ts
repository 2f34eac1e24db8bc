import { describe, expect, it } from 'vitest';
import type { EventBridgeEvent } from '../../src/safety-net/isEventBridgeEvent.ts';
import { readStatusChange } from '../../src/safety-net/readStatusChange.ts';
import { CHILD_EXECUTION_ARN } from '../fixtures/payloads.ts';
import { executionStatusChange } from '../fixtures/statusChangeEvents.ts';

/** The status-change event with `detail` fields replaced (undefined removes one). */
function withDetail(changes: Record<string, unknown>, top: Record<string, unknown> = {}) {
  const event = executionStatusChange() as Record<string, unknown>;
  const detail = { ...(event['detail'] as Record<string, unknown>), ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete detail[key];
  return readStatusChange({ ...event, ...top, detail } as unknown as EventBridgeEvent);
}

describe('readStatusChange: what it takes for a status change', () => {
  it('refuses an event from aws.states with another detail-type', () => {
    expect(
      withDetail({}, { 'detail-type': 'Step Functions State Machine Status Change' }),
    ).toMatchObject({ kind: 'unrecognized' });
  });

  it('refuses a status change from another source', () => {
    expect(withDetail({}, { source: 'custom.orders' })).toMatchObject({
      kind: 'unrecognized',
      problem:
        'expected source "aws.states" and detail-type "Step Functions Execution Status Change", got source "custom.orders" and detail-type "Step Functions Execution Status Change"',
    });
  });

  it('quotes a value of exactly 100 characters whole', () => {
    const source = 's'.repeat(100);
    expect(withDetail({}, { source })).toMatchObject({
      problem: expect.stringContaining(`got source "${source}" and`),
    });
  });

  it('cuts a value over 100 characters to its first 100, marked', () => {
    expect(withDetail({}, { source: `${'s'.repeat(100)}tail` })).toMatchObject({
      problem: expect.stringContaining(`got source "${'s'.repeat(100)}…" and`),
    });
  });

  it('names a status it does not know', () => {
    expect(withDetail({ status: 'PAUSED' })).toStrictEqual({
      kind: 'unrecognized',
      eventId: '315c1398-40ff-a850-213b-158f73e60175',
      problem: 'detail.status "PAUSED": expected an execution status such as FAILED',
    });
  });

  it('says when the status is missing', () => {
    expect(withDetail({ status: undefined })).toMatchObject({
      problem: 'detail.status is missing: expected an execution status such as FAILED',
    });
  });

  it('leaves out the event id of an event without one', () => {
    expect(withDetail({ status: 'RUNNING' }, { id: undefined })).toStrictEqual({
      kind: 'not-stopped',
      executionArn: CHILD_EXECUTION_ARN,
      status: 'RUNNING',
    });
  });
});

describe('readStatusChange: the stopped execution', () => {
  it('leaves out an empty name and a missing state machine', () => {
    const change = withDetail({ name: '', stateMachineArn: undefined, error: null, cause: null });
    expect(change).toStrictEqual({
      kind: 'stopped',
      eventId: '315c1398-40ff-a850-213b-158f73e60175',
      execution: {
        executionArn: CHILD_EXECUTION_ARN,
        status: 'FAILED',
        input: { kind: 'included', json: expect.any(String) },
      },
    });
  });

  it('reads the input as omitted when inputDetails says so, whatever input holds', () => {
    expect(withDetail({ input: '{"meta":{}}', inputDetails: { included: false } })).toMatchObject({
      execution: { input: { kind: 'omitted' } },
    });
  });
});
