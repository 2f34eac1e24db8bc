import { isJsonObject, type Json, type JsonObject } from './Json.ts';

/** The two query languages of Amazon States Language; JSONPath is the default. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** The state types of Amazon States Language. */
export type StateType =
  | 'Task'
  | 'Pass'
  | 'Choice'
  | 'Wait'
  | 'Succeed'
  | 'Fail'
  | 'Parallel'
  | 'Map';

const STATE_TYPES: ReadonlySet<string> = new Set<StateType>([
  'Task',
  'Pass',
  'Choice',
  'Wait',
  'Succeed',
  'Fail',
  'Parallel',
  'Map',
]);

/** One entry of a state's `Catch`. */
export interface Catcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  readonly raw: JsonObject;
}

/** A nested machine: a Parallel branch or a Map item processor. */
export interface SubMachine {
  /** `Branch[0]`, `ItemProcessor` or `Iterator`. */
  readonly label: string;
  readonly machine: Machine;
}

/** One state, with its transitions pulled out so graph code need not read raw JSON. */
export interface StateNode {
  readonly name: string;
  /** Display path: `Name` at the top level, `Parallel1/Branch[0]/Name` inside a branch. */
  readonly path: string;
  readonly type: StateType;
  readonly queryLanguage: QueryLanguage;
  readonly next: string | undefined;
  readonly end: boolean;
  /** A Choice's `Default`. */
  readonly defaultNext: string | undefined;
  /** The `Next` of each of a Choice's rules. */
  readonly choiceNexts: readonly string[];
  readonly catchers: readonly Catcher[];
  /**
   * Every state this one can move to: its rules' `Next`, `Next`, `Default` and each catcher's
   * `Next`, in that order. Computed once here: every graph search reads it.
   */
  readonly successors: readonly string[];
  /** Parallel branches and Map item processors. */
  readonly children: readonly SubMachine[];
  /** The state's JSON, as written. */
  readonly raw: JsonObject;
}

/** A `StartAt` + `States` pair: the whole definition or one nested machine. */
export interface Machine {
  readonly startAt: string;
  /** In definition order. */
  readonly states: ReadonlyMap<string, StateNode>;
  /** Prepended to state names to form paths: `''` at the top level. */
  readonly prefix: string;
}

/** A parsed definition. */
export interface Definition {
  readonly root: Machine;
  /** The top-level `QueryLanguage` (default JSONPath), inherited by every state that sets none. */
  readonly queryLanguage: QueryLanguage;
}

/** The definition does not have the shape of a state machine. */
export class InvalidDefinitionError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidDefinitionError';
  }
}

/**
 * Reads a state machine definition into a graph of `StateNode`s, nested machines included.
 * It checks only what the graph needs; run `validateDefinition` first for the full ASL rules.
 *
 * @example
 * const { root } = parseDefinition(JSON.parse(text));
 * root.states.get(root.startAt)?.type; // 'Task'
 */
export function parseDefinition(definition: unknown): Definition {
  if (!isJsonObject(definition))
    throw new InvalidDefinitionError('The definition is not an object.');
  const queryLanguage = readQueryLanguage(
    definition['QueryLanguage'],
    'JSONPath',
    'the definition',
  );
  return { root: parseMachine(definition, '', queryLanguage), queryLanguage };
}

function parseMachine(json: JsonObject, prefix: string, inherited: QueryLanguage): Machine {
  const startAt = json['StartAt'];
  const states = json['States'];
  const where = prefix === '' ? 'the definition' : prefix.slice(0, -1);
  if (typeof startAt !== 'string') {
    throw new InvalidDefinitionError(`StartAt is missing in ${where}.`);
  }
  if (!isJsonObject(states)) throw new InvalidDefinitionError(`States is missing in ${where}.`);
  const nodes = new Map<string, StateNode>();
  for (const [name, state] of Object.entries(states)) {
    nodes.set(name, parseState(name, state, prefix, inherited));
  }
  return { startAt, states: nodes, prefix };
}

function parseState(
  name: string,
  state: Json,
  prefix: string,
  inherited: QueryLanguage,
): StateNode {
  const path = `${prefix}${name}`;
  if (!isJsonObject(state)) throw new InvalidDefinitionError(`State ${path} is not an object.`);
  const type = state['Type'];
  if (typeof type !== 'string' || !STATE_TYPES.has(type)) {
    throw new InvalidDefinitionError(`State ${path} has no valid Type.`);
  }
  // A state's QueryLanguage overrides the top level's; nested states inherit the top level's, as
  // Step Functions and asl-validator do.
  const queryLanguage = readQueryLanguage(state['QueryLanguage'], inherited, path);
  const choices = state['Choices'];
  const next = optionalString(state['Next']);
  const defaultNext = optionalString(state['Default']);
  const choiceNexts = Array.isArray(choices)
    ? choices.flatMap((rule) => (isJsonObject(rule) ? stringList(rule['Next']) : []))
    : [];
  const catchers = parseCatchers(state['Catch']);
  const successors = [...choiceNexts];
  if (next !== undefined) successors.push(next);
  if (defaultNext !== undefined) successors.push(defaultNext);
  for (const catcher of catchers) successors.push(catcher.next);
  return {
    name,
    path,
    type: type as StateType,
    queryLanguage,
    next,
    end: state['End'] === true,
    defaultNext,
    choiceNexts,
    catchers,
    successors,
    // Only Parallel and Map states have nested machines (most states do not: skip the work).
    children:
      type === 'Parallel' || type === 'Map' ? parseChildren(state, `${path}/`, inherited) : [],
    raw: state,
  };
}

/** ItemProcessor is today's name; Iterator is the legacy one and still accepted. */
const PROCESSOR_FIELDS = ['ItemProcessor', 'Iterator'] as const;

function parseChildren(state: JsonObject, prefix: string, inherited: QueryLanguage): SubMachine[] {
  const children: SubMachine[] = [];
  const branches = state['Branches'];
  if (Array.isArray(branches)) {
    branches.forEach((branch, index) => {
      if (!isJsonObject(branch)) return;
      const label = `Branch[${index}]`;
      children.push({ label, machine: parseMachine(branch, `${prefix}${label}/`, inherited) });
    });
  }
  for (const label of PROCESSOR_FIELDS) {
    const processor = state[label];
    if (isJsonObject(processor)) {
      children.push({ label, machine: parseMachine(processor, `${prefix}${label}/`, inherited) });
    }
  }
  return children;
}

function parseCatchers(catchField: Json | undefined): Catcher[] {
  if (!Array.isArray(catchField)) return [];
  return catchField.flatMap((raw) => {
    if (!isJsonObject(raw) || typeof raw['Next'] !== 'string') return [];
    const errorEquals = Array.isArray(raw['ErrorEquals'])
      ? raw['ErrorEquals'].filter((error) => typeof error === 'string')
      : [];
    return [{ errorEquals, next: raw['Next'], raw }];
  });
}

function readQueryLanguage(
  value: Json | undefined,
  fallback: QueryLanguage,
  where: string,
): QueryLanguage {
  if (value === undefined) return fallback;
  if (value === 'JSONPath' || value === 'JSONata') return value;
  throw new InvalidDefinitionError(`QueryLanguage of ${where} must be JSONPath or JSONata.`);
}

function optionalString(value: Json | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function stringList(value: Json | undefined): string[] {
  return typeof value === 'string' ? [value] : [];
}
