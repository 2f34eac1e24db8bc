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
