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

/**
 * A user's own catcher or state whose ResultPath writes into an input that can be an array
 * (after a Parallel whose result replaced the payload) fails on AWS whatever `wrap` does, and
 * `wrap` leaves the user's catchers as they are: `check` keeps reporting those, before and after.
 */
const unmendable = (definition: object) =>
  new Set(
    errorsOf(definition)
      .filter((item) => item.rule === 'result-path-type-mismatch')
      .map((item) => item.state),
  );

describe('wrap on generated state machines', () => {
  it('yields a definition that check passes, and wrapping it again changes nothing', () => {
    fc.assert(
      fc.property(arbitraryDefinition(), (definition) => {
        const wrapped = wrap(definition);
        const left = unmendable(definition);
        expect(
          errorsOf(wrapped).filter(
            (item) => !(item.rule === 'result-path-type-mismatch' && left.has(item.state)),
          ),
        ).toEqual([]);
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
