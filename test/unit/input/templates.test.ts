// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are CloudFormation and Step Functions ${...} placeholders.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTargets } from '../../../src/cli/input/loadTargets.ts';
import type { Target } from '../../../src/cli/input/Target.ts';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'fixtures', 'templates');
const template = (name: string) => join(TEMPLATES, name);

const byMachine = (targets: Target[]) =>
  Object.fromEntries(targets.map((target) => [target.machine, target]));

describe('state machines read from templates', () => {
  it('finds every state machine of a SAM template by logical id', async () => {
    const targets = await loadTargets([template('sam.yaml')]);
    expect(targets.map((target) => target.machine)).toEqual(['OrderMachine', 'InlineMachine']);
  });

  it('reads a DefinitionUri file beside the template and applies literal substitutions only', async () => {
    const { OrderMachine } = byMachine(await loadTargets([template('sam.yaml')]));
    const text = JSON.stringify(OrderMachine);
    expect(text).toContain('arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser');
    expect(text).toContain('${WorkFunctionArn}');
  });

  it('turns a !GetAtt inside an inline definition into a placeholder', async () => {
    const { InlineMachine } = byMachine(await loadTargets([template('sam.yaml')]));
    expect(InlineMachine).toMatchObject({
      ok: true,
      definition: { States: { Work: { Resource: '${WorkFunction.Arn}' } } },
    });
  });

  it('builds a DefinitionString from Fn::Sub with its literal variables', async () => {
    const { SubMachine } = byMachine(await loadTargets([template('cloudformation.json')]));
    expect(SubMachine).toMatchObject({
      ok: true,
      definition: { States: { Wait: { Seconds: 5, Comment: '${Stage}' } } },
    });
  });

  it('builds a DefinitionString from Fn::Join, a GetAtt part becoming a placeholder', async () => {
    const { JoinMachine } = byMachine(await loadTargets([template('cloudformation.json')]));
    expect(JoinMachine).toMatchObject({
      ok: true,
      definition: { States: { Call: { Resource: '${WorkFunction.Arn}' } } },
    });
  });

  it('reads a DefinitionS3Location that is a local path, keeping a non-literal substitution', async () => {
    const { PackagedMachine } = byMachine(await loadTargets([template('cloudformation.json')]));
    const text = JSON.stringify(PackagedMachine);
    expect(text).toContain('arn:aws:lambda:us-east-1:123456789012:function:Work');
    expect(text).toContain('${CloserArn}');
  });

  it('reports a definition in Amazon S3 as a problem naming the machine', async () => {
    const { RemoteMachine } = byMachine(await loadTargets([template('cloudformation.json')]));
    expect(RemoteMachine).toMatchObject({ ok: false });
    expect(RemoteMachine?.ok === false && RemoteMachine.problem).toMatch(
      /cloudformation\.json#RemoteMachine: DefinitionS3Location points to Amazon S3/,
    );
  });

  it('parses every CloudFormation short-form tag', async () => {
    const [machine] = await loadTargets([template('short-forms.yaml')]);
    expect(machine).toMatchObject({
      ok: true,
      machine: 'Machine',
      definition: { States: { Call: { Arguments: { FunctionName: '${Work.Arn}' } } } },
    });
  });

  it('reports a template without a state machine', async () => {
    const [target] = await loadTargets([template('no-machine.yaml')]);
    expect(target).toMatchObject({ ok: false });
  });
});
