import { describe, expect, it } from 'vitest';
import { fitCause } from '../../src/closer/fitToLimits.ts';

describe('fitCause: what a cut leaves as it was', () => {
  it('keeps numbers, booleans and nulls while it shortens the strings around them', () => {
    const document = {
      errors: { Work: { Cause: 'w'.repeat(40_000), attempts: 3, retryable: false, detail: null } },
      list: [1, true, null, 'short'],
    };
    const parsed = JSON.parse(fitCause(document));
    expect(parsed.errors.Work).toMatchObject({ attempts: 3, retryable: false, detail: null });
    expect(parsed.list).toEqual([1, true, null, 'short']);
    expect(parsed.errors.Work.Cause).toMatch(/^w+…\[\d+ chars cut\]$/);
  });

  it('keeps the strings in an array and cuts the long one among them', () => {
    const parsed = JSON.parse(fitCause({ causes: ['x'.repeat(40_000), 'kept'] }));
    expect(parsed.causes[1]).toBe('kept');
    expect(parsed.causes[0]).toContain('chars cut');
  });

  it('keeps a "__proto__" key as a plain key of the cut document', () => {
    const document = JSON.parse(
      `{"__proto__": {"polluted": true}, "big": "${'p'.repeat(40_000)}"}`,
    );
    const parsed = JSON.parse(fitCause(document));
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('uses the whole room of the limit: it cuts no more than it must', () => {
    const cause = fitCause({ big: 'b'.repeat(40_000) }, 1_000);
    expect(cause.length).toBeLessThanOrEqual(1_000);
    expect(cause.length).toBeGreaterThan(950);
  });
});

describe('fitCause: the summary of a document that strings cannot shrink', () => {
  it('previews the document within the limit', () => {
    const errors = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`S${i}`, i]));
    const text = JSON.stringify({ errors });
    const parsed = JSON.parse(fitCause({ errors }, 2_000));
    expect(parsed).toEqual({
      cut: true,
      originalChars: text.length,
      preview: expect.stringMatching(/^\{"errors":\{"S0":0,"S1":1,.*…\[\d+ chars cut\]$/),
    });
  });

  it('says a document too deep to serialize was cut, with no preview', () => {
    let deep: Record<string, unknown> = {};
    for (let depth = 0; depth < 100_000; depth += 1) deep = { deep };
    expect(JSON.parse(fitCause(deep))).toEqual({ cut: true, originalChars: null, preview: '' });
  });
});
