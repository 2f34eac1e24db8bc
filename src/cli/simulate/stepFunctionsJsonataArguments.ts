/**
 * Argument checks shared by the JSONata functions Step Functions adds (their error,
 * `JsonataFunctionError`, is in errors.ts with the simulator's others).
 *
 * AWS documents the functions but not their failures. The codes and texts below are the ones
 * jsonata-js renders for the same code (AWS's `$partition('x', 2)` answers jsonata-js's T0412
 * text word for word, down to its "array of undefined"), as measured with TestState and reported
 * by floci-io/floci#2662 and #2736 and sfnx's conformance tests.
 */
import { JsonataFunctionError } from './errors.ts';

/** T0410, what AWS answers for an argument of the wrong type and for one argument too many. */
export function signatureMismatch(fn: string, position: number): JsonataFunctionError {
  return new JsonataFunctionError(
    'T0410',
    `Argument ${position} of function "${fn}" does not match function signature`,
    { index: position, token: fn },
  );
}

/** T0412 with no element type, what AWS answers when `$partition` is given no array. */
export function arrayExpected(fn: string, position: number): JsonataFunctionError {
  return new JsonataFunctionError(
    'T0412',
    `Argument ${position} of function "${fn}" must be an array of undefined`,
    { index: position, token: fn },
  );
}

/** D3137, the code AWS gives a well-typed argument whose value a function refuses. */
export function invalidValue(message: string): JsonataFunctionError {
  return new JsonataFunctionError('D3137', message);
}

/** Refuses a call with more than `count` arguments, naming the first surplus one as AWS does. */
export function atMost(fn: string, args: readonly unknown[], count: number): void {
  if (args.length > count) throw signatureMismatch(fn, count + 1);
}

/** A JSONata number (booleans and null are not). */
export function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * An integer argument as Step Functions reads it: "Built-in JSONata functions that require integer
 * values as parameters will automatically round down any non-integer numbers provided" (AWS,
 * Transforming data with JSONata). Measured, "round down" is towards zero: `$range(-1.5, 2.5, 1)`
 * is `[-1, 0, 1, 2]`.
 */
export function towardsZero(value: number): number {
  // `|| 0` turns the -0 of Math.trunc(-0.5) into 0.
  return Math.trunc(value) || 0;
}
