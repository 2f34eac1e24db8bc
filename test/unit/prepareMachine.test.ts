import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import { SimulationInputError } from '../../src/cli/simulate/errors.ts';
import { prepareMachine } from '../../src/cli/simulate/prepareMachine.ts';
import { DEFAULT_SIM_CONFIG, parseSimConfig } from '../../src/cli/simulate/SimConfig.ts';

const config = parseSimConfig(
  { tasks: { [`\${WorkFunctionArn}`]: { result: { ok: true } } } },
  '/',
);

/** 2^31-1 milliseconds: the longest a Node timer waits. */
const MAX_TIMER_SECONDS = 2_147_483;

function machine(states: JsonObject, extra: JsonObject = {}): JsonObject {
  return { StartAt: Object.keys(states)[0] ?? '', States: states, ...extra };
}

describe('prepareMachine', () => {
  it('turns a Pass with a falsy Result into a local Task that returns it', () => {
    const prepared = prepareMachine(
      machine({
        MarkFailed: { Type: 'Pass', Result: false, ResultPath: '$.meta.status', End: true },
      }),
      config,
    );

    expect(prepared.definition['States']).toEqual({
      MarkFailed: {
        Type: 'Task',
        Resource: 'arn:aws:states:::simulator:local',
        ResultPath: '$.meta.status',
        End: true,
        TimeoutSeconds: MAX_TIMER_SECONDS,
      },
    });
    expect(prepared.steps.get('MarkFailed')).toEqual({ kind: 'constant', value: false });
    expect(prepared.stateTypes.get('MarkFailed')).toBe('Pass');
  });

  it.each([0, '', null])('rewrites a Pass whose Result is %j too', (result) => {
    const prepared = prepareMachine(
      machine({ P: { Type: 'Pass', Result: result, End: true } }),
      config,
    );

    expect(prepared.steps.get('P')).toEqual({ kind: 'constant', value: result });
  });

  it('leaves a Pass with a truthy Result to the engine', () => {
    const state = { Type: 'Pass', Result: { ok: true }, End: true };

    const prepared = prepareMachine(machine({ P: state }), config);

    expect(prepared.definition['States']).toEqual({ P: state });
    expect(prepared.steps.has('P')).toBe(false);
  });

  it('drops ResultPath "$", which the engine writes into a key named "$"', () => {
    const prepared = prepareMachine(
      machine({
        Work: {
          Type: 'Task',
          Resource: `\${WorkFunctionArn}`,
          ResultPath: '$',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'Done' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      }),
      config,
    );

    expect((prepared.definition['States'] as JsonObject)['Work']).toEqual({
      Type: 'Task',
      Resource: `\${WorkFunctionArn}`,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
      Next: 'Done',
      TimeoutSeconds: MAX_TIMER_SECONDS,
    });
  });

  it('takes every timeout off the engine, which would time out on real timers', () => {
    const task = (extra: JsonObject) => ({
      Type: 'Task',
      Resource: `\${WorkFunctionArn}`,
      End: true,
      ...extra,
    });
    const prepared = prepareMachine(
      {
        StartAt: 'Default',
        TimeoutSeconds: 60,
        States: { Default: task({}), Short: task({ TimeoutSeconds: 5, HeartbeatSeconds: 2 }) },
      },
      config,
    );

    const states = prepared.definition['States'] as Record<string, JsonObject>;
    expect(prepared.definition['TimeoutSeconds']).toBeUndefined();
    expect(prepared.timeoutSeconds).toBe(60);
    expect(states['Default']?.['TimeoutSeconds']).toBe(MAX_TIMER_SECONDS);
    expect(states['Short']?.['TimeoutSeconds']).toBe(MAX_TIMER_SECONDS);
    expect(states['Short']?.['HeartbeatSeconds']).toBeUndefined();
  });

  it('maps every Task, including those inside Parallel branches and Map processors', () => {
    const task = { Type: 'Task', Resource: `\${WorkFunctionArn}`, End: true };
    const prepared = prepareMachine(
      machine({
        Fan: {
          Type: 'Parallel',
          Branches: [machine({ InBranch: task })],
          Next: 'Each',
        },
        Each: { Type: 'Map', ItemProcessor: machine({ InMap: task }), End: true },
      }),
      config,
    );

    expect([...prepared.steps.keys()]).toEqual(['InBranch', 'InMap']);
  });

  it('lists every Task that has no local mapping', () => {
    const definition = machine({
      A: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Unknown',
        Next: 'B',
      },
      B: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', End: true },
    });

    expect(() => prepareMachine(definition, DEFAULT_SIM_CONFIG)).toThrow(
      expect.objectContaining({
        name: 'SimulationInputError',
        message: expect.stringMatching(/A: no local mapping[\s\S]*B: no local mapping/),
      }),
    );
  });

  it('records literal StateMachineArns and the waiting Task timeouts', () => {
    const prepared = prepareMachine(
      machine({
        RunChild: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Parameters: { StateMachineArn: `\${ChildStateMachineArn}`, Input: {} },
          HeartbeatSeconds: 60,
          End: true,
        },
      }),
      config,
    );

    expect(prepared.childReferences).toEqual([
      { state: 'RunChild', stateMachineArn: `\${ChildStateMachineArn}` },
    ]);
    expect(prepared.taskTimeouts.get('RunChild')).toEqual({ heartbeatSeconds: 60 });
  });

  it('runs Waits as local steps and leaves the engine no retry pause', () => {
    const prepared = prepareMachine(
      machine({
        Pause: { Type: 'Wait', Seconds: 30, Next: 'Work' },
        Work: {
          Type: 'Task',
          Resource: `\${WorkFunctionArn}`,
          Retry: [{ ErrorEquals: ['A'], IntervalSeconds: 5 }, { ErrorEquals: ['B'] }],
          End: true,
        },
      }),
      config,
    );

    expect(prepared.steps.get('Pause')).toMatchObject({ kind: 'jsonPathWait' });
    expect(prepared.retryOverrides).toEqual({ Work: 0 });
  });

  it('turns a JSONata Choice into a local step and a hidden routing Choice', () => {
    const prepared = prepareMachine(
      machine(
        {
          Route: {
            Type: 'Choice',
            Choices: [{ Condition: '{% $states.input.go %}', Next: 'Yes' }],
            Default: 'No',
          },
          Yes: { Type: 'Succeed' },
          No: { Type: 'Fail', Error: 'Nope' },
        },
        { QueryLanguage: 'JSONata' },
      ),
      config,
    );

    const states = prepared.definition['States'] as JsonObject;
    expect(states['Route#route']).toEqual({
      Type: 'Choice',
      Choices: [{ Variable: '$.choice', NumericEquals: 0, Next: 'Yes' }],
      Default: 'No',
      OutputPath: '$.output',
    });
    expect(prepared.hidden).toEqual(new Set(['Route#route']));
    expect(prepared.steps.get('Route')?.kind).toBe('jsonataChoice');
    expect(prepared.steps.get('No')?.kind).toBe('jsonataFail');
  });

  it('routes a JSONata catcher with an Output through a hidden local step', () => {
    const prepared = prepareMachine(
      machine(
        {
          Work: {
            Type: 'Task',
            Resource: `\${WorkFunctionArn}`,
            Output: '{% $states.result %}',
            Catch: [
              { ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Done' },
            ],
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
        { QueryLanguage: 'JSONata' },
      ),
      config,
    );

    const states = prepared.definition['States'] as JsonObject;
    expect(states['Work']).toEqual({
      Type: 'Task',
      Resource: `\${WorkFunctionArn}`,
      Next: 'Done',
      TimeoutSeconds: MAX_TIMER_SECONDS,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Work#catch0' }],
    });
    expect(states['Work#catch0']).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::simulator:local',
      Next: 'Done',
      TimeoutSeconds: MAX_TIMER_SECONDS,
    });
  });

  it('runs a JSONata Map as a local entry step, the engine Map and a local exit step', () => {
    const prepared = prepareMachine(
      machine(
        {
          Each: {
            Type: 'Map',
            Items: '{% $states.input.list %}',
            ItemSelector: { v: '{% $states.context.Map.Item.Value %}' },
            ItemProcessor: machine({ X: { Type: 'Succeed' } }),
            Next: 'Done',
          },
          Done: { Type: 'Succeed' },
        },
        { QueryLanguage: 'JSONata' },
      ),
      config,
    );
    const states = prepared.definition['States'] as Record<string, JsonObject>;

    expect(states['Each']).toMatchObject({ Type: 'Task', Next: 'Each#enter' });
    expect(states['Each#enter']).toMatchObject({ Type: 'Task', Next: 'Each#run' });
    expect(states['Each#run']).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.items',
      ResultPath: '$.result',
      Next: 'Each#output',
      ItemProcessor: { StartAt: 'Each#item' },
    });
    expect(states['Each#output']).toMatchObject({ Type: 'Task', Next: 'Done' });
    expect(prepared.stateTypes.get('Each')).toBe('Map');
    expect(prepared.aliases.get('Each#run')?.state).toBe('Each');
    expect(prepared.hidden.has('Each#item')).toBe(true);
  });

  it('refuses what it does not simulate: a distributed JSONata Map with no items for its reader, and JSONPath Assign beside data fields or with intrinsics', () => {
    const jsonataMap = machine(
      {
        Each: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2' },
          ItemProcessor: machine({ X: { Type: 'Succeed' } }),
          End: true,
        },
      },
      { QueryLanguage: 'JSONata' },
    );
    const withResult = machine({ P: { Type: 'Pass', Result: 1, Assign: { x: 1 }, End: true } });
    const withIntrinsic = machine({
      P: { Type: 'Pass', Assign: { 'x.$': 'States.UUID()' }, End: true },
    });

    expect(() => prepareMachine(jsonataMap, config)).toThrow(SimulationInputError);
    expect(() => prepareMachine(jsonataMap, config)).toThrow(
      /Each: its ItemReader reads from S3, which the simulator does not: give the items in the config's "items" under "Each"/,
    );
    expect(() => prepareMachine(withResult, config)).toThrow(/Assign/);
    expect(() => prepareMachine(withIntrinsic, config)).toThrow(/Assign/);
  });

  it('runs a JSONPath Pass that only assigns, and a catcher Assign, as hidden local steps', () => {
    const prepared = prepareMachine(
      machine({
        W: {
          Type: 'Task',
          Resource: `\${WorkFunctionArn}`,
          Catch: [
            { ErrorEquals: ['States.ALL'], ResultPath: null, Assign: { 'e.$': '$' }, Next: 'P' },
          ],
          Next: 'P',
        },
        P: { Type: 'Pass', Assign: { x: 1 }, End: true },
      }),
      config,
    );

    expect(prepared.steps.get('P')).toMatchObject({ kind: 'jsonPathAssign' });
    expect(prepared.steps.get('W#catch0')).toMatchObject({ kind: 'jsonPathCatch', stateName: 'W' });
    expect(prepared.hidden.has('W#catch0')).toBe(true);
  });
});
