import { atMost, isNumber, signatureMismatch } from './stepFunctionsJsonataArguments.ts';

// java.util.Random's linear congruential generator (its Javadoc gives these constants).
const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/**
 * `$random(seed?)`, the JSONata form of `States.MathRandom`: a number n with 0 ≤ n < 1; with the
 * same seed, the same number (AWS, Transforming data with JSONata). It replaces JSONata's own
 * `$random`, which takes no seed.
 *
 * A seed gives the number AWS gives: AWS draws it from `java.util.Random`, `$random(42)` being
 * 0.7275636800328681 there (measured, floci-io/floci#2662), which is
 * `new java.util.Random(42).nextDouble()`. The seed is rounded towards zero first. As measured, a
 * seed that is not a number, null included, fails with T0410, and an undefined one gives an
 * unseeded number.
 *
 * @example
 * random(42); // 0.7275636800328681
 */
export function random(...args: unknown[]): number {
  atMost('random', args, 1);
  const [seed] = args;
  if (seed === undefined) return Math.random();
  if (!isNumber(seed)) throw signatureMismatch('random', 1);
  return javaRandomNextDouble(javaLong(seed));
}

/** `new java.util.Random(seed).nextDouble()`. */
export function javaRandomNextDouble(seed: bigint): number {
  let state = (BigInt.asUintN(64, seed) ^ MULTIPLIER) & MASK;
  const next = (bits: number): number => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return Number(state >> BigInt(48 - bits));
  };
  // nextDouble: 26 high bits then 27 more, over 2^53.
  const high = next(26);
  const low = next(27);
  return (high * 2 ** 27 + low) / 2 ** 53;
}

/** Java's `(long) value`: towards zero, saturating at the ends of a long. */
function javaLong(value: number): bigint {
  const whole = BigInt(Math.trunc(value));
  if (whole > LONG_MAX) return LONG_MAX;
  if (whole < LONG_MIN) return LONG_MIN;
  return whole;
}
