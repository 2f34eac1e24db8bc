import { describe, expect, it } from 'vitest';
import { isEventBridgeEvent } from '../../src/safety-net/isEventBridgeEvent.ts';
import { readStatusChange } from '../../src/safety-net/readStatusChange.ts';
import { CHILD_EXECUTION_ARN, closerInput } from '../fixtures/payloads.ts';
import {
  CHILD_STATE_MACHINE_ARN,
  childInput,
  cloudTrailStatesEvent,
  ec2StateChangeEvent,
  executionStatusChange,
  STATES_RUNTIME,
} from '../fixtures/statusChangeEvents.ts';

/** Reads an event that the handler would route to the safety net. */
function read(event: Record<string, unknown>) {
  if (!isEventBridgeEvent(event)) throw new Error('the fixture is not an EventBridge event');
  return readStatusChange(event);
}

describe('isEventBridgeEvent: routing by event shape', () => {
  it.each([
    ['a status change', executionStatusChange()],
    ['a CloudTrail event', cloudTrailStatesEvent()],
    ['an EC2 event', ec2StateChangeEvent()],
  ])('routes %s to the safety net', (_case, event) => {
    expect(isEventBridgeEvent(event)).toBe(true);
  });

  it.each([
    ['a standalone payload', closerInput()],
    ['a payload with a parent', closerInput({ withParent: true })],
    ['a payload with a detail-type that is not a string', { 'detail-type': 1, source: 'x' }],
    ['a payload without a source', { 'detail-type': 'x', detail: {} }],
    ['null', null],
    ['a string', 'aws.states'],
    ['an array', [executionStatusChange()]],
  ])('leaves %s to the Closer', (_case, event) => {
    expect(isEventBridgeEvent(event)).toBe(false);
  });
});

describe('readStatusChange: what a stopped child looks like', () => {
  it('reads a FAILED event with its input, error and cause', () => {
    expect(read(executionStatusChange())).toEqual({
      kind: 'stopped',
      eventId: '315c1398-40ff-a850-213b-158f73e60175',
      execution: {
        executionArn: CHILD_EXECUTION_ARN,
        name: 'child-run-1',
        stateMachineArn: CHILD_STATE_MACHINE_ARN,
        status: 'FAILED',
        error: STATES_RUNTIME.error,
        cause: STATES_RUNTIME.cause,
        input: { kind: 'included', json: JSON.stringify(childInput()) },
      },
    });
  });

  it.each(['TIMED_OUT', 'ABORTED'])('reads a %s event as stopped', (status) => {
    expect(read(executionStatusChange({ status }))).toMatchObject({
      kind: 'stopped',
      execution: { status },
    });
  });

  it('leaves error and cause out when the event has them as null', () => {
    const change = read(executionStatusChange({ status: 'TIMED_OUT', error: null, cause: null }));
    expect(change.kind === 'stopped' && change.execution).not.toHaveProperty('error');
    expect(change.kind === 'stopped' && change.execution).not.toHaveProperty('cause');
  });

  it('marks the input omitted when inputDetails.included is false and input is null', () => {
    expect(read(executionStatusChange({ inputIncluded: false }))).toMatchObject({
      kind: 'stopped',
      execution: { input: { kind: 'omitted' } },
    });
  });

  it('marks the input omitted when an event without inputDetails has no input', () => {
    const event = executionStatusChange();
    const { inputDetails: _inputDetails, ...detail } = event['detail'] as Record<string, unknown>;
    expect(read({ ...event, detail: { ...detail, input: null } })).toMatchObject({
      kind: 'stopped',
      execution: { input: { kind: 'omitted' } },
    });
  });
});

describe('readStatusChange: what it leaves alone', () => {
  it.each(['RUNNING', 'SUCCEEDED', 'PENDING_REDRIVE'])(
    'reads a %s event as not stopped',
    (status) => {
      expect(read(executionStatusChange({ status }))).toEqual({
        kind: 'not-stopped',
        eventId: '315c1398-40ff-a850-213b-158f73e60175',
        executionArn: CHILD_EXECUTION_ARN,
        status,
      });
    },
  );

  it('names the source and detail-type of an event from another service', () => {
    expect(read(ec2StateChangeEvent())).toMatchObject({
      kind: 'unrecognized',
      problem: expect.stringContaining(
        'got source "aws.ec2" and detail-type "EC2 Instance State-change Notification"',
      ),
    });
  });

  it('does not take a CloudTrail Step Functions event for a status change', () => {
    expect(read(cloudTrailStatesEvent())).toMatchObject({ kind: 'unrecognized' });
  });

  it.each([
    ['has no detail', { detail: undefined }, 'the event has no detail object'],
    ['has a string detail', { detail: 'FAILED' }, 'the event has no detail object'],
    [
      'has no executionArn',
      { detail: { status: 'FAILED', input: '{}' } },
      'detail.executionArn is not a non-empty string',
    ],
    [
      'has an unknown status',
      { detail: { executionArn: CHILD_EXECUTION_ARN, status: 'EXPLODED' } },
      'detail.status "EXPLODED": expected an execution status such as FAILED',
    ],
    [
      'claims an included input that is null',
      {
        detail: {
          executionArn: CHILD_EXECUTION_ARN,
          status: 'FAILED',
          input: null,
          inputDetails: { included: true },
        },
      },
      'detail.input is not a string although detail.inputDetails.included is true',
    ],
  ])('rejects a status change that %s', (_case, override, problem) => {
    expect(read({ ...executionStatusChange(), ...override })).toEqual({
      kind: 'unrecognized',
      eventId: '315c1398-40ff-a850-213b-158f73e60175',
      problem,
    });
  });

  it('cuts a long source short in the problem it reports', () => {
    const change = read({ ...ec2StateChangeEvent(), source: 'x'.repeat(5_000) });
    expect(change.kind === 'unrecognized' && change.problem.length).toBeLessThan(400);
  });
});
