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

describe('examples', () => {
  it('include the parent, the child, its JSONata variant and the middle of three levels', () => {
    expect(files.sort()).toEqual([
      'child-jsonata.asl.json',
      'child.asl.json',
      'middle.asl.json',
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

  it.each(definitions)(
    '%s has a local mapping for every Task in examples/sim/sim.json',
    (_file, definition) => {
      const config = parseSimConfig(read('examples/sim/sim.json'), 'examples/sim');

      expect(() => prepareMachine(definition, config)).not.toThrow();
    },
  );
});
