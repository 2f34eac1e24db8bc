import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';
import { CLOSER_ARN } from '../support/definitionFixtures.ts';
import { waitingParent } from '../support/waitingParent.ts';

// Parents on startExecution.sync and .sync:2, with the built zip as the Closer: the Task ends
// when the token is signalled or when the child ends, whichever comes first, with AWS's shapes.

const CHILD_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

/** A parent that runs `Child` on `.sync`/`.sync:2` and passes no token: only the end counts. */
function syncParent(pattern: 'sync' | 'sync:2', extra: JsonObject = {}): JsonObject {
  return {
    StartAt: 'Run',
    ...extra,
    States: {
      Run: {
        Type: 'Task',
        Resource: `arn:aws:states:::states:startExecution.${pattern}`,
        Parameters: { StateMachineArn: CHILD_ARN, Input: { order: 'A-1' } },
        TimeoutSeconds: 60,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        End: true,
      },
      Failed: { Type: 'Pass', End: true },
    },
  };
}

const plainChild = {
  StartAt: 'Done',
  States: { Done: { Type: 'Pass', Result: { ok: 1 }, End: true } },
};
const failingChild = {
  StartAt: 'Boom',
  States: { Boom: { Type: 'Fail', Error: 'Child.Broke', Cause: 'it broke' } },
};
const slowChild = { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 600, End: true } } };

describe('simulate with .sync and .sync:2 parents', () => {
  it.each([
    ['sync', '{"ok":1}', '{"order":"A-1"}'],
    ['sync:2', { ok: 1 }, { order: 'A-1' }],
  ] as const)(
    '.%s returns the child DescribeExecution document when the child ends',
    async (pattern, output, input) => {
      const result = await simulate({
        parent: syncParent(pattern),
        children: { Child: plainChild },
      });

      expect(result.parent.status).toBe('SUCCEEDED');
      const described = result.parent.output as JsonObject;
      expect(described).toMatchObject({
        ExecutionArn: result.children[0]?.arn,
        Input: input,
        Output: output,
        Status: 'SUCCEEDED',
        StateMachineArn: CHILD_ARN,
      });
      expect(Object.keys(described)).toEqual([...Object.keys(described)].sort());
      expect(typeof described['StartDate']).toBe('number');
      expect(result.signals).toEqual([]);
    },
  );

  it('fails the Task with States.TaskFailed and the child described in the cause', async () => {
    const parent = syncParent('sync:2');
    (parent['States'] as JsonObject)['Run'] = {
      ...((parent['States'] as JsonObject)['Run'] as JsonObject),
      Catch: [{ ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Failed' }],
    };
    const result = await simulate({ parent, children: { Child: failingChild } });

    const caught = (result.parent.output as JsonObject)['error'] as JsonObject;
    expect(caught['Error']).toBe('States.TaskFailed');
    expect(JSON.parse(String(caught['Cause']))).toMatchObject({
      Error: 'Child.Broke',
      Cause: 'it broke',
      Status: 'FAILED',
      Input: { order: 'A-1' },
      RedriveStatus: 'REDRIVABLE',
    });
  });

  it('stops the child when the Task times out, as Step Functions stops a .sync child', async () => {
    const result = await simulate({ parent: syncParent('sync'), children: { Child: slowChild } });

    const child = result.children[0];
    expect(child?.status).toBe('ABORTED');
    expect(child?.error).toBeUndefined();
    expect(child?.cause).toBe(
      `The Task state in AWS Step Functions execution [${result.parent.arn}] which was managing this resource was aborted`,
    );
    const failed = result.events.find(
      (event) => event.type === 'StateFailed' && event.state === 'Run',
    );
    expect(failed).toMatchObject({ error: 'States.Timeout' });
  });

  it('stops the child when the parent execution itself times out', async () => {
    const result = await simulate({
      parent: syncParent('sync:2', { TimeoutSeconds: 30 }),
      children: { Child: slowChild },
    });

    expect(result.parent.status).toBe('TIMED_OUT');
    expect(result.children[0]?.status).toBe('ABORTED');
    expect(result.children[0]?.cause).toMatch(/which was managing this resource was aborted$/);
  });

  it('stops the child when the parent execution is stopped (StopExecution)', async () => {
    const result = await simulate({
      parent: syncParent('sync:2'),
      children: { Child: slowChild },
      config: { abort: [{ stateMachine: 'Parent', afterSeconds: 20 }] },
    });

    expect(result.parent.status).toBe('ABORTED');
    expect(result.children[0]?.status).toBe('ABORTED');
    expect(result.children[0]?.cause).toMatch(/which was managing this resource was aborted$/);
  });

  it('returns at once for a plain startExecution, with the StartExecution response', async () => {
    const parent = syncParent('sync');
    (parent['States'] as JsonObject)['Run'] = {
      ...((parent['States'] as JsonObject)['Run'] as JsonObject),
      Resource: 'arn:aws:states:::states:startExecution',
    };
    const result = await simulate({ parent, children: { Child: slowChild } });

    expect(result.parent.status).toBe('SUCCEEDED');
    expect(result.parent.output).toEqual({
      ExecutionArn: result.children[0]?.arn,
      StartDate: expect.any(Number),
    });
    // The child runs on after its parent ended, to its own end.
    expect(result.children[0]?.status).toBe('SUCCEEDED');
    const parentEnd = result.events.find((event) => event.type === 'ExecutionSucceeded');
    expect(parentEnd?.level).toBe(0);
  });

  it('takes the Closer signal when it comes before the end: the child output as it is', async () => {
    const child = wrapDefinition(
      { StartAt: 'Work', States: { Work: { Type: 'Pass', Result: { reserved: 3 }, End: true } } },
      { closerArn: CLOSER_ARN },
    );
    const result = await simulate({
      parent: waitingParent(CLOSER_ARN, { TimeoutSeconds: 600 }, 'sync:2'),
      children: { Child: child },
      config: { closer: [CLOSER_ARN] },
    });

    expect(result.parent.status).toBe('SUCCEEDED');
    expect((result.parent.output as JsonObject)['child']).toEqual({ reserved: 3 });
    expect(result.signals.map((signal) => `${signal.operation}:${signal.answer}`)).toEqual([
      'SendTaskSuccess:accepted',
    ]);
    expect(result.events.some((event) => event.type === 'SyncChildEnded')).toBe(false);
  });

  it("fails a .sync:2 parent with the child's own error when its Closer signals the failure", async () => {
    const child = wrapDefinition(
      {
        StartAt: 'Work',
        States: { Work: { Type: 'Fail', Error: 'Work.Refused', Cause: 'out of stock' } },
      },
      { closerArn: CLOSER_ARN },
    );
    const result = await simulate({
      parent: waitingParent(CLOSER_ARN, { TimeoutSeconds: 600 }, 'sync:2'),
      children: { Child: child },
      config: { closer: [CLOSER_ARN], safetyNet: false },
    });

    expect(result.parent.status).toBe('FAILED');
    expect(JSON.parse(result.parent.cause ?? '{}').errors.RunChild.Error).toBe('Work.Refused');
    expect(result.signals.map((signal) => signal.operation)).toEqual(['SendTaskFailure']);
  });
});
