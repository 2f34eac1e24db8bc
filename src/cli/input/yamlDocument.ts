/**
 * Everything that touches the YAML parser. Only this module imports `yaml`, and callers load it
 * with `import()` when an input turns out to be YAML, so `check` on JSON never parses it.
 */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

/** A YAML input: the document (comments and layout) and its value as JSON would give it. */
export interface YamlInput {
  readonly document: Document;
  readonly value: unknown;
}

/**
 * CloudFormation's short forms and the long form each stands for. `!GetAtt a.b` is the one whose
 * scalar form changes shape: it is `Fn::GetAtt: [a, b]`, split at the first dot (attribute names
 * may hold dots, as `Endpoint.Address`). Source: the CloudFormation template reference,
 * "Intrinsic function reference".
 */
const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  ...Object.fromEntries(
    [
      'And',
      'Base64',
      'Cidr',
      'Equals',
      'FindInMap',
      'GetAtt',
      'GetAZs',
      'If',
      'ImportValue',
      'Join',
      'Length',
      'Not',
      'Or',
      'Select',
      'Split',
      'Sub',
      'ToJsonString',
      'Transform',
    ].map((name) => [`!${name}`, `Fn::${name}`]),
  ),
};

/** Aliases expanded beyond this many are refused: a "billion laughs" file must not hang check. */
const MAX_ALIASES = 10_000;

/** The YAML is not well formed. */
export class YamlSyntaxError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'YamlSyntaxError';
  }
}

/**
 * Parses YAML, CloudFormation short-form tags included (`!Sub x` reads as `{ "Fn::Sub": "x" }`).
 * The tags are left on the document's nodes, so printing it again writes them as they were.
 *
 * @example
 * parseYaml('Role: !GetAtt Role.Arn').value; // { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }
 */
export function parseYaml(text: string): YamlInput {
  // Unknown tags (the short forms among them) are warnings to the parser: the node keeps its tag
  // and its plain value, and toValue reads the tag.
  const document = parseDocument(text, { prettyErrors: false });
  const [error] = document.errors;
  if (error !== undefined) throw new YamlSyntaxError(firstLine(error.message), { cause: error });
  const budget = { aliases: MAX_ALIASES };
  return { document, value: toValue(document.contents, document, budget) };
}

/**
 * Prints `value` as YAML, reusing `document`'s nodes wherever the value is unchanged, so the
 * comments, quoting and tags of everything `wrap` did not touch stay as the user wrote them.
 * Comments attached to a node that changed are lost.
 *
 * @example
 * const { document, value } = parseYaml(text);
 * printYaml(document, wrapDefinition(value, options));
 */
export function printYaml(document: Document, value: unknown): string {
  const budget = { aliases: MAX_ALIASES };
  document.contents = reuse(document.contents, value, document, budget) as typeof document.contents;
  // lineWidth 0: never fold a long JSONata expression or ARN over several lines.
  return document.toString({ lineWidth: 0 });
}

type Budget = { aliases: number };

function toValue(node: unknown, document: Document, budget: Budget): unknown {
  if (isAlias(node)) {
    budget.aliases -= 1;
    if (budget.aliases < 0) throw new YamlSyntaxError(`More than ${MAX_ALIASES} aliases.`);
    return toValue(node.resolve(document), document, budget);
  }
  let value: unknown;
  if (isMap(node)) {
    const object: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = String(toValue(pair.key, document, budget));
      const item = toValue(pair.value, document, budget);
      // A key named __proto__ is data, as JSON.parse makes it, never the prototype.
      Object.defineProperty(object, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    value = object;
  } else if (isSeq(node)) {
    value = node.items.map((item) => toValue(item, document, budget));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = null;
  }
  const tag = (node as { tag?: unknown } | null)?.tag;
  const longForm = typeof tag === 'string' ? SHORT_FORMS[tag] : undefined;
  if (longForm === undefined) return value;
  if (longForm === 'Fn::GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    value = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
  }
  return { [longForm]: value };
}

function reuse(node: unknown, value: unknown, document: Document, budget: Budget): Node {
  const tagged = typeof (node as { tag?: unknown } | null)?.tag === 'string';
  if (!tagged && isMap(node) && isPlainObject(value)) {
    const seen = new Set<string>();
    node.items = node.items.filter((pair) => {
      const key = String(toValue(pair.key, document, budget));
      if (!Object.hasOwn(value, key) || seen.has(key)) return false;
      seen.add(key);
      pair.value = reuse(pair.value, value[key], document, budget);
      return true;
    });
    for (const [key, item] of Object.entries(value)) {
      if (!seen.has(key)) node.items.push(document.createPair(key, item));
    }
    return node;
  }
  if (!tagged && isSeq(node) && Array.isArray(value)) {
    node.items = value.map((item, index) =>
      index < node.items.length
        ? reuse(node.items[index], item, document, budget)
        : document.createNode(item),
    );
    return node;
  }
  if (!tagged && isScalar(node) && node.value === value) return node;
  if (isAlias(node) || tagged) {
    if (sameValue(toValue(node, document, budget), value)) return node as Node;
  }
  return document.createNode(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
