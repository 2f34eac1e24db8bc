// JSONata Parallel and Map states in `simulate`: what AWS documents for them (Arguments, Items,
// ItemSelector with $states.context.Map.Item, Output and Assign with $states.result, catchers with
// $states.errorOutput) run on the engine, and the trace shows each as one state.
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';

const branch = (name: string, state: JsonObject): JsonObject => ({
  StartAt: name,
  States: { [name]: state },
});

function jsonata(states: JsonObject): JsonObject {
  return { QueryLanguage: 'JSONata', StartAt: Object.keys(states)[0] ?? '', States: states };
}

describe('a JSONata Parallel in simulate', () => {
  it('gives every branch the evaluated Arguments, and applies Output and Assign to the results', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Both: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.n %}' },
          Branches: [
            branch('Double', { Type: 'Pass', Output: '{% $states.input.n * 2 %}', End: true }),
            branch('Square', {
              Type: 'Pass',
              Output: '{% $states.input.n * $states.input.n %}',
              End: true,
            }),
          ],
          Output: { results: '{% $states.result %}', was: '{% $states.input %}' },
          Assign: { first: '{% $states.result[0] %}' },
          Next: 'Done',
        },
        Done: {
          Type: 'Pass',
          Output: '{% $merge([$states.input, {"first": $first}]) %}',
          End: true,
        },
      }),
      input: { n: 5, other: true },
    });

    expect(simulation.parent.output).toEqual({
      results: [10, 25],
      was: { n: 5, other: true },
      first: 10,
    });
  });

  it('outputs the array of branch results when it has no Output', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Both: {
          Type: 'Parallel',
          Branches: [
            branch('A', { Type: 'Pass', Output: 'a', End: true }),
            branch('B', { Type: 'Pass', End: true }),
          ],
          End: true,
        },
      }),
      input: { k: 1 },
    });

    expect(simulation.parent.output).toEqual(['a', { k: 1 }]);
  });

  it('retries a failed branch on the virtual clock, then catches into Output with the error and the input', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Both: {
          Type: 'Parallel',
          Branches: [branch('Boom', { Type: 'Fail', Error: 'Work.Boom', Cause: 'it broke' })],
          Retry: [{ ErrorEquals: ['Work.Boom'], IntervalSeconds: 30, MaxAttempts: 1 }],
          Catch: [
            {
              ErrorEquals: ['States.ALL'],
              Output: { error: '{% $states.errorOutput.Error %}', input: '{% $states.input %}' },
              Next: 'Handled',
            },
          ],
          End: true,
        },
        Handled: { Type: 'Succeed' },
      }),
      input: { id: 7 },
    });

    expect(simulation.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { error: 'Work.Boom', input: { id: 7 } },
    });
    const shown = simulation.events.map((event) => [
      event.type,
      'state' in event ? event.state : '',
    ]);
    expect(shown).toContainEqual(['StateRetried', 'Both']);
    expect(shown).toContainEqual(['StateCaught', 'Both']);
    // The retry starts IntervalSeconds (30 s) of virtual time after the first failure.
    const failures = simulation.events.filter(
      (event) => event.type === 'StateFailed' && event.state === 'Both',
    );
    const [first, second] = failures.map((event) => Date.parse(event.at));
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(30_000);
  });

  it('fails the state with States.QueryEvaluationError when Arguments cannot be evaluated', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Both: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.missing %}' },
          Branches: [branch('A', { Type: 'Succeed' })],
          End: true,
        },
      }),
      input: {},
    });

    expect(simulation.parent).toMatchObject({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
    });
  });

  it('shows as one Parallel in the event log: entered with its input, exited with its output', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Both: {
          Type: 'Parallel',
          Arguments: { wrapped: '{% $states.input %}' },
          Branches: [branch('A', { Type: 'Pass', Output: 1, End: true })],
          Output: { total: '{% $sum($states.result) %}' },
          End: true,
        },
      }),
      input: { x: 1 },
    });
    const states = simulation.events.filter(
      (event) => event.type === 'StateEntered' || event.type === 'StateExited',
    );

    expect(states).toEqual([
      expect.objectContaining({
        type: 'StateEntered',
        state: 'Both',
        stateType: 'Parallel',
        input: { x: 1 },
      }),
      expect.objectContaining({ type: 'StateEntered', state: 'A', stateType: 'Pass' }),
      expect.objectContaining({ type: 'StateExited', state: 'A' }),
      expect.objectContaining({
        type: 'StateExited',
        state: 'Both',
        stateType: 'Parallel',
        output: { total: 1 },
      }),
    ]);
    const branchEvents = simulation.events.filter((event) => event.type === 'BranchStarted');
    expect(branchEvents).toEqual([expect.objectContaining({ state: 'Both' })]);
  });
});

