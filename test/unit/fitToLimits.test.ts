import { describe, expect, it } from 'vitest';
import { cutChars, fitCause, fitError } from '../../src/closer/fitToLimits.ts';

describe('fitError', () => {
  it('leaves an error of 256 characters whole', () => {
    expect(fitError('e'.repeat(256))).toBe('e'.repeat(256));
  });

  it('cuts an error to 256 characters without a marker', () => {
    expect(fitError('e'.repeat(257))).toBe('e'.repeat(256));
  });

  it('never ends an error with half of a surrogate pair', () => {
    const error = `${'e'.repeat(255)}😀tail`;
    const fitted = fitError(error);
    expect(fitted).toBe('e'.repeat(255));
    expect(fitted.isWellFormed()).toBe(true);
  });
});

describe('cutChars', () => {
  it('marks how many characters were cut', () => {
    expect(cutChars('abcdefghijklmnopqrstuvwxyz0123456789', 30, true)).toBe(
      'abcdefghijklmno…[21 chars cut]',
    );
  });

  it('produces exactly the limit when the marker fits', () => {
    expect(cutChars('x'.repeat(50_000), 32_768, true)).toHaveLength(32_768);
  });
});

describe('fitCause', () => {
  it('returns a small document as compact JSON', () => {
    expect(fitCause({ errors: { A: { Error: 'E' } } })).toBe('{"errors":{"A":{"Error":"E"}}}');
  });

  it('shortens the largest string first and keeps the document valid JSON', () => {
    const document = {
      execution: { name: 'child-run-1' },
      errors: { Big: { Error: 'Big.Error', Cause: 'b'.repeat(40_000) }, Small: { Cause: 'small' } },
    };
    const cause = fitCause(document);
    expect(cause.length).toBeLessThanOrEqual(32_768);
    const parsed = JSON.parse(cause);
    expect(parsed.errors.Small.Cause).toBe('small');
    expect(parsed.errors.Big.Error).toBe('Big.Error');
    expect(parsed.execution.name).toBe('child-run-1');
    expect(parsed.errors.Big.Cause).toMatch(/^b+…\[\d+ chars cut\]$/);
  });

  it('shares the cut among several large strings', () => {
    const document = {
      errors: { A: 'a'.repeat(20_000), B: 'b'.repeat(20_000), C: 'c'.repeat(100) },
    };
    const parsed = JSON.parse(fitCause(document));
    expect(parsed.errors.C).toBe('c'.repeat(100));
    expect(parsed.errors.A).toContain('chars cut');
    expect(parsed.errors.B).toContain('chars cut');
  });

  it('stays within the limit when escaping makes strings longer in JSON', () => {
    const cause = fitCause({ errors: { Quotes: '"\n\\'.repeat(20_000) } });
    expect(cause.length).toBeLessThanOrEqual(32_768);
    expect(() => JSON.parse(cause)).not.toThrow();
  });

  it('summarises a document of many small values that strings alone cannot shrink', () => {
    const errors = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`State${i}`, i]));
    const cause = fitCause({ errors });
    expect(cause.length).toBeLessThanOrEqual(32_768);
    expect(JSON.parse(cause)).toMatchObject({ cut: true, originalChars: expect.any(Number) });
  });

  it('cuts a plain-string cause and marks it', () => {
    const cause = fitCause('z'.repeat(32_769));
    expect(cause).toHaveLength(32_768);
    expect(cause.endsWith('chars cut]')).toBe(true);
  });
});
