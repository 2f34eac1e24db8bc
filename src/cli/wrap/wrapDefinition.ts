import { closerChain, DEFAULT_CLOSER_NAME } from '../check/closerChain.ts';
import { errorKey } from '../check/errorKey.ts';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { type Machine, parseDefinition, type QueryLanguage } from '../check/parseDefinition.ts';
import { statesThatReach } from '../check/stateGraph.ts';
import { walkStates } from '../check/walkStates.ts';
import { catchAllCatcher, caughtErrorAssign } from './catchAllCatcher.ts';
import { type CloserStateNames, closerStateNames, closerStates } from './closerStates.ts';
import { CloserVariable } from './closerVariables.ts';
import { failToPass } from './failToPass.ts';
import { StateNames } from './StateNames.ts';
import { isCurrentCloserSend, upgradeCloserSend } from './upgradeCloserSend.ts';

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
 * - adds the Closer states that are missing (see `closerStates`), and upgrades an earlier Closer
 *   section, one that reads the parent link from the payload, to the current one, keeping the
 *   user's own retriers and catchers on the Closer Task (see `upgradeCloserSend`);
 * - turns every top-level end outside the Closer chain into a transition to the Closer: a Succeed
 *   becomes a Pass, `End: true` becomes `Next`, a Fail becomes a Pass that records its Error and
 *   Cause as the child's failure and marks it failed;
 * - appends a `States.ALL` catcher (after the existing ones) to every top-level Task, Parallel and
 *   Map outside the chain that has none: it keeps the payload as it is, records the error in
 *   variables and leads through the mark-failed state into the Closer;
 * - gives every Choice without a Default one that fails into the Closer (nested Choices get a
 *   Fail state that the enclosing state's catcher routes there).
 *
 * Nothing it adds writes into the payload, so a payload of any JSON type (an array after a
 * Parallel, a string) reaches the Closer, and the Closer finds the parent in the execution input.
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
  builder.upgradeCloser();
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

  /**
   * Upgrades an earlier Closer section (one that reads the parent link from the payload) to the
   * current one: the Closer Task keeps the user's additions (see `upgradeCloserSend`), and the
   * Closer states after it, which read the result where the earlier Task wrote it
   * (`$.meta.status`), are replaced by the current ones. A current section is left as it is.
   */
  upgradeCloser(): void {
    const existing = this.#states[this.#names.send];
    const template = this.#templates[this.#names.send];
    if (!isJsonObject(existing) || template === undefined || isCurrentCloserSend(existing)) return;
    this.#states[this.#names.send] = upgradeCloserSend(existing, template, (name) =>
      this.#has(name),
    );
    for (const [name, state] of Object.entries(this.#templates)) {
      if (name !== this.#names.send && this.#has(name)) this.#states[name] = structuredClone(state);
    }
    if (this.#has(this.#names.noChoiceMatched)) {
      this.#states[this.#names.noChoiceMatched] = noChoiceMatchedState(this.#markFailed());
    }
  }

  /** Adds the Closer Task if it is missing, then every Closer state it leads to that is missing. */
  addCloser(): void {
    const needed = new Set([this.#names.send]);
    for (const name of needed) {
      const template = this.#has(name) ? this.#states[name] : this.#templates[name];
      if (!isJsonObject(template)) continue;
      if (template === undefined) continue;
      for (const target of transitions(template)) {
        if (this.#templates[target] !== undefined) needed.add(target);
      }
    }
    // In the order closerStates lists them, which reads top to bottom.
    for (const [name, template] of Object.entries(this.#templates)) {
      if (needed.has(name) && !this.#has(name)) this.#add(name, structuredClone(template));
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
        this.#states[node.name] = failToPass(node.raw, node.queryLanguage, this.#markFailed());
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
        const catcher = catchAllCatcher(node.queryLanguage, this.#markFailed());
        node.raw['Catch'] = [...catchers, catcher];
      } else if (typeof catchAll['Next'] !== 'string' || !reaches.has(catchAll['Next'])) {
        catchAll['Next'] = this.#markFailed();
        recordCaughtError(catchAll, node.name, node.queryLanguage);
      } else if (catchAll['Next'] === this.#names.markFailed) {
        recordCaughtError(catchAll, node.name, node.queryLanguage);
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
    this.#add(name, noChoiceMatchedState(next));
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

/**
 * Makes a catch-all that leads into the mark-failed step record its error in variables. One that
 * an earlier `wrap` added stored it in the payload (`$.errors.<State>`), which fails on a payload
 * that is not an object: it keeps the payload as it is instead. A catcher the user wrote keeps its
 * own ResultPath/Output.
 */
function recordCaughtError(catcher: JsonObject, stateName: string, language: QueryLanguage): void {
  const key = errorKey(stateName);
  if (language === 'JSONPath' && catcher['ResultPath'] === `$.errors.${key}`) {
    catcher['ResultPath'] = null;
  }
  if (language === 'JSONata' && catcher['Output'] === earlierJsonataCatcherOutput(key)) {
    catcher['Output'] = '{% $states.input %}';
  }
  catcher['Assign'] = {
    ...(isJsonObject(catcher['Assign']) ? catcher['Assign'] : {}),
    ...caughtErrorAssign(language),
  };
}

/** The `Output` an earlier `wrap` gave the JSONata catch-alls it added. */
function earlierJsonataCatcherOutput(key: string): string {
  return `{% $merge([$states.input, {'errors': $merge([$states.input.errors, {'${key}': $states.errorOutput}])}]) %}`;
}

/**
 * Records `States.NoChoiceMatched` as the child's failure. JSONata, like the other Closer states:
 * a literal Assign reads nothing, so it fits a machine of either language.
 */
function noChoiceMatchedState(next: string): JsonObject {
  return {
    QueryLanguage: 'JSONata',
    Type: 'Pass',
    Assign: {
      [CloserVariable.failure]: {
        Error: 'States.NoChoiceMatched',
        Cause: 'No Choices rule matched the input, and the Choice had no Default.',
      },
    },
    Next: next,
  };
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
