import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/cli/check/Json.ts';
import { SimulationInputError } from '../../src/cli/simulate/errors.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';

// The simulator's own behaviour on the ASL engine, without the Closer (no built zip needed).

const START_CHILD = 'arn:aws:states:::states:startExecution.waitForTaskToken';
const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';

function passMarkingStatus(result: Json) {
  return {
    StartAt: 'Mark',
    States: { Mark: { Type: 'Pass', Result: result, ResultPath: '$.meta.status', End: true } },
  };
}

const falsyResults = {
  StartAt: 'Mark',
  States: {
    Mark: { Type: 'Pass', Result: false, ResultPath: '$.meta.status', Next: 'Zero' },
    Zero: { Type: 'Pass', Result: 0, ResultPath: '$.zero', Next: 'Empty' },
    Empty: { Type: 'Pass', Result: '', ResultPath: '$.empty', Next: 'Nothing' },
    Nothing: { Type: 'Pass', Result: null, ResultPath: '$.nothing', End: true },
  },
};

describe('falsy Pass Result compensation', () => {
  it('is needed: the engine alone passes the input through a Pass whose Result is false', async () => {
    const engine = new StateMachine(passMarkingStatus(false) as StateMachineDefinition);

    const output = await engine.run({ meta: {} }).result;

    // Step Functions writes false to $.meta.status; the engine writes the input there instead.
    expect(output).toEqual({ meta: { status: { meta: {} } } });
  });

  it('writes a falsy Pass Result (false, 0, "", null) where its ResultPath points', async () => {
    const simulation = await simulate({ parent: falsyResults, input: { meta: {} } });

    expect(simulation.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { meta: { status: false }, zero: 0, empty: '', nothing: null },
    });
  });

  it('still reports the rewritten states as Pass states in the event log', async () => {
    const simulation = await simulate({ parent: falsyResults, input: { meta: {} } });

    const types = simulation.events.flatMap((event) =>
      event.type === 'StateEntered' ? [event.stateType] : [],
    );
    expect(types).toEqual(['Pass', 'Pass', 'Pass', 'Pass']);
  });
});

