import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../src/cli/check/checkDefinition.ts';
import type { Finding, RuleId } from '../../../src/cli/check/Finding.ts';
import { InvalidDefinitionError } from '../../../src/cli/check/parseDefinition.ts';
import { catchAllCatcher } from '../../../src/cli/wrap/catchAllCatcher.ts';
import { closerStates } from '../../../src/cli/wrap/closerStates.ts';
import { definitionFixture, definitionFixtures } from '../../support/definitionFixtures.ts';
import { generateDefinition } from '../../support/generateDefinition.ts';

const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';
const CLOSER = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';
const CHILD = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';

/** The current Closer section: the framed Closer:Send reads the parent link from the execution input. */
const framedSection = closerStates({ closerArn: CLOSER });

/**
 * The seed's Closer section, minimal: enough for a chain. Its Closer:Send hands the Lambda the
 * payload as it is, so the parent link must still be at $.meta.parent when it runs.
 */
const seedSection = {
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
/** The catch-all `wrap` adds: it keeps the payload and records the error in variables. */
const wrapCatchAll = [catchAllCatcher('JSONPath', 'Closer:MarkFailed')];
const build =
  (section: Record<string, unknown>) =>
  (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    StartAt: Object.keys(states)[0],
    ...extra,
    // A copy: tests may edit the Closer states of their own machine.
    States: { ...states, ...structuredClone(section) },
  });
/** A machine ending in the current (framed) Closer section. */
const machine = build(framedSection);
/** A machine ending in the seed's Closer section. */
const seedMachine = build(seedSection);
const rulesOf = (findings: readonly Finding[]) =>
  findings.map((item) => `${item.rule} ${item.state}`);
const onlyRule = (rule: RuleId, findings: readonly Finding[]) =>
  findings.filter((item) => item.rule === rule);

/**
 * Whether a fixture ends in an original Closer:Send, one that reads the parent link from the
 * payload: the framed one carries `closerRequestVersion` in its Arguments. Every such fixture
 * also gets `closer-reads-payload-link`.
 */
function hasOriginalCloser(definition: object): boolean {
  const send = (definition as { States: Record<string, Record<string, unknown> | undefined> })
    .States['Closer:Send'];
  return (
    send?.['Type'] === 'Task' &&
    !JSON.stringify(send['Arguments'] ?? send['Parameters'] ?? null).includes(
      '"closerRequestVersion"',
    )
  );
}

describe('checkDefinition on the fixtures', () => {
  const compliant = definitionFixtures('compliant');

  it.each(
    compliant
      .filter((fixture) => !hasOriginalCloser(fixture.definition))
      .map((f) => [f.name, f.definition]),
  )('finds nothing in the compliant fixture %s', (_name, definition) => {
    expect(checkDefinition(definition)).toEqual([]);
  });

  it.each(
    compliant
      .filter((fixture) => hasOriginalCloser(fixture.definition))
      .map((f) => [f.name, f.definition]),
  )(
    'only warns that the original Closer in the compliant fixture %s reads the link from the payload',
    (_name, definition) => {
      expect(
        checkDefinition(definition).map((item) => `${item.severity} ${item.rule} ${item.state}`),
      ).toEqual(['warning closer-reads-payload-link Closer:Send']);
    },
  );

  it.each(
    definitionFixtures('broken').map((fixture) => [fixture.rule, fixture.name, fixture.definition]),
  )(
    'finds only %s in %s (and the link finding on an original Closer)',
    (rule, _name, definition) => {
      const findings = checkDefinition(definition);
      expect(findings.length).toBeGreaterThan(0);
      const expected = new Set([rule]);
      if (hasOriginalCloser(definition)) expected.add('closer-reads-payload-link');
      expect(new Set(findings.map((item) => item.rule))).toEqual(expected);
    },
  );

  it('passes warnings-only fixtures: no finding is an error', () => {
    const findings = checkDefinition(definitionFixture('broken/data-limit-risk-parallel.json'));
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((item) => item.severity))).toEqual(new Set(['warning']));
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
    const findings = onlyRule(
      'escapes-closer',
      checkDefinition(definitionFixture('broken/escapes-closer-loop.json')),
    );
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
    expect(rulesOf(onlyRule('escapes-closer', findings))).toEqual(['escapes-closer Fan']);
  });
});

