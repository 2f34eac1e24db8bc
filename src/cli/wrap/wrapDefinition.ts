import { closerChain, DEFAULT_CLOSER_NAME } from '../check/closerChain.ts';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { type Machine, parseDefinition, type QueryLanguage } from '../check/parseDefinition.ts';
import { statesThatReach } from '../check/stateGraph.ts';
import { walkStates } from '../check/walkStates.ts';
import { catchAllCatcher } from './catchAllCatcher.ts';
import { type CloserStateNames, closerStateNames, closerStates } from './closerStates.ts';
import { failToPass } from './failToPass.ts';
import { mergeInto } from './mergeInto.ts';
import { StateNames } from './StateNames.ts';

/** Options of `wrapDefinition`. */
export interface WrapOptions {
  /** ARN of the SubStepCloser Lambda function, for a Closer Task that has to be added. */
  readonly closerArn: string;
  /** Name of the Closer Task. Default `Closer:Send`. */
  readonly closerName?: string;
}

/** The definition cannot be wrapped as it stands. */
export class WrapError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WrapError';
  }
}

const CATCHING_TYPES: ReadonlySet<string> = new Set(['Task', 'Parallel', 'Map']);

/**
 * Rewrites a valid definition so that it follows the Closer contract (`check` finds no errors),
 * and returns the new definition; the input is not modified. It:
 * - adds the Closer states that are missing (see `closerStates`);
 * - turns every top-level end outside the Closer chain into a transition to the Closer: a Succeed
 *   becomes a Pass, `End: true` becomes `Next`, a Fail becomes Passes that record its Error and
 *   Cause in `$.meta.error`/`$.meta.cause` and mark the execution failed;
 * - appends a `States.ALL` catcher (`ResultPath: $.errors.<State>`, after the existing ones) to
 *   every top-level Task, Parallel and Map outside the chain that has none, leading through the
 *   mark-failed state (`$.meta.status = false`) into the Closer;
 * - gives every Choice without a Default one that fails into the Closer (nested Choices get a
 *   Fail state that the enclosing state's catcher routes there).
 *
 * Wrapping its own output changes nothing. It cannot mend a loop that never ends nor a parent
 * Task without a timeout; `check` still reports those.
 *
 * @example
 * const wrapped = wrapDefinition(definition, {
 *   closerArn: 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser',
 * });
 */
export function wrapDefinition(definition: object, options: WrapOptions): JsonObject {
  const output = structuredClone(definition) as JsonObject;
  const states = output['States'];
  const parsed = parseDefinition(output);
  if (!isJsonObject(states)) throw new WrapError('The definition has no States.');
  const closerName = options.closerName ?? DEFAULT_CLOSER_NAME;
  const existing = states[closerName];
  if (isJsonObject(existing) && existing['Type'] !== 'Task') {
    throw new WrapError(
      `${closerName} is a ${String(existing['Type'])} state, not a Task: rename it or pass --closer.`,
    );
  }
  const builder = new WrapBuilder(states, parsed.root, parsed.queryLanguage, {
    closerArn: options.closerArn,
    closerName,
  });
  builder.addCloser();
  builder.closeEnds();
  builder.addCatchAlls();
  builder.addChoiceDefaults(output, false);
  builder.appendAdded();
  return output;
}

/** The steps of `wrapDefinition`, sharing the definition being rewritten and the names in use. */
class WrapBuilder {
  readonly #states: JsonObject;
  readonly #queryLanguage: QueryLanguage;
  readonly #names: CloserStateNames;
  readonly #templates: Record<string, JsonObject>;
  readonly #taken: StateNames;
  /** New states, appended after the existing ones in the order they were first needed. */
  readonly #added = new Map<string, JsonObject>();

  constructor(
    states: JsonObject,
    root: Machine,
    queryLanguage: QueryLanguage,
    options: { readonly closerArn: string; readonly closerName: string },
  ) {
    this.#states = states;
    this.#queryLanguage = queryLanguage;
    this.#names = closerStateNames(options.closerName);
    this.#templates = closerStates({ ...options, queryLanguage });
    this.#taken = new StateNames([...walkStates(root)].map(({ node }) => node.name));
  }

