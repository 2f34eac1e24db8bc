import {
  ExecutionAbortedError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import type { Json, JsonObject } from '../check/Json.ts';
import { createLocalHandlers, type ExecutionRuntime } from './createLocalHandlers.ts';
import { SimulatedTaskError } from './errors.ts';
import type { PreparedMachine } from './prepareMachine.ts';
import type { ExecutionStatus, SimEventInput } from './SimEvent.ts';
import type { VirtualClock } from './VirtualClock.ts';

/** How an execution ended. */
export type ExecutionEnd =
  | { readonly status: 'SUCCEEDED'; readonly output: Json }
  | {
      readonly status: Exclude<ExecutionStatus, 'SUCCEEDED'>;
      readonly error: string;
      readonly cause: string;
    };

/** Options of `runExecution`. */
export interface RunExecutionOptions {
  readonly machine: PreparedMachine;
  readonly input: Json;
  /** `Execution` and `StateMachine` of the context object. */
  readonly context: JsonObject;
  /** The simulation's clock: Waits, retry pauses and the execution's TimeoutSeconds run on it. */
  readonly clock: VirtualClock;
  /** Runs a Task's target (see `ExecutionRuntime.runTarget`). */
  readonly runTarget: ExecutionRuntime['runTarget'];
  readonly mintToken: () => string;
  /** Receives the engine's events, translated. */
  readonly emit: (event: SimEventInput) => void;
}

/** An execution on the engine, while it runs. */
export interface RunningExecution {
  /** Resolves with how the execution ended; never rejects. */
  readonly ended: Promise<ExecutionEnd>;
  /** Ends the execution now with `end` (a stop, a timeout, a run limit), if it still runs. */
  stop(end: Exclude<ExecutionEnd, { status: 'SUCCEEDED' }>): void;
}

/**
 * Runs one execution on aws-local-stepfunctions with the machine's local handlers and time
 * overrides, and reports its events. `$$.Task.Token` is a getter on the context object: reading
 * it (when the engine evaluates a Task's Parameters) mints a token, which the Task's local handler
 * then takes, so each Task entry (and each retry) gets a fresh token, as on AWS.
 *
 * @example
 * const end = await runExecution({ machine, input, context, clock, runTarget, mintToken, emit }).ended;
 */
export function runExecution(options: RunExecutionOptions): RunningExecution {
  const { machine } = options;
  const slot: { token?: string } = {};
  const context = {
    ...options.context,
    Task: {
      get Token(): string {
        slot.token ??= options.mintToken();
        return slot.token;
      },
    },
    // What the config gives for distributed Maps' ItemReaders (see prepareMachine).
    ItemReaderItems: machine.readerItems,
    // `$$.State.EnteredTime`: the engine evaluates a state's Parameters as it enters the state,
    // before the virtual clock can move. (`$$.State.Name` is filled in by prepareMachine.)
    State: {
      get EnteredTime(): string {
        return options.clock.iso();
      },
    },
  };
  // Set once the execution is stopped or has ended: see `halt` below.
  let over = false;
  const hasEnded = () => new SimulatedTaskError('States.Aborted', 'The execution has ended.');
  const runtime: ExecutionRuntime = {
    context: options.context,
    variables: {},
    failures: new Map(),
    gateAttempts: new Map(),
    // A sibling of a failed branch may still be finishing a step: what it does is not recorded.
    emit: (event) => {
      if (!over) options.emit(event);
    },
    isOver: () => over,
    clock: options.clock,
    takeToken: () => {
      const { token } = slot;
      delete slot.token;
      return token;
    },
    mintToken: options.mintToken,
    // Nor does it start anything (a Lambda call, a child execution) once the execution is over.
    runTarget: (...args) => (over ? Promise.reject(hasEnded()) : options.runTarget(...args)),
  };
  // The prepared definition is plain JSON that prepareMachine built from a validated definition.
  const stateMachine = new StateMachine(machine.definition as unknown as StateMachineDefinition, {
    validationOptions: { noValidate: true },
  });
  // Once the execution is stopped or has ended, every local handler still running rejects, and
  // none starts: the engine then clears the real timer it keeps for each Task's timeout, which
  // would otherwise hold the process open. A failed branch or iteration leaves its siblings
  // running on the engine (it aborts only their next state, and a Map still starts the
  // iterations it had queued), so after a failure this is what ends them.
  const halted = Promise.withResolvers<never>();
  void halted.promise.catch(() => undefined);
  const halt = (error: Error) => {
    over = true;
    halted.reject(error);
  };
  const handlers = Object.fromEntries(
    Object.entries(createLocalHandlers(machine, runtime)).map(([name, handler]) => [
      name,
      (input: Json) => (over ? halted.promise : Promise.race([handler(input), halted.promise])),
    ]),
  );
  const execution = stateMachine.run(options.input as never, {
    context,
    overrides: {
      taskResourceLocalHandlers: handlers as never,
      retryIntervalOverrides: { ...machine.retryOverrides },
    },
  });
  let stopped: Exclude<ExecutionEnd, { status: 'SUCCEEDED' }> | undefined;
  const stop = (end: Exclude<ExecutionEnd, { status: 'SUCCEEDED' }>) => {
    if (stopped !== undefined) return;
    stopped = end;
    execution.abort();
    halt(new SimulatedTaskError('States.Aborted', 'The execution was stopped.'));
  };
  // The state machine's TimeoutSeconds, on the virtual clock: the engine does not see it.
  const timeout =
    machine.timeoutSeconds === undefined
      ? undefined
      : options.clock.after(machine.timeoutSeconds * 1000);
  void timeout?.fired.then(() =>
    stop({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      cause: `The execution ran longer than its TimeoutSeconds (${machine.timeoutSeconds} s).`,
    }),
  );

  let failure: { error: string; cause: string } | undefined;
  const failedStates = new Set<string>();
  let closed = false;
  const logged = (async () => {
    for await (const event of execution.eventLogs) {
      const type = (event as { type?: string }).type ?? '';
      // After a stop, the engine's abandoned state may still report its end: AWS records nothing.
      if (stopped !== undefined && type !== 'ExecutionAborted') continue;
      // Nor does it after the execution's last event (a failed branch's siblings ending).
      if (closed) continue;
      if (type.startsWith('Execution') && type !== 'ExecutionStarted') closed = true;
      const translated = translateEvent(event as unknown as EngineEvent, machine, stopped);
      // The engine's Parallel or Map of a JSONata one exits unseen (its exit step is shown).
      const unseenExit = aliasExited(event as unknown as EngineEvent, machine);
      if (unseenExit !== undefined && !failedStates.delete(unseenExit))
        runtime.gateAttempts.delete(unseenExit);
      if (translated === undefined) continue;
      if (translated.type === 'ExecutionFailed')
        failure = { error: translated.error, cause: translated.cause };
      // A catcher's Assign reads this error output; its hidden step runs after this event.
      if (translated.type === 'StateFailed')
        runtime.failures.set(translated.state, {
          Error: translated.error,
          Cause: translated.cause,
        });
      // A Parallel or Map that succeeded starts its next failure with fresh retry counts (the
      // engine also reports a state that failed into a catcher as exited: that one keeps them).
      if (translated.type === 'StateFailed') failedStates.add(translated.state);
      if (translated.type === 'StateExited' && !failedStates.delete(translated.state))
        runtime.gateAttempts.delete(translated.state);
      options.emit(translated);
    }
  })();

  const ended = (async (): Promise<ExecutionEnd> => {
    let end: ExecutionEnd;
    try {
      end = { status: 'SUCCEEDED', output: (await execution.result) as Json };
    } catch (error) {
      end = stopped ?? endOf(error, failure);
    } finally {
      timeout?.cancel();
      halt(hasEnded());
    }
    await logged;
    if (end.status === 'FAILED' && failure !== undefined) end = { status: 'FAILED', ...failure };
    return end;
  })();
  return { ended, stop };
}

function endOf(
  error: unknown,
  failure: { error: string; cause: string } | undefined,
): ExecutionEnd {
  if (error instanceof ExecutionTimeoutError) {
    return {
      status: 'TIMED_OUT',
      error: 'States.Timeout',
      cause: 'The execution ran longer than its TimeoutSeconds.',
    };
  }
  if (error instanceof ExecutionAbortedError) {
    return { status: 'ABORTED', error: 'States.Aborted', cause: 'The execution was aborted.' };
  }
  if (failure !== undefined) return { status: 'FAILED', ...failure };
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return {
    status: 'FAILED',
    error: inner instanceof Error ? inner.name : 'States.Runtime',
    cause: inner instanceof Error ? inner.message : String(inner),
  };
}

/** The fields of aws-local-stepfunctions' event log entries that the trace uses. */
interface EngineEvent {
  readonly type: string;
  readonly input?: Json;
  readonly output?: Json;
  readonly Error?: string;
  readonly Cause?: unknown;
  readonly index?: number;
  readonly state?: {
    readonly name: string;
    readonly type: string;
    readonly input: Json;
    readonly output?: Json;
  };
  readonly parentState?: { readonly name: string };
  readonly retry?: { readonly attempt: number };
  readonly catch?: { readonly catcher: { readonly Next: string; readonly ResultPath?: string } };
}

/**
 * Translates an engine event: states the simulator added are dropped, rewritten states get their
 * original type back, and a JSONata Choice's exit shows its real output.
 */
function translateEvent(
  event: EngineEvent,
  machine: PreparedMachine,
  stopped: ExecutionEnd | undefined,
): SimEventInput | undefined {
  const { state } = event;
  // A part of a JSONata Parallel or Map shows some of its events, as that state's.
  const alias = state === undefined ? undefined : machine.aliases.get(state.name);
  if (alias !== undefined && !alias.shows.has(event.type)) return undefined;
  // A retry gate's catch is its Parallel's or Map's: the trace shows it as that state's.
  const gated = state === undefined ? undefined : (machine.gates.get(state.name) ?? alias?.state);
  if (
    state !== undefined &&
    machine.hidden.has(state.name) &&
    !(gated && event.type === 'StateCaught')
  )
    return undefined;
  // The state catching an error into its retry gate is not a catch AWS would show.
  if (event.type === 'StateCaught' && machine.gates.has(event.catch?.catcher.Next ?? ''))
    return undefined;
  const shown = gated ?? state?.name;
  const named =
    state === undefined || shown === undefined
      ? undefined
      : { state: shown, stateType: machine.stateTypes.get(shown) ?? state.type };
  const cause = typeof event.Cause === 'string' ? event.Cause : JSON.stringify(event.Cause ?? '');
  switch (event.type) {
    case 'ExecutionStarted':
      return undefined; // The simulator reports the start itself, with the execution's identity.
    case 'ExecutionSucceeded':
      return { type: 'ExecutionSucceeded', output: event.output ?? null };
    case 'ExecutionFailed':
      return { type: 'ExecutionFailed', error: event.Error ?? '', cause };
    case 'ExecutionTimeout':
      return { type: 'ExecutionTimedOut' };
    case 'ExecutionAborted':
      // The simulator times executions out by aborting them on the engine.
      if (stopped?.status === 'TIMED_OUT') return { type: 'ExecutionTimedOut' };
      return stopped !== undefined && stopped.status !== 'SUCCEEDED'
        ? {
            type: 'ExecutionAborted',
            // StopExecution's error and cause are both optional.
            ...(stopped.error === '' ? {} : { error: stopped.error }),
            ...(stopped.cause === '' ? {} : { cause: stopped.cause }),
          }
        : { type: 'ExecutionAborted' };
    case 'StateEntered':
      return named && { type: 'StateEntered', ...named, input: state?.input ?? null };
    case 'StateExited': {
      if (named === undefined) return undefined;
      const raw = state?.output ?? null;
      const output =
        machine.steps.get(named.state)?.kind === 'jsonataChoice' && isWrapped(raw)
          ? raw.output
          : raw;
      return { type: 'StateExited', ...named, output };
    }
    case 'StateFailed':
      return named && { type: 'StateFailed', ...named, error: event.Error ?? '', cause };
    case 'StateRetried':
      return named && { type: 'StateRetried', ...named, attempt: event.retry?.attempt ?? 0 };
    case 'StateCaught': {
      const catcher = event.catch?.catcher;
      if (named === undefined || catcher === undefined) return undefined;
      const next = machine.hidden.has(catcher.Next)
        ? originalCatchNext(machine, catcher.Next)
        : catcher.Next;
      // A JSONata catcher has no ResultPath: the one shown here is the simulator's own.
      const carried = machine.steps.get(catcher.Next)?.kind === 'jsonataCarriedCatch';
      return {
        type: 'StateCaught',
        ...named,
        next,
        ...(catcher.ResultPath === undefined || carried ? {} : { resultPath: catcher.ResultPath }),
      };
    }
    case 'ParallelBranchStarted':
    case 'MapIterationStarted':
      return { type: 'BranchStarted', state: parentOf(event, machine), ...indexOf(event) };
    case 'ParallelBranchSucceeded':
    case 'MapIterationSucceeded':
      return { type: 'BranchSucceeded', state: parentOf(event, machine), ...indexOf(event) };
    case 'ParallelBranchFailed':
    case 'MapIterationFailed':
      return {
        type: 'BranchFailed',
        state: parentOf(event, machine),
        ...indexOf(event),
        error: event.Error ?? '',
      };
    default:
      return undefined;
  }
}

/**
 * The original name of a JSONata Parallel or Map whose engine state this event reports exiting:
 * its retry counts restart then, as they do when any other Parallel or Map exits.
 */
function aliasExited(event: EngineEvent, machine: PreparedMachine): string | undefined {
  if (event.type !== 'StateExited' || event.state === undefined) return undefined;
  const alias = machine.aliases.get(event.state.name);
  return alias !== undefined && event.state.name === `${alias.state}#run` ? alias.state : undefined;
}

/** The Parallel or Map a branch event belongs to, by its original name. */
function parentOf(event: EngineEvent, machine: PreparedMachine): string {
  const name = event.parentState?.name ?? '';
  return machine.aliases.get(name)?.state ?? name;
}

function indexOf(event: EngineEvent): { index?: number } {
  return event.index === undefined ? {} : { index: event.index };
}

function isWrapped(value: Json): value is { choice: number; output: Json } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'choice' in value &&
    'output' in value
  );
}

function originalCatchNext(machine: PreparedMachine, synthetic: string): string {
  const step = machine.steps.get(synthetic);
  return (step?.kind === 'jsonataCatch' ||
    step?.kind === 'jsonPathCatch' ||
    step?.kind === 'jsonataCarriedCatch') &&
    typeof step.catcher['Next'] === 'string'
    ? step.catcher['Next']
    : synthetic;
}