describe('a JSONata Map in simulate', () => {
  it('iterates over Items, shapes each with ItemSelector from $states.context.Map.Item, and applies Output', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Each: {
          Type: 'Map',
          Items: '{% $states.input.orders %}',
          ItemSelector: {
            order: '{% $states.context.Map.Item.Value %}',
            position: '{% $states.context.Map.Item.Index %}',
            customer: '{% $states.input.customer %}',
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Label',
            States: {
              Label: {
                Type: 'Pass',
                Output:
                  "{% $states.input.customer & '-' & $string($states.input.position) & '-' & $states.input.order %}",
                End: true,
              },
            },
          },
          Output: { labels: '{% $states.result %}' },
          End: true,
        },
      }),
      input: { customer: 'c9', orders: ['x', 'y'] },
    });

    expect(simulation.parent.output).toEqual({ labels: ['c9-0-x', 'c9-1-y'] });
  });

  it('iterates over its input when it has no Items, and reads variables in Items', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Remember: { Type: 'Pass', Assign: { list: [1, 2] }, Next: 'FromInput' },
        FromInput: {
          Type: 'Map',
          Items: '{% $list %}',
          ItemProcessor: branch('Inc', {
            Type: 'Pass',
            Output: '{% $states.input + 1 %}',
            End: true,
          }),
          Next: 'Again',
        },
        Again: {
          Type: 'Map',
          ItemProcessor: branch('Twice', {
            Type: 'Pass',
            Output: '{% $states.input * 2 %}',
            End: true,
          }),
          End: true,
        },
      }),
      input: {},
    });

    expect(simulation.parent.output).toEqual([4, 6]);
  });

  it('fails with States.QueryEvaluationError when its items are not an array, which its catcher sees', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Each: {
          Type: 'Map',
          Items: '{% $states.input.count %}',
          ItemProcessor: branch('X', { Type: 'Succeed' }),
          Catch: [
            {
              ErrorEquals: ['States.QueryEvaluationError'],
              Output: '{% $states.errorOutput %}',
              Next: 'Handled',
            },
          ],
          End: true,
        },
        Handled: { Type: 'Succeed' },
      }),
      input: { count: 3 },
    });

    expect(simulation.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { Error: 'States.QueryEvaluationError' },
    });
  });

  it('gives each concurrent iteration its own input in a catcher of a Parallel inside it', async () => {
    const simulation = await simulate({
      parent: jsonata({
        Each: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {
            StartAt: 'Both',
            States: {
              Both: {
                Type: 'Parallel',
                Branches: [
                  {
                    StartAt: 'Check',
                    States: {
                      Check: {
                        Type: 'Choice',
                        Choices: [{ Condition: '{% $states.input = 2 %}', Next: 'Bad' }],
                        Default: 'Good',
                      },
                      Bad: { Type: 'Fail', Error: 'Item.Bad' },
                      Good: { Type: 'Pass', End: true },
                    },
                  },
                ],
                Catch: [
                  {
                    ErrorEquals: ['States.ALL'],
                    Output: { caught: '{% $states.input %}' },
                    Next: 'Caught',
                  },
                ],
                End: true,
              },
              Caught: { Type: 'Succeed' },
            },
          },
          End: true,
        },
      }),
      input: {},
    });

    expect(simulation.parent.output).toEqual([[1], { caught: 2 }, [3]]);
  });

  it('reads states inside a JSONata Map of a JSONPath machine as JSONata, as check does', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            QueryLanguage: 'JSONata',
            ItemProcessor: branch('Double', {
              Type: 'Pass',
              Output: '{% $states.input * 2 %}',
              End: true,
            }),
            End: true,
          },
        },
      },
      input: [1, 2],
    });

    expect(simulation.parent.output).toEqual([2, 4]);
  });
});

describe('a JSONata Parallel or Map entered again', () => {
  it('starts with fresh retry counts after it succeeded, as a JSONPath one does', async () => {
    let calls = 0;
    const simulation = await simulate({
      parent: jsonata({
        Start: { Type: 'Pass', Assign: { visits: 0 }, Next: 'Both' },
        Both: {
          Type: 'Parallel',
          Branches: [
            branch('Flaky', {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Flaky',
              End: true,
            }),
          ],
          Retry: [{ ErrorEquals: ['Flaky.Failed'], IntervalSeconds: 1, MaxAttempts: 1 }],
          Assign: { visits: '{% $visits + 1 %}' },
          Next: 'Again',
        },
        Again: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $visits < 2 %}', Next: 'Both' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      }),
      input: {},
      // Every first attempt fails and every retry succeeds: each visit needs its one retry.
      functions: {
        Flaky: () => {
          calls += 1;
          if (calls % 2 === 1) throw Object.assign(new Error('flaky'), { name: 'Flaky.Failed' });
          return 'ok';
        },
      },
    });

    expect(simulation.parent.status).toBe('SUCCEEDED');
    expect(calls).toBe(4);
  });
});
