import { atMost, invalidValue, signatureMismatch } from './stepFunctionsJsonataArguments.ts';

/**
 * `$parse(jsonString)`: the JSON value a string holds. Step Functions provides it because it does
 * not support JSONata's `$eval` (AWS, Transforming data with JSONata).
 *
 * As measured on AWS (see `stepFunctionsJsonataArguments.ts`): undefined gives nothing, anything
 * but a string (null included) fails with T0410, and text that is not JSON with
 * `D3137: Invalid JSON`. Unlike AWS, a repeated key is accepted (the last one wins, as in
 * `JSON.parse`) and integers beyond 2^53 lose precision.
 *
 * @example
 * parse('{"a": 1}'); // { a: 1 }
 */
export function parse(...args: unknown[]): unknown {
  atMost('parse', args, 1);
  const [text] = args;
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw signatureMismatch('parse', 1);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidValue('Invalid JSON');
  }
}
