import { setImmediate as nextTurn } from 'node:timers/promises';
import { isJsonObject, type Json, type JsonObject } from '../check/Json.ts';
import { batchItems } from './distributedMapItems.ts';
import { SimulatedTaskError } from './errors.ts';
import { evaluateTemplate, type JsonataScope } from './evaluateJsonata.ts';
import { evaluateJsonPathAssign } from './evaluateJsonPathAssign.ts';
import type { LocalStep, PreparedMachine } from './prepareMachine.ts';
import type { TaskTarget } from './resolveTaskTarget.ts';
import { retryPause } from './retryPause.ts';
import type { SimEventInput } from './SimEvent.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** What the local handlers of one execution need from the simulation. */
export interface ExecutionRuntime {
  /** The context object of the execution (`Execution`, `StateMachine`), without `State`/`Task`. */
  readonly context: JsonObject;
  /** The execution's variables (`Assign`). */
  readonly variables: Record<string, Json>;
  /** The error output of each state's latest failure, by state name: what its catchers see. */
  readonly failures: Map<string, JsonObject>;
  /** The simulation's clock: Waits and retry pauses run on it. */
  readonly clock: VirtualClock;
  /**
   * Retries made so far by each Parallel or Map since it last succeeded, one count per retrier
   * (their retry gates count them; the execution forgets a state's counts when it exits).
   */
  readonly gateAttempts: Map<string, number[]>;
  /** Reports an event of the execution (a retry gate's retries). */
  readonly emit: (event: SimEventInput) => void;
  /** Whether the execution has been stopped or has ended: no step starts then. */
  isOver(): boolean;
  /** Takes the token the engine minted when the state's Parameters read `$$.Task.Token`. */
  takeToken(): string | undefined;
  mintToken(): string;
  /** Runs what a Task maps to; a token is passed to `startExecution` Tasks. */
  runTarget(
    stateName: string,
    target: TaskTarget,
    input: Json,
    token: string | undefined,
  ): Promise<Json>;
}

/** A local handler as the engine calls it, with the state's effective input. */
export type LocalHandler = (input: Json) => Promise<Json>;

/**
 * Builds the engine's `taskResourceLocalHandlers` for one execution: one handler per local step
 * of the prepared machine. Each handler first takes the task token its state may have minted, so a
 * token never leaks into another state, then lets the event loop turn once so the engine's
 * `StateEntered` event is logged before anything the handler reports.
 *
 * @example
 * const handlers = createLocalHandlers(machine, runtime);
 * stateMachine.run(input, { overrides: { taskResourceLocalHandlers: handlers } });
 */
export function createLocalHandlers(
  machine: PreparedMachine,
  runtime: ExecutionRuntime,
): Record<string, LocalHandler> {
  // Inputs of JSONata Tasks, for their catchers' Output (`$states.input` is the state's input).
  const lastInputs = new Map<string, Json>();
  // Retry attempts made so far by each Task, one count per retrier, as the engine counts them.
  const attempts = new Map<string, number[]>();
  const handlers: Record<string, LocalHandler> = {};
  for (const [name, step] of machine.steps) {
    handlers[name] = (input) => {
      const token = runtime.takeToken();
      const run = nextTurn().then(() => {
        // A sibling of a failed branch can reach its next step in the same turn as the failure.
        if (runtime.isOver())
          throw new SimulatedTaskError('States.Aborted', 'The execution has ended.');
        return runStep(name, step, input, token, runtime, lastInputs);
      });
      return step.kind === 'task' ? withRetryPause(name, step.state, run, attempts, runtime) : run;
    };
  }
  return handlers;
}

/**
 * Takes the pause before a Task's retry on the virtual clock, before the error reaches the
 * engine (whose own pause is 0): the retry then starts at the virtual time AWS would start it.
 */
async function withRetryPause(
  name: string,
  state: JsonObject,
  run: Promise<Json>,
  attempts: Map<string, number[]>,
  runtime: ExecutionRuntime,
): Promise<Json> {
  try {
    const result = await run;
    attempts.delete(name);
    return result;
  } catch (error) {
    const retriers = Array.isArray(state['Retry']) ? state['Retry'] : [];
    const counts = attempts.get(name) ?? [];
    attempts.set(name, counts);
    const named = error instanceof Error ? error : new Error(String(error));
    const pause = retryPause(
      retriers,
      {
        name: named.name,
        // The engine's States.Runtime (and other runtime errors it marks) are never retried.
        retryable: (named as { isRetryable?: boolean }).isRetryable ?? true,
        timeout: named.name === 'States.Timeout',
      },
      counts,
    );
    if (pause === undefined) attempts.delete(name);
    else if (pause.ms > 0) await runtime.clock.sleep(pause.ms);
    throw error;
  }
}

