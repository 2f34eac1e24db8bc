import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../src/cli/check/checkDefinition.ts';
import type { Finding } from '../../../src/cli/check/Finding.ts';
import { InvalidDefinitionError } from '../../../src/cli/check/parseDefinition.ts';
import { definitionFixture, definitionFixtures } from '../../support/definitionFixtures.ts';
import { generateDefinition } from '../../support/generateDefinition.ts';

const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';
const CLOSER = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';

/** The seed's Closer section, minimal: enough for a chain. */
const closerSection = {
  'Closer:Send': {
    Type: 'Task',
    Resource: CLOSER,
    ResultPath: '$.meta.status',
    Catch: [
      { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.CloserSend', Next: 'Closer:Fail' },
    ],
    Next: 'Closer:Choice',
  },
  'Closer:Choice': {
    Type: 'Choice',
    Choices: [
      { Variable: '$.meta.status.message', StringEquals: 'SUCCEEDED', Next: 'Closer:Success' },
    ],
    Default: 'Closer:Fail',
  },
  'Closer:Success': { Type: 'Succeed' },
  'Closer:Fail': { Type: 'Fail', Error: 'Closer:Fail' },
  'Closer:MarkFailed': {
    Type: 'Pass',
    Result: false,
    ResultPath: '$.meta.status',
    Next: 'Closer:Send',
  },
};
const catchAll = (name: string) => [
  { ErrorEquals: ['States.ALL'], ResultPath: `$.errors.${name}`, Next: 'Closer:MarkFailed' },
];
const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: Object.keys(states)[0],
  ...extra,
  // A copy: tests may edit the Closer states of their own machine.
  States: { ...states, ...structuredClone(closerSection) },
});
const rulesOf = (findings: readonly Finding[]) =>
  findings.map((item) => `${item.rule} ${item.state}`);

describe('checkDefinition on the fixtures', () => {
  it.each(definitionFixtures('compliant').map((fixture) => [fixture.name, fixture.definition]))(
    'finds nothing in the compliant fixture %s',
    (_name, definition) => {
      expect(checkDefinition(definition)).toEqual([]);
    },
  );

  it.each(
    definitionFixtures('broken').map((fixture) => [fixture.rule, fixture.name, fixture.definition]),
  )('finds only %s in %s', (rule, _name, definition) => {
    const findings = checkDefinition(definition);
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((item) => item.rule))).toEqual(new Set([rule]));
  });

  it('passes warnings-only fixtures: no finding is an error', () => {
    const findings = checkDefinition(definitionFixture('broken/data-limit-risk-parallel.json'));
    expect(findings.map((item) => item.severity)).toEqual(['warning']);
  });
});

describe('closer-missing', () => {
  it('reports a definition without a Closer once, and stays silent on the chain rules', () => {
    const findings = checkDefinition({
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: WORK, Next: 'Done' }, Done: { Type: 'Succeed' } },
    });
    expect(rulesOf(findings)).toEqual(['closer-missing Closer:Send']);
    expect(findings[0]?.message).toContain('There is no top-level state named Closer:Send');
  });

  it('reports a Closer state that is not a Task', () => {
    const [finding] = checkDefinition(definitionFixture('broken/closer-missing-not-a-task.json'));
    expect(finding?.message).toContain('Closer:Send is a Pass state, not a Task');
  });

  it('looks for the Task named by closerName', () => {
    const definition = machine({
      Work: { Type: 'Task', Resource: WORK, Catch: catchAll('Work'), Next: 'Closer:Send' },
    });
    const errors = checkDefinition(definition, { closerName: 'Finish' }).filter(
      (item) => item.severity === 'error',
    );
    expect(rulesOf(errors)).toEqual(['closer-missing Finish']);
  });
});

