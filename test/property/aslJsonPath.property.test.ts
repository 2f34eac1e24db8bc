import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDefinition } from '../support/arbitraryDefinition.ts';
import {
  ASL_VALIDATOR_PATHS,
  fastJsonPath,
  jsonPathPlus,
  withSharedWalks,
} from '../support/aslJsonPath.ts';

const ASL_KEYS = [
  'States',
  'StartAt',
  'Next',
  'Default',
  'Parameters',
  'ResultSelector',
  'Branches',
  'Iterator',
  'ItemReader',
  'ReaderConfig',
  'ItemBatcher',
  // asl-path-validator's syntax tree nodes.
  'atmark',
  'func',
  'var',
  'slice',
  'filter',
] as const;

/** Paths in the fast subset beyond asl-validator's own, to cover the grammar's other forms. */
const MORE_PATHS = [
  '$',
  '$..length',
  "$..['Next']",
  '$..[States]',
  '$..[States,Iterator]',
  '$.States.A',
];

/** Keys are mostly ASL field names, so that matches nest inside matches. */
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ASL_KEYS, 'A', 'B') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);

const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom('', 'A', 'B', 'S0'),
  fc.string({ maxLength: 4 }),
);

/** Undefined-free JSON values (objects may have a null prototype: both sides must cope). */
const { document } = fc.letrec<{ document: unknown; object: object; array: unknown[] }>((tie) => ({
  document: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 1, arbitrary: scalar },
    { weight: 4, arbitrary: tie('object') },
    { weight: 2, arbitrary: tie('array') },
  ),
  object: fc.dictionary(key, tie('document'), { maxKeys: 5 }),
  array: fc.array(tie('document'), { maxLength: 4 }),
}));

const WRAPS = [{}, { wrap: true }, { wrap: false }, { wrap: undefined }] as const;

/** Same result as jsonpath-plus: same shape, same order, and the very same values (not copies). */
function expectSameAsJsonPathPlus(json: unknown, path: string): void {
  for (const wrap of WRAPS) {
    const options = { json, path, ...wrap };
    const expected: unknown = jsonPathPlus(options);
    const actual: unknown = fastJsonPath(options);
    expect(actual, `${path} ${JSON.stringify(wrap)}`).toStrictEqual(expected);
    // asl-validator writes into the states it finds: they must be the document's own objects.
    if (Array.isArray(expected) && Array.isArray(actual)) {
      expected.forEach((value, index) => {
        expect(Object.is(actual[index], value)).toBe(true);
      });
    } else {
      expect(Object.is(actual, expected)).toBe(true);
    }
  }
}

describe('aslJsonPath on random documents', () => {
  it.each([...ASL_VALIDATOR_PATHS, ...MORE_PATHS])(
    'returns what jsonpath-plus returns for %s',
    (path) => {
      fc.assert(
        fc.property(document, (json) => expectSameAsJsonPathPlus(json, path)),
        { numRuns: 400 },
      );
    },
  );

  it('returns what jsonpath-plus returns for every asl-validator path on state machines', () => {
    fc.assert(
      fc.property(arbitraryDefinition(), (definition) => {
        for (const path of ASL_VALIDATOR_PATHS) expectSameAsJsonPathPlus(definition, path);
      }),
      { numRuns: 100 },
    );
  });
});

describe('aslJsonPath inside withSharedWalks', () => {
  const DESCENDANT_PATHS = [...ASL_VALIDATOR_PATHS, ...MORE_PATHS].filter((path) =>
    path.startsWith('$..'),
  );
  const queries = fc.array(
    fc.record({
      path: fc.constantFrom(...DESCENDANT_PATHS),
      // A string written between queries, as asl-validator writes QueryLanguage into states.
      write: fc.option(fc.constantFrom(...ASL_KEYS, 'QueryLanguage'), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 8 },
  );

  /**
   * Runs the queries in turn, writing each query's string into every object it found where that
   * property is falsy, as asl-validator writes `QueryLanguage` (so no object is ever replaced).
   */
  function run(json: unknown, steps: { path: string; write: string | undefined }[], fast: boolean) {
    return steps.map(({ path, write }) => {
      const found = (fast ? fastJsonPath : jsonPathPlus)({ json, path });
      if (write !== undefined && Array.isArray(found)) {
        for (const value of found) {
          if (typeof value === 'object' && value !== null && !Reflect.get(value, write)) {
            Reflect.set(value, write, 'written');
          }
        }
      }
      return found;
    });
  }

  it('returns what jsonpath-plus returns for a run of queries with string writes between them', () => {
    fc.assert(
      fc.property(document, queries, (json, steps) => {
        const expected = run(structuredClone(json), steps, false);
        const actual = withSharedWalks(() => run(structuredClone(json), steps, true));
        expect(actual).toStrictEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('shares a walk only inside the scope, so later changes to the tree are seen outside it', () => {
    const json = { States: { A: { Next: 'B' } } };
    withSharedWalks(() => fastJsonPath({ json, path: '$..Next' }));
    Object.assign(json.States, { B: { Next: 'C' } });

    expect(fastJsonPath({ json, path: '$..Next' })).toEqual(['B', 'C']);
    expect(withSharedWalks(() => fastJsonPath({ json, path: '$..Next' }))).toEqual(['B', 'C']);
  });

  it('reuses the first walk of a tree for later queries in the same scope', () => {
    const json = { States: { A: { Next: 'B' } } };
    const found = withSharedWalks(() => {
      fastJsonPath({ json, path: '$..Next' });
      // An object added inside the scope breaks the caller's promise: the shared walk does not
      // see it, which shows that the walk was shared.
      Object.assign(json.States, { B: { Next: 'C' } });
      return fastJsonPath({ json, path: '$..Next' });
    });

    expect(found).toEqual(['B']);
  });
});
