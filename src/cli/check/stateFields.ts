import type { Json } from './Json.ts';
import type { StateNode } from './parseDefinition.ts';

/**
 * The states a state moves to when it does not fail: its Choice rules' `Next`, `Next` and
 * `Default`. Its catchers' targets are left out: a catcher's output is not the state's output.
 *
 * @example
 * normalSuccessors(node); // ['Closer:Send']
 */
export function normalSuccessors(node: StateNode): string[] {
  const successors = [...node.choiceNexts];
  if (node.next !== undefined) successors.push(node.next);
  if (node.defaultNext !== undefined) successors.push(node.defaultNext);
  return successors;
}

/**
 * A JSONPath `ResultPath` that replaces the whole input with the result: `$`, or none at all
 * (AWS: "If you don't specify a ResultPath, the default behavior is as if you had specified
 * `"ResultPath": "$"`"). `null` is not one: it discards the result and keeps the input.
 *
 * @example
 * replacesInput(undefined); // true
 * replacesInput('$.results.Work'); // false
 */
export function replacesInput(resultPath: Json | undefined): boolean {
  return resultPath === undefined || resultPath === '$';
}

/**
 * A reference path below `$` (`$.errors.Work`, `$['a']`): writing there needs an object to write
 * into.
 *
 * @example
 * isBelowRoot('$.meta.status'); // true
 * isBelowRoot('$'); // false
 */
export function isBelowRoot(path: Json | undefined): path is string {
  return typeof path === 'string' && /^\$[.[]/.test(path);
}

/**
 * A JSONPath `InputPath` or `OutputPath` that keeps less than everything: any path but `$`, and
 * `null` too (it stands for `{}`).
 *
 * @example
 * narrows('$.order'); // true
 * narrows(undefined); // false
 */
export function narrows(path: Json | undefined): boolean {
  return path !== undefined && path !== '$';
}

/**
 * The expression of a JSONata field written as one `{% ... %}` string, trimmed; undefined for a
 * plain JSON value (a literal, or an object whose fields may hold expressions).
 *
 * @example
 * jsonataExpression('{% $states.input %}'); // '$states.input'
 * jsonataExpression({ a: '{% 1 %}' }); // undefined
 */
export function jsonataExpression(value: Json | undefined): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('{%') || !value.endsWith('%}')) {
    return undefined;
  }
  return value.slice(2, -2).trim();
}

/**
 * A field's text, for the heuristics that look for a name in it: a string as it is, anything
 * else as JSON.
 *
 * @example
 * fieldText({ meta: '{% $states.input.meta %}' }); // '{"meta":"{% $states.input.meta %}"}'
 */
export function fieldText(value: Json | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * What a JSON literal is, said for a message: `an object`, `an array`, `a string`, ...
 *
 * @example
 * describeLiteral([1, 2]); // 'an array'
 */
export function describeLiteral(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return 'an object';
  }
}