describe('missing-catch-all', () => {
  it('reports a catch-all whose target never reaches the Closer', () => {
    const findings = checkDefinition(
      machine({
        Work: {
          Type: 'Task',
          Resource: WORK,
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Work', Next: 'Spin' }],
          Next: 'Closer:Send',
        },
        Spin: { Type: 'Pass', Next: 'Spin' },
      }),
    );
    const catchAll = findings.filter((item) => item.rule === 'missing-catch-all');
    expect(catchAll).toHaveLength(1);
    expect(catchAll[0]?.message).toBe(
      "Task's States.ALL catcher goes to Spin, which never reaches Closer:Send.",
    );
  });

  it('names the State in the suggested ResultPath', () => {
    const [finding] = checkDefinition(definitionFixture('broken/missing-catch-all-task.json'));
    expect(finding?.fix).toContain('"ResultPath": "$.errors.Work"');
  });

  it('asks nothing of states inside a Parallel branch', () => {
    const findings = checkDefinition(definitionFixture('compliant/nested-parallel-map.json'));
    expect(findings).toEqual([]);
  });
});

describe('escapes-closer', () => {
  it('shows the path from StartAt to the end', () => {
    const [finding] = checkDefinition(definitionFixture('broken/escapes-closer-succeed.json'));
    expect(finding?.message).toBe(
      'Succeed state ends the execution outside the Closer chain: Work → Done.',
    );
  });

  it('shortens a long path to its start and its last states', () => {
    const states: Record<string, unknown> = {};
    for (let index = 0; index < 10; index++) {
      states[`P${index}`] = { Type: 'Pass', Next: index < 9 ? `P${index + 1}` : 'Done' };
    }
    states['Done'] = { Type: 'Succeed' };
    const [finding] = checkDefinition(machine(states));
    expect(finding?.message).toContain('P0 → … 6 more … → P7 → P8 → P9 → Done.');
  });

  it('reports an end that StartAt cannot reach', () => {
    const findings = checkDefinition(
      machine({ Start: { Type: 'Pass', Next: 'Closer:Send' }, Orphan: { Type: 'Succeed' } }),
    );
    expect(findings[0]?.message).toContain('Orphan (not reachable from StartAt Start)');
  });

  it('reports a loop with no way out once, at its entry', () => {
    const findings = checkDefinition(definitionFixture('broken/escapes-closer-loop.json'));
    expect(rulesOf(findings)).toEqual(['escapes-closer Poll']);
    expect(findings[0]?.message).toBe(
      'Poll can never reach Closer:Send: every path from it loops forever (Work → Poll).',
    );
  });

  it('accepts a loop that a Choice can leave', () => {
    const findings = checkDefinition(
      machine({
        Poll: { Type: 'Wait', Seconds: 5, Next: 'Ready' },
        Ready: {
          Type: 'Choice',
          Choices: [{ Variable: '$.ready', IsPresent: true, Next: 'Closer:Send' }],
          Default: 'Poll',
        },
      }),
    );
    expect(findings.filter((item) => item.severity === 'error')).toEqual([]);
  });

  it('accepts Succeed, Fail and End inside branches', () => {
    const findings = checkDefinition(definitionFixture('broken/escapes-closer-parallel-end.json'));
    expect(rulesOf(findings)).toEqual(['escapes-closer Fan']);
  });
});

describe('choice-without-default', () => {
  it('names a Choice in a Parallel branch by its path', () => {
    const findings = checkDefinition(
      definitionFixture('broken/choice-without-default-in-parallel.json'),
    );
    expect(rulesOf(findings)).toEqual(['choice-without-default Fan/Branch[0]/Decide']);
  });

  it('names a Choice in a Map inside a branch by its path', () => {
    const findings = checkDefinition(
      definitionFixture('broken/choice-without-default-in-map.json'),
    );
    expect(rulesOf(findings)).toEqual([
      'choice-without-default Fan/Branch[0]/EachItem/ItemProcessor/Decide',
    ]);
  });

  it('names a Choice in a legacy Iterator by its path', () => {
    const findings = checkDefinition(
      machine({
        EachItem: {
          Type: 'Map',
          Iterator: {
            StartAt: 'Decide',
            States: {
              Decide: {
                Type: 'Choice',
                Choices: [{ Variable: '$.a', IsPresent: true, Next: 'Ok' }],
              },
              Ok: { Type: 'Succeed' },
            },
          },
          ResultPath: null,
          Catch: catchAll('EachItem'),
          Next: 'Closer:Send',
        },
      }),
    );
    expect(rulesOf(findings)).toEqual(['choice-without-default EachItem/Iterator/Decide']);
  });
});

