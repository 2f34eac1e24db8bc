/**
 * The intrinsic functions of Amazon States Language ("Intrinsic functions for JSONPath states in
 * Step Functions").
 */
export const INTRINSIC_FUNCTIONS: ReadonlySet<string> = new Set([
  'States.Format',
  'States.StringToJson',
  'States.JsonToString',
  'States.Array',
  'States.ArrayPartition',
  'States.ArrayContains',
  'States.ArrayRange',
  'States.ArrayGetItem',
  'States.ArrayLength',
  'States.ArrayUnique',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.Hash',
  'States.JsonMerge',
  'States.MathRandom',
  'States.MathAdd',
  'States.StringSplit',
  'States.UUID',
]);

/**
 * Brackets, parentheses and quotes are balanced (quotes may hold anything, `\'` escapes).
 * Step Functions evaluates JSONPath with Jayway JsonPath, which takes `$.[0]`, `$.a.[0].b`,
 * filters with `&&`, `||` and comparisons against `$` paths: this reading only refuses what no
 * JSONPath can be, and leaves the rest to Step Functions' evaluation at run time.
 */
function balanced(text: string): boolean {
  const open: string[] = [];
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (quote !== undefined) {
      if (char === '\\') index++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === '[' || char === '(') open.push(char);
    else if (char === ']' || char === ')') {
      if (open.pop() !== (char === ']' ? '[' : '(')) return false;
    }
  }
  return quote === undefined && open.length === 0;
}

/** `$`, `$$` (the context object) or `$name` (a variable), then the rest of a path. */
const PATH_START = /^\$(\$|[A-Za-z_][A-Za-z0-9_]*)?(?=$|[.[])/;

/**
 * A JSONPath (`InputPath`, `ItemsPath`, a Choice `Variable`...), as Step Functions reads it.
 *
 * @example
 * isJsonPath('$.a.[0].b'); // true
 */
export function isJsonPath(value: string): boolean {
  return PATH_START.test(value) && !/\.\.\.|\s$/.test(value) && balanced(value);
}

/**
 * A Reference Path (`ResultPath`, `*Path` fields of Wait, Task and Map): one node, so no
 * wildcard, filter, slice or recursive descent ("Reference Paths", Amazon States Language).
 */
export function isReferencePath(value: string): boolean {
  return isJsonPath(value) && !/\*|\?\(|\.\.|\[[^\]]*:[^\]]*\]/.test(value);
}

/** The names of `States.X(` calls in an intrinsic function expression (outside string literals). */
export function intrinsicNames(value: string): string[] {
  const outside = value.replace(/'(?:\\.|[^'\\])*'/g, "''");
  return [...outside.matchAll(/([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*)\s*\(/g)].map(
    (match) => match[1] as string,
  );
}

/**
 * The value of a `.$` field in a JSONPath payload template: a path or an intrinsic function call
 * whose functions all exist.
 *
 * @example
 * isPayloadTemplateValue('States.StringToJson($.[0].body)'); // true
 * isPayloadTemplateValue('States.Nope($.a)'); // false
 */
export function isPayloadTemplateValue(value: string): boolean {
  if (isJsonPath(value)) return true;
  const names = intrinsicNames(value);
  return (
    names.length > 0 &&
    /^States\.[A-Za-z0-9]+\s*\(/.test(value) &&
    value.trimEnd().endsWith(')') &&
    names.every((name) => INTRINSIC_FUNCTIONS.has(name)) &&
    balanced(value)
  );
}
