import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import {
  type BatchLimits,
  batchItems,
  type DistributedMapPlan,
  planDistributedMap,
} from './distributedMapItems.ts';
import { SimulationInputError } from './errors.ts';
import { isExpression } from './evaluateJsonata.ts';
import { isSimpleAssign } from './evaluateJsonPathAssign.ts';
import { resolveTaskTarget, type TaskTarget } from './resolveTaskTarget.ts';
import type { SimConfig } from './SimConfig.ts';

type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * A state the simulator runs itself, as a local Task handler, because the ASL engine cannot run
 * it as written: every Task (its resource is local), and what the engine gets wrong or lacks.
 */
export type LocalStep =
  | {
      readonly kind: 'task';
      readonly language: QueryLanguage;
      readonly state: JsonObject;
      readonly target: TaskTarget;
    }
  /**
   * A JSONPath Pass whose `Result` is falsy (`false`, `0`, `""`, `null`). The engine treats such a
   * Result as absent and passes the input through; Step Functions honours it, and the seed marks
   * failure with `"Result": false`.
   */
  | { readonly kind: 'constant'; readonly value: Json }
  | { readonly kind: 'jsonataPass'; readonly state: JsonObject }
  | { readonly kind: 'jsonataChoice'; readonly state: JsonObject }
  | { readonly kind: 'jsonataWait'; readonly state: JsonObject }
  /**
   * A JSONPath Wait: the simulator pauses on its virtual clock, so a Wait of a day takes no real
   * time yet ends when it would on AWS. The engine applies the state's InputPath and OutputPath.
   */
  | { readonly kind: 'jsonPathWait'; readonly state: JsonObject }
  | { readonly kind: 'jsonataSucceed'; readonly state: JsonObject }
  | { readonly kind: 'jsonataFail'; readonly state: JsonObject }
  /**
   * After a JSONata Parallel's or Map's wrap step: evaluates its `Arguments` (Parallel) or `Items`
   * (Map) and hands the engine `{ input, args }` or `{ input, items }`, so its hidden engine state
   * can read them with JSONPath and the exit step still sees the state's input.
   */
  | {
      readonly kind: 'jsonataEnter';
      readonly stateName: string;
      readonly state: JsonObject;
      /** A distributed Map's items, as the config gives them for its ItemReader. */
      readonly readerItems?: readonly Json[];
      /** A distributed Map's ItemBatcher limits: the items are grouped into batches. */
      readonly batcher?: BatchLimits;
    }
  /** The first part of a JSONata Parallel or Map: wraps the state's input as `{ input }`. */
  | { readonly kind: 'jsonataWrap' }
  /**
   * A catcher of a JSONata Parallel or Map: its `Output`/`Assign`, given `{ input, errorOutput }`
   * (the state's input travels with the error, so each Map iteration catches with its own).
   */
  | {
      readonly kind: 'jsonataCarriedCatch';
      readonly stateName: string;
      readonly catcher: JsonObject;
    }
  /** Where a JSONata Parallel or Map ends: its `Output` and `Assign`, with `$states.result`. */
  | { readonly kind: 'jsonataExit'; readonly stateName: string; readonly state: JsonObject }
  /** A JSONata Map's `ItemSelector`, for one item: the first state of each iteration. */
  | { readonly kind: 'jsonataItem'; readonly stateName: string; readonly state: JsonObject }
  /** Evaluates a JSONata catcher's `Output`/`Assign` once the engine has caught the error. */
  | { readonly kind: 'jsonataCatch'; readonly stateName: string; readonly catcher: JsonObject }
  /** A JSONPath Pass that only assigns variables (the engine has no `Assign`). */
  | { readonly kind: 'jsonPathAssign'; readonly state: JsonObject }
  /**
   * Evaluates a JSONPath catcher's `Assign` against the caught error once the engine has applied
   * the catcher's `ResultPath`.
   */
  | { readonly kind: 'jsonPathCatch'; readonly stateName: string; readonly catcher: JsonObject }
  /**
   * The `Retry` of a Parallel or Map, on the virtual clock: the engine's state catches every error
   * into this step (with `ResultPath: null`, so it gets the state's input back), which pauses and
   * goes back to the state, or, past the retriers, fails into the state's own catchers.
   */
  | {
      readonly kind: 'retryGate';
      readonly stateName: string;
      readonly stateType: string;
      readonly retriers: readonly Json[];
    };

