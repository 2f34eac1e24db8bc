import { isJsonObject, ownValue } from './jsonValue.ts';

/** What `meta.outputPath` selected, or why it could not. */
export type OutputSelection =
  | { readonly kind: 'selected'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly problem: string };

/**
 * Builds what the parent receives on success: the payload (or the `meta.outputPath` selection of
 * it) with `meta.parent.token` removed, because a token is a credential for the parent's task
 * and must not travel on in the parent's state. Only the objects on the way to the token are
 * copied (shallowly), so a 256 KiB payload is not cloned.
 *
 * @example
 * selectOutput({ a: 1, meta: { parent: { token: 't', arn: 'p' } } }, undefined);
 * // { kind: 'selected', value: { a: 1, meta: { parent: { arn: 'p' } } } }
 */
export function selectOutput(payload: unknown, outputPath: string | undefined): OutputSelection {
  const withoutToken = removeParentToken(payload);
  if (outputPath === undefined) return { kind: 'selected', value: withoutToken };
  const segments = parseReferencePath(outputPath);
  if (segments === undefined) {
    return {
      kind: 'invalid',
      problem: `meta.outputPath must be a reference path such as "$" or "$.result.items", got ${JSON.stringify(outputPath.slice(0, 100))}`,
    };
  }
  let current: unknown = withoutToken;
  for (const segment of segments) {
    current = step(current, segment);
    if (current === undefined) {
      return {
        kind: 'invalid',
        problem: `meta.outputPath ${outputPath} selects nothing in the payload`,
      };
    }
  }
  return { kind: 'selected', value: current };
}

function step(value: unknown, segment: string | number): unknown {
  if (typeof segment === 'number') return Array.isArray(value) ? value[segment] : undefined;
  return isJsonObject(value) ? ownValue(value, segment) : undefined;
}

function removeParentToken(payload: unknown): unknown {
  if (!isJsonObject(payload)) return payload;
  const meta = ownValue(payload, 'meta');
  if (!isJsonObject(meta)) return payload;
  const parent = ownValue(meta, 'parent');
  if (!isJsonObject(parent) || !Object.hasOwn(parent, 'token')) return payload;
  // Spread copies with define semantics, so "__proto__" keys stay plain keys.
  const { token: _token, ...parentWithoutToken } = parent;
  return { ...payload, meta: { ...meta, parent: parentWithoutToken } };
}

// A simple reference path, as in Step Functions' InputPath/OutputPath: `$`, `$.a.b`, `$.a[0]`,
// `$['key with spaces']`. No wildcards, filters or slices: those select many values.
const SEGMENT = /\.([A-Za-z_$@][\w$@-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]/y;

/** Parses a reference path into property names and array indices; undefined when it is not one. */
export function parseReferencePath(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Array<string | number> = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(path);
    if (match === null || match.index !== start) return undefined;
    const [, name, index, quoted] = match;
    if (name !== undefined) segments.push(name);
    else if (index !== undefined) segments.push(Number(index));
    else if (quoted !== undefined) segments.push(quoted.replace(/\\(.)/g, '$1'));
  }
  return segments;
}
