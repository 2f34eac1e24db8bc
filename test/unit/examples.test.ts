import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../src/cli/check/checkDefinition.ts';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import { validateDefinition } from '../../src/cli/check/validateDefinition.ts';
import { prepareMachine } from '../../src/cli/simulate/prepareMachine.ts';
import { parseSimConfig } from '../../src/cli/simulate/SimConfig.ts';
import { closerStates } from '../../src/cli/wrap/closerStates.ts';

const files = readdirSync('examples').filter((file) => file.endsWith('.asl.json'));
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as JsonObject;
const definitions = files.map((file) => [file, read(`examples/${file}`)] as const);
/** The simulator runs no `startExecution.sync` parent yet, so these have no local mapping. */
const simulated = definitions.filter(
  ([, definition]) => !JSON.stringify(definition).includes(':states:startExecution.sync'),
);

describe('examples', () => {
  it('include the parent, its .sync:2 variant, the child, its JSONata variant and the middle of three levels', () => {
    expect(files.sort()).toEqual([
      'child-jsonata.asl.json',
      'child.asl.json',
      'middle.asl.json',
      'parent-sync.asl.json',
      'parent.asl.json',
    ]);
  });

  it.each(definitions)('%s passes asl-validator', (_file, definition) => {
    expect(validateDefinition(definition)).toEqual({ valid: true });
  });

  it.each(definitions)('%s passes check with no error', (_file, definition) => {
    const errors = checkDefinition(definition).filter((finding) => finding.severity === 'error');

    expect(errors).toEqual([]);
  });

  it.each(definitions)(
    '%s ends in the Closer section that `states` prints',
    (_file, definition) => {
      const expected = closerStates({
        closerArn: `\${CloserFunctionArn}`,
        queryLanguage: definition['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath',
      });
      const states = definition['States'] as JsonObject;

      for (const [name, state] of Object.entries(expected)) expect(states[name]).toEqual(state);
      // Nothing else in the section, and it comes last.
      expect(Object.keys(states).slice(-Object.keys(expected).length)).toEqual(
        Object.keys(expected),
      );
      expect(Object.keys(states).filter((name) => name.startsWith('Closer:'))).toEqual(
        Object.keys(expected),
      );
    },
  );

  const startsChildren = definitions.flatMap(([file, definition]) =>
    Object.entries(definition['States'] as Record<string, JsonObject>)
      .filter(([, state]) => String(state['Resource']).includes(':states:startExecution'))
      .map(([name, state]) => [`${file} ${name}`, state] as const),
  );

  it('start children from the parent, the .sync:2 parent and the middle', () => {
    expect(startsChildren.map(([where]) => where)).toEqual([
      'middle.asl.json RunGrandchild',
      'parent-sync.asl.json RunChild',
      'parent.asl.json RunChild',
    ]);
  });

  it.each(startsChildren)(
    '%s passes meta.parent and the starting execution, and bounds its wait',
    (_where, state) => {
      const parameters = state['Parameters'] as JsonObject;

      expect(parameters['Input']).toMatchObject({
        meta: {
          parent: {
            'name.$': '$$.Execution.Name',
            'arn.$': '$$.Execution.Id',
            'token.$': '$$.Task.Token',
          },
        },
        'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id',
      });
      expect(state['TimeoutSeconds']).toEqual(expect.any(Number));
      expect(state).not.toHaveProperty('HeartbeatSeconds');
    },
  );

  it('use only the documented DefinitionSubstitutions placeholders', () => {
    const placeholders = new Set(
      definitions.flatMap(([, definition]) =>
        [...JSON.stringify(definition).matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]),
      ),
    );

    expect([...placeholders].sort()).toEqual([
      'ChildStateMachineArn',
      'CloserFunctionArn',
      'GrandchildStateMachineArn',
      'WorkFunctionArn',
    ]);
  });

  it('simulate every example but the .sync:2 parent', () => {
    expect(simulated.map(([file]) => file).sort()).toEqual(
      files.filter((file) => file !== 'parent-sync.asl.json').sort(),
    );
  });

  it.each(simulated)(
    '%s has a local mapping for every Task in examples/sim/sim.json',
    (_file, definition) => {
      const config = parseSimConfig(read('examples/sim/sim.json'), 'examples/sim');

      expect(() => prepareMachine(definition, config)).not.toThrow();
    },
  );
});