/**
 * A Parallel's or Map's retry: the error its StateFailed event recorded either matches a retrier
 * with attempts left (pause on the virtual clock, then back to the state with its input) or fails
 * the gate with that error, into the state's own catchers. `States.Runtime` is never retried.
 */
async function passRetryGate(
  step: Extract<LocalStep, { kind: 'retryGate' }>,
  input: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const failure = runtime.failures.get(step.stateName) ?? {};
  const error = typeof failure['Error'] === 'string' ? failure['Error'] : 'States.Runtime';
  const cause = typeof failure['Cause'] === 'string' ? failure['Cause'] : '';
  const counts = runtime.gateAttempts.get(step.stateName) ?? [];
  runtime.gateAttempts.set(step.stateName, counts);
  const pause = retryPause(
    step.retriers,
    { name: error, retryable: error !== 'States.Runtime', timeout: error === 'States.Timeout' },
    counts,
  );
  if (pause === undefined) {
    runtime.gateAttempts.delete(step.stateName);
    throw new SimulatedTaskError(error, cause);
  }
  runtime.emit({
    type: 'StateRetried',
    state: step.stateName,
    stateType: step.stateType,
    attempt: counts[pause.retrier] ?? 1,
  });
  await runtime.clock.sleep(pause.ms);
  return input;
}

async function runStep(
  name: string,
  step: LocalStep,
  input: Json,
  token: string | undefined,
  runtime: ExecutionRuntime,
  lastInputs: Map<string, Json>,
): Promise<Json> {
  switch (step.kind) {
    case 'constant':
      return step.value;
    case 'task':
      if (step.language === 'JSONPath') return runtime.runTarget(name, step.target, input, token);
      return runJsonataTask(name, step.state, step.target, input, runtime, lastInputs);
    case 'jsonataPass':
    case 'jsonataSucceed':
      return finish(step.state, scopeFor(name, input, runtime), input, runtime);
    case 'jsonataWait':
      return runJsonataWait(name, step.state, input, runtime);
    case 'jsonPathWait':
      await runtime.clock.sleep(jsonPathWaitMs(name, step.state, input, runtime));
      return input;
    case 'jsonataFail':
      return runJsonataFail(name, step.state, input, runtime);
    case 'jsonataChoice':
      return runJsonataChoice(name, step.state, input, runtime);
    case 'jsonataWrap':
      return { input };
    case 'jsonataEnter':
      return enterJsonataContainer(step, input, runtime);
    case 'jsonataCarriedCatch': {
      const { input: stateInput = null, errorOutput = null } = isJsonObject(input) ? input : {};
      return runJsonataCatcher(step, stateInput, errorOutput, runtime);
    }
    case 'jsonataExit':
      return exitJsonataContainer(step.stateName, step.state, input, runtime);
    case 'jsonataItem':
      return selectJsonataItem(step.stateName, step.state, input, runtime);
    case 'jsonataCatch':
      return runJsonataCatcher(step, lastInputs.get(step.stateName) ?? null, input, runtime);
    case 'jsonPathAssign':
      assign(step.state, input, scopeFor(name, input, runtime).states.context, runtime);
      return input;
    case 'retryGate':
      return passRetryGate(step, input, runtime);
    case 'jsonPathCatch': {
      const errorOutput = runtime.failures.get(step.stateName) ?? {};
      const { context } = scopeFor(step.stateName, errorOutput, runtime).states;
      // In a catcher, `$` is the error output; the engine already applied the ResultPath.
      assign(step.catcher, errorOutput, context, runtime);
      return input;
    }
    default:
      return assertNever(step);
  }
}

/** A JSONata catcher's `Output` (default the error output) and `Assign`, with `$states.errorOutput`. */
function runJsonataCatcher(
  step: { readonly stateName: string; readonly catcher: JsonObject },
  stateInput: Json,
  errorOutput: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const scope = scopeFor(step.stateName, stateInput, runtime);
  const withError: JsonataScope = { ...scope, states: { ...scope.states, errorOutput } };
  return finish(step.catcher, withError, errorOutput, runtime);
}