/** An engine state that the trace shows as part of the original state `state`. */
export interface StateAlias {
  readonly state: string;
  readonly shows: ReadonlySet<string>;
}

/** A child a Task names with a literal `StateMachineArn`: checked before the run starts. */
export interface ChildReference {
  readonly state: string;
  readonly stateMachineArn: string;
}

/** A definition made runnable on the engine, with what the simulator must do alongside it. */
export interface PreparedMachine {
  /** The definition the engine runs. */
  readonly definition: JsonObject;
  /** Local handlers to install, keyed by (engine) state name. */
  readonly steps: ReadonlyMap<string, LocalStep>;
  /** The original `Type` of every original state, for the trace. */
  readonly stateTypes: ReadonlyMap<string, string>;
  /** States added for the engine's sake; the trace leaves them out. */
  readonly hidden: ReadonlySet<string>;
  /** Each retry gate, with the Parallel or Map it retries: its catches are that state's. */
  readonly gates: ReadonlyMap<string, string>;
  /**
   * Engine states that stand for part of one original state (a JSONata Parallel or Map runs as
   * four), with the event types the trace shows for each, under the original name.
   */
  readonly aliases: ReadonlyMap<string, StateAlias>;
  /**
   * The items of each JSONPath distributed Map whose ItemReader the config fills, by the key its
   * engine Map reads them at (`$$.ItemReaderItems.<key>`): batches when it has an ItemBatcher.
   */
  readonly readerItems: Readonly<Record<string, readonly Json[]>>;
  /**
   * Retry pauses the engine takes itself: none. A Task's pause runs on the virtual clock (see
   * `retryPause`), and a Parallel's or Map's in its retry gate.
   */
  readonly retryOverrides: Readonly<Record<string, number>>;
  /** The state machine's own `TimeoutSeconds`, which the simulator enforces on its clock. */
  readonly timeoutSeconds?: number;
  readonly childReferences: readonly ChildReference[];
  /** The top-level `TimeoutSeconds` of each `startExecution` Task, by state name. */
  readonly taskTimeouts: ReadonlyMap<
    string,
    { readonly timeoutSeconds?: number; readonly heartbeatSeconds?: number }
  >;
}

const LOCAL_RESOURCE = 'arn:aws:states:::simulator:local';
/** The longest delay a Node timer holds: 2^31-1 milliseconds, about 24.8 days. */
const MAX_TIMER_SECONDS = 2_147_483;
const FALSY_RESULTS = new Set<Json>([false, 0, '', null]);

/**
 * Prepares a (valid) definition for the engine: maps every Task to what runs locally, rewrites
 * what the engine gets wrong (falsy Pass `Result`, `ResultPath: "$"`), turns JSONata states into
 * local handlers (the engine only knows JSONPath), and takes Waits, retry pauses and timeouts
 * off the engine's real timers: the simulator runs them on its virtual clock.
 *
 * @throws SimulationInputError listing every Task that has no local mapping and every feature
 *   the simulator does not run.
 * @example
 * const machine = prepareMachine(definition, config);
 * new StateMachine(machine.definition, { validationOptions: { noValidate: true } });
 */
