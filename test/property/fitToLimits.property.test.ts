// Property-based tests of the pure limit functions: whatever the text or document, what the Closer
// sends fits SendTaskFailure (error <= 256, cause <= 32,768 characters), a document cause stays
// valid JSON, and no cut splits a surrogate pair.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAUSE_MAX_CHARS, ERROR_MAX_CHARS } from '../../src/closer/apiLimits.ts';
import { cutChars, fitCause, fitError } from '../../src/closer/fitToLimits.ts';
import {
  anyJson,
  deepJson,
  hugeString,
  jsonKey,
  objectFromEntries,
  trickyString,
} from '../support/closerArbitraries.ts';

const MARKER = /…\[(\d+) chars cut\]$/;

/** True when `kept` ends with the first half of a pair whose second half `original` cut off. */
function splitsPair(original: string, kept: string): boolean {
  if (kept.length === 0 || kept.length >= original.length) return false;
  const last = kept.charCodeAt(kept.length - 1);
  const next = original.charCodeAt(kept.length);
  return last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

/** Text of any length, around the limits too, with pairs and lone surrogates at every position. */
const text = fc.oneof(trickyString(80), trickyString(400), hugeString);

/**
 * A cause document: objects and arrays with tricky keys, huge strings and deep nesting, at most a
 * few hundred KiB, as a state input (256 KiB at most) can make it.
 */
const document: fc.Arbitrary<object> = fc
  .array(
    fc.tuple(
      jsonKey,
      fc.oneof(
        { weight: 3, arbitrary: anyJson },
        hugeString,
        deepJson,
        fc.array(trickyString(400), { maxLength: 200 }),
      ),
    ),
    { maxLength: 4 },
  )
  .chain((entries) =>
    fc.constantFrom<object>(
      objectFromEntries(entries),
      entries.map(([, value]) => value),
    ),
  );

describe('cutChars', () => {
  it('never exceeds the limit, keeps a prefix, and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(text, fc.nat(40_000), fc.boolean(), (input, maxChars, mark) => {
        const cut = cutChars(input, maxChars, mark);

        expect(cut.length).toBeLessThanOrEqual(Math.max(maxChars, 0));
        if (input.length <= maxChars) {
          expect(cut).toBe(input);
          return;
        }
        const marker = mark ? MARKER.exec(cut) : null;
        const kept = marker === null ? cut : cut.slice(0, marker.index);
        expect(input.startsWith(kept)).toBe(true);
        expect(splitsPair(input, kept)).toBe(false);
        // The marker states exactly how many characters were cut.
        if (marker !== null) expect(Number(marker[1])).toBe(input.length - kept.length);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('fitError', () => {
  it('fits SendTaskFailure.error (256 characters) without splitting a surrogate pair', () => {
    fc.assert(
      fc.property(text, (error) => {
        const fitted = fitError(error);

        expect(fitted.length).toBeLessThanOrEqual(ERROR_MAX_CHARS);
        expect(error.startsWith(fitted)).toBe(true);
        expect(splitsPair(error, fitted)).toBe(false);
        if (error.length <= ERROR_MAX_CHARS) expect(fitted).toBe(error);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fitCause', () => {
  it('fits a string cause into 32,768 characters, marked, without splitting a surrogate pair', () => {
    fc.assert(
      fc.property(text, (cause) => {
        const fitted = fitCause(cause);

        expect(fitted.length).toBeLessThanOrEqual(CAUSE_MAX_CHARS);
        if (cause.length <= CAUSE_MAX_CHARS) {
          expect(fitted).toBe(cause);
        } else {
          expect(fitted).toMatch(MARKER);
          expect(splitsPair(cause, fitted.replace(MARKER, ''))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turns any document into valid JSON within the limit, untouched when it already fits', () => {
    // Limits from a little over the summary document's fixed size up to past the real one.
    fc.assert(
      fc.property(document, fc.integer({ min: 100, max: 40_000 }), (cause, maxChars) => {
        const fitted = fitCause(cause, maxChars);

        expect(fitted.length).toBeLessThanOrEqual(maxChars);
        expect(() => JSON.parse(fitted)).not.toThrow();
        const whole = stringifyOrUndefined(cause);
        if (whole !== undefined && whole.length <= maxChars) expect(fitted).toBe(whole);
        else expect(fitted).toMatch(/chars cut\]|"cut":true/);
      }),
      { numRuns: 150 },
    );
  });

  it('shortens the largest strings first, keeping the small ones whole', () => {
    const mixed = fc.tuple(
      fc.array(trickyString(20), { minLength: 1, maxLength: 20 }),
      fc.array(hugeString, { minLength: 1, maxLength: 3 }),
    );
    fc.assert(
      fc.property(mixed, ([small, large]) => {
        const cause = { execution: { name: 'child' }, small, errors: large };

        const fitted = JSON.parse(fitCause(cause)) as { small: string[]; errors: string[] };

        if (JSON.stringify(cause).length > CAUSE_MAX_CHARS) {
          expect(fitted.small).toEqual(small);
          expect(fitted.errors.some((value) => MARKER.test(value))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('fitCause on a Lambda error Cause (regression)', () => {
  it('keeps the execution ARN whole and most of the Cause when the Cause is quote-heavy JSON', () => {
    // A Lambda task's Cause is JSON text, so its quotes double in the document. Measuring strings
    // by `length` once made this excess look irremovable and cut every string to 24 characters.
    const arn = 'arn:aws:states:eu-west-1:123456789012:execution:Child:child-run-1';
    const lambdaCause = JSON.stringify({
      errorType: 'Error',
      errorMessage: 'boom',
      stackTrace: Array.from(
        { length: 2_500 },
        (_, line) => `"at f${line} (index.js:1:2)" {"k":1}`,
      ),
    });
    const cause = {
      execution: { arn },
      errors: { Work: { Error: 'States.TaskFailed', Cause: lambdaCause } },
    };

    const fitted = fitCause(cause);

    const parsed = JSON.parse(fitted) as typeof cause;
    expect(fitted.length).toBeLessThanOrEqual(CAUSE_MAX_CHARS);
    expect(parsed.execution.arn).toBe(arn);
    expect(parsed.errors.Work.Error).toBe('States.TaskFailed');
    expect(parsed.errors.Work.Cause.length).toBeGreaterThan(CAUSE_MAX_CHARS / 2);
  });
});

function stringifyOrUndefined(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
