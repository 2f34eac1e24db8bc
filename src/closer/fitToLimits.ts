import { CAUSE_MAX_CHARS, ERROR_MAX_CHARS } from './apiLimits.ts';

/*
 * Characters are counted as UTF-16 code units (JavaScript's `length`). That is never fewer than
 * the code points AWS counts, so a value cut here always fits, and a cut never splits a surrogate
 * pair.
 */

/** Cuts an error name to `SendTaskFailure.error`'s 256 characters, without a marker. */
export function fitError(error: string): string {
  return cutChars(error, ERROR_MAX_CHARS, false);
}

/**
 * Makes a cause fit `SendTaskFailure.cause`'s 32,768 characters. A string is cut and marked; a
 * document is serialized and stays valid JSON: its largest strings are shortened first, each
 * marked with how much was cut, and only if that is not enough is it replaced by a summary.
 *
 * @example
 * fitCause({ errors: { Work: { Cause: 'x'.repeat(40_000) } } }).length <= 32_768; // true
 */
export function fitCause(cause: string | object, maxChars: number = CAUSE_MAX_CHARS): string {
  return typeof cause === 'string' ? cutChars(cause, maxChars, true) : fitJson(cause, maxChars);
}

/**
 * Cuts `text` to at most `maxChars`, ending with `…[N chars cut]` when `mark` is set, and never
 * leaving half of a surrogate pair at the end.
 */
export function cutChars(text: string, maxChars: number, mark: boolean): string {
  if (text.length <= maxChars) return text;
  const unmarked = text.slice(0, safeEnd(text, maxChars));
  if (!mark || cutMarker(text.length).length >= maxChars) return unmarked;
  let keep = safeEnd(text, maxChars);
  // The marker's length depends on the count it states; shrink `keep` until both agree and fit.
  let marker = cutMarker(text.length - keep);
  while (keep > 0 && keep + marker.length > maxChars) {
    keep = safeEnd(text, Math.max(0, maxChars - marker.length));
    marker = cutMarker(text.length - keep);
  }
  return text.slice(0, keep) + marker;
}

function cutMarker(cutCount: number): string {
  return `…[${cutCount} chars cut]`;
}

/** `end`, moved back by one if it would split a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return end > 0 && code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/** Room a string needs for its marker; strings no longer than cap + this are left whole. */
const MARKER_ROOM = 24;
const MAX_CAP_ROUNDS = 40;

function fitJson(document: object, maxChars: number): string {
  const text = stringifyOrUndefined(document);
  if (text === undefined) return summary(undefined, maxChars);
  if (text.length <= maxChars) return text;

  // Shorten the largest strings first: cap every string at `cap` characters, lowering the cap
  // until the document fits. Each round is one clone and one stringify, so this stays linear.
  try {
    let cap = firstCap(document, text.length - maxChars);
    for (let round = 0; round < MAX_CAP_ROUNDS; round += 1) {
      const capped = stringifyOrUndefined(capStrings(document, cap));
      if (capped !== undefined && capped.length <= maxChars) return capped;
      if (cap === 0) break;
      cap = Math.floor(cap * 0.7);
    }
  } catch {
    // A document nested too deep for the walk above: fall through to the summary.
  }
  // Many small values or huge keys: strings alone cannot make it fit.
  return summary(text, maxChars);
}

/** The largest cap that could remove `excess` characters, found by binary search on the lengths. */
function firstCap(document: object, excess: number): number {
  const lengths: number[] = [];
  collectStringLengths(document, lengths);
  let low = 0;
  let high = lengths.reduce((max, length) => Math.max(max, length), 0);
  const removedAt = (cap: number) =>
    lengths.reduce(
      (sum, length) => (length > cap + MARKER_ROOM ? sum + length - cap - MARKER_ROOM : sum),
      0,
    );
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (removedAt(middle) >= excess) low = middle;
    else high = middle - 1;
  }
  return low;
}

function collectStringLengths(value: unknown, lengths: number[]): void {
  if (typeof value === 'string') {
    // Measured as serialized, like the excess: a Lambda's error Cause is itself JSON, and its
    // escaped quotes (or a lone surrogate's \uXXXX) make it longer in the document than its
    // `length`. Measuring `length` made that excess look irremovable and capped every string,
    // even a short execution ARN, at the marker's size.
    lengths.push(JSON.stringify(value).length - 2);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStringLengths(item, lengths);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectStringLengths(item, lengths);
  }
}

function capStrings(value: unknown, cap: number): unknown {
  if (typeof value === 'string') {
    return value.length > cap + MARKER_ROOM ? cutChars(value, cap + MARKER_ROOM, true) : value;
  }
  if (Array.isArray(value)) return value.map((item) => capStrings(item, cap));
  if (typeof value === 'object' && value !== null) {
    // defineProperty-style copy (Object.fromEntries), so a "__proto__" key stays a plain key.
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, capStrings(item, cap)]),
    );
  }
  return value;
}

/** The last resort: a fixed-shape document saying how much was cut, with a preview that fits. */
function summary(text: string | undefined, maxChars: number): string {
  let previewChars = text === undefined ? 0 : maxChars;
  for (;;) {
    const preview = text === undefined ? '' : cutChars(text, previewChars, true);
    const document = JSON.stringify({
      cut: true,
      originalChars: text === undefined ? null : text.length,
      preview,
    });
    if (document.length <= maxChars || previewChars === 0) return document;
    // JSON escaping can grow the preview; shrink by what overflowed (at least one character).
    previewChars = Math.max(0, previewChars - Math.max(1, document.length - maxChars));
  }
}

/** JSON.stringify, but a structure too deep for the stack yields undefined instead of throwing. */
function stringifyOrUndefined(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}
