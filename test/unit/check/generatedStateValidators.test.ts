import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, stateValidatorsSource } from '../../../scripts/generateStateValidators.ts';
import { STATE_SCHEMA_KEYS } from '../../../src/cli/check/validation/correctedAslSchemas.ts';
import { STATE_VALIDATORS } from '../../../src/cli/check/validation/generated/stateValidators.js';

describe('the generated state validators', () => {
  it('are what `npm run generate` writes from the installed ajv, ajv-formats and asl-validator', () => {
    // When this fails after a dependency update or a change to correctedAslSchemas.ts, run
    // `npm run generate` and commit the result.
    expect(readFileSync(GENERATED_FILE, 'utf8') === stateValidatorsSource()).toBe(true);
  });

  it('hold one validator for every state type in each query language', () => {
    expect(Object.keys(STATE_VALIDATORS).sort()).toEqual([...STATE_SCHEMA_KEYS].sort());
    for (const validate of Object.values(STATE_VALIDATORS))
      expect(typeof validate).toBe('function');
  });

  it('report Ajv errors with the field that is wrong', () => {
    // As `check` calls them: on a view of the state that names its query language.
    const validate = STATE_VALIDATORS['Wait:JSONPath'];
    const wait = { Type: 'Wait', QueryLanguage: 'JSONPath', End: true };

    expect(validate?.({ ...wait, Seconds: 5 })).toBe(true);
    expect(validate?.({ ...wait, Timestamp: 'not a date' })).toBe(false);
    expect(validate?.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/Timestamp', keyword: 'format' }),
    );
  });
});