async function runJsonataTask(
  name: string,
  state: JsonObject,
  target: TaskTarget,
  input: Json,
  runtime: ExecutionRuntime,
  lastInputs: Map<string, Json>,
): Promise<Json> {
  lastInputs.set(name, input);
  // Only a callback Task has a token; it exists before Arguments are evaluated, which read it.
  const token = target.kind === 'startExecution' ? runtime.mintToken() : undefined;
  const scope = scopeFor(name, input, runtime, token);
  const args =
    state['Arguments'] === undefined
      ? input
      : await evaluateTemplate(state['Arguments'], scope, 'Arguments');
  const result = await runtime.runTarget(name, target, args, token);
  return finish(state, { ...scope, states: { ...scope.states, result } }, result, runtime);
}

/**
 * The start of a JSONata Parallel or Map: `Arguments` (a Parallel's branch input, default the
 * state's input) or `Items` (a Map's items, default the state's input, which must be an array).
 */
async function enterJsonataContainer(
  step: Extract<LocalStep, { kind: 'jsonataEnter' }>,
  wrapped: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const { stateName: name, state } = step;
  const { input = null } = isJsonObject(wrapped) ? wrapped : {};
  const scope = scopeFor(name, input, runtime);
  if (state['Type'] === 'Parallel') {
    const args =
      state['Arguments'] === undefined
        ? input
        : await evaluateTemplate(state['Arguments'], scope, 'Arguments');
    return { input, args };
  }
  const items =
    step.readerItems ??
    (state['Items'] === undefined ? input : await evaluateTemplate(state['Items'], scope, 'Items'));
  if (!Array.isArray(items)) {
    throw new SimulatedTaskError(
      'States.QueryEvaluationError',
      `${name}: the Map's items must be an array, got ${JSON.stringify(items)?.slice(0, 200)}.`,
    );
  }
  if (step.batcher === undefined) return { input, items };
  // An ItemBatcher: each iteration gets { Items, BatchInput } (BatchInput when it has one).
  const batcher = isJsonObject(state['ItemBatcher']) ? state['ItemBatcher'] : {};
  const batchInput =
    batcher['BatchInput'] === undefined
      ? undefined
      : await evaluateTemplate(batcher['BatchInput'], scope, 'ItemBatcher/BatchInput');
  const batches = batchItems(items, step.batcher, batchInput).map((batch) =>
    batchInput === undefined ? { Items: batch } : { Items: batch, BatchInput: batchInput },
  );
  return { input, items: batches };
}

/** The end of a JSONata Parallel or Map: `Output` and `Assign`, with `$states.result`. */
async function exitJsonataContainer(
  name: string,
  state: JsonObject,
  wrapped: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const { input = null, result = null } = isJsonObject(wrapped) ? wrapped : {};
  const scope = scopeFor(name, input, runtime);
  return finish(state, { ...scope, states: { ...scope.states, result } }, result, runtime);
}

/** A JSONata Map's `ItemSelector` for one item, with `$states.context.Map.Item`. */
async function selectJsonataItem(
  name: string,
  state: JsonObject,
  selected: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const { input = null, value = null, index = null } = isJsonObject(selected) ? selected : {};
  const scope = scopeFor(name, input, runtime);
  const context = { ...scope.states.context, Map: { Item: { Index: index, Value: value } } };
  return evaluateTemplate(
    state['ItemSelector'] ?? null,
    { ...scope, states: { ...scope.states, context } },
    'ItemSelector',
  );
}

async function runJsonataWait(
  name: string,
  state: JsonObject,
  input: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const scope = scopeFor(name, input, runtime);
  let ms = 0;
  if (state['Seconds'] !== undefined) {
    const seconds = await evaluateTemplate(state['Seconds'], scope, 'Seconds');
    ms = waitSeconds(name, seconds) * 1000;
  } else if (state['Timestamp'] !== undefined) {
    const timestamp = await evaluateTemplate(state['Timestamp'], scope, 'Timestamp');
    ms = untilTimestamp(name, timestamp, runtime);
  }
  await runtime.clock.sleep(ms);
  return finish(state, scope, input, runtime);
}

/** A JSONPath Wait's pause: `Seconds`, `SecondsPath`, `Timestamp` or `TimestampPath`. */
function jsonPathWaitMs(
  name: string,
  state: JsonObject,
  input: Json,
  runtime: ExecutionRuntime,
): number {
  const read = (path: Json | undefined): Json | undefined =>
    typeof path === 'string'
      ? evaluateJsonPathAssign(
          { 'value.$': path },
          { data: input, context: runtime.context, variables: runtime.variables },
        )['value']
      : undefined;
  if (state['Seconds'] !== undefined) return waitSeconds(name, state['Seconds']) * 1000;
  if (state['SecondsPath'] !== undefined)
    return waitSeconds(name, read(state['SecondsPath']) ?? null) * 1000;
  const timestamp = state['Timestamp'] ?? read(state['TimestampPath']) ?? null;
  return untilTimestamp(name, timestamp, runtime);
}