export function prepareMachine(
  definition: JsonObject,
  config: Pick<SimConfig, 'tasks' | 'closer' | 'speed' | 'items'>,
  label = 'definition',
): PreparedMachine {
  const prepared = {
    steps: new Map<string, LocalStep>(),
    stateTypes: new Map<string, string>(),
    hidden: new Set<string>(),
    gates: new Map<string, string>(),
    aliases: new Map<string, StateAlias>(),
    readerItems: {} as Record<string, readonly Json[]>,
    retryOverrides: {} as Record<string, number>,
    childReferences: [] as ChildReference[],
    taskTimeouts: new Map<string, { timeoutSeconds?: number; heartbeatSeconds?: number }>(),
    problems: [] as string[],
  };
  const topLanguage: QueryLanguage =
    definition['QueryLanguage'] === 'JSONata' ? 'JSONata' : 'JSONPath';
  const engineDefinition = prepareSubMachine(definition, topLanguage, config, prepared);
  if (prepared.problems.length > 0) {
    throw new SimulationInputError(
      `${label} cannot be simulated:\n${prepared.problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  const { problems: _, ...machine } = prepared;
  // The engine would time the execution out on a real timer: the simulator does it on its clock.
  const { TimeoutSeconds: __, ...untimed } = engineDefinition;
  const timeout = definition['TimeoutSeconds'];
  return {
    definition: untimed,
    ...machine,
    ...(typeof timeout === 'number' ? { timeoutSeconds: timeout } : {}),
  };
}

type Accumulator = {
  steps: Map<string, LocalStep>;
  stateTypes: Map<string, string>;
  hidden: Set<string>;
  gates: Map<string, string>;
  aliases: Map<string, StateAlias>;
  readerItems: Record<string, readonly Json[]>;
  retryOverrides: Record<string, number>;
  childReferences: ChildReference[];
  taskTimeouts: Map<string, { timeoutSeconds?: number; heartbeatSeconds?: number }>;
  problems: string[];
};

type Config = Pick<SimConfig, 'tasks' | 'closer' | 'speed' | 'items'>;

function prepareSubMachine(
  machine: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): JsonObject {
  const states = isJsonObject(machine['States']) ? machine['States'] : {};
  const engineStates: JsonObject = {};
  for (const [name, state] of Object.entries(states)) {
    if (!isJsonObject(state)) continue;
    const stateLanguage: QueryLanguage =
      state['QueryLanguage'] === 'JSONata'
        ? 'JSONata'
        : state['QueryLanguage'] === 'JSONPath'
          ? 'JSONPath'
          : language;
    out.stateTypes.set(name, String(state['Type']));
    const rewritten =
      // States in a Parallel's branches or a Map's processor default to the enclosing state's
      // query language, as `check` reads them.
      stateLanguage === 'JSONata'
        ? prepareJsonataState(name, state, stateLanguage, config, out)
        : prepareJsonPathState(name, state, stateLanguage, config, out);
    for (const [engineName, engineState] of Object.entries(rewritten)) {
      engineStates[engineName] = isJsonObject(engineState)
        ? withEngineTimeout(engineState)
        : engineState;
    }
    addRetryOverride(name, state, out);
  }
  const { QueryLanguage: _, ...rest } = machine;
  return { ...rest, States: engineStates };
}

/**
 * The engine times Tasks out on real timers (60 seconds when `TimeoutSeconds` is absent, where
 * Step Functions waits up to 99,999,999 seconds). The simulator times them on its virtual clock,
 * so the engine gets the longest timeout a Node timer holds, which never fires in a run.
 */
function withEngineTimeout(state: JsonObject): JsonObject {
  if (state['Type'] !== 'Task') return state;
  const { TimeoutSecondsPath: _, HeartbeatSecondsPath: __, HeartbeatSeconds: ___, ...rest } = state;
  return { ...rest, TimeoutSeconds: MAX_TIMER_SECONDS };
}

/** A state's own transition, for a state that replaces it: its `Next`, or `End`. */
function transitionOf(state: JsonObject): JsonObject {
  return 'Next' in state ? { Next: state['Next'] ?? null } : { End: true };
}

/** JSONPath fields a Pass may not have for the simulator to run its `Assign` itself. */
const DATA_FIELDS = ['InputPath', 'Parameters', 'Result', 'ResultPath', 'OutputPath'];

function prepareJsonPathState(
  name: string,
  given: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): JsonObject {
  const state = withStateName(name, given);
  if ('Assign' in state) {
    if (
      state['Type'] === 'Pass' &&
      isSimpleAssign(state['Assign']) &&
      DATA_FIELDS.every((field) => !(field in state))
    ) {
      out.steps.set(name, { kind: 'jsonPathAssign', state });
      const transition = transitionOf(state);
      return { [name]: { Type: 'Task', Resource: LOCAL_RESOURCE, ...transition } };
    }
    out.problems.push(
      `${name}: JSONPath variables (Assign) are simulated on catchers and on Pass states without ` +
        'InputPath, Parameters, Result, ResultPath or OutputPath, with plain paths only',
    );
  }
  const { state: caught, added } = withJsonPathCatchers(name, withoutWholeResultPath(state), out);
  const { state: engineState, gate } = withRetryGate(name, caught, out);
  return {
    [name]: prepareJsonPathBody(name, state, engineState, language, config, out),
    ...added,
    ...gate,
  };
}

/** The JSONPath templates in which a `"key.$": "$$.State.Name"` names the state. */
const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector'];

/**
 * The engine's context object has no `State`: `$$.State.Name` in a state's templates becomes the
 * state's name, as a literal (the same on every entry). `EnteredTime` is a getter on the context.
 */
function withStateName(name: string, state: JsonObject): JsonObject {
  const fill = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(fill);
    if (!isJsonObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) =>
        key.endsWith('.$') && entry === '$$.State.Name'
          ? [key.slice(0, -2), name]
          : [key, fill(entry)],
      ),
    );
  };
  const filled: JsonObject = { ...state };
  for (const field of TEMPLATE_FIELDS) {
    const template = state[field];
    if (template !== undefined) filled[field] = fill(template);
  }
  return filled;
}

/**
 * A Parallel or Map with `Retry`: the engine would pause between attempts on a real timer, so
 * its `Retry` moves into a hidden retry gate that pauses on the virtual clock. The state catches
 * every error into the gate (`ResultPath: null`: the gate receives the state's input, and reads
 * the error from the StateFailed event); the gate carries the state's own catchers.
 */
function withRetryGate(
  name: string,
  state: JsonObject,
  out: Accumulator,
  shownName = name,
): { state: JsonObject; gate: JsonObject } {
  const type = state['Type'];
  if ((type !== 'Parallel' && type !== 'Map') || !Array.isArray(state['Retry']))
    return { state, gate: {} };
  const gateName = `${name}#retry`;
  const { Retry, Catch, ...rest } = state;
  out.steps.set(gateName, {
    kind: 'retryGate',
    stateName: shownName,
    stateType: String(type),
    retriers: Retry as Json[],
  });
  out.hidden.add(gateName);
  out.gates.set(gateName, shownName);
  return {
    state: {
      ...rest,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: null, Next: gateName }],
    },
    gate: {
      [gateName]: {
        Type: 'Task',
        Resource: LOCAL_RESOURCE,
        Next: name,
        ...(Array.isArray(Catch) ? { Catch } : {}),
      },
    },
  };
}

