import { STATE_VALIDATORS } from './generated/stateValidators.js';
import type { StateValidator } from './SchemaError.ts';

/**
 * The validator of one state type in one query language, from asl-validator's corrected schemas,
 * or undefined for a key that names no state type. The validators are Ajv's standalone code,
 * generated ahead (scripts/generateStateValidators.ts), so a `check` process compiles no schema.
 *
 * @example
 * const validate = stateValidator('Task:JSONata');
 */
export function stateValidator(key: string): StateValidator | undefined {
  return Object.hasOwn(STATE_VALIDATORS, key) ? STATE_VALIDATORS[key] : undefined;
}