/** A Wait's seconds: a non-negative integer, else `States.Runtime` as on AWS. */
function waitSeconds(state: string, seconds: Json): number {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
    throw new SimulatedTaskError(
      'States.Runtime',
      `${state}: the Wait's seconds must be a non-negative integer, got ${JSON.stringify(seconds)}.`,
    );
  }
  return seconds;
}

/** Milliseconds of virtual time until an ISO 8601 timestamp; 0 when it is past. */
function untilTimestamp(state: string, timestamp: Json, runtime: ExecutionRuntime): number {
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new SimulatedTaskError(
      'States.Runtime',
      `${state}: the Wait's timestamp is not an ISO 8601 date: ${JSON.stringify(timestamp)}.`,
    );
  }
  return Math.max(0, at - runtime.clock.now());
}

async function runJsonataFail(
  name: string,
  state: JsonObject,
  input: Json,
  runtime: ExecutionRuntime,
): Promise<never> {
  const scope = scopeFor(name, input, runtime);
  const error =
    state['Error'] === undefined ? '' : await evaluateTemplate(state['Error'], scope, 'Error');
  const cause =
    state['Cause'] === undefined ? '' : await evaluateTemplate(state['Cause'], scope, 'Cause');
  throw new SimulatedTaskError(String(error), String(cause));
}

/** Picks the first rule whose Condition is true; a hidden JSONPath Choice then routes on it. */
async function runJsonataChoice(
  name: string,
  state: JsonObject,
  input: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const scope = scopeFor(name, input, runtime);
  const rules = Array.isArray(state['Choices']) ? state['Choices'] : [];
  for (const [index, rule] of rules.entries()) {
    if (!isJsonObject(rule)) continue;
    const condition = await evaluateTemplate(
      rule['Condition'] ?? null,
      scope,
      `Choices[${index}]/Condition`,
    );
    if (typeof condition !== 'boolean') {
      throw new SimulatedTaskError(
        'States.QueryEvaluationError',
        `${name}: Choices[${index}].Condition returned ${JSON.stringify(condition)}, not a boolean.`,
      );
    }
    if (condition) return { choice: index, output: await finish(rule, scope, input, runtime) };
  }
  if (state['Default'] === undefined) {
    throw new SimulatedTaskError(
      'States.NoChoiceMatched',
      `No Choice rule of ${name} matched, and it has no Default.`,
    );
  }
  return { choice: -1, output: await finish(state, scope, input, runtime) };
}

/**
 * Applies a JSONata state's (or rule's, or catcher's) `Output` and `Assign`. Both read the
 * variables as they were before the state: assignments take effect afterwards.
 */
async function finish(
  source: JsonObject,
  scope: JsonataScope,
  fallback: Json,
  runtime: ExecutionRuntime,
): Promise<Json> {
  const output =
    source['Output'] === undefined
      ? fallback
      : await evaluateTemplate(source['Output'], scope, 'Output');
  if (source['Assign'] !== undefined) {
    const assigned = await evaluateTemplate(source['Assign'], scope, 'Assign');
    if (isJsonObject(assigned)) Object.assign(runtime.variables, assigned);
  }
  return output;
}

function assign(
  source: JsonObject,
  data: Json,
  context: JsonObject,
  runtime: ExecutionRuntime,
): void {
  const template = source['Assign'];
  if (!isJsonObject(template)) return;
  const assigned = evaluateJsonPathAssign(template, {
    data,
    context,
    variables: runtime.variables,
  });
  Object.assign(runtime.variables, assigned);
}

function scopeFor(
  stateName: string,
  input: Json,
  runtime: ExecutionRuntime,
  token?: string,
): JsonataScope {
  const context: JsonObject = {
    ...runtime.context,
    State: { Name: stateName, EnteredTime: runtime.clock.iso() },
    ...(token === undefined ? {} : { Task: { Token: token } }),
  };
  // `$now()` and `$millis()` read the virtual clock when the expression runs.
  return {
    states: { input, context },
    variables: runtime.variables,
    now: () => runtime.clock.now(),
  };
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled local step: ${JSON.stringify(value)}`);
}
