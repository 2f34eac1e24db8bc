import { compileStateValidators, type StateValidators } from './compileStateValidators.ts';

let validators: StateValidators | undefined;

/**
 * The state validators of this process, each compiled on first use.
 *
 * @example
 * const validate = stateValidators().get('Task:JSONata');
 */
export function stateValidators(): StateValidators {
  validators ??= compileStateValidators();
  return validators;
}
