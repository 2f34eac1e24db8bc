/**
 * A JSONata `Output` that keeps the state input and merges `fields` (a JSONata object literal)
 * into its `key` object, creating the object when it is missing.
 *
 * @example
 * mergeInto('meta', "{'status': false}");
 * // "{% $merge([$states.input, {'meta': $merge([$states.input.meta, {'status': false}])}]) %}"
 */
export function mergeInto(key: string, fields: string): string {
  // $merge skips the undefined $states.input.<key>: an array constructor drops undefined items.
  return `{% $merge([$states.input, {'${key}': $merge([$states.input.${key}, ${fields}])}]) %}`;
}
