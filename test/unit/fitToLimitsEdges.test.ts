import { describe, expect, it } from 'vitest';
import { cutChars, fitCause, fitError } from '../../src/closer/fitToLimits.ts';

describe('cutChars at its edges', () => {
  it('leaves a cause of exactly 32,768 characters whole, unmarked', () => {
    const cause = 'z'.repeat(32_768);
    expect(fitCause(cause)).toBe(cause);
  });

  it('cuts without a marker when the marker alone would not fit', () => {
    expect(cutChars('abcdefghij', 5, true)).toBe('abcde');
  });

  it('cuts without a marker when the marker would take the whole room', () => {
    // "…[20 chars cut]" is 15 characters: a marked cut would keep nothing of the text.
    expect(cutChars('x'.repeat(20), 15, true)).toBe('x'.repeat(15));
  });
});

describe('fitError and surrogate pairs', () => {
  it('drops a pair split by the cut, from its first high surrogate (U+D800)', () => {
    expect(fitError(`${'e'.repeat(255)}\u{10000}`)).toBe('e'.repeat(255));
  });

  it('drops a pair split by the cut, from its last high surrogate (U+DBFF)', () => {
    expect(fitError(`${'e'.repeat(255)}\u{10FFFF}`)).toBe('e'.repeat(255));
  });

  it('keeps a character above the surrogates (U+E000) at the end', () => {
    expect(fitError(`${'e'.repeat(255)}\uE000tail`)).toBe(`${'e'.repeat(255)}\uE000`);
  });
});

describe('fitCause: shortening a document', () => {
  it('fills the limit exactly when one string is cut', () => {
    // {"a":"…"}: 8 characters of document around a string cut to 992, marker included.
    expect(fitCause({ a: 'x'.repeat(2_000) }, 1_000)).toHaveLength(1_000);
  });

  it('keeps cutting, round after round, a string that JSON escaping makes longer', () => {
    const parsed = JSON.parse(fitCause({ errors: { Quotes: '"'.repeat(40_000) } }));
    expect(parsed.errors.Quotes).toMatch(/^"+…\[\d+ chars cut\]$/);
  });

  it('cuts a long string inside an array no more than it must', () => {
    const parsed = JSON.parse(fitCause({ causes: ['x'.repeat(40_000), 'kept'] }));
    expect(parsed.causes[0].length).toBeGreaterThan(32_000);
  });

  it('returns the smallest summary when even an empty preview is over the limit', () => {
    const errors = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`S${i}`, i]));
    const text = JSON.stringify({ errors });
    expect(fitCause({ errors }, 20)).toBe(
      JSON.stringify({ cut: true, originalChars: text.length, preview: '' }),
    );
  });
});
