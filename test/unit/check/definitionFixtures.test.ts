import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/cli/check/validateDefinition.ts';
import { definitionFixtures } from '../../support/definitionFixtures.ts';

// The fixtures stand for real definitions only if Amazon States Language accepts them.
describe('the definition fixtures', () => {
  it.each(
    [...definitionFixtures('compliant'), ...definitionFixtures('broken')].map((f) => [
      f.name,
      f.definition,
    ]),
  )('%s is a valid definition', (_name, definition) => {
    expect(validateDefinition(definition)).toEqual({ valid: true });
  });
});

describe('validateDefinition', () => {
  it('names the field, the problem and the fix in one line', () => {
    const validation = validateDefinition({
      StartAt: 'Missing',
      States: { A: { Type: 'Succeed' } },
    });
    expect(validation).toEqual({
      valid: false,
      errors: [
        'The definition, StartAt: names "Missing", which is not a state here. Fix: name one of "A".',
      ],
    });
  });

  it('leaves the definition it validates unchanged', () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Succeed' } } };
    validateDefinition(definition);
    expect(definition).toEqual({ StartAt: 'A', States: { A: { Type: 'Succeed' } } });
  });

  it('rejects JSON that is not an object', () => {
    expect(validateDefinition([])).toEqual({
      valid: false,
      errors: [
        'The definition: is an array, but must be an object. Fix: write an object with StartAt and States.',
      ],
    });
  });
});
