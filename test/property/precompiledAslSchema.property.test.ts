import aslValidator from 'asl-validator';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { arbitraryMutatedDefinition } from '../support/arbitraryMutatedDefinition.ts';
import {
  type AslValidator,
  bundleAslValidator,
  loadBuildPlugin,
  validationOutcome,
} from '../support/bundleAslValidator.ts';

let precompiled: AslValidator;

beforeAll(async () => {
  const plugin = await loadBuildPlugin(
    'precompiledAslSchemaPlugin.mjs',
    'precompiledAslSchemaPlugin',
  );
  precompiled = await bundleAslValidator([plugin]);
});

const optionsArbitrary = fc.option(
  fc.record({ checkPaths: fc.boolean(), checkArn: fc.boolean() }),
  { nil: undefined },
);

describe('asl-validator with the precompiled state-machine schema, on edited machines', () => {
  // asl-validator as published compiles its schemas on every call (about 0.1 s): few runs.
  it('gives asl-validator’s result, errors included, for any edit of a valid machine', () => {
    let invalid = 0;
    fc.assert(
      fc.property(arbitraryMutatedDefinition(), optionsArbitrary, (definition, options) => {
        const expected = validationOutcome(aslValidator, definition, options);
        expect(validationOutcome(precompiled, definition, options)).toStrictEqual(expected);
        if ('isValid' in expected && !expected.isValid) invalid++;
      }),
      { numRuns: 30 },
    );
    // The edits must reach the schema check, or this property would compare only successes.
    expect(invalid).toBeGreaterThan(5);
  });
});