/**
 * Sends each catcher that has an `Assign` through a hidden local step that evaluates it: the
 * engine applies the catcher's `ResultPath` and then goes to the step, which assigns and moves on
 * to the catcher's `Next`.
 */
function withJsonPathCatchers(
  name: string,
  state: JsonObject,
  out: Accumulator,
): { state: JsonObject; added: JsonObject } {
  if (!Array.isArray(state['Catch'])) return { state, added: {} };
  const added: JsonObject = {};
  const catchers = state['Catch'].map((catcher, index) => {
    if (!isJsonObject(catcher) || catcher['Assign'] === undefined) return catcher;
    if (!isSimpleAssign(catcher['Assign'])) {
      out.problems.push(
        `${name}: Catch[${index}].Assign uses a path the simulator does not evaluate`,
      );
      return catcher;
    }
    const { Assign: _, ...kept } = catcher;
    const synthetic = `${name}#catch${index}`;
    out.steps.set(synthetic, { kind: 'jsonPathCatch', stateName: name, catcher });
    out.hidden.add(synthetic);
    added[synthetic] = { Type: 'Task', Resource: LOCAL_RESOURCE, Next: catcher['Next'] ?? null };
    return { ...kept, Next: synthetic };
  });
  return { state: { ...state, Catch: catchers }, added };
}

