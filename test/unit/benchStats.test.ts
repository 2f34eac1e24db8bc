// The bench's statistics (bench/stats.mjs): its verdicts rest on them, so they are tested like code.
import { describe, expect, it } from 'vitest';

interface Summary {
  n: number;
  median: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}
interface StatsApi {
  summarize(values: readonly number[]): Summary;
  shuffled<T>(items: readonly T[], random: () => number): T[];
  seededRandom(seed: number): () => number;
  ratioInterval(
    closer: readonly number[],
    baseline: readonly number[],
    options?: { resamples?: number; seed?: number },
  ): { low: number; high: number };
}

// A path in a variable: the module is plain JavaScript shared with the bench.
const MODULE: string = '../../bench/stats.mjs';
const { ratioInterval, seededRandom, shuffled, summarize } = (await import(MODULE)) as StatsApi;

describe('summarize', () => {
  it('gives the median and interpolated percentiles of an unsorted sample', () => {
    expect(summarize([3, 1, 2])).toEqual({ n: 3, median: 2, p10: 1.2, p90: 2.8, min: 1, max: 3 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
  });
});

describe('ratioInterval', () => {
  it('is exactly the ratio when one side is a constant multiple of the other', () => {
    const closer = [70, 82, 75, 90, 68, 77];
    const baseline = closer.map((value) => value * 1.5);
    const { low, high } = ratioInterval(closer, baseline);
    expect(low).toBeCloseTo(1 / 1.5, 12);
    expect(high).toBeCloseTo(1 / 1.5, 12);
  });

  it('resamples whole rounds: a slow round that slows both sides does not widen the interval', () => {
    // Each round's machine speed multiplies both sides; the closer is always 0.7 of the baseline.
    const speed = [1, 1.4, 0.9, 2.2, 1.1, 0.8, 1.6, 1, 1.3, 0.95];
    const { low, high } = ratioInterval(
      speed.map((factor) => 70 * factor),
      speed.map((factor) => 100 * factor),
    );
    expect(high - low).toBeLessThan(1e-9);
  });

  it('contains the ratio of medians, and narrows as rounds are added', () => {
    const noisy = (count: number, centre: number) =>
      Array.from({ length: count }, (_, index) => centre + ((index * 37) % 23) - 11);
    const few = ratioInterval(noisy(10, 72), noisy(10, 100).reverse());
    const many = ratioInterval(noisy(200, 72), noisy(200, 100).reverse());
    const ratio = summarize(noisy(200, 72)).median / summarize(noisy(200, 100)).median;
    expect(many.low).toBeLessThanOrEqual(ratio);
    expect(many.high).toBeGreaterThanOrEqual(ratio);
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
  });

  it('gives the same interval every time for the same samples', () => {
    const closer = [70, 95, 72, 81, 77, 88, 69];
    const baseline = [101, 120, 99, 130, 104, 111, 118];
    expect(ratioInterval(closer, baseline)).toEqual(ratioInterval(closer, baseline));
  });

  it('refuses samples that were not measured in the same rounds', () => {
    expect(() => ratioInterval([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => ratioInterval([], [])).toThrow(/paired samples/);
  });
});

describe('shuffled', () => {
  it('puts every side first, and after every other side, about equally often over many rounds', () => {
    const sides = ['floor', 'signal', 'passThrough', 'naive', 'atTempPath'];
    const random = seededRandom(100);
    const first = new Map<string, number>();
    const pairs = new Map<string, number>();
    for (let round = 0; round < 5_000; round++) {
      const order = shuffled(sides, random);
      expect([...order].sort()).toEqual([...sides].sort());
      first.set(order[0] ?? '', (first.get(order[0] ?? '') ?? 0) + 1);
      for (let index = 1; index < order.length; index++) {
        const key = `${order[index - 1]}>${order[index]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
    // 1,000 expected each; 20 ordered pairs, 1,000 expected each (5,000 rounds x 4 / 20).
    for (const count of first.values()) expect(count).toBeGreaterThan(850);
    expect(pairs.size).toBe(20);
    for (const count of pairs.values()) expect(count).toBeGreaterThan(850);
  });

  it('gives the same orders for the same seed, and leaves its input alone', () => {
    const sides = ['a', 'b', 'c', 'd'];
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => shuffled(sides, random).join(''));
    };
    expect(draw(3)).toEqual(draw(3));
    expect(sides).toEqual(['a', 'b', 'c', 'd']);
  });
});
