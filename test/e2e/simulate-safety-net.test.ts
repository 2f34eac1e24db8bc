import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/cli/check/Json.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';
import { CLOSER_ARN } from '../support/definitionFixtures.ts';
import { waitingParent } from '../support/waitingParent.ts';

// The safety net in the loop: a child that ends FAILED, TIMED_OUT or ABORTED where no Catch sees
// it emits a status-change event, and the built zip runs with it as the EventBridge rule's target.

/** `States.Runtime` before the Closer: InputPath names a field the input lacks. */
const runtimeChild = wrapDefinition(
  { StartAt: 'Work', States: { Work: { Type: 'Pass', InputPath: '$.order.id', End: true } } },
  { closerArn: CLOSER_ARN },
);
const slowChild = wrapDefinition(
  { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 600, End: true } } },
  { closerArn: CLOSER_ARN },
);

const parent = waitingParent(CLOSER_ARN, { TimeoutSeconds: 3600 });

function parentError(cause: string | undefined): Json {
  return JSON.parse(cause ?? '{}').errors.RunChild;
}

function safetyNetResults(events: readonly { type: string }[]): Json[] {
  return events.flatMap((event) =>
    event.type === 'SafetyNetReturned' ? [(event as unknown as { result: Json }).result] : [],
  );
}

describe('simulate with the safety net in the loop', () => {
  it('closes the parent of a child that ends in States.Runtime, long before its timeout', async () => {
    const result = await simulate({
      parent,
      children: { Child: runtimeChild },
      config: { closer: [CLOSER_ARN] },
    });

    expect(result.children[0]?.error).toBe('States.Runtime');
    expect(result.signals.map((signal) => `${signal.operation}:${signal.answer}`)).toEqual([
      'SendTaskFailure:accepted',
    ]);
    expect(safetyNetResults(result.events)).toMatchObject([{ safetyNet: 'NOTIFIED' }]);
    // The safety net names the child's status (FAILED: SubStep.Failed) and keeps its error in the cause.
    const error = parentError(result.parent.cause) as JsonObject;
    expect(error['Error']).toBe('SubStep.Failed');
    expect(String(error['Cause'])).toContain('States.Runtime');
    // The parent resumed at once, not after its hour.
    const resumed = result.events.find((event) => event.type === 'TaskResumed');
    expect(Date.parse(resumed?.at ?? '') - Date.parse(result.events[0]?.at ?? '')).toBeLessThan(
      60_000,
    );
  });

  it('leaves the parent to its timeout when the config says no rule is deployed', async () => {
    const result = await simulate({
      parent,
      children: { Child: runtimeChild },
      config: { closer: [CLOSER_ARN], safetyNet: false },
    });

    expect(result.signals).toEqual([]);
    expect(result.events.some((event) => event.type === 'TaskTokenAbandoned')).toBe(true);
    expect(parentError(result.parent.cause)).toMatchObject({ Error: 'States.Timeout' });
  });

  it.each([
    ['an Express child', { express: ['Child'] }],
    ['a child the rule does not name', { safetyNet: ['Other'] }],
  ])('sends no event for %s', async (_, extra) => {
    const result = await simulate({
      parent,
      children: { Child: runtimeChild },
      config: { closer: [CLOSER_ARN], ...extra },
    });

    expect(result.events.some((event) => event.type === 'SafetyNetInvoked')).toBe(false);
    expect(parentError(result.parent.cause)).toMatchObject({ Error: 'States.Timeout' });
  });

  it('simulates a stop of the child (abort) and the safety net failing its parent', async () => {
    const result = await simulate({
      parent,
      children: { Child: slowChild },
      config: {
        closer: [CLOSER_ARN],
        abort: [{ stateMachine: 'Child', afterSeconds: 30, cause: 'stopped by an operator' }],
      },
    });

    const child = result.children[0];
    expect(child?.status).toBe('ABORTED');
    expect(child?.cause).toBe('stopped by an operator');
    const stoppedAt = Date.parse(
      result.events.find((event) => event.type === 'ExecutionAborted')?.at ?? '',
    );
    expect(stoppedAt - Date.parse(result.events[0]?.at ?? '')).toBe(30_000);
    expect(safetyNetResults(result.events)).toMatchObject([{ safetyNet: 'NOTIFIED' }]);
    expect(result.signals.map((signal) => signal.operation)).toEqual(['SendTaskFailure']);
    expect(parentError(result.parent.cause)).toMatchObject({ Error: 'SubStep.Aborted' });
  });

  it('reads an input that the event leaves out (over 248 KB) with DescribeExecution', async () => {
    // A parent that passes its input's `initial` on to the child: 250 KB of it.
    const passing = structuredClone(parent) as JsonObject;
    const run = (passing['States'] as JsonObject)['RunChild'] as JsonObject;
    ((run['Parameters'] as JsonObject)['Input'] as JsonObject)['initial.$'] = '$.initial';
    const result = await simulate({
      parent: passing,
      children: { Child: runtimeChild },
      input: { initial: { blob: 'x'.repeat(250 * 1024) } },
      config: { closer: [CLOSER_ARN] },
    });

    const invoked = result.events.find((event) => event.type === 'SafetyNetInvoked');
    expect(invoked).toMatchObject({ inputIncluded: false });
    expect(result.signals.map((signal) => `${signal.operation}:${signal.answer}`)).toEqual([
      'DescribeExecution:accepted',
      'SendTaskFailure:accepted',
    ]);
  });

  it('finds the parent already closed when the Closer signalled before the child failed', async () => {
    const refusing = wrapDefinition(
      {
        StartAt: 'Work',
        States: { Work: { Type: 'Fail', Error: 'Work.Refused', Cause: 'out of stock' } },
      },
      { closerArn: CLOSER_ARN },
    );
    const result = await simulate({
      parent,
      children: { Child: refusing },
      config: { closer: [CLOSER_ARN] },
    });

    expect(result.children[0]?.status).toBe('FAILED');
    expect(parentError(result.parent.cause)).toMatchObject({ Error: 'Work.Refused' });
    const safetyNet = safetyNetResults(result.events) as JsonObject[];
    expect(safetyNet.map((summary) => summary['safetyNet'])).not.toContain('NOTIFIED');
  });
});
