// asl-validator runs a dozen fixed JSONPath queries over the whole definition. jsonpath-plus answers
// them through a general interpreter that copies the path array at every node it visits: 1.5 s of
// `check` (and most of its GC) on 50,000 states. This module answers the few query shapes
// asl-validator uses with one walk and no per-node garbage, and hands anything else to the real
// jsonpath-plus, so no result can differ. fastAslJsonPathPlugin puts it in place of jsonpath-plus
// for asl-validator, in the CLI bundle only.
import { JSONPath as jsonPathPlus } from 'jsonpath-plus';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
// `$`, `$.a.b...`: follow own properties from the root.
const CHILD_CHAIN = new RegExp(`^\\$((?:\\.${NAME})*)$`);
// `$..a`, `$..['a']`, `$..[a]`, `$..[a,b,c]`: every match at any depth, in document pre-order.
const DESCENDANTS = new RegExp(
  `^\\$\\.\\.(?:(${NAME})|\\['(${NAME})'\\]|\\[(${NAME}(?:,${NAME})*)\\])$`,
);

/** Parsed queries by path: asl-validator asks the same dozen paths for every state. */
const parsed = new Map();

/**
 * Inside `withSharedWalks`: every node of each tree walked so far, in walk order, by root. Outside
 * it: undefined, and every query walks its tree.
 */
let sharedWalks;

/**
 * Runs `run` with walks shared between queries on the same tree: the first `..` query on a root
 * records the nodes it visits, and later ones scan that list instead of walking the tree again.
 * asl-validator runs nine `..` queries over the whole definition (five of them for `States`): on
 * 50,000 states a walk took about 22 ms and a scan of the recorded nodes 5–12 ms (both mostly
 * cache misses), which saved about 0.07 s of `check`.
 *
 * The caller promises that no object is added to, removed from or replaced in a walked tree
 * while `run` runs. asl-validator keeps that promise: its one write is a `QueryLanguage` string
 * on states that have none. Matches are still read from the live nodes, so such a string write
 * is seen. fastAslJsonPathPlugin wraps asl-validator's entry point in this.
 *
 * @example
 * const errors = withSharedWalks(() => validate(definition));
 */
export function withSharedWalks(run) {
  const outer = sharedWalks;
  sharedWalks = new WeakMap();
  try {
    return run();
  } finally {
    sharedWalks = outer;
  }
}

/**
 * `JSONPath` from jsonpath-plus, fast for asl-validator's queries: `{ json, path, wrap? }` with
 * `$`, `$.a.b`, `$..a`, `$..['a']`, `$..[a]` or `$..[a,b,c]` (names of letters, digits and `_`).
 * Any other path, option or calling form goes to jsonpath-plus itself.
 *
 * Matches jsonpath-plus 10 exactly: only own properties match (an own property holding
 * `undefined` or `null` is a match), `..` visits the root, then object values in `Object.keys`
 * order and array items by index, depth first, never into primitives; `[a,b,c]` lists a node's
 * matches in that order before its descendants'; a falsy `json` gives `undefined`; with `wrap`
 * false (or present and falsy), no match gives `undefined` and a single match by `$` or `$.a.b`
 * gives the value, while any `..` match except one at the root keeps the array.
 *
 * @example
 * import { JSONPath } from './aslJsonPath.mjs';
 * JSONPath({ json: { States: { A: { Next: 'B' } } }, path: '$..[StartAt,Next,Default]' }); // ['B']
 * JSONPath({ json: { ItemBatcher: {} }, path: '$.ItemBatcher', wrap: false }); // {}
 */
export function JSONPath(options, ...rest) {
  if (new.target !== undefined) return new jsonPathPlus(options, ...rest);
  const query = rest.length === 0 ? fastQuery(options) : undefined;
  if (query === undefined) return jsonPathPlus(options, ...rest);
  const { json } = options;
  // jsonpath-plus: `if (!json) return undefined`, whatever `wrap` says.
  if (!json) return undefined;
  const wrap = Object.hasOwn(options, 'wrap') ? options.wrap : true;
  if (query.kind === 'children') {
    let value = json;
    for (const name of query.names) {
      if (!(value && Object.hasOwn(value, name))) return wrap ? [] : undefined;
      value = value[name];
    }
    return wrap ? [value] : value;
  }
  const results = descendants(json, query.names);
  if (results.length === 0) return wrap ? [] : undefined;
  // jsonpath-plus unwraps only a result without an "array expression": one found at the root by
  // `..a` or `..[a]` (a comma list and every step below the root count as array expressions).
  if (!wrap && results.length === 1 && query.names.length === 1 && rootHas(json, query.names[0])) {
    return results[0];
  }
  return results;
}

/** The parsed query when options and path are in the fast subset, otherwise undefined. */
function fastQuery(options) {
  if (typeof options !== 'object' || options === null) return undefined;
  if (Object.getPrototypeOf(options) !== Object.prototype) return undefined;
  for (const key of Object.getOwnPropertyNames(options)) {
    if (key !== 'json' && key !== 'path' && key !== 'wrap') return undefined;
  }
  if (!Object.hasOwn(options, 'json') || typeof options.path !== 'string') return undefined;
  const cached = parsed.get(options.path);
  if (cached !== undefined) return cached === null ? undefined : cached;
  const query = parse(options.path);
  parsed.set(options.path, query ?? null);
  return query;
}

function parse(path) {
  const chain = CHILD_CHAIN.exec(path);
  if (chain !== null) {
    const names = chain[1] === '' ? [] : chain[1].slice(1).split('.');
    return { kind: 'children', names };
  }
  const descent = DESCENDANTS.exec(path);
  if (descent !== null) {
    const names = (descent[1] ?? descent[2] ?? descent[3]).split(',');
    return { kind: 'descendants', names };
  }
  return undefined;
}

function rootHas(json, name) {
  return Boolean(json) && Object.hasOwn(json, name);
}

/** Every match of `names` in the tree under `root`, from a shared walk when there is one. */
function descendants(root, names) {
  // Only objects can key the WeakMap; a truthy primitive root is walked (trivially) each time.
  const shared = sharedWalks !== undefined && typeof root === 'object' ? sharedWalks : undefined;
  const walked = shared?.get(root);
  if (walked !== undefined) {
    const results = [];
    for (const node of walked) addMatches(node, names, results);
    return results;
  }
  const visited = shared === undefined ? undefined : [];
  const results = walk(root, names, visited);
  shared?.set(root, visited);
  return results;
}

function addMatches(node, names, results) {
  for (const name of names) {
    // The root may be a truthy primitive: Object.hasOwn boxes it, as jsonpath-plus's check does.
    if (Object.hasOwn(node, name)) results.push(node[name]);
  }
}

/**
 * Pre-order walk with an explicit stack (children pushed in reverse), so a deep definition cannot
 * overflow the call stack. `null` is skipped: jsonpath-plus descends into it and finds nothing.
 * Each node visited is appended to `visited`, when given.
 */
function walk(root, names, visited) {
  const results = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    visited?.push(node);
    addMatches(node, names, results);
    if (Array.isArray(node)) {
      for (let index = node.length - 1; index >= 0; index--) {
        const child = node[index];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    } else if (typeof node === 'object') {
      const keys = Object.keys(node);
      for (let index = keys.length - 1; index >= 0; index--) {
        const child = node[keys[index]];
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
  }
  return results;
}
