import { isJsonObject } from '../check/Json.ts';
import { intrinsicCall, intrinsicText } from './intrinsicText.ts';

/**
 * The literal entries of a state machine's `DefinitionSubstitutions` (strings, numbers and
 * booleans). An entry whose value is a `Ref`, `Fn::GetAtt` or other function is known only at
 * deployment, so it is left out and its `${Name}` stays a placeholder in the definition.
 *
 * @example
 * literalSubstitutions({ Table: 'Orders', Fn: { 'Fn::GetAtt': ['Fn', 'Arn'] } }); // Map { Table → Orders }
 */
export function literalSubstitutions(substitutions: unknown): ReadonlyMap<string, string> {
  const literal = new Map<string, string>();
  if (!isJsonObject(substitutions)) return literal;
  for (const [name, value] of Object.entries(substitutions)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      literal.set(name, String(value));
    }
  }
  return literal;
}

/**
 * The definition as Step Functions gets it after deployment, as far as can be known before: every
 * `${Name}` with a literal substitution replaced (in keys and values, as Step Functions replaces
 * in the definition's text), and every intrinsic function call inside an inline definition turned
 * into its text (`Ref`/`Fn::GetAtt` into `${...}` placeholders).
 *
 * @example
 * applySubstitutions({ Resource: '${Fn}' }, new Map([['Fn', 'arn:aws:lambda:...']]));
 */
export function applySubstitutions(
  value: unknown,
  substitutions: ReadonlyMap<string, string>,
): unknown {
  const substitute = (text: string): string =>
    substitutions.size === 0
      ? text
      : text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => substitutions.get(name) ?? whole);
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return substitute(item);
    if (Array.isArray(item)) return item.map(walk);
    if (!isJsonObject(item)) return item;
    if (intrinsicCall(item) !== undefined) return substitute(intrinsicText(item));
    const object: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(item)) {
      Object.defineProperty(object, substitute(key), {
        value: walk(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  };
  return walk(value);
}
