import { JsonataFunctionError } from './errors.ts';
import {
  atMost,
  isNumber,
  signatureMismatch,
  towardsZero,
} from './stepFunctionsJsonataArguments.ts';

/**
 * The most numbers one `$range` may return here. Not an AWS limit: AWS documents none for
 * `$range` (the 1000 items of `States.ArrayRange` are documented for the JSONPath intrinsic only),
 * so this only keeps a runaway range such as `$range(0, 1e12, 1)` from exhausting the
 * simulator's memory.
 */
export const MAX_RANGE_NUMBERS = 1_000_000;

/**
 * `$range(start, end, step)`, the JSONata form of `States.ArrayRange`: the numbers from `start`
 * by `step` until `end` is reached or passed, `end` included when a step lands on it; `step` may
 * be negative (AWS, Transforming data with JSONata). Arguments are integers, rounded towards zero.
 *
 * As measured on AWS (see `stepFunctionsJsonataArguments.ts`), the result is a JSONata sequence:
 * no number gives nothing and one number gives that number, not an array. Fewer than three
 * arguments, an undefined one or a step that rounds to 0 give nothing too.
 *
 * @throws JsonataFunctionError T0410 for an argument that is not a number or a fourth argument.
 * @example
 * range(0, 10, 2); // [0, 2, 4, 6, 8, 10]
 * range(1, 1, 1); // 1
 */
export function range(...args: unknown[]): number[] | number | undefined {
  atMost('range', args, 3);
  if (args.length < 3 || args.some((value) => value === undefined)) return undefined;
  const [start, end, step] = args.map((value, index) => {
    if (!isNumber(value)) throw signatureMismatch('range', index + 1);
    return towardsZero(value);
  }) as [number, number, number];
  if (step === 0) return undefined;
  const distance = (end - start) / step;
  const count = distance < 0 ? 0 : Math.floor(distance) + 1;
  if (count === 0) return undefined;
  if (count === 1) return start;
  if (count > MAX_RANGE_NUMBERS) {
    throw new JsonataFunctionError(
      'D3137',
      `$range(${start}, ${end}, ${step}) would return ${count} numbers; the simulator refuses more than ${MAX_RANGE_NUMBERS} in one $range`,
    );
  }
  return Array.from({ length: count }, (_, index) => start + index * step);
}