describe('simulate on the engine', () => {
  it('replaces the input when a ResultPath is "$", as Step Functions does', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'Work',
        States: { Work: { Type: 'Task', Resource: WORK, ResultPath: '$', End: true } },
      },
      input: { before: true },
      config: { tasks: { Work: { result: { after: true } } } },
    });

    expect(simulation.parent.output).toEqual({ after: true });
  });

  it("gives a Task the thrown error's name and the Lambda error document as cause", async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: WORK,
            Catch: [{ ErrorEquals: ['Work.Boom'], ResultPath: '$.error', Next: 'Done' }],
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      },
      functions: {
        Work: () => {
          throw Object.assign(new Error('it broke'), { name: 'Work.Boom' });
        },
      },
    });

    const caught = (simulation.parent.output as { error: { Error: string; Cause: string } }).error;
    expect(caught.Error).toBe('Work.Boom');
    expect(JSON.parse(caught.Cause)).toMatchObject({
      errorType: 'Work.Boom',
      errorMessage: 'it broke',
    });
  });

  it('passes Payload to a lambda:invoke Task and wraps its result in Payload', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'Invoke',
        States: {
          Invoke: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: `${WORK}:live`, 'Payload.$': '$.order' },
            ResultSelector: { 'reply.$': '$.Payload' },
            End: true,
          },
        },
      },
      input: { order: { id: 7 } },
      functions: { Work: (event) => ({ received: event }) },
    });

    expect(simulation.parent.output).toEqual({ reply: { received: { id: 7 } } });
  });

  it('retries without pausing, and Waits take no time, at the default speed', async () => {
    let calls = 0;
    const simulation = await simulate({
      parent: {
        StartAt: 'Pause',
        States: {
          Pause: { Type: 'Wait', Seconds: 3600, Next: 'Work' },
          Work: {
            Type: 'Task',
            Resource: WORK,
            Retry: [
              { ErrorEquals: ['States.ALL'], IntervalSeconds: 600, MaxAttempts: 3, BackoffRate: 2 },
            ],
            End: true,
          },
        },
      },
      functions: {
        Work: () => {
          calls += 1;
          if (calls < 3) throw new Error('not yet');
          return { calls };
        },
      },
    });

    expect(simulation.parent.output).toEqual({ calls: 3 });
    expect(simulation.events.filter((event) => event.type === 'StateRetried')).toHaveLength(2);
  });

  it('fails a waiting Task with States.Timeout when its child ends without signalling', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'RunChild',
        States: {
          RunChild: {
            Type: 'Task',
            Resource: START_CHILD,
            Parameters: { StateMachineArn: 'Silent', Input: { 'token.$': '$$.Task.Token' } },
            TimeoutSeconds: 3600,
            Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'Done' }],
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
      },
      children: { Silent: { StartAt: 'Quiet', States: { Quiet: { Type: 'Succeed' } } } },
    });

    expect(simulation.parent.status).toBe('SUCCEEDED');
    expect(simulation.parent.output).toMatchObject({ error: { Error: 'States.Timeout' } });
    expect(simulation.events).toContainEqual(
      expect.objectContaining({
        type: 'TaskTokenAbandoned',
        state: 'RunChild',
        error: 'States.Timeout',
      }),
    );
    expect(simulation.children).toEqual([
      expect.objectContaining({ stateMachine: 'Silent', status: 'SUCCEEDED' }),
    ]);
  });

  it('gives each child its own token and never shows the token itself', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: {
              StartAt: 'RunChild',
              States: {
                RunChild: {
                  Type: 'Task',
                  Resource: START_CHILD,
                  Parameters: { StateMachineArn: 'Echo', Input: { 'token.$': '$$.Task.Token' } },
                  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Skip' }],
                  End: true,
                },
                Skip: { Type: 'Succeed' },
              },
            },
            End: true,
          },
        },
      },
      input: { items: [1, 2] },
      children: { Echo: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } } },
    });

    const tokens = simulation.children.map((child) => (child.output as { token: string }).token);
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2);
    for (const token of tokens) expect(token).toMatch(/^\[task token len=\d+;….{6}\]$/);
    expect(JSON.stringify(simulation.events)).not.toMatch(/SimTaskToken1/);
  });

  it('fails a Task whose StateMachineArn names no known child, as StartExecution would', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'RunChild',
        States: {
          RunChild: {
            Type: 'Task',
            Resource: START_CHILD,
            Parameters: { 'StateMachineArn.$': '$.target', Input: {} },
            End: true,
          },
        },
      },
      input: { target: 'arn:aws:states:us-east-1:123456789012:stateMachine:Nowhere' },
      children: { Somewhere: { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } } },
    });

    expect(simulation.parent).toMatchObject({
      status: 'FAILED',
      error: 'StepFunctions.StateMachineDoesNotExistException',
    });
  });

  it('refuses to start when a literal StateMachineArn names no given child', async () => {
    const run = simulate({
      parent: {
        StartAt: 'RunChild',
        States: {
          RunChild: {
            Type: 'Task',
            Resource: START_CHILD,
            Parameters: { StateMachineArn: `\${ChildStateMachineArn}`, Input: {} },
            End: true,
          },
        },
      },
    });

    await expect(run).rejects.toThrow(SimulationInputError);
    await expect(run).rejects.toThrow(/unknown child \$\{ChildStateMachineArn\}/);
  });

  it('refuses an invalid definition with the validator’s findings', async () => {
    const run = simulate({ parent: { StartAt: 'Missing', States: {} } });

    await expect(run).rejects.toThrow(/not a valid state machine definition/);
  });

  it('gives JSONPath templates $$.State.Name and $$.State.EnteredTime, on the virtual clock', async () => {
    const simulation = await simulate({
      parent: {
        StartAt: 'Pause',
        States: {
          Pause: { Type: 'Wait', Seconds: 3600, Next: 'Stamp' },
          Stamp: {
            Type: 'Pass',
            Parameters: {
              name: 'x',
              'entered.$': '$$.State.EnteredTime',
              'state.$': '$$.State.Name',
            },
            ResultPath: '$.stamp',
            End: true,
          },
        },
      },
      input: {},
    });
    const entered = simulation.events.find(
      (event) => event.type === 'StateEntered' && event.state === 'Stamp',
    );
    const started = simulation.events.find((event) => event.type === 'ExecutionStarted');

    expect(simulation.parent.output).toEqual({
      stamp: { name: 'x', entered: entered?.at, state: 'Stamp' },
    });
    expect(Date.parse(entered?.at ?? '') - Date.parse(started?.at ?? '')).toBe(3_600_000);
  });

  it('evaluates JSONata Output, Assign and Choice conditions', async () => {
    const simulation = await simulate({
      parent: {
        QueryLanguage: 'JSONata',
        StartAt: 'Count',
        States: {
          Count: {
            Type: 'Pass',
            Assign: { total: '{% $count($states.input.items) %}' },
            Output: '{% $states.input %}',
            Next: 'Big',
          },
          Big: {
            Type: 'Choice',
            Choices: [{ Condition: '{% $total > 2 %}', Next: 'Many', Output: { size: 'many' } }],
            Default: 'Few',
          },
          Many: { Type: 'Succeed', Output: '{% $merge([$states.input, {"total": $total}]) %}' },
          Few: { Type: 'Fail', Error: 'Too.Few', Cause: "{% 'only ' & $string($total) %}" },
        },
      },
      input: { items: [1, 2, 3] },
    });

    expect(simulation.parent.output).toEqual({ size: 'many', total: 3 });
  });

  it('fails a JSONata Fail state with its evaluated Error and Cause', async () => {
    const simulation = await simulate({
      parent: {
        QueryLanguage: 'JSONata',
        StartAt: 'Stop',
        States: {
          Stop: { Type: 'Fail', Error: "{% 'Too.' & $states.input.why %}", Cause: 'fixed cause' },
        },
      },
      input: { why: 'Few' },
    });

    expect(simulation.parent).toMatchObject({
      status: 'FAILED',
      error: 'Too.Few',
      cause: 'fixed cause',
    });
  });
});