describe('parent-wait-without-timeout', () => {
  const parent = (fields: Record<string, unknown>) =>
    machine({
      CallChild: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
        ResultPath: '$.child',
        Catch: catchAll('CallChild'),
        Next: 'Closer:Send',
        ...fields,
      },
    });
  const withToken = { Parameters: { Input: { meta: { parent: { 'token.$': '$$.Task.Token' } } } } };

  it('accepts HeartbeatSecondsPath as a timeout', () => {
    expect(checkDefinition(parent({ ...withToken, HeartbeatSecondsPath: '$.heartbeat' }))).toEqual(
      [],
    );
  });

  it('reports a missing timeout and a missing token separately', () => {
    const findings = checkDefinition(parent({ Parameters: { Input: {} } }));
    expect(findings.map((item) => item.message)).toEqual([
      expect.stringContaining('neither TimeoutSeconds nor HeartbeatSeconds'),
      expect.stringContaining('Parameters.Input.meta.parent["token.$"]'),
    ]);
  });

  it('accepts a JSONata token with other spacing', () => {
    const definition = parent({
      QueryLanguage: 'JSONata',
      TimeoutSeconds: 60,
      Arguments: { Input: { meta: { parent: { token: '{%$states.context.Task.Token%}' } } } },
      Catch: [
        { ErrorEquals: ['States.ALL'], Output: '{% $states.input %}', Next: 'Closer:MarkFailed' },
      ],
      ResultPath: undefined,
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('checks a parent Task inside a Parallel branch', () => {
    const findings = checkDefinition(
      machine({
        Fan: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'CallChild',
              States: {
                CallChild: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
                  ...withToken,
                  End: true,
                },
              },
            },
          ],
          ResultPath: null,
          Catch: catchAll('Fan'),
          Next: 'Closer:Send',
        },
      }),
    );
    expect(rulesOf(findings)).toEqual(['parent-wait-without-timeout Fan/Branch[0]/CallChild']);
  });
});

