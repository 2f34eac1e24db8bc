import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import type { SimEvent } from '../../src/cli/simulate/SimEvent.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';

// A Parallel's or Map's Retry pauses on the virtual clock, as a Task's does: each retry starts
// when Step Functions would start it, and past its retriers the state's own Catch takes over.

const FLAKY = 'arn:aws:lambda:us-east-1:123456789012:function:Flaky';
const RETRY = {
  ErrorEquals: ['Branch.Broke'],
  IntervalSeconds: 10,
  BackoffRate: 2,
  MaxAttempts: 2,
};

function machine(stateType: 'Parallel' | 'Map', catchers: JsonObject[] = []): JsonObject {
  const branch = {
    StartAt: 'Work',
    States: { Work: { Type: 'Task', Resource: FLAKY, End: true } },
  };
  const body =
    stateType === 'Parallel'
      ? { Type: 'Parallel', Branches: [branch] }
      : { Type: 'Map', ItemsPath: '$.items', ItemProcessor: branch };
  return {
    StartAt: 'Fan',
    States: {
      Fan: {
        ...body,
        Retry: [RETRY],
        ...(catchers.length > 0 ? { Catch: catchers } : {}),
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
      ...(catchers.length > 0 ? { Handled: { Type: 'Pass', Result: 'handled', End: true } } : {}),
    },
  };
}

/** Fails the first `failures` calls with Branch.Broke, then succeeds. */
function flaky(failures: number) {
  let calls = 0;
  return () => {
    calls += 1;
    if (calls <= failures)
      throw Object.assign(new Error(`call ${calls}`), { name: 'Branch.Broke' });
    return { ok: true };
  };
}

const secondsAfterStart = (events: readonly SimEvent[], match: (event: SimEvent) => boolean) => {
  const start = Date.parse(events[0]?.at ?? '');
  return events.filter(match).map((event) => (Date.parse(event.at) - start) / 1000);
};

describe.each(['Parallel', 'Map'] as const)('simulate: a %s with Retry', (stateType) => {
  it('retries 10 s and then 20 s later on the virtual clock, and succeeds', async () => {
    const result = await simulate({
      parent: machine(stateType),
      input: { items: [1] },
      functions: { Flaky: flaky(2) },
    });

    expect(result.parent.status).toBe('SUCCEEDED');
    const entered = (event: SimEvent) => event.type === 'StateEntered' && event.state === 'Fan';
    expect(secondsAfterStart(result.events, entered)).toEqual([0, 10, 30]);
    expect(
      result.events.filter((event) => event.type === 'StateRetried').map((event) => event.state),
    ).toEqual(['Fan', 'Fan']);
  });

  it("fails into the state's own Catch once the retriers are spent", async () => {
    const result = await simulate({
      parent: machine(stateType, [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }]),
      input: { items: [1] },
      functions: { Flaky: flaky(5) },
    });

    expect(result.parent).toMatchObject({ status: 'SUCCEEDED', output: 'handled' });
    const caught = result.events.filter((event) => event.type === 'StateCaught');
    expect(caught).toMatchObject([{ state: 'Fan', next: 'Handled' }]);
    const failed = (event: SimEvent) => event.type === 'StateFailed' && event.state === 'Fan';
    expect(secondsAfterStart(result.events, failed)).toEqual([0, 10, 30]);
  });

  it('fails the execution with the error when nothing catches it', async () => {
    const result = await simulate({
      parent: machine(stateType),
      input: { items: [1] },
      functions: { Flaky: flaky(5) },
    });

    expect(result.parent).toMatchObject({ status: 'FAILED', error: 'Branch.Broke' });
  });
});
