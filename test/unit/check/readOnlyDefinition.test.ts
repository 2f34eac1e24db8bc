import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../src/cli/check/checkDefinition.ts';
import { loadDefinition } from '../../../src/cli/check/loadDefinition.ts';
import { validateDisposableDefinition } from '../../../src/cli/check/validateDefinition.ts';
import { arbitraryDefinition } from '../../support/arbitraryDefinition.ts';
import { definitionFixtures } from '../../support/definitionFixtures.ts';
import { generateDefinition } from '../../support/generateDefinition.ts';

// `check` reads the very object asl-validator validated (loadDefinition's readOnly), which
// asl-validator has written QueryLanguage fields into. That is only sound while those writes never
// change a finding: this suite holds the check to it.

const EXAMPLES = join(import.meta.dirname, '..', '..', '..', 'examples');

/** The definition as asl-validator leaves it. */
function afterAslValidator(definition: object): object {
  const copy = structuredClone(definition);
  expect(validateDisposableDefinition(copy)).toEqual({ valid: true });
  return copy;
}

const cases: [string, object][] = [
  ...[...definitionFixtures('compliant'), ...definitionFixtures('broken')].map(
    ({ name, definition }): [string, object] => [name, definition],
  ),
  ...['parent', 'child', 'middle', 'child-jsonata'].map((name): [string, object] => [
    `examples/${name}.asl.json`,
    JSON.parse(readFileSync(join(EXAMPLES, `${name}.asl.json`), 'utf8')) as object,
  ]),
  ['a generated compliant machine', generateDefinition({ states: 300 })],
  ['a generated machine with findings', generateDefinition({ states: 300, compliant: false })],
];

describe('check on the definition asl-validator validated', () => {
  it.each(cases)('finds exactly what it finds on the file as written: %s', (_, definition) => {
    const validated = afterAslValidator(definition);

    expect(validated).not.toEqual(definition);
    expect(checkDefinition(validated)).toEqual(checkDefinition(definition));
  });

  it('finds exactly what it finds on the file as written, on random machines', () => {
    fc.assert(
      fc.property(arbitraryDefinition(), (definition) => {
        expect(checkDefinition(afterAslValidator(definition))).toEqual(checkDefinition(definition));
      }),
      { numRuns: 60 },
    );
  });
});

describe('loadDefinition', () => {
  const folder = mkdtempSync(join(tmpdir(), 'sub-step-closer-load-'));
  const file = join(folder, 'machine.json');
  const definition = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
  writeFileSync(file, JSON.stringify(definition));

  it('returns the definition as written by default, for commands that print it', async () => {
    expect(await loadDefinition(file)).toEqual({ ok: true, definition });
  });

  it('returns the object asl-validator validated when the caller only reads it', async () => {
    expect(await loadDefinition(file, { readOnly: true })).toEqual({
      ok: true,
      definition: {
        StartAt: 'Done',
        States: { Done: { Type: 'Succeed', QueryLanguage: 'JSONPath' } },
      },
    });
  });
});
