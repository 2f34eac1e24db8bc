import { createHash } from 'node:crypto';
import { atMost, invalidValue, signatureMismatch } from './stepFunctionsJsonataArguments.ts';

/**
 * The algorithms `$hash` takes, spelled only this way ("MD5", "SHA-1", "SHA-256", "SHA-384",
 * "SHA-512": AWS, Transforming data with JSONata), and Node's names for them.
 */
const ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/**
 * `$hash(text, algorithm)`, the JSONata form of `States.Hash`: the lowercase hex digest of the
 * text's UTF-8 bytes (AWS's `States.Hash` example answers lowercase hex).
 *
 * As measured on AWS (see `stepFunctionsJsonataArguments.ts`): undefined text or no algorithm
 * gives nothing; no argument or text that is not a string fails with T0410; an undefined, null
 * or unknown algorithm fails with D3137 and AWS's own list, in AWS's order. `States.Hash`'s
 * 10,000-character limit is documented for the JSONPath intrinsic only and is not applied.
 *
 * @example
 * hash('a', 'MD5'); // '0cc175b9c0f1b6a831c399e269772661'
 */
export function hash(...args: unknown[]): string | undefined {
  atMost('hash', args, 2);
  if (args.length === 0) throw signatureMismatch('hash', 1);
  const [text, algorithm] = args;
  if (text === undefined) return undefined;
  if (typeof text !== 'string') throw signatureMismatch('hash', 1);
  if (args.length === 1) return undefined;
  if (algorithm !== undefined && algorithm !== null && typeof algorithm !== 'string') {
    throw signatureMismatch('hash', 2);
  }
  const node = typeof algorithm === 'string' ? ALGORITHMS[algorithm] : undefined;
  if (node === undefined) {
    throw invalidValue(
      `Hash algorithm '${algorithm ?? 'null'}' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5`,
    );
  }
  return createHash(node).update(text, 'utf8').digest('hex');
}
