import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryDefinition } from '../support/arbitraryDefinition.ts';
import { ASL_VALIDATOR_PATHS, fastJsonPath, jsonPathPlus } from '../support/aslJsonPath.ts';

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
