import type jsonata from 'jsonata';
import { JsonataFunctionError } from './errors.ts';
import { hash } from './stepFunctionsJsonataHash.ts';
import { parse } from './stepFunctionsJsonataParse.ts';
import { partition } from './stepFunctionsJsonataPartition.ts';
import { random } from './stepFunctionsJsonataRandom.ts';
import { range } from './stepFunctionsJsonataRange.ts';
import { uuid } from './stepFunctionsJsonataUuid.ts';

/**
 * Gives a compiled expression the JSONata dialect of Step Functions: the six functions it adds
 * (`$partition`, `$range`, `$hash`, `$random` with its optional seed, `$uuid`, `$parse`) and no
 * `$eval`, which AWS does not support ("All built-in JSONata functions and operators in the 2.0.6
 * specification are supported, with one exception: $eval is not available—use $parse instead":
 * AWS, Transforming data with JSONata).
 *
 * The functions are registered without a jsonata signature: each checks its own arguments, so a
 * call with too many, or an undefined one, gets the answer AWS gives rather than jsonata's.
 *
 * @example
 * const expression = jsonata('$partition($states.input.items, 2)');
 * registerStepFunctionsFunctions(expression);
 */
export function registerStepFunctionsFunctions(expression: jsonata.Expression): void {
  expression.registerFunction('partition', partition);
  expression.registerFunction('range', range);
  expression.registerFunction('hash', hash);
  expression.registerFunction('random', random);
  expression.registerFunction('uuid', uuid);
  expression.registerFunction('parse', parse);
  expression.registerFunction('eval', noEval);
}

/**
 * AWS answers a call of `$eval` with T1006, jsonata's error for calling what is not a function
 * (measured, floci-io/floci#2737).
 */
function noEval(): never {
  throw new JsonataFunctionError('T1006', 'Attempted to invoke a non-function');
}
