import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../src/cli/check/checkDefinition.ts';
import { validateDefinition } from '../../src/cli/check/validateDefinition.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';
import { arbitraryDefinition } from '../support/arbitraryDefinition.ts';
import { CLOSER_ARN } from '../support/definitionFixtures.ts';

const wrap = (definition: object) => wrapDefinition(definition, { closerArn: CLOSER_ARN });
const errorsOf = (definition: object) =>
  checkDefinition(definition).filter((item) => item.severity === 'error');

describe('wrap on generated state machines', () => {
  it('yields a definition that check passes, and wrapping it again changes nothing', () => {
    fc.assert(
      fc.property(arbitraryDefinition(), (definition) => {
        const wrapped = wrap(definition);
        expect(errorsOf(wrapped)).toEqual([]);
        expect(wrap(wrapped)).toEqual(wrapped);
      }),
      { numRuns: 300 },
    );
  });

  // asl-validator compiles its schemas on every call (about 0.2 s), so this property samples
  // fewer machines than the one above.
  it('yields a definition that asl-validator accepts, from one it accepts', () => {
    fc.assert(
      fc.property(arbitraryDefinition(), (definition) => {
        expect(validateDefinition(definition)).toEqual({ valid: true });
        expect(validateDefinition(wrap(definition))).toEqual({ valid: true });
      }),
      { numRuns: 8 },
    );
  });
});
