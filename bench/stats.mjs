/**
 * Median and spread of a sample, with linearly interpolated percentiles.
 *
 * @example
 * summarize([3, 1, 2]); // { n: 3, median: 2, p10: 1.2, p90: 2.8, min: 1, max: 3 }
 */
export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 0.5),
    p10: percentile(sorted, 0.1),
    p90: percentile(sorted, 0.9),
    min: sorted[0],
    max: sorted.at(-1),
  };
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * fraction;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/**
 * A 95% bootstrap interval for `median(closer) / median(baseline)`, where `closer[i]` and
 * `baseline[i]` were measured in the same round: rounds are resampled whole, so a slow moment of
 * the machine moves both sides together, as it did when they were measured. Seeded, so the same
 * samples always give the same interval.
 *
 * @example
 * ratioInterval([1, 2, 3], [2, 4, 6]); // { low: 0.5, high: 0.5 }
 */
export function ratioInterval(closer, baseline, { resamples = 2_000, seed = 1 } = {}) {
  if (closer.length !== baseline.length || closer.length === 0) {
    throw new RangeError(
      `ratioInterval needs paired samples: got ${closer.length} and ${baseline.length}`,
    );
  }
  const random = seededRandom(seed);
  const ratios = [];
  for (let resample = 0; resample < resamples; resample++) {
    const rounds = Array.from(closer, () => Math.floor(random() * closer.length));
    ratios.push(
      summarize(rounds.map((round) => closer[round])).median /
        summarize(rounds.map((round) => baseline[round])).median,
    );
  }
  const sorted = ratios.sort((a, b) => a - b);
  return { low: percentile(sorted, 0.025), high: percentile(sorted, 0.975) };
}

/**
 * The items in an order drawn from `random` (Fisher–Yates), a new array.
 *
 * @example
 * shuffled(['a', 'b', 'c'], seededRandom(7)); // the same order for the same seed
 */
export function shuffled(items, random) {
  const order = [...items];
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}

/** A small seeded generator of floats in [0, 1) (mulberry32), for reproducible resampling. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}