  /** Adds the Closer Task if it is missing, then every Closer state it leads to that is missing. */
  addCloser(): void {
    if (this.#has(this.#names.send)) return;
    const needed = new Set([this.#names.send]);
    for (const name of needed) {
      const template = this.#templates[name];
      if (template === undefined) continue;
      for (const target of transitions(template)) {
        if (this.#templates[target] !== undefined && !this.#has(target)) needed.add(target);
      }
    }
    // In the order closerStates lists them, which reads top to bottom.
    for (const [name, template] of Object.entries(this.#templates)) {
      if (needed.has(name)) this.#add(name, structuredClone(template));
    }
  }

  /** Turns Succeed, Fail and `End: true` outside the Closer chain into transitions into it. */
  closeEnds(): void {
    const root = this.#parse();
    const chain = this.#chain(root);
    for (const node of root.states.values()) {
      if (chain.has(node.name)) continue;
      if (node.type === 'Succeed') {
        this.#states[node.name] = { ...node.raw, Type: 'Pass', Next: this.#names.send };
      } else if (node.type === 'Fail') {
        const replacement = failToPass(
          node.name,
          node.raw,
          node.queryLanguage,
          this.#markFailed(),
          this.#taken,
        );
        this.#states[node.name] = replacement.state;
        for (const [name, state] of replacement.added) this.#add(name, state);
      } else if (node.end) {
        this.#states[node.name] = renameKey(node.raw, 'End', 'Next', this.#names.send);
      }
    }
  }

  /**
   * Gives every Task, Parallel and Map outside the chain a `States.ALL` catcher that leads into
   * it: existing catchers stay first; one that leads nowhere near the Closer is redirected.
   */
  addCatchAlls(): void {
    const root = this.#parse();
    const chain = this.#chain(root);
    const reaches = statesThatReach(root, [...chain, this.#names.markFailed]);
    for (const node of root.states.values()) {
      if (!CATCHING_TYPES.has(node.type) || chain.has(node.name)) continue;
      const catchers = Array.isArray(node.raw['Catch']) ? node.raw['Catch'] : [];
      const catchAll = catchers.find(
        (catcher): catcher is JsonObject =>
          isJsonObject(catcher) &&
          Array.isArray(catcher['ErrorEquals']) &&
          catcher['ErrorEquals'].includes('States.ALL'),
      );
      if (catchAll === undefined) {
        const catcher = catchAllCatcher(node.name, node.queryLanguage, this.#markFailed());
        node.raw['Catch'] = [...catchers, catcher];
      } else if (typeof catchAll['Next'] !== 'string' || !reaches.has(catchAll['Next'])) {
        catchAll['Next'] = this.#markFailed();
      }
    }
  }

  /**
   * Gives every Choice without a Default one. Top level: a Pass that records
   * `States.NoChoiceMatched` and marks the execution failed. Nested: a Fail state in the same
   * branch, which the enclosing state's catcher routes to the Closer.
   */
  addChoiceDefaults(machine: JsonObject, nested: boolean): void {
    const states = machine['States'];
    if (!isJsonObject(states)) return;
    for (const [name, state] of Object.entries(states)) {
      if (!isJsonObject(state)) continue;
      if (state['Type'] === 'Choice' && state['Default'] === undefined) {
        state['Default'] = nested ? this.#nestedNoMatch(states, name) : this.#noChoiceMatched();
      }
      for (const child of nestedMachines(state)) this.addChoiceDefaults(child, true);
    }
  }

  /** Puts the new states after the existing ones. */
  appendAdded(): void {
    for (const [name, state] of this.#added) this.#states[name] = state;
  }

  #nestedNoMatch(states: JsonObject, choice: string): string {
    const name = this.#taken.claim(`${choice}:NoMatch`);
    states[name] = {
      Type: 'Fail',
      Error: 'States.NoChoiceMatched',
      Cause: `No Choices rule of ${choice} matched its input.`,
    };
    return name;
  }

  #noChoiceMatched(): string {
    const name = this.#names.noChoiceMatched;
    if (this.#has(name)) return name;
    const next = this.#markFailed();
    this.#add(
      name,
      this.#queryLanguage === 'JSONata'
        ? {
            Type: 'Pass',
            Output: mergeInto('meta', "{'error': 'States.NoChoiceMatched'}"),
            Next: next,
          }
        : {
            Type: 'Pass',
            Result: 'States.NoChoiceMatched',
            ResultPath: '$.meta.error',
            Next: next,
          },
    );
    return name;
  }

  #markFailed(): string {
    const name = this.#names.markFailed;
    const template = this.#templates[name];
    if (!this.#has(name) && template !== undefined) this.#add(name, structuredClone(template));
    return name;
  }

  #has(name: string): boolean {
    return this.#states[name] !== undefined || this.#added.has(name);
  }

  #add(name: string, state: JsonObject): void {
    this.#added.set(name, state);
    this.#taken.reserve(name);
  }

  /** The top level as it stands now, added states included. */
  #parse(): Machine {
    const states: JsonObject = { ...this.#states, ...Object.fromEntries(this.#added) };
    return parseDefinition({
      QueryLanguage: this.#queryLanguage,
      StartAt: this.#names.send,
      States: states,
    }).root;
  }

  #chain(root: Machine): ReadonlySet<string> {
    const chain = closerChain(root, this.#names.send);
    return chain.kind === 'found' ? chain.states : new Set();
  }
}

/** Next, Default, Choice rules' Next and catchers' Next of a state, read from its JSON. */
function transitions(state: JsonObject): string[] {
  const targets: string[] = [];
  const collect = (value: Json | undefined): void => {
    if (isJsonObject(value) && typeof value['Next'] === 'string') targets.push(value['Next']);
  };
  collect(state);
  if (typeof state['Default'] === 'string') targets.push(state['Default']);
  for (const field of ['Choices', 'Catch']) {
    const list = state[field];
    if (Array.isArray(list)) list.forEach(collect);
  }
  return targets;
}

function nestedMachines(state: JsonObject): JsonObject[] {
  const branches = Array.isArray(state['Branches']) ? state['Branches'] : [];
  return [...branches, state['ItemProcessor'], state['Iterator']].filter(isJsonObject);
}

/** Replaces one key with another at the same position, so the output diffs cleanly. */
function renameKey(object: JsonObject, from: string, to: string, value: Json): JsonObject {
  const renamed: JsonObject = {};
  for (const [key, item] of Object.entries(object)) {
    if (key === from) renamed[to] = value;
    else if (key !== to) renamed[key] = item;
  }
  return renamed;
}
