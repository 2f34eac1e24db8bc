import { readdirSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../src/cli/check/checkDefinition.ts';
import { validateDefinition } from '../../src/cli/check/validateDefinition.ts';
import {
  actionsOf,
  conditionsNamedIn,
  PSEUDO_PARAMETERS,
  referencesIn,
  referencesOfResource,
  resourcesFor,
  statementsOfRole,
  type Template,
} from '../support/cloudFormation.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8'));
const template = readJson('template.json') as Template;
const resources = Object.entries(template.Resources);
const exampleFiles = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.asl.json'))
  .sort();

const stateMachines = resources.filter(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
const propertiesOf = (id: string): Record<string, unknown> => {
  const properties = template.Resources[id]?.Properties;
  if (properties === undefined) throw new Error(`no resource ${id} with Properties`);
  return properties;
};
const substitutionsOf = (id: string) =>
  (propertiesOf(id)['DefinitionSubstitutions'] ?? {}) as Record<string, unknown>;
const placeholdersIn = (definition: unknown): string[] =>
  [
    ...new Set([...JSON.stringify(definition).matchAll(/\$\{(\w+)\}/g)].map((m) => m[1] ?? '')),
  ].sort();

/** The machines another machine starts as a sub step: their ARNs are substituted into a parent. */
const subStepMachines = [
  ...new Set(
    stateMachines.flatMap(([id]) =>
      referencesIn(substitutionsOf(id))
        .filter(
          (ref) => template.Resources[ref.target]?.Type === 'AWS::StepFunctions::StateMachine',
        )
        .map((ref) => ref.target),
    ),
  ),
].sort();

/** What CloudFormation does with DefinitionSubstitutions, with made-up ARNs. */
function deployedDefinition(id: string): unknown {
  const text = JSON.stringify(propertiesOf(id)['Definition']).replace(/\$\{(\w+)\}/g, (_, name) =>
    String(name).endsWith('FunctionArn')
      ? `arn:aws:lambda:us-east-1:123456789012:function:${name}`
      : `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`,
  );
  return JSON.parse(text);
}

const roleOf = (id: string): string =>
  (propertiesOf(id)['RoleArn'] as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

/** A parent on `startExecution.sync` or `.sync:2`: Step Functions follows the child to its end. */
const usesSync = (id: string): boolean =>
  JSON.stringify(propertiesOf(id)['Definition']).includes(':states:startExecution.sync');
const syncMachines = stateMachines.map(([id]) => id).filter(usesSync);

const START_AND_INVOKE = ['lambda:InvokeFunction', 'states:StartExecution'];
/** What `startExecution.sync:2` needs beyond StartExecution (Step Functions IAM policies for it). */
const SYNC_ACTIONS = [
  'events:DescribeRule',
  'events:PutRule',
  'events:PutTargets',
  'states:DescribeExecution',
  'states:StopExecution',
];

describe.each([
  ['template.json', template],
  ['closer.template.json', readJson('closer.template.json') as Template],
])('examples/%s: references', (_name, template) => {
  const resources = Object.entries(template.Resources);

  it('points every Ref, GetAtt and Sub variable at a resource, a parameter or a pseudo parameter', () => {
    const known = new Set([
      ...Object.keys(template.Resources),
      ...Object.keys(template.Parameters ?? {}),
      ...PSEUDO_PARAMETERS,
    ]);
    const all = [
      ...resources.flatMap(([, r]) => referencesOfResource(r)),
      ...referencesIn(template.Outputs),
      ...referencesIn(template.Conditions),
      ...referencesIn(template.Rules),
    ];
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((ref) => !known.has(ref.target))).toEqual([]);
  });

  it('names in every Fn::If and Condition a condition the template declares', () => {
    const named = conditionsNamedIn([template.Resources, template.Outputs, template.Conditions]);
    expect(named.filter((name) => template.Conditions?.[name] === undefined)).toEqual([]);
  });

  it('uses every parameter', () => {
    const used = new Set(
      [
        ...resources.flatMap(([, r]) => referencesOfResource(r)),
        ...referencesIn(template.Outputs),
      ].map((ref) => ref.target),
    );
    expect(Object.keys(template.Parameters ?? {}).filter((name) => !used.has(name))).toEqual([]);
  });

  it('references every resource from another resource or an output; attachments reference their target', () => {
    // A Lambda permission or an IAM policy attaches to what it names; nothing needs to name it.
    const attachments = new Set([
      'AWS::Lambda::Permission',
      'AWS::IAM::Policy',
      'AWS::CloudWatch::Alarm',
    ]);
    const referencedBy = (id: string) => [
      ...resources
        .filter(
          ([other, r]) => other !== id && referencesOfResource(r).some((ref) => ref.target === id),
        )
        .map(([other]) => other),
      ...Object.entries(template.Outputs ?? {})
        .filter(([, output]) => referencesIn(output).some((ref) => ref.target === id))
        .map(([name]) => `Outputs.${name}`),
    ];
    const orphans = resources
      .filter(([id, r]) =>
        attachments.has(r.Type)
          ? !referencesOfResource(r).some((ref) => template.Resources[ref.target] !== undefined)
          : referencedBy(id).length === 0,
      )
      .map(([id]) => id);
    expect(orphans).toEqual([]);
  });

  it('hard-codes no account, region or partition outside the state machine definitions', () => {
    const { Resources, ...rest } = template;
    const withoutDefinitions = JSON.stringify([
      rest,
      Object.values(Resources).map(({ Properties, ...resource }) => {
        const { Definition: _definition, ...properties } = Properties ?? {};
        return { ...resource, properties };
      }),
    ]);
    expect(withoutDefinitions).not.toMatch(/\b\d{12}\b|arn:aws:|\b[a-z]{2}-[a-z]+-\d\b/);
  });
});

// The Closer resources this template shares with closer.template.json (the function, its role
// and log group, the rule's target, the alarms) are tested in closerTemplate.test.ts, which also
// holds them identical here. What follows is what only the full example has.
describe('examples/template.json: the SubStepCloser function', () => {
  it('describes only the executions of the state machines that run as sub steps', () => {
    const { statements } = statementsOfRole(template, 'CloserRole');
    const expected = subStepMachines.map((id) => ({
      'Fn::Sub': `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:\${${id}.Name}:*`,
    }));
    expect(resourcesFor(statements, 'states:DescribeExecution')).toEqual(
      expect.arrayContaining(expected),
    );
    expect(resourcesFor(statements, 'states:DescribeExecution')).toHaveLength(expected.length);
  });
});

describe('examples/template.json: the safety net', () => {
  const rule = propertiesOf('SafetyNetRule');

  it('matches FAILED, TIMED_OUT and ABORTED status changes of the sub-step machines only', () => {
    expect(subStepMachines.length).toBeGreaterThan(0);
    expect(rule['EventPattern']).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
        stateMachineArn: expect.arrayContaining(subStepMachines.map((id) => ({ Ref: id }))),
      },
    });
    const pattern = rule['EventPattern'] as { detail: { stateMachineArn: unknown[] } };
    expect(pattern.detail.stateMachineArn).toHaveLength(subStepMachines.length);
  });

  it('uses Standard state machines, since Express workflows emit no status-change events', () => {
    expect(stateMachines.map(([, r]) => r.Properties?.['StateMachineType'])).toEqual(
      stateMachines.map(() => 'STANDARD'),
    );
  });
});