function prepareJsonPathBody(
  name: string,
  state: JsonObject,
  engineState: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): JsonObject {
  switch (state['Type']) {
    case 'Task':
      addTask(name, state, 'JSONPath', config, out);
      return engineState;
    case 'Wait': {
      out.steps.set(name, { kind: 'jsonPathWait', state });
      const {
        Seconds: _,
        SecondsPath: __,
        Timestamp: ___,
        TimestampPath: ____,
        ...rest
      } = engineState;
      return { ...rest, Type: 'Task', Resource: LOCAL_RESOURCE };
    }
    case 'Pass':
      if ('Result' in state && FALSY_RESULTS.has(state['Result'] ?? null)) {
        out.steps.set(name, { kind: 'constant', value: state['Result'] ?? null });
        const { Result: _, ...rest } = engineState;
        return { ...rest, Type: 'Task', Resource: LOCAL_RESOURCE };
      }
      return engineState;
    case 'Parallel': {
      const branches = Array.isArray(state['Branches']) ? state['Branches'] : [];
      return {
        ...engineState,
        Branches: branches.map((branch) =>
          isJsonObject(branch) ? prepareSubMachine(branch, language, config, out) : branch,
        ),
      };
    }
    case 'Map': {
      const key = isJsonObject(state['ItemProcessor']) ? 'ItemProcessor' : 'Iterator';
      const processor = state[key];
      const mapped = isJsonObject(processor)
        ? { ...engineState, [key]: prepareSubMachine(processor, language, config, out) }
        : engineState;
      return withReaderItems(name, state, mapped, config, out);
    }
    default:
      return engineState;
  }
}

/**
 * A JSONPath distributed Map whose ItemReader the config fills reads its items (or batches of
 * them) from the context object, where the engine's `ItemsPath` can reach them; each batch becomes
 * `{ Items, BatchInput }` through an `ItemSelector` the engine evaluates, so a `BatchInput` may
 * use paths. An ItemBatcher on items from the input is refused (a JSONata Map can batch them).
 */
function withReaderItems(
  name: string,
  state: JsonObject,
  engineState: JsonObject,
  config: Config,
  out: Accumulator,
): JsonObject {
  const plan = planDistributedMap(name, state, config.items);
  out.problems.push(...plan.problems);
  const { ItemReader: _, ItemBatcher: __, ResultWriter: ___, ...rest } = engineState;
  if (plan.items === undefined) {
    if (plan.batcher !== undefined && !('ItemReader' in state))
      out.problems.push(
        `${name}: an ItemBatcher is simulated on what an ItemReader reads, or in a JSONata Map`,
      );
    return rest;
  }
  const batcher = isJsonObject(state['ItemBatcher']) ? state['ItemBatcher'] : {};
  const batchInput = batcher['BatchInput'];
  const key = `m${Object.keys(out.readerItems).length}`;
  out.readerItems[key] =
    plan.batcher === undefined ? plan.items : batchItems(plan.items, plan.batcher, batchInput);
  const { ItemsPath: ____, ...withoutPath } = rest;
  return {
    ...withoutPath,
    ItemsPath: `$$.ItemReaderItems.${key}`,
    ...(plan.batcher === undefined
      ? {}
      : {
          ItemSelector: {
            'Items.$': '$$.Map.Item.Value',
            ...(batchInput === undefined ? {} : { BatchInput: batchInput }),
          },
        }),
  };
}

