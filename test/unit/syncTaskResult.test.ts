import { describe, expect, it } from 'vitest';
import {
  EVENT_PAYLOAD_MAX_BYTES,
  statusChangeEvent,
} from '../../src/cli/simulate/statusChangeEvent.ts';
import { type EndedChild, syncTaskResult } from '../../src/cli/simulate/syncTaskResult.ts';

const child = (
  end: EndedChild['end'],
  input: EndedChild['input'] = { order: 'A-1' },
): EndedChild => ({
  executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1',
  stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child',
  name: 'run-1',
  input,
  startDate: 1_000,
  stopDate: 2_000,
  end,
});

describe('syncTaskResult', () => {
  it('gives .sync the child described with Input and Output as JSON strings, keys sorted', () => {
    const result = syncTaskResult(child({ status: 'SUCCEEDED', output: { ok: 1 } }), 'sync');

    expect(result).toEqual({
      kind: 'success',
      output: {
        ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:Child:run-1',
        Input: '{"order":"A-1"}',
        InputDetails: { Included: true },
        Name: 'run-1',
        Output: '{"ok":1}',
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        StartDate: 1_000,
        StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child',
        Status: 'SUCCEEDED',
        StopDate: 2_000,
      },
    });
    if (result.kind === 'success')
      expect(Object.keys(result.output)).toEqual(Object.keys(result.output).sort());
  });

  it('gives .sync:2 the same document with Input and Output as JSON values', () => {
    const result = syncTaskResult(child({ status: 'SUCCEEDED', output: [1, 2] }), 'sync:2');

    expect(result).toMatchObject({ output: { Input: { order: 'A-1' }, Output: [1, 2] } });
  });

  it.each(['FAILED', 'TIMED_OUT', 'ABORTED'] as const)(
    'fails the Task with States.TaskFailed for a %s child, the child described in the cause',
    (status) => {
      const result = syncTaskResult(child({ status, error: 'Child.Broke', cause: 'boom' }), 'sync');

      expect(result.kind).toBe('failure');
      if (result.kind !== 'failure') return;
      expect(result.error).toBe('States.TaskFailed');
      const described = JSON.parse(result.cause);
      expect(Object.keys(described)[0]).toBe('Cause');
      expect(described).toMatchObject({
        Cause: 'boom',
        Error: 'Child.Broke',
        Input: '{"order":"A-1"}',
        RedriveStatus: 'REDRIVABLE',
        Status: status,
      });
      expect(described).not.toHaveProperty('Output');
    },
  );

  it('leaves out an Error and a Cause the stop did not give', () => {
    const result = syncTaskResult(child({ status: 'ABORTED', error: '', cause: '' }), 'sync:2');

    expect(result.kind === 'failure' && JSON.parse(result.cause)).not.toHaveProperty('Error');
    expect(result.kind === 'failure' && JSON.parse(result.cause)).not.toHaveProperty('Cause');
  });
});

describe('statusChangeEvent', () => {
  it('builds the documented event for a failed child, with its input as a JSON string', () => {
    const event = statusChangeEvent(
      child({ status: 'FAILED', error: 'States.Runtime', cause: 'no path' }),
      '2026-12-01T10:00:05.123Z',
    );

    expect(event).toMatchObject({
      'detail-type': 'Step Functions Execution Status Change',
      source: 'aws.states',
      time: '2026-12-01T10:00:05Z',
      resources: ['arn:aws:states:us-east-1:123456789012:execution:Child:run-1'],
      detail: {
        status: 'FAILED',
        input: '{"order":"A-1"}',
        inputDetails: { included: true },
        output: null,
        outputDetails: null,
        error: 'States.Runtime',
        cause: 'no path',
        startDate: 1_000,
        stopDate: 2_000,
      },
    });
  });

  it('leaves the input out when it is over 248 KB, as EventBridge does', () => {
    const over = { blob: 'x'.repeat(EVENT_PAYLOAD_MAX_BYTES) };
    const just = { b: 'x'.repeat(EVENT_PAYLOAD_MAX_BYTES - 10) };
    const end = { status: 'FAILED', error: 'States.Runtime', cause: '' } as const;

    expect(statusChangeEvent(child(end, over), '2026-12-01T10:00:00Z')['detail']).toMatchObject({
      input: null,
      inputDetails: { included: false },
      cause: null,
    });
    expect(statusChangeEvent(child(end, just), '2026-12-01T10:00:00Z')['detail']).toMatchObject({
      inputDetails: { included: true },
    });
  });
});