describe('examples/template.json: the example state machines', () => {
  it('embeds every examples/*.asl.json, unchanged', () => {
    const embedded = stateMachines.map(([, r]) => JSON.stringify(r.Properties?.['Definition']));
    for (const file of exampleFiles) {
      expect(embedded, `examples/${file} is not embedded unchanged`).toContain(
        JSON.stringify(readJson(file)),
      );
    }
  });

  it.each(stateMachines.map(([id]) => id))('embeds %s as one of the examples files', (id) => {
    const definition = JSON.stringify(propertiesOf(id)['Definition']);
    const files = exampleFiles.filter((file) => JSON.stringify(readJson(file)) === definition);
    expect(files, `copy an examples/*.asl.json into ${id}.Properties.Definition`).toHaveLength(1);
  });

  it.each(stateMachines.map(([id]) => id))('substitutes exactly the placeholders %s uses', (id) => {
    expect(Object.keys(substitutionsOf(id)).sort()).toEqual(
      placeholdersIn(propertiesOf(id)['Definition']),
    );
  });

  it.each(stateMachines.map(([id]) => id))(
    'deploys %s as a valid definition that follows the Closer contract',
    (id) => {
      const definition = deployedDefinition(id);
      expect(validateDefinition(definition)).toEqual({ valid: true });
      expect(checkDefinition(definition).filter((f) => f.severity === 'error')).toEqual([]);
    },
  );

  it.each(stateMachines.map(([id]) => id))(
    'lets %s invoke and start exactly what its definition names',
    (id) => {
      const { statements, managedPolicies } = statementsOfRole(template, roleOf(id));
      expect(managedPolicies).toEqual([]);
      // waitForTaskToken needs only states:StartExecution; only a .sync parent gets more.
      const allowed = usesSync(id) ? [...START_AND_INVOKE, ...SYNC_ACTIONS] : START_AND_INVOKE;
      expect(actionsOf(statements).filter((a) => !allowed.includes(a))).toEqual([]);
      const needed = Object.values(substitutionsOf(id));
      const granted = [
        ...resourcesFor(statements, 'lambda:InvokeFunction'),
        ...resourcesFor(statements, 'states:StartExecution'),
      ];
      expect(granted).toEqual(expect.arrayContaining(needed));
      const targets = (values: unknown[]) => values.map((v) => referencesIn(v)[0]?.target).sort();
      // Machines sharing a role share its grants; nothing beyond what those machines name.
      const sharing = stateMachines.filter(([other]) => roleOf(other) === roleOf(id));
      const neededBySharing = [
        ...new Set(sharing.flatMap(([other]) => targets(Object.values(substitutionsOf(other))))),
      ].sort();
      expect([...new Set(targets(granted))].sort()).toEqual(neededBySharing);
    },
  );
});

