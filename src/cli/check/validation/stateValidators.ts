import { STATE_VALIDATORS } from './generated/stateValidators.js';
import type { StateValidator } from './SchemaError.ts';

/** The state validators by `Type:QueryLanguage`. */
export interface StateValidators {
  get(key: string): StateValidator | undefined;
}

const validators: StateValidators = {
  get: (key) => (Object.hasOwn(STATE_VALIDATORS, key) ? STATE_VALIDATORS[key] : undefined),
};

/**
 * The validator of each state type in each query language, from asl-validator's corrected
 * schemas. They are Ajv's standalone code, generated ahead (scripts/generateStateValidators.ts),
 * so a `check` process compiles no schema.
 *
 * @example
 * const validate = stateValidators().get('Task:JSONata');
 */
export function stateValidators(): StateValidators {
  return validators;
}
