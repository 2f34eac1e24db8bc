import {
  arrayExpected,
  atMost,
  invalidValue,
  isNumber,
  signatureMismatch,
  towardsZero,
} from './stepFunctionsJsonataArguments.ts';

/**
 * `$partition(array, chunkSize)`, the JSONata form of `States.ArrayPartition`: the array in chunks
 * of `chunkSize` items, the last one holding what remains (AWS, Transforming data with JSONata).
 *
 * AWS documents the happy path only; the edges follow measurements of AWS (see
 * `stepFunctionsJsonataArguments.ts`): no array gives nothing, no chunk size gives the whole array
 * as one chunk, a chunk size that rounds to 0 or an empty array gives nothing (the field then
 * fails with "returned nothing"), and a negative chunk size fails with D3137.
 *
 * @example
 * partition([1, 2, 3, 4, 5], 2); // [[1, 2], [3, 4], [5]]
 */
export function partition(...args: unknown[]): unknown[][] | undefined {
  atMost('partition', args, 2);
  const [items, size] = args;
  if (items === undefined) return undefined;
  if (!Array.isArray(items)) throw arrayExpected('partition', 1);
  // A JSONata sequence is an array with extra properties: copies keep the result plain.
  if (size === undefined) return [Array.from(items)];
  if (!isNumber(size)) throw signatureMismatch('partition', 2);
  const chunk = towardsZero(size);
  if (chunk < 0) throw invalidValue('Second argument must be zero or greater');
  if (chunk === 0 || items.length === 0) return undefined;
  const chunks: unknown[][] = [];
  for (let start = 0; start < items.length; start += chunk) {
    chunks.push(items.slice(start, start + chunk));
  }
  return chunks;
}