describe('examples/template.json: the startExecution.sync:2 parent', () => {
  it('deploys examples/parent-sync.asl.json, the one .sync parent, on a role of its own', () => {
    expect(syncMachines).toHaveLength(1);
    const [id] = syncMachines;
    expect(JSON.stringify(propertiesOf(id ?? '')['Definition'])).toBe(
      JSON.stringify(readJson('parent-sync.asl.json')),
    );
    const sharing = stateMachines.filter(([other]) => roleOf(other) === roleOf(id ?? ''));
    expect(sharing.map(([other]) => other)).toEqual([id]);
  });

  it.each(syncMachines)(
    'grants %s what .sync:2 needs: its child, the executions of that child, the managed rule',
    (id) => {
      const { statements } = statementsOfRole(template, roleOf(id));
      expect(actionsOf(statements)).toEqual([...START_AND_INVOKE, ...SYNC_ACTIONS].sort());
      const children = Object.values(substitutionsOf(id))
        .map((value) => referencesIn(value)[0]?.target ?? '')
        .filter(
          (target) => template.Resources[target]?.Type === 'AWS::StepFunctions::StateMachine',
        );
      expect(children.length).toBeGreaterThan(0);
      const executions = children.map((child) => ({
        'Fn::Sub': `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:execution:\${${child}.Name}:*`,
      }));
      for (const action of ['states:DescribeExecution', 'states:StopExecution']) {
        expect(resourcesFor(statements, action)).toEqual(executions);
      }
      // Step Functions listens for the child's end through this rule, which it manages itself.
      const managedRule = {
        'Fn::Sub': `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`,
      };
      for (const action of ['events:PutTargets', 'events:PutRule', 'events:DescribeRule']) {
        expect(resourcesFor(statements, action)).toEqual([managedRule]);
      }
    },
  );

  it.each(syncMachines)("puts %s's child under the safety net, like every sub step", (id) => {
    const pattern = propertiesOf('SafetyNetRule')['EventPattern'] as {
      detail: { stateMachineArn: unknown[] };
    };
    for (const value of Object.values(substitutionsOf(id))) {
      const target = referencesIn(value)[0]?.target ?? '';
      if (template.Resources[target]?.Type !== 'AWS::StepFunctions::StateMachine') continue;
      expect(pattern.detail.stateMachineArn).toContainEqual({ Ref: target });
    }
  });
});

describe('examples/template.json: outputs and the work function', () => {
  const outputs = template.Outputs ?? {};
  const subOf = (name: string): string => {
    const value = outputs[name]?.Value as { 'Fn::Sub'?: unknown } | undefined;
    return String(value?.['Fn::Sub']);
  };
  const commandInput = (name: string): unknown =>
    JSON.parse(/--input '([^']*)'/.exec(subOf(name))?.[1] ?? '');

  it('outputs the function ARN and every state machine ARN', () => {
    const values = Object.values(outputs).map((o) => JSON.stringify(o.Value));
    expect(values).toContain(JSON.stringify({ 'Fn::GetAtt': ['CloserFunction', 'Arn'] }));
    for (const [id] of stateMachines) expect(values).toContain(JSON.stringify({ Ref: id }));
  });

  it('outputs ready-to-run start-execution commands with the inputs the simulator uses', () => {
    expect(subOf('StartExecutionCommand')).toMatch(
      /^aws stepfunctions start-execution --region \$\{AWS::Region\} --state-machine-arn \$\{ParentStateMachine\} --input '/,
    );
    expect(commandInput('StartExecutionCommand')).toEqual(readJson('sim/input-accept.json'));
    expect(commandInput('StartThreeLevelExecutionCommand')).toEqual(
      readJson('sim/input-reject.json'),
    );
    expect(commandInput('StartSyncExecutionCommand')).toEqual(readJson('sim/input-accept.json'));
  });

  it.each(['input-accept.json', 'input-reject.json', 'input-throw.json'])(
    'runs an inline work function that answers %s as examples/sim/work.mjs does',
    async (inputFile) => {
      const code = (propertiesOf('WorkFunction')['Code'] as { ZipFile: string }).ZipFile;
      const exports: { handler?: (event: unknown) => Promise<unknown> } = {};
      runInNewContext(code, { exports, Error });
      // A computed specifier: work.mjs is plain JavaScript without type declarations.
      const workModule = new URL('sim/work.mjs', EXAMPLES).href;
      const { handler: simulated } = (await import(workModule)) as {
        handler: (event: unknown) => Promise<unknown>;
      };
      const event = { initial: (readJson(`sim/${inputFile}`) as { initial: unknown }).initial };
      const settle = (promise: Promise<unknown>) =>
        promise.then(
          (value) => ({ value }),
          (error: Error) => ({ error: { name: error.name, message: error.message } }),
        );
      expect(
        await settle(exports.handler?.(event) ?? Promise.reject(new Error('no handler'))),
      ).toEqual(await settle(simulated(event)));
    },
  );
});
