import type { JsonObject } from '../check/Json.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { mergeInto } from './mergeInto.ts';
import type { StateNames } from './StateNames.ts';

/** What a Fail state becomes: itself as a Pass, plus any states that follow it. */
export interface FailReplacement {
  /** Replaces the Fail state under its own name, so transitions into it still work. */
  readonly state: JsonObject;
  /** New states to add, in order. */
  readonly added: ReadonlyArray<readonly [string, JsonObject]>;
}

/**
 * Turns a Fail state into Pass states that record its Error and Cause in `$.meta.error` and
 * `$.meta.cause` and then go to `next` (the mark-failed state), so the failure reaches the Closer
 * and the parent receives the same error name.
 *
 * JSONPath: a ResultPath writes one node, so each of Error and Cause takes a Pass (`Result` for a
 * literal, `InputPath` to copy an `ErrorPath`/`CausePath`). An `ErrorPath`/`CausePath` that is an
 * intrinsic function cannot be copied this way; the error then falls back to the state's name.
 * JSONata: one Pass whose `Output` merges both into `meta`.
 *
 * @example
 * failToPass('Rejected', { Type: 'Fail', Error: 'Order.Rejected' }, 'JSONPath', 'Closer:MarkFailed', names);
 * // { state: { Type: 'Pass', Result: 'Order.Rejected', ResultPath: '$.meta.error',
 * //            Next: 'Closer:MarkFailed' }, added: [] }
 */
export function failToPass(
  name: string,
  fail: JsonObject,
  queryLanguage: QueryLanguage,
  next: string,
  names: StateNames,
): FailReplacement {
  const kept: JsonObject = {};
  for (const field of ['Comment', 'QueryLanguage']) {
    const value = fail[field];
    if (value !== undefined) kept[field] = value;
  }
  if (queryLanguage === 'JSONata') {
    const fields = [jsonataField('error', fail['Error']), jsonataField('cause', fail['Cause'])]
      .filter((field) => field !== undefined)
      .join(', ');
    const output = fields === '' ? {} : { Output: mergeInto('meta', `{${fields}}`) };
    return { state: { ...kept, Type: 'Pass', ...output, Next: next }, added: [] };
  }
  const steps = [
    jsonPathStep('$.meta.error', fail['Error'], fail['ErrorPath'], name),
    jsonPathStep('$.meta.cause', fail['Cause'], fail['CausePath'], undefined),
  ].filter((step) => step !== undefined);
  const [first, ...rest] = steps;
  if (first === undefined) return { state: { ...kept, Type: 'Pass', Next: next }, added: [] };
  const restNames = rest.map(() => names.claim(`${name}:Cause`));
  const nextOf = (index: number): string => restNames[index] ?? next;
  return {
    state: { ...kept, Type: 'Pass', ...first, Next: nextOf(0) },
    added: rest.map((step, index) => [
      restNames[index] as string,
      { ...language(fail), Type: 'Pass', ...step, Next: nextOf(index + 1) },
    ]),
  };
}

function language(fail: JsonObject): JsonObject {
  const value = fail['QueryLanguage'];
  return value === undefined ? {} : { QueryLanguage: value };
}

function jsonPathStep(
  target: string,
  literal: unknown,
  path: unknown,
  fallback: string | undefined,
): JsonObject | undefined {
  if (typeof literal === 'string') return { Result: literal, ResultPath: target };
  if (typeof path === 'string') {
    // A plain reference path into the input: a Pass with this InputPath outputs that value, and
    // ResultPath writes it into the raw input, which keeps everything else.
    if (/^\$(?:[.[]|$)/.test(path) && !path.includes('(')) {
      return { InputPath: path, ResultPath: target };
    }
    if (fallback !== undefined) return { Result: fallback, ResultPath: target };
  }
  return undefined;
}

function jsonataField(key: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const expression = /^\s*\{%([\s\S]*)%\}\s*$/.exec(value);
  if (expression !== null) return `'${key}': (${expression[1]?.trim()})`;
  // A JSON string literal is a JSONata string literal; '%}' would end the expression early.
  return `'${key}': ${JSON.stringify(value).replaceAll('%}', '%\\u007d')}`;
}