/**
 * The engine writes `ResultPath: "$"` into a key named `$` instead of replacing the input; an
 * absent ResultPath means the same thing and the engine gets that right.
 */
function withoutWholeResultPath(state: JsonObject): JsonObject {
  const { ResultPath, ...rest } = state;
  const catchers = Array.isArray(state['Catch'])
    ? state['Catch'].map((catcher) => {
        if (!isJsonObject(catcher) || catcher['ResultPath'] !== '$') return catcher;
        const { ResultPath: _, ...kept } = catcher;
        return kept;
      })
    : undefined;
  return {
    ...rest,
    ...(ResultPath === '$' || ResultPath === undefined ? {} : { ResultPath }),
    ...(catchers === undefined ? {} : { Catch: catchers }),
  };
}

function prepareJsonataState(
  name: string,
  state: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): JsonObject {
  const transition = transitionOf(state);
  const local = (extra: JsonObject = {}): JsonObject => ({
    Type: 'Task',
    Resource: LOCAL_RESOURCE,
    ...(typeof state['Comment'] === 'string' ? { Comment: state['Comment'] } : {}),
    ...transition,
    ...extra,
  });
  switch (state['Type']) {
    case 'Task': {
      addTask(name, state, 'JSONata', config, out);
      const { engineCatchers, extra } = withJsonataCatchers(name, state, out);
      return {
        [name]: {
          Type: 'Task',
          Resource: typeof state['Resource'] === 'string' ? state['Resource'] : LOCAL_RESOURCE,
          ...transition,
          ...(Array.isArray(state['Retry']) ? { Retry: state['Retry'] } : {}),
          ...(engineCatchers.length > 0 ? { Catch: engineCatchers } : {}),
        },
        ...extra,
      };
    }
    case 'Pass':
      out.steps.set(name, { kind: 'jsonataPass', state });
      return { [name]: local() };
    case 'Wait':
      out.steps.set(name, { kind: 'jsonataWait', state });
      return { [name]: local() };
    case 'Succeed':
      out.steps.set(name, { kind: 'jsonataSucceed', state });
      return { [name]: local({ End: true }) };
    case 'Fail':
      out.steps.set(name, { kind: 'jsonataFail', state });
      return { [name]: local({ End: true }) };
    case 'Choice': {
      // The engine cannot evaluate `Condition`: a local step picks the rule, a hidden JSONPath
      // Choice routes on its index and restores the output.
      const route = `${name}#route`;
      out.steps.set(name, { kind: 'jsonataChoice', state });
      out.hidden.add(route);
      const rules = Array.isArray(state['Choices']) ? state['Choices'] : [];
      const nexts: Json[] = rules.map((rule) =>
        isJsonObject(rule) ? (rule['Next'] ?? null) : null,
      );
      const fallback =
        typeof state['Default'] === 'string'
          ? state['Default']
          : nexts.find((next) => typeof next === 'string');
      return {
        [name]: { Type: 'Task', Resource: LOCAL_RESOURCE, Next: route },
        [route]: {
          Type: 'Choice',
          Choices: nexts.map((next, index) => ({
            Variable: '$.choice',
            NumericEquals: index,
            Next: next,
          })),
          ...(fallback === undefined ? {} : { Default: fallback }),
          OutputPath: '$.output',
        },
      };
    }
    case 'Parallel':
    case 'Map':
      return prepareJsonataContainer(name, state, language, config, out);
    default:
      out.problems.push(`${name}: JSONata ${String(state['Type'])} states are not simulated`);
      return { [name]: state };
  }
}

/**
 * A JSONata catcher's `Output` and `Assign` run in a hidden local step after the engine has
 * caught the error; the engine's catcher goes there, and the step goes on to the catcher's Next.
 *
 * A Task's catcher goes there only when it has `Output` or `Assign` (the step reads the Task's
 * input by name). A Parallel's or Map's part always does (`carried`): its catcher puts the error
 * output beside the `input` the part received (`ResultPath: "$.errorOutput"`), and the step
 * applies `Output` (default the error output) and `Assign` to that.
 */