describe('choice-without-default', () => {
  it('names a Choice in a Parallel branch by its path', () => {
    const findings = checkDefinition(
      definitionFixture('broken/choice-without-default-in-parallel.json'),
    );
    expect(rulesOf(onlyRule('choice-without-default', findings))).toEqual([
      'choice-without-default Fan/Branch[0]/Decide',
    ]);
  });

  it('names a Choice in a Map inside a branch by its path', () => {
    const findings = checkDefinition(
      definitionFixture('broken/choice-without-default-in-map.json'),
    );
    expect(rulesOf(onlyRule('choice-without-default', findings))).toEqual([
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
        Catch: wrapCatchAll,
        Next: 'Closer:Send',
        ...fields,
      },
    });
  const withToken = { Parameters: { Input: { meta: { parent: { 'token.$': '$$.Task.Token' } } } } };

  it('accepts TimeoutSeconds', () => {
    expect(checkDefinition(parent({ ...withToken, TimeoutSeconds: 3600 }))).toEqual([]);
  });

  it('knows a parent whose Resource names the partition with a template placeholder', () => {
    const resource = 'arn:${AWS::Partition}:states:::states:startExecution.waitForTaskToken';
    const findings = checkDefinition(parent({ ...withToken, Resource: resource }));
    expect(rulesOf(findings)).toEqual(['parent-wait-without-timeout CallChild']);
  });

  it('accepts TimeoutSecondsPath as a timeout', () => {
    expect(checkDefinition(parent({ ...withToken, TimeoutSecondsPath: '$.timeout' }))).toEqual([]);
  });

  it('reports HeartbeatSeconds alone, because nothing in this pattern sends heartbeats', () => {
    const findings = checkDefinition(parent({ ...withToken, HeartbeatSeconds: 600 }));
    expect(rulesOf(findings)).toEqual(['parent-wait-without-timeout CallChild']);
    expect(findings[0]?.severity).toBe('error');
    expect(findings[0]?.message).toContain('nothing in this pattern sends heartbeats');
    expect(findings[0]?.fix).toContain('"TimeoutSeconds"');
  });

  it('reports HeartbeatSecondsPath alone too', () => {
    const findings = checkDefinition(parent({ ...withToken, HeartbeatSecondsPath: '$.beat' }));
    expect(findings[0]?.message).toContain('HeartbeatSeconds but no TimeoutSeconds');
  });

  it('reports a missing timeout and a missing token separately', () => {
    const findings = checkDefinition(parent({ Parameters: { Input: {} } }));
    expect(findings.map((item) => item.message)).toEqual([
      expect.stringContaining('with no TimeoutSeconds'),
      expect.stringContaining('Parameters.Input.meta.parent["token.$"]'),
    ]);
  });

  const jsonataParent = (fields: Record<string, unknown>) =>
    parent({
      QueryLanguage: 'JSONata',
      Catch: [catchAllCatcher('JSONata', 'Closer:MarkFailed')],
      ResultPath: undefined,
      ...fields,
    });

  it('accepts a JSONata token with other spacing', () => {
    const definition = jsonataParent({
      TimeoutSeconds: 60,
      Arguments: { Input: { meta: { parent: { token: '{%$states.context.Task.Token%}' } } } },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('accepts a JSONata TimeoutSeconds expression as a timeout', () => {
    const definition = jsonataParent({
      TimeoutSeconds: '{% $states.input.timeout %}',
      Arguments: { Input: { meta: { parent: { token: '{% $states.context.Task.Token %}' } } } },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it.each([
    [
      'Arguments',
      "{% {'StateMachineArn': 'x', 'Input': {'meta': {'parent': {'token': $states.context.Task.Token}}}} %}",
    ],
    [
      'Arguments.Input',
      { Input: "{% {'meta': {'parent': {'token': $states.context.Task.Token}}} %}" },
    ],
  ])('accepts a JSONata %s written as one expression that passes the token', (_where, args) => {
    const definition = jsonataParent({
      TimeoutSeconds: 60,
      Arguments: typeof args === 'string' ? args : { StateMachineArn: CHILD, ...args },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('reports a JSONata Input expression that does not pass the token', () => {
    const definition = jsonataParent({
      TimeoutSeconds: 60,
      Arguments: { Input: "{% {'meta': {'parent': {'token': $states.context.Execution.Id}}} %}" },
    });
    expect(rulesOf(checkDefinition(definition))).toEqual(['parent-wait-without-timeout CallChild']);
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

  it('asks no timeout of a .sync:2 parent that passes its token', () => {
    const definition = parent({
      ...withToken,
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('asks nothing of a Task that starts a child without waiting', () => {
    const definition = parent({ Resource: 'arn:aws:states:::states:startExecution' });
    expect(checkDefinition(definition)).toEqual([]);
  });
});

describe('parent-sync-without-token', () => {
  const syncParent = (resource: string, fields: Record<string, unknown> = {}) =>
    machine({
      CallChild: {
        Type: 'Task',
        Resource: resource,
        Parameters: { StateMachineArn: CHILD, Input: { 'initial.$': '$.initial' } },
        ResultPath: '$.child',
        Catch: wrapCatchAll,
        Next: 'Closer:Send',
        ...fields,
      },
    });

  it('warns about a .sync parent that passes no token', () => {
    const findings = checkDefinition(syncParent('arn:aws:states:::states:startExecution.sync'));
    expect(findings.map((item) => `${item.severity} ${item.rule} ${item.state}`)).toEqual([
      'warning parent-sync-without-token CallChild',
    ]);
    expect(findings[0]?.message).toContain('it still ends when the child does');
  });

  it('warns about a .sync:2 parent in another partition', () => {
    const findings = checkDefinition(
      syncParent('arn:aws-us-gov:states:::states:startExecution.sync:2'),
    );
    expect(rulesOf(findings)).toEqual(['parent-sync-without-token CallChild']);
  });

  it('names the JSONata location of the token for a JSONata parent', () => {
    const definition = syncParent('arn:aws:states:::states:startExecution.sync:2', {
      QueryLanguage: 'JSONata',
      Parameters: undefined,
      ResultPath: undefined,
      Arguments: { StateMachineArn: CHILD, Input: { initial: '{% $states.input.initial %}' } },
      Output: '{% $states.input %}',
      Catch: [catchAllCatcher('JSONata', 'Closer:MarkFailed')],
    });
    const [finding] = checkDefinition(definition);
    expect(finding?.fix).toContain('Arguments.Input.meta.parent.token');
  });
});

describe('runtime-error-risk', () => {
  const pass = (fields: Record<string, unknown>) =>
    machine({ Shape: { Type: 'Pass', ...fields, Next: 'Closer:Send' } });

  it('names the paths a Pass reads, including those inside intrinsic functions', () => {
    const [finding] = onlyRule(
      'runtime-error-risk',
      checkDefinition(definitionFixture('broken/runtime-error-risk-pass.json')),
    );
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
    expect(finding?.fix).toContain('"Output": "{% $states.input %}"');
    expect(finding?.fix).toContain('"subStepCaught": "{% $states.errorOutput %}"');
  });
});

describe('closer-reads-payload-link', () => {
  const link = (findings: readonly Finding[]) => onlyRule('closer-reads-payload-link', findings);

  it('reports a seed Closer after a Task without ResultPath as an error naming that Task', () => {
    const findings = checkDefinition(
      seedMachine({
        Work: { Type: 'Task', Resource: WORK, Catch: catchAll('Work'), Next: 'Closer:Send' },
      }),
    );
    expect(findings.map((item) => `${item.severity} ${item.rule} ${item.state}`)).toEqual([
      'error closer-reads-payload-link Closer:Send',
    ]);
    expect(findings[0]?.message).toContain(
      'by Work (a Task without ResultPath replaces its input with its result)',
    );
    expect(findings[0]?.fix).toContain('`sub-step-closer wrap`');
    expect(findings[0]?.fix).toContain('execution input');
  });

  it('only warns about a seed Closer when every state on the way keeps meta', () => {
    const findings = checkDefinition(
      seedMachine({
        Work: {
          Type: 'Task',
          Resource: WORK,
          ResultPath: '$.results.Work',
          Catch: catchAll('Work'),
          Next: 'Closer:Send',
        },
      }),
    );
    expect(findings.map((item) => `${item.severity} ${item.rule} ${item.state}`)).toEqual([
      'warning closer-reads-payload-link Closer:Send',
    ]);
    expect(findings[0]?.fix).toContain('`sub-step-closer wrap`');
  });

  it('finds nothing when the framed Closer follows a Task that replaces the payload', () => {
    const definition = machine({
      Work: { Type: 'Task', Resource: WORK, Catch: wrapCatchAll, Next: 'Closer:Send' },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  const jsonata = { QueryLanguage: 'JSONata' };
  const jsonataCatchAll = [catchAllCatcher('JSONata', 'Closer:MarkFailed')];
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a Task with ResultPath $',
      { Type: 'Task', Resource: WORK, ResultPath: '$', Catch: catchAll('S') },
      'a Task with "ResultPath": "$" replaces its input with its result',
    ],
    [
      'a Parallel without ResultPath',
      {
        Type: 'Parallel',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
        ResultSelector: { 'first.$': '$[0]' },
        Catch: catchAll('S'),
      },
      'a Parallel without ResultPath replaces its input with its result (an array)',
    ],
    [
      'a Map without ResultPath',
      {
        Type: 'Map',
        ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } },
        ItemSelector: { 'item.$': '$$.Map.Item.Value' },
        OutputPath: '$[0]',
        Catch: catchAll('S'),
      },
      'a Map without ResultPath replaces its input with its result (an array)',
    ],
    [
      'a Task with a ResultSelector and no ResultPath',
      { Type: 'Task', Resource: WORK, ResultSelector: { 'id.$': '$.id' }, Catch: catchAll('S') },
      'a Task without ResultPath',
    ],
    [
      'an OutputPath other than $',
      {
        Type: 'Task',
        Resource: WORK,
        ResultPath: '$.result',
        OutputPath: '$.result',
        Catch: catchAll('S'),
      },
      'its OutputPath "$.result" keeps only part of its output',
    ],
    [
      'a Pass with Parameters',
      { Type: 'Pass', Parameters: { 'order.$': '$$.Execution.Input.initial' } },
      'a Pass with Parameters and no ResultPath outputs only its Parameters',
    ],
    [
      'a Pass with Result and ResultPath $',
      { Type: 'Pass', Result: { done: true }, ResultPath: '$' },
      'a Pass with Result and "ResultPath": "$" outputs only its Result',
    ],
    [
      'a Pass whose InputPath narrows what it outputs',
      { Type: 'Pass', InputPath: '$.initial' },
      'its InputPath "$.initial" narrows what it outputs',
    ],
    [
      'a Wait with an OutputPath',
      { Type: 'Wait', Seconds: 1, OutputPath: null },
      'its OutputPath null keeps only part of its output',
    ],
    [
      'a Task whose ResultPath is $.meta',
      { Type: 'Task', Resource: WORK, ResultPath: '$.meta', Catch: catchAll('S') },
      '"ResultPath": "$.meta" writes its result over meta',
    ],
    [
      'a catcher without ResultPath',
      {
        Type: 'Task',
        Resource: WORK,
        ResultPath: null,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Closer:MarkFailed' }],
      },
      'its catcher for States.ALL has no ResultPath, so the error output replaces the payload',
    ],
    [
      'a catcher with ResultPath $',
      {
        Type: 'Task',
        Resource: WORK,
        ResultPath: null,
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'Closer:MarkFailed' }],
      },
      'its catcher for States.ALL has "ResultPath": "$"',
    ],
    [
      'a JSONata Task without Output',
      { ...jsonata, Type: 'Task', Resource: WORK, Catch: jsonataCatchAll },
      'a JSONata Task without Output outputs its result ($states.result)',
    ],
    [
      'a JSONata Parallel without Output',
      {
        ...jsonata,
        Type: 'Parallel',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
        Catch: jsonataCatchAll,
      },
      'a JSONata Parallel without Output outputs its result ($states.result)',
    ],
    [
      'a JSONata Output that does not mention $states.input',
      { ...jsonata, Type: 'Pass', Output: { done: true } },
      'its Output does not include $states.input',
    ],
    [
      'a JSONata catcher without Output',
      {
        ...jsonata,
        Type: 'Task',
        Resource: WORK,
        Output: '{% $states.input %}',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Closer:MarkFailed' }],
      },
      'its catcher for States.ALL has no Output, so the error output replaces the payload',
    ],
  ])('reports a seed Closer after %s', (_case, state, reason) => {
    const findings = link(checkDefinition(seedMachine({ S: { ...state, Next: 'Closer:Send' } })));
    expect(findings.map((item) => item.severity)).toEqual(['error']);
    expect(findings[0]?.message).toContain(`by S (${reason}`);
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'a Task with ResultPath null',
      { Type: 'Task', Resource: WORK, ResultPath: null, Catch: catchAll('S') },
    ],
    [
      'a Task whose InputPath narrows only what it sends (ResultPath merges into the raw input)',
      {
        Type: 'Task',
        Resource: WORK,
        InputPath: '$.initial',
        ResultPath: '$.r',
        Catch: catchAll('S'),
      },
    ],
    [
      'a Pass with Parameters and a ResultPath',
      { Type: 'Pass', Parameters: { a: 1 }, ResultPath: '$.a' },
    ],
    [
      'a Pass whose Parameters put meta back',
      { Type: 'Pass', Parameters: { 'meta.$': '$.meta', 'order.$': '$.initial.order' } },
    ],
    ['a Pass with no fields', { Type: 'Pass' }],
    ['a Wait', { Type: 'Wait', Seconds: 1 }],
    [
      'a JSONata Task whose Output merges its input',
      {
        ...jsonata,
        Type: 'Task',
        Resource: WORK,
        Output: "{% $merge([$states.input, {'work': $states.result}]) %}",
        Catch: jsonataCatchAll,
      },
    ],
    ['a JSONata Pass without Output', { ...jsonata, Type: 'Pass', Assign: { seen: true } }],
  ])('only warns about a seed Closer after %s', (_case, state) => {
    const findings = link(checkDefinition(seedMachine({ S: { ...state, Next: 'Closer:Send' } })));
    expect(findings.map((item) => item.severity)).toEqual(['warning']);
  });

  it('never counts a Choice, which passes its input on, as dropping meta', () => {
    const findings = checkDefinition(
      seedMachine({
        Route: {
          Type: 'Choice',
          Choices: [{ Variable: '$.initial', IsPresent: true, Next: 'Closer:Send' }],
          Default: 'Closer:MarkFailed',
        },
      }),
    );
    expect(link(findings).map((item) => item.severity)).toEqual(['warning']);
  });

  it('ignores a drop on a path that never reaches the Closer Task', () => {
    const findings = checkDefinition(
      seedMachine({
        Work: {
          Type: 'Task',
          Resource: WORK,
          ResultPath: '$.r',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'GiveUp' }],
          Next: 'Closer:Send',
        },
        GiveUp: { Type: 'Fail', Error: 'Work.Failed' },
      }),
    );
    expect(link(findings).map((item) => item.severity)).toEqual(['warning']);
  });

  it('names three dropping states and counts the rest', () => {
    const states: Record<string, unknown> = {};
    for (let index = 0; index < 5; index++) {
      states[`T${index}`] = {
        Type: 'Task',
        Resource: WORK,
        Catch: catchAll(`T${index}`),
        Next: index < 4 ? `T${index + 1}` : 'Closer:Send',
      };
    }
    const [finding] = link(checkDefinition(seedMachine(states)));
    expect(finding?.message).toMatch(/by T0 \(.*\), T1 \(.*\), T2 \(.*\) and 2 more:/);
  });

  it('reads the link from the payload in a JSONata Closer whose Arguments is the whole input', () => {
    const definition = machine({
      Work: { Type: 'Task', Resource: WORK, Catch: wrapCatchAll, Next: 'Closer:Send' },
    });
    const send = (definition.States as Record<string, Record<string, unknown>>)['Closer:Send'];
    if (send !== undefined) send['Arguments'] = '{% $states.input %}';
    expect(rulesOf(link(checkDefinition(definition)))).toEqual([
      'closer-reads-payload-link Closer:Send',
    ]);
  });
});

describe('shim-dropped', () => {
  it('reports a shim that a later Task without ResultPath drops before the Closer', () => {
    const findings = checkDefinition(definitionFixture('broken/shim-dropped-output-path.json'));
    expect(findings.map((item) => `${item.severity} ${item.rule} ${item.state}`)).toEqual([
      'warning shim-dropped Select',
    ]);
    expect(findings[0]?.message).toBe(
      'Select sets meta.outputPath in the payload, but Work can drop meta before Closer:Send ' +
        'reads it (a Task without ResultPath replaces its input with its result), so the Closer ' +
        'may never see which part of the payload the parent should receive.',
    );
  });

  it('reports a JSONata Output that sets meta.status before a state that drops meta', () => {
    const findings = checkDefinition(
      machine({
        Reject: {
          Type: 'Pass',
          QueryLanguage: 'JSONata',
          Output:
            "{% $merge([$states.input, {'meta': $merge([$states.input.meta, {'status': false}])}]) %}",
          Next: 'Shape',
        },
        Shape: { Type: 'Pass', Parameters: { 'order.$': '$.initial.order' }, Next: 'Closer:Send' },
      }),
    );
    expect(rulesOf(onlyRule('shim-dropped', findings))).toEqual(['shim-dropped Reject']);
    expect(findings.find((item) => item.rule === 'shim-dropped')?.message).toContain(
      'Reject sets meta.status in the payload, but Shape can drop meta',
    );
  });

  it('reports a catcher that sets meta.error before a state that drops meta', () => {
    const findings = checkDefinition(
      machine({
        Work: {
          Type: 'Task',
          Resource: WORK,
          ResultPath: null,
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.meta.error', Next: 'Cleanup' }],
          Next: 'Closer:Send',
        },
        Cleanup: { Type: 'Task', Resource: WORK, Catch: wrapCatchAll, Next: 'Closer:MarkFailed' },
      }),
    );
    const [finding] = onlyRule('shim-dropped', findings);
    expect(finding?.state).toBe('Work');
    expect(finding?.message).toContain("Work's catcher for States.ALL sets meta.error");
    expect(finding?.message).toContain('but Cleanup can drop meta');
  });

  it('accepts a shim set after the last state that drops meta', () => {
    const definition = machine({
      Work: { Type: 'Task', Resource: WORK, Catch: wrapCatchAll, Next: 'Select' },
      Select: {
        Type: 'Pass',
        Result: '$.items',
        ResultPath: '$.meta.outputPath',
        Next: 'Closer:Send',
      },
    });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it("accepts the seed's mark-failed step, which leads straight into the Closer", () => {
    const findings = checkDefinition(
      seedMachine({
        Work: { Type: 'Task', Resource: WORK, Catch: catchAll('Work'), Next: 'Closer:Send' },
      }),
    );
    expect(onlyRule('shim-dropped', findings)).toEqual([]);
  });
});

describe('result-path-type-mismatch', () => {
  const parallel = {
    Type: 'Parallel',
    Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
    Catch: wrapCatchAll,
  };
  const mismatches = (definition: object) =>
    onlyRule('result-path-type-mismatch', checkDefinition(definition));

  it('reports a Task with ResultPath $.x after a Parallel whose array replaced the payload', () => {
    const findings = mismatches(
      machine({
        Fan: { ...parallel, Next: 'Work' },
        Work: {
          Type: 'Task',
          Resource: WORK,
          ResultPath: '$.x',
          Catch: wrapCatchAll,
          Next: 'Closer:Send',
        },
      }),
    );
    expect(findings.map((item) => `${item.severity} ${item.state}`)).toEqual(['error Work']);
    expect(findings[0]?.message).toBe(
      'Task writes its result to ResultPath $.x, but its input can be an array (the output of ' +
        'Fan): Step Functions cannot write a field into a non-object and fails the state with ' +
        'States.ResultPathMatchFailure.',
    );
    expect(findings[0]?.fix).toContain('"ResultPath" such as "$.results.Fan"');
  });

  it('points a catch-all an earlier wrap wrote at wrap, which records errors in variables', () => {
    const findings = mismatches(
      definitionFixture('broken/result-path-type-mismatch-catcher-after-array.json'),
    );
    expect(rulesOf(findings)).toEqual(['result-path-type-mismatch Work']);
    expect(findings[0]?.message).toContain(
      'The catcher for States.ALL writes the error to ResultPath $.errors.Work',
    );
    expect(findings[0]?.message).toContain('an array (the output of List)');
    expect(findings[0]?.fix).toContain('Run `sub-step-closer wrap`');
  });

  it("asks a user's own catcher for ResultPath null", () => {
    const findings = mismatches(
      machine({
        Done: { Type: 'Pass', Result: 'done', Next: 'Work' },
        Work: {
          Type: 'Task',
          Resource: WORK,
          ResultPath: null,
          Catch: [
            { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Closer:MarkFailed' },
          ],
          Next: 'Closer:Send',
        },
      }),
    );
    expect(findings[0]?.message).toContain('which can be a string (the output of Done)');
    expect(findings[0]?.fix).toContain(`Set the catcher's "ResultPath" to null`);
  });

  it.each([
    ['an array expression', '{% [$states.input.a, $states.input.b] %}', 'an array'],
    ['a number literal', 42, 'a number'],
    ['a string expression', "{% 'done' %}", 'a string'],
  ])('reports a JSONata Output that is %s', (_case, output, what) => {
    const findings = mismatches(
      machine({
        List: { Type: 'Pass', QueryLanguage: 'JSONata', Output: output, Next: 'Keep' },
        Keep: { Type: 'Pass', Result: 1, ResultPath: '$.kept', Next: 'Closer:Send' },
      }),
    );
    expect(findings[0]?.message).toContain(`its input can be ${what} (the output of List)`);
  });

  it('follows a non-object through a Wait and reports it where some path brings it', () => {
    const findings = mismatches(
      machine({
        Route: {
          Type: 'Choice',
          Choices: [{ Variable: '$.initial', IsPresent: true, Next: 'Fan' }],
          Default: 'Pause',
        },
        Fan: { ...parallel, Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 1, Next: 'Work' },
        Work: {
          Type: 'Task',
          Resource: WORK,
          ResultPath: '$.x',
          Catch: wrapCatchAll,
          Next: 'Closer:Send',
        },
      }),
    );
    expect(rulesOf(findings)).toEqual(['result-path-type-mismatch Work']);
    expect(findings[0]?.message).toContain('an array (the output of Fan)');
  });

  it('suggests upgrading a seed Closer section that receives an array', () => {
    const findings = mismatches(seedMachine({ Fan: { ...parallel, Next: 'Closer:Send' } }));
    expect(rulesOf(findings)).toEqual([
      'result-path-type-mismatch Closer:Send',
      'result-path-type-mismatch Closer:Send',
    ]);
    for (const item of findings) expect(item.fix).toContain('upgrade the Closer section');
  });

  it.each<[string, Record<string, unknown>]>([
    [
      'a Lambda Task without ResultPath (an unknown result)',
      { Type: 'Task', Resource: WORK, Catch: wrapCatchAll },
    ],
    [
      'a Parallel whose ResultSelector builds an object',
      { ...parallel, ResultSelector: { 'a.$': '$[0]' } },
    ],
    ['a Parallel whose array goes below $', { ...parallel, ResultPath: '$.all' }],
    ['a Pass whose Result is an object', { Type: 'Pass', Result: { a: 1 } }],
    [
      'a Map that writes its results away',
      {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'I',
          States: { I: { Type: 'Pass', End: true } },
        },
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'JSON' },
          Parameters: { Bucket: 'b', Key: 'k' },
        },
        ResultWriter: {
          Resource: 'arn:aws:states:::s3:putObject',
          Parameters: { Bucket: 'b', Prefix: 'p' },
        },
        Catch: wrapCatchAll,
      },
    ],
  ])('accepts a ResultPath below $ after %s', (_case, state) => {
    const definition = machine({
      Before: { ...state, Next: 'Work' },
      Work: {
        Type: 'Task',
        Resource: WORK,
        ResultPath: '$.x',
        Catch: catchAll('Work'),
        Next: 'Closer:Send',
      },
    });
    expect(mismatches(definition)).toEqual([]);
  });

  it('accepts a catch-all with ResultPath null after a Parallel', () => {
    const definition = machine({
      Fan: { ...parallel, Next: 'Work' },
      Work: {
        Type: 'Task',
        Resource: WORK,
        ResultPath: null,
        Catch: wrapCatchAll,
        Next: 'Closer:Send',
      },
    });
    expect(mismatches(definition)).toEqual([]);
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

  it('finds nothing in a generated 5,000-state compliant definition with the framed Closer', () => {
    const definition = generateDefinition({ states: 5_000 });
    // The generator writes the seed's section; the framed one has the same state names.
    expect(
      checkDefinition({ ...definition, States: { ...definition.States, ...framedSection } }),
    ).toEqual([]);
  });

  it('only warns about the seed Closer in a generated 5,000-state compliant definition', () => {
    expect(rulesOf(checkDefinition(generateDefinition({ states: 5_000 })))).toEqual([
      'closer-reads-payload-link Closer:Send',
    ]);
  });

  it('finds one error per uncaught state in a generated non-compliant definition', () => {
    const definition = generateDefinition({ states: 5_000, compliant: false });
    const uncaught = Object.values(definition.States).filter(
      (state) =>
        ['Task', 'Parallel', 'Map', 'Choice'].includes(String(state['Type'])) &&
        state['Catch'] === undefined &&
        state['Default'] === undefined,
    ).length;
    const errors = checkDefinition(definition).filter((item) => item.severity === 'error');
    expect(errors).toHaveLength(uncaught);
  });
});
