import fc from 'fast-check';

/*
 * fast-check arbitraries for the property suites: JSON as a state input can carry it (the Lambda
 * runtime builds events with JSON.parse, so "__proto__" is an own key, never a prototype), with
 * text that stresses UTF-8 and UTF-16 handling, plus huge strings and deep nesting.
 */

const ASCII = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));

/** One unit of text: mostly ASCII, often multibyte, astral (a surrogate pair) or a lone surrogate. */
export const trickyUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: ASCII },
  fc.constantFrom('é', '€', '中', '😀', '👩‍👩‍👧', '\u2028', '\u0000', '\n', '"', '\\'),
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'),
);

export const trickyString = (maxLength = 24): fc.Arbitrary<string> =>
  fc.string({ unit: trickyUnit, maxLength });

/** Keys that trip naive code: prototype names and the payload's own field names. */
export const jsonKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.constantFrom('meta', 'status', 'parent', 'token', 'errors', 'message', 'error', 'cause'),
  trickyString(8),
);

/** Builds an object with own data properties only, as JSON.parse does (`__proto__` stays a key). */
export function objectFromEntries(entries: ReadonlyArray<readonly [string, unknown]>): object {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  trickyString(),
);

/** Any JSON value, small: objects with tricky keys, arrays, tricky strings. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{
  value: unknown;
  array: unknown[];
  object: object;
}>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc
    .array(fc.tuple(jsonKey, tie('value')), { maxLength: 4 })
    .map((entries) => objectFromEntries(entries)),
})).value;

/** A string near or past the API limits, in 1-, 2-, 3- and 4-byte UTF-8 or as a JSON escape. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(300, 33_000, 90_000, 131_100, 262_200),
    fc.constantFrom('x', 'é', '€', '😀', '\ud800', '"'),
  )
  .map(([chars, unit]) => unit.repeat(Math.ceil(chars / unit.length)));

/** Nesting from shallow to deeper than JSON.stringify's stack allows. */
export const deepJson: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 1, max: 40_000 }), fc.boolean(), anyJson)
  .map(([depth, asArrays, core]) => {
    let value: unknown = core;
    for (let level = 0; level < depth; level += 1) value = asArrays ? [value] : { d: value };
    return value;
  });

/** Any JSON value, including huge strings and deep nesting at the top. */
export const anyEventValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: anyJson },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepJson },
);

/** A task token the property suites can search logs for: distinctive, 20 to 2,048 characters. */
export const distinctiveToken: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='),
      minLength: 16,
      maxLength: 300,
    }),
    fc.constantFrom(0, 0, 0, 2_048),
  )
  .map(([body, padTo]) => `TKN~${body}`.padEnd(padTo, 'q'));

/**
 * Whether a token is one that `distinctiveToken` drew, so that finding it in a log line is a leak
 * and not a coincidence: an arbitrary event's token can be " " or "a", found in any log line.
 */
export function isDistinctiveToken(token: string): boolean {
  return /^TKN~[A-Za-z0-9+/=]{16}/.test(token);
}

/**
 * An optional entry, mostly absent or valid and sometimes anything at all: the mix that reaches
 * both the signal paths and the contract-violation paths.
 */
function entry(
  key: string,
  valid: fc.Arbitrary<unknown>,
  invalid: fc.Arbitrary<unknown> = anyJson,
): fc.Arbitrary<Array<[string, unknown]>> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant<Array<[string, unknown]>>([]) },
    { weight: 4, arbitrary: valid.map((value): Array<[string, unknown]> => [[key, value]]) },
    { weight: 1, arbitrary: invalid.map((value): Array<[string, unknown]> => [[key, value]]) },
  );
}

const shimString = fc.oneof({ weight: 4, arbitrary: trickyString(40) }, hugeString);
const outputPath = fc.oneof(
  fc.constantFrom('$', '$.data', '$.data.items[0]', '$.meta', '$.meta.parent', "$['data']"),
  fc.constantFrom('$.missing', '$..data', '$.data[*]', 'data', ''),
  trickyString(12).map((path) => `$.${path}`),
);

const status = fc.oneof(
  fc.constantFrom(true, false),
  fc
    .tuple(
      fc.constantFrom('SUCCEEDED', 'FAILED'),
      entry('error', shimString),
      entry('cause', shimString),
    )
    .map(([message, ...rest]) => objectFromEntries([['message', message], ...rest.flat()])),
);

/** `meta.parent`: mostly with a token; sometimes a broken token, or not an object at all. */
const parent = (token: string): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(entry('arn', trickyString()), entry('name', trickyString()), fc.nat(2))
        .map(([arn, name, where]) => {
          const ids = [...arn, ...name];
          return objectFromEntries([...ids.slice(0, where), ['token', token], ...ids.slice(where)]);
        }),
    },
    fc
      .constantFrom('', 'x'.repeat(2_049), 42, null, ['a'], { nested: token.slice(0, 3) })
      .map((bad) => objectFromEntries([['token', bad]])),
    anyJson,
    fc.constant([objectFromEntries([['token', token]])]),
  );

/**
 * A `Closer:Send` state input shaped like the standardized payload, with arbitrary values at every
 * position: `meta` and each of its fields, `errors`, the data, and extra keys such as `__proto__`.
 */
export const payloadShaped = (token: string): fc.Arbitrary<unknown> => {
  const meta = fc
    .tuple(
      entry('status', status),
      fc.oneof(
        {
          weight: 6,
          arbitrary: parent(token).map((value): Array<[string, unknown]> => [['parent', value]]),
        },
        { weight: 1, arbitrary: fc.constant<Array<[string, unknown]>>([]) },
      ),
      entry('error', shimString),
      entry('cause', shimString),
      entry('outputPath', outputPath),
      entry('name', trickyString()),
      entry('arn', trickyString()),
      fc.array(fc.tuple(jsonKey, anyJson), { maxLength: 2 }),
    )
    .map((parts) => objectFromEntries(parts.flat()));
  const errors = fc.oneof(
    anyJson,
    fc
      .array(
        fc.tuple(
          trickyString(10),
          fc
            .tuple(trickyString(20), fc.oneof(trickyString(60), hugeString))
            .map(([error, cause]) => ({ Error: error, Cause: cause })),
        ),
        { maxLength: 3 },
      )
      .map((entries) => objectFromEntries(entries)),
    deepJson,
  );
  return fc
    .tuple(
      fc.oneof(
        { weight: 8, arbitrary: meta.map((value): Array<[string, unknown]> => [['meta', value]]) },
        {
          weight: 1,
          arbitrary: anyJson.map((value): Array<[string, unknown]> => [['meta', value]]),
        },
        { weight: 1, arbitrary: fc.constant<Array<[string, unknown]>>([]) },
      ),
      entry('errors', errors),
      entry('data', anyEventValue),
      fc.array(fc.tuple(jsonKey, anyJson), { maxLength: 2 }),
    )
    .map((parts) => objectFromEntries(parts.flat()));
};