function withJsonataCatchers(
  name: string,
  state: JsonObject,
  out: Accumulator,
  carried = false,
): { engineCatchers: Json[]; extra: JsonObject } {
  const catchers = Array.isArray(state['Catch']) ? state['Catch'] : [];
  const extra: JsonObject = {};
  const engineCatchers = catchers.map((catcher, index) => {
    if (!isJsonObject(catcher)) return catcher;
    const { Output, Assign, ...kept } = catcher;
    if (!carried && Output === undefined && Assign === undefined) return kept;
    const synthetic = `${name}#catch${index}`;
    out.steps.set(synthetic, {
      kind: carried ? 'jsonataCarriedCatch' : 'jsonataCatch',
      stateName: name,
      catcher,
    });
    out.hidden.add(synthetic);
    extra[synthetic] = { Type: 'Task', Resource: LOCAL_RESOURCE, Next: catcher['Next'] ?? null };
    return { ...kept, ...(carried ? { ResultPath: '$.errorOutput' } : {}), Next: synthetic };
  });
  return { engineCatchers, extra };
}

/** The trace shows these events of each part of a JSONata Parallel or Map, as the state's. */
const WRAP_EVENTS = new Set(['StateEntered']);
const ENTER_EVENTS = new Set(['StateFailed', 'StateCaught']);
const RUN_EVENTS = new Set(['StateFailed', 'StateCaught', 'StateRetried']);
const EXIT_EVENTS = new Set(['StateExited', 'StateFailed', 'StateCaught']);

/**
 * A JSONata Parallel or inline Map runs as four engine states under one name in the trace:
 * `name`, a local step that wraps the state's input as `{ input }` (so every later part has an
 * object whose `input` is the state's, whatever it was); `name#enter`, a local step that adds
 * `args` (`Arguments`) or `items` (`Items`); `name#run`, the engine's own JSONPath Parallel or
 * Map, which reads them and puts the branches' or iterations' results at `$.result`; and
 * `name#output`, a local step for `Output` (default `$states.result`) and `Assign`.
 *
 * The last three carry the state's catchers, so a failed expression is caught as the state's own
 * failure. Each catcher puts the error output at `$.errorOutput` and goes through a hidden step
 * that evaluates its `Output` and `Assign` with the `input` it receives: concurrent Map
 * iterations each see their own. `Retry` retries the engine state.
 */
function prepareJsonataContainer(
  name: string,
  state: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): JsonObject {
  const isMap = state['Type'] === 'Map';
  const plan: DistributedMapPlan = isMap
    ? planDistributedMap(name, state, config.items)
    : { problems: [] };
  out.problems.push(...plan.problems);
  const enter = `${name}#enter`;
  const run = `${name}#run`;
  const exit = `${name}#output`;
  const { engineCatchers, extra } = withJsonataCatchers(name, state, out, true);
  const caught = engineCatchers.length > 0 ? { Catch: engineCatchers } : {};
  const transition = transitionOf(state);
  out.steps.set(name, { kind: 'jsonataWrap' });
  out.steps.set(enter, {
    kind: 'jsonataEnter',
    stateName: name,
    state,
    ...(plan.items === undefined ? {} : { readerItems: plan.items }),
    ...(plan.batcher === undefined ? {} : { batcher: plan.batcher }),
  });
  out.steps.set(exit, { kind: 'jsonataExit', stateName: name, state });
  out.aliases.set(name, { state: name, shows: WRAP_EVENTS });
  out.aliases.set(enter, { state: name, shows: ENTER_EVENTS });
  out.aliases.set(run, { state: name, shows: RUN_EVENTS });
  out.aliases.set(exit, { state: name, shows: EXIT_EVENTS });
  const body = isMap
    ? jsonataMapBody(name, state, language, config, out)
    : {
        Type: 'Parallel',
        InputPath: '$.args',
        Branches: (Array.isArray(state['Branches']) ? state['Branches'] : []).map((branch) =>
          isJsonObject(branch) ? prepareSubMachine(branch, language, config, out) : branch,
        ),
      };
  const engineState: JsonObject = {
    ...body,
    ResultPath: '$.result',
    Next: exit,
    ...(Array.isArray(state['Retry']) ? { Retry: state['Retry'] } : {}),
    ...caught,
  };
  const gated = withRetryGate(run, engineState, out, name);
  return {
    [name]: { Type: 'Task', Resource: LOCAL_RESOURCE, Next: enter },
    [enter]: { Type: 'Task', Resource: LOCAL_RESOURCE, Next: run, ...caught },
    [run]: gated.state,
    ...gated.gate,
    [exit]: { Type: 'Task', Resource: LOCAL_RESOURCE, ...transition, ...caught },
    ...extra,
  };
}