describe('runtime-error-risk', () => {
  const pass = (fields: Record<string, unknown>) =>
    machine({ Shape: { Type: 'Pass', ...fields, Next: 'Closer:Send' } });

  it('names the paths a Pass reads, including those inside intrinsic functions', () => {
    const [finding] = checkDefinition(definitionFixture('broken/runtime-error-risk-pass.json'));
    expect(finding?.message).toBe(
      'Pass reads $.initial.order.id, $.initial.order.name; if a path is missing, the execution ' +
        'fails with States.Runtime, which no Catch can see.',
    );
  });

  it('lists three paths and counts the rest', () => {
    const [finding] = checkDefinition(
      pass({ InputPath: '$.a', OutputPath: '$.b', Parameters: { 'c.$': '$.c', 'd.$': '$.d' } }),
    );
    expect(finding?.message).toContain('reads $.a, $.b, $.c and 1 more;');
  });

  it('ignores $, context paths, variables and ResultPath', () => {
    const definition = pass({
      InputPath: '$',
      Parameters: { 'id.$': '$$.Execution.Id', 'v.$': '$myVariable' },
      ResultPath: '$.deep.new.node',
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('skips a Choice variable that the same Choice tests with IsPresent', () => {
    const definition = machine({
      Route: {
        Type: 'Choice',
        Choices: [
          {
            And: [
              { Variable: '$.order', IsPresent: true },
              { Variable: '$.order', StringEquals: 'x' },
            ],
            Next: 'Closer:Send',
          },
        ],
        Default: 'Closer:MarkFailed',
      },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('reads Choice comparison paths and Wait paths', () => {
    const definition = machine({
      Route: {
        Type: 'Choice',
        Choices: [{ Variable: '$.a', StringEqualsPath: '$.b', Next: 'Pause' }],
        Default: 'Closer:MarkFailed',
      },
      Pause: { Type: 'Wait', TimestampPath: '$.when', Next: 'Closer:Send' },
    });
    expect(
      checkDefinition(definition).map((item) => `${item.state}: ${item.message.split(';')[0]}`),
    ).toEqual(['Route: Choice reads $.a, $.b', 'Pause: Wait reads $.when']);
  });

  it('does not analyse JSONata states', () => {
    const definition = pass({ QueryLanguage: 'JSONata', Output: '{% $states.input.missing %}' });
    expect(checkDefinition(definition)).toEqual([]);
  });
});

describe('data-limit-risk', () => {
  const parallel = (fields: Record<string, unknown>) =>
    machine({
      Fan: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
        Catch: catchAll('Fan'),
        Next: 'Closer:Send',
        ...fields,
      },
    });

  it.each([
    ['ResultPath null', { ResultPath: null }],
    ['a ResultSelector', { ResultSelector: { 'first.$': '$[0]' } }],
    ['a narrowing OutputPath', { OutputPath: '$[0]' }],
  ])('accepts a Parallel with %s', (_case, fields) => {
    expect(checkDefinition(parallel(fields))).toEqual([]);
  });

  it('reports a Parallel that keeps every branch output', () => {
    expect(rulesOf(checkDefinition(parallel({ ResultPath: '$.all' })))).toEqual([
      'data-limit-risk Fan',
    ]);
  });

  it('accepts a JSONata Parallel with an Output', () => {
    const definition = parallel({
      QueryLanguage: 'JSONata',
      Output: '{% $states.input %}',
      Catch: [
        { ErrorEquals: ['States.ALL'], Output: '{% $states.input %}', Next: 'Closer:MarkFailed' },
      ],
    });
    expect(checkDefinition(definition)).toEqual([]);
  });
});

describe('catch-replaces-payload', () => {
  it('accepts a catcher that discards the error with ResultPath null', () => {
    const definition = machine({
      Work: {
        Type: 'Task',
        Resource: WORK,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Closer:MarkFailed' }],
        Next: 'Closer:Send',
      },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('reports a JSONata catcher without Output', () => {
    const definition = machine({
      Work: {
        Type: 'Task',
        QueryLanguage: 'JSONata',
        Resource: WORK,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Closer:MarkFailed' }],
        Next: 'Closer:Send',
      },
    });
    const [finding] = checkDefinition(definition);
    expect(finding?.rule).toBe('catch-replaces-payload');
    expect(finding?.fix).toContain("{'Work': $states.errorOutput}");
  });
});

describe('closer-result-path', () => {
  it('says when the Closer relies on the default ResultPath', () => {
    const definition = machine({ Work: { Type: 'Pass', Next: 'Closer:Send' } });
    const send = (definition.States as Record<string, Record<string, unknown>>)['Closer:Send'];
    delete send?.['ResultPath'];
    const [finding] = checkDefinition(definition);
    expect(finding?.message).toContain('writes its result to $ (the default)');
  });
});

describe('checkDefinition', () => {
  it('lists errors before warnings', () => {
    const definition = machine({
      Shape: { Type: 'Pass', InputPath: '$.a', Next: 'Work' },
      Work: { Type: 'Task', Resource: WORK, Next: 'Closer:Send' },
    });
    expect(checkDefinition(definition).map((item) => item.severity)).toEqual(['error', 'warning']);
  });

  it('throws InvalidDefinitionError for something that is not a state machine', () => {
    expect(() => checkDefinition([])).toThrow(InvalidDefinitionError);
    expect(() => checkDefinition({ StartAt: 'A', States: { A: { Type: 'Nope' } } })).toThrow(
      'State A has no valid Type.',
    );
  });

  it('finds nothing in a generated 5,000-state compliant definition', () => {
    expect(checkDefinition(generateDefinition({ states: 5_000 }))).toEqual([]);
  });

  it('finds one error per uncaught state in a generated non-compliant definition', () => {
    const definition = generateDefinition({ states: 5_000, compliant: false });
    const uncaught = Object.values(definition.States).filter(
      (state) =>
        ['Task', 'Parallel', 'Map', 'Choice'].includes(String(state['Type'])) &&
        state['Catch'] === undefined &&
        state['Default'] === undefined,
    ).length;
    expect(checkDefinition(definition)).toHaveLength(uncaught);
  });
});
