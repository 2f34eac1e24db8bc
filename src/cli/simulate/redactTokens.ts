import { describeToken } from './taskToken.ts';

/**
 * Replaces every known task token inside a value (in any string, at any depth) with
 * `[task token <fingerprint>]`, so nothing the simulator prints holds a token.
 *
 * @example
 * redactTokens({ meta: { parent: { token } } }, new Set([token]));
 * // { meta: { parent: { token: '[task token len=173;…x1y2z3]' } } }
 */
export function redactTokens<T>(value: T, tokens: ReadonlySet<string>): T {
  if (tokens.size === 0) return value;
  return walk(value, tokens) as T;
}

function walk(value: unknown, tokens: ReadonlySet<string>): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const token of tokens) {
      if (text.includes(token))
        text = text.replaceAll(token, `[task token ${describeToken(token)}]`);
    }
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => walk(item, tokens));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, walk(item, tokens)]),
    );
  }
  return value;
}