/**
 * The engine's Map for a JSONata Map: items from `$.items`. An `ItemSelector` runs as a hidden
 * first state of each iteration, given the item, its index and the Map's input. A JSONata
 * `MaxConcurrency` expression is not evaluated (the iterations run as if it were 0).
 */
function jsonataMapBody(
  name: string,
  state: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): JsonObject {
  const key = isJsonObject(state['ItemProcessor']) ? 'ItemProcessor' : 'Iterator';
  const processor = state[key];
  const prepared = isJsonObject(processor)
    ? prepareSubMachine(processor, language, config, out)
    : {};
  const concurrency = state['MaxConcurrency'];
  const base: JsonObject = {
    Type: 'Map',
    ItemsPath: '$.items',
    ...(typeof concurrency === 'number' ? { MaxConcurrency: concurrency } : {}),
  };
  if (state['ItemSelector'] === undefined) return { ...base, [key]: prepared };
  const item = `${name}#item`;
  out.steps.set(item, { kind: 'jsonataItem', stateName: name, state });
  out.hidden.add(item);
  const states = isJsonObject(prepared['States']) ? prepared['States'] : {};
  return {
    ...base,
    ItemSelector: {
      'value.$': '$$.Map.Item.Value',
      'index.$': '$$.Map.Item.Index',
      'input.$': '$.input',
    },
    [key]: {
      ...prepared,
      StartAt: item,
      States: {
        [item]: { Type: 'Task', Resource: LOCAL_RESOURCE, Next: prepared['StartAt'] ?? null },
        ...states,
      },
    },
  };
}

function addTask(
  name: string,
  state: JsonObject,
  language: QueryLanguage,
  config: Config,
  out: Accumulator,
): void {
  const target = resolveTaskTarget(name, state, config);
  if (target === undefined) {
    out.problems.push(
      `${name}: no local mapping for Resource ${JSON.stringify(state['Resource'])}; add it to the config's "tasks" (or "closer")`,
    );
    return;
  }
  out.steps.set(name, { kind: 'task', language, state, target });
  if (target.kind !== 'startExecution') return;
  const parameters = state[language === 'JSONata' ? 'Arguments' : 'Parameters'];
  const arn = isJsonObject(parameters) ? parameters['StateMachineArn'] : undefined;
  if (typeof arn === 'string' && !isExpression(arn))
    out.childReferences.push({ state: name, stateMachineArn: arn });
  const timeoutSeconds = state['TimeoutSeconds'];
  const heartbeatSeconds = state['HeartbeatSeconds'];
  out.taskTimeouts.set(name, {
    ...(typeof timeoutSeconds === 'number' ? { timeoutSeconds } : {}),
    ...(typeof heartbeatSeconds === 'number' ? { heartbeatSeconds } : {}),
  });
}

/** Retry pauses run on the virtual clock (a Task's) or not at all: the engine pauses 0 ms. */
function addRetryOverride(name: string, state: JsonObject, out: Accumulator): void {
  if (Array.isArray(state['Retry'])) out.retryOverrides[name] = 0;
}
