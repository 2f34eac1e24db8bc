import type { Json } from './Json.ts';
import type { Catcher, Machine, StateNode } from './parseDefinition.ts';
import {
  describeLiteral,
  isBelowRoot,
  jsonataExpression,
  narrows,
  normalSuccessors,
  replacesInput,
} from './stateFields.ts';

/**
 * What a payload can be, as far as the definition tells: always an object; unknown (a Lambda's
 * result, a narrowed path: any JSON); or, on some path, a known non-object. Ordered
 * object < unknown < nonObject, and a state's input is the highest of what its predecessors
 * output: "can be a non-object" wins.
 */
export type PayloadType =
  | { readonly kind: 'object' }
  | { readonly kind: 'unknown' }
  | {
      readonly kind: 'nonObject';
      /** `an array`, `a string`, ... */
      readonly what: string;
      /** The state whose output it is. */
      readonly from: string;
    };

const OBJECT: PayloadType = { kind: 'object' };
const UNKNOWN: PayloadType = { kind: 'unknown' };
const RANK = { object: 0, unknown: 1, nonObject: 2 } as const;

/**
 * The type of each top-level state's input, for the states `StartAt` reaches: a forward
 * data-flow pass to a fixed point. The execution input counts as an object (the standardized
 * payload). Each input can only rise (object → unknown → nonObject), so each state is revisited
 * at most three times: O(states + edges).
 *
 * Only the top level: a nested machine's states are left out of this pass. A branch's input is
 * the Parallel's or Map's effective input, and its output reaches the top level only as an item
 * of the Parallel's or Map's result array, which this pass treats as a whole.
 *
 * @example
 * inputTypes(root).get('Work'); // { kind: 'nonObject', what: 'an array', from: 'Fan' }
 */
export function inputTypes(machine: Machine): ReadonlyMap<string, PayloadType> {
  const input = new Map<string, PayloadType>();
  const queue: string[] = [];
  const flow = (name: string, type: PayloadType) => {
    if (!machine.states.has(name)) return;
    const before = input.get(name);
    if (before !== undefined && RANK[before.kind] >= RANK[type.kind]) return;
    input.set(name, type);
    queue.push(name);
  };
  flow(machine.startAt, OBJECT);
  for (let index = 0; index < queue.length; index++) {
    const name = queue[index] as string;
    const node = machine.states.get(name);
    const type = input.get(name);
    if (node === undefined || type === undefined) continue;
    const output = outputType(node, type);
    for (const next of normalSuccessors(node)) flow(next, output);
    for (const catcher of node.catchers) flow(catcher.next, catcherOutputType(node, catcher, type));
  }
  return input;
}

/** What a state outputs on its normal transitions, given what it receives. */
export function outputType(node: StateNode, input: PayloadType): PayloadType {
  return node.queryLanguage === 'JSONata'
    ? jsonataOutput(node, node.raw['Output'], input, defaultJsonataOutput(node, input))
    : jsonPathOutput(node, input);
}

/** What a catcher outputs, given what its state received. */
export function catcherOutputType(
  node: StateNode,
  catcher: Catcher,
  input: PayloadType,
): PayloadType {
  // The error output is {Error, Cause}: an object (JSONata's `$states.errorOutput` too).
  if (node.queryLanguage === 'JSONata') {
    return jsonataOutput(node, catcher.raw['Output'], input, OBJECT);
  }
  return placeResult(catcher.raw['ResultPath'], input, OBJECT);
}

/** JSONPath: ResultPath places the result into the raw input, then OutputPath filters. */
function jsonPathOutput(node: StateNode, input: PayloadType): PayloadType {
  const { raw } = node;
  let output: PayloadType;
  switch (node.type) {
    case 'Task':
    case 'Parallel':
    case 'Map':
      output = placeResult(raw['ResultPath'], input, taskResult(node));
      break;
    case 'Pass':
      output = placeResult(raw['ResultPath'], input, passResult(node, input));
      break;
    default:
      // Wait and Choice pass their effective input on.
      output = effectiveInput(raw['InputPath'], input);
      break;
  }
  const outputPath = raw['OutputPath'];
  if (outputPath === null) return OBJECT; // `null` outputs {}
  return narrows(outputPath) ? UNKNOWN : output;
}

/**
 * `ResultPath`: `null` keeps the input; absent or `$` replaces it with the result; a path below
 * `$` writes into the input, which is an object whenever that succeeds.
 */
function placeResult(
  resultPath: Json | undefined,
  input: PayloadType,
  result: PayloadType,
): PayloadType {
  if (resultPath === null) return input;
  if (replacesInput(resultPath)) return result;
  return isBelowRoot(resultPath) ? OBJECT : UNKNOWN;
}

/** A Task's result is unknown; a Parallel's or Map's is an array, unless reshaped or written away. */
function taskResult(node: StateNode): PayloadType {
  // ResultSelector is a payload template: it always builds an object.
  if (node.raw['ResultSelector'] !== undefined) return OBJECT;
  if (node.type === 'Task') return UNKNOWN;
  // With ResultWriter a Map's result describes where the results went: an object.
  if (node.type === 'Map' && node.raw['ResultWriter'] !== undefined) return OBJECT;
  return { kind: 'nonObject', what: 'an array', from: node.name };
}

/** A Pass's result: its `Result`, else its Parameters (an object template), else its input. */
function passResult(node: StateNode, input: PayloadType): PayloadType {
  const result = node.raw['Result'];
  if (result !== undefined) return literalType(result, node.name);
  if (node.raw['Parameters'] !== undefined) return literalType(node.raw['Parameters'], node.name);
  return effectiveInput(node.raw['InputPath'], input);
}

function effectiveInput(inputPath: Json | undefined, input: PayloadType): PayloadType {
  if (inputPath === null) return OBJECT; // `null` stands for {}
  return narrows(inputPath) ? UNKNOWN : input;
}

/** JSONata: without `Output`, a Task, Parallel or Map outputs `$states.result`; others pass on. */
function defaultJsonataOutput(node: StateNode, input: PayloadType): PayloadType {
  switch (node.type) {
    case 'Task':
      return UNKNOWN;
    case 'Parallel':
    case 'Map':
      return taskResult(node);
    default:
      return input;
  }
}

/**
 * A JSONata `Output`: a JSON literal is what it is (an object may hold expressions, and is still
 * an object); an expression is known only when it is `$states.input`, an array constructor
 * (`[...]`) or a scalar literal.
 */
function jsonataOutput(
  node: StateNode,
  output: Json | undefined,
  input: PayloadType,
  fallback: PayloadType,
): PayloadType {
  if (output === undefined) return fallback;
  const expression = jsonataExpression(output);
  if (expression === undefined) return literalType(output, node.name);
  if (expression === '$states.input') return input;
  if (expression.startsWith('[')) return { kind: 'nonObject', what: 'an array', from: node.name };
  const scalar = scalarLiteral(expression);
  return scalar === undefined
    ? UNKNOWN
    : { kind: 'nonObject', what: describeLiteral(scalar), from: node.name };
}

function literalType(value: Json, from: string): PayloadType {
  const what = describeLiteral(value);
  return what === 'an object' ? OBJECT : { kind: 'nonObject', what, from };
}

/** A JSONata expression that is one string, number, boolean or null literal. */
const SCALAR =
  /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

function scalarLiteral(expression: string): Json | undefined {
  if (!SCALAR.test(expression)) return undefined;
  if (expression.startsWith("'") || expression.startsWith('"')) return '';
  if (expression === 'true' || expression === 'false') return true;
  if (expression === 'null') return null;
  return 0;
}
