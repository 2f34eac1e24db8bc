import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Json, JsonObject } from '../check/Json.ts';
import { validateDefinition } from '../check/validateDefinition.ts';
import { SimulationInputError } from './errors.ts';
import { matchChild } from './matchChild.ts';
import { type PreparedMachine, prepareMachine } from './prepareMachine.ts';
import { redactTokens } from './redactTokens.ts';
import {
  DEFAULT_SIM_CONFIG,
  type LocalFunction,
  parseSimConfig,
  type SimConfig,
  type SimLimits,
  type TaskMapping,
} from './SimConfig.ts';
import type { SimEvent } from './SimEvent.ts';
import type { ExecutionResult, SimulationResult } from './SimulationResult.ts';
import { createSession, type ExecutionRecord } from './SimulationSession.ts';
import { type UnpackedLambda, unpackLambdaZip } from './unpackLambdaZip.ts';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** The parent's definition (parsed JSON). */
  readonly parent: Json;
  /** The parent state machine's name. Default `Parent`. */
  readonly parentName?: string;
  /** Child definitions, keyed by the name a parent's `StateMachineArn` refers to (see `matchChild`). */
  readonly children?: Readonly<Record<string, Json>>;
  /** The parent's input. Default `{}`, as StartExecution's. */
  readonly input?: Json;
  /** A simulation config, as in the JSON file `--config` names. */
  readonly config?: Json;
  /** The folder relative paths in `config` are resolved against. Default the working directory. */
  readonly configDir?: string;
  /** Functions for Tasks, keyed like the config's `tasks` (state name, Resource or function name). */
  readonly functions?: Readonly<Record<string, LocalFunction>>;
  /** The parent execution's name. Default a random UUID, as on AWS. */
  readonly executionName?: string;
  /** Overrides the config's `limits`: virtual seconds and state transitions a run may take. */
  readonly limits?: Partial<SimLimits>;
  /**
   * The SubStepCloser zip to run. Default `closerZip` of the config, else the zip this package
   * ships (`dist/sub-step-closer.zip` inside the installed package).
   */
  readonly closerZip?: string;
  /** Receives every event as it happens, before `simulate` resolves (a streaming trace). */
  readonly onEvent?: (event: SimEvent) => void;
  /**
   * Aborting it stops every execution still running (`Simulator.Interrupted`); `simulate` then
   * resolves with what happened so far and `interrupted: true`.
   */
  readonly signal?: AbortSignal;
}

/**
 * Runs a parent state machine and the children it starts, locally: the definitions run on
 * aws-local-stepfunctions, the Closer Tasks run the built SubStepCloser handler, whose real SDK
 * signals the parent through a local Step Functions endpoint. Resolves once every execution ended.
 *
 * @throws SimulationInputError when the simulation cannot start (an invalid definition or
 *   config, a Task without a local mapping, a child that is not given, no built zip).
 * @example
 * const result = await simulate({
 *   parent: JSON.parse(readFileSync('examples/parent.asl.json', 'utf8')),
 *   children: { Child: JSON.parse(readFileSync('examples/child.asl.json', 'utf8')) },
 *   input: { initial: { order: 'A-1' }, meta: {} },
 *   config: JSON.parse(readFileSync('examples/sim/sim.json', 'utf8')),
 *   configDir: 'examples/sim',
 * });
 * result.parent.status; // 'SUCCEEDED'
 * result.signals.map((signal) => signal.operation); // ['SendTaskSuccess']
 */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const configDir = options.configDir ?? process.cwd();
  const parsed = withFunctions(
    options.config === undefined ? DEFAULT_SIM_CONFIG : parseSimConfig(options.config, configDir),
    options.functions ?? {},
  );
  const config: SimConfig = { ...parsed, limits: { ...parsed.limits, ...options.limits } };
  const parentName = options.parentName ?? 'Parent';
  const childDefinitions = { ...(await readConfigChildren(config)), ...options.children };
  const parent = prepare(options.parent, config, `The parent (${parentName})`);
  const children = new Map<string, PreparedMachine>();
  for (const [name, definition] of Object.entries(childDefinitions)) {
    children.set(name, prepare(definition, config, `The child ${name}`));
  }
  checkChildReferences([[parentName, parent], ...children], [...children.keys()]);

  const needsCloser = [parent, ...children.values()].some((machine) =>
    [...machine.steps.values()].some(
      (step) => step.kind === 'task' && step.target.kind === 'closer',
    ),
  );
  const lambda: UnpackedLambda | undefined = needsCloser
    ? await unpackLambdaZip(options.closerZip ?? config.closerZip)
    : undefined;
  try {
    const session = await createSession({
      config,
      children,
      ...(lambda === undefined ? {} : { closerHandlerFile: lambda.handlerFile }),
      ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
    });
    const interrupt = () => session.interrupt();
    if (options.signal?.aborted === true) interrupt();
    options.signal?.addEventListener('abort', interrupt, { once: true });
    try {
      const root = session.start({
        machine: parent,
        stateMachine: parentName,
        name: options.executionName ?? randomUUID(),
        input: options.input ?? {},
        level: 0,
      });
      await session.settled();
      const result = (record: ExecutionRecord) => redactTokens(toResult(record), session.tokens);
      return {
        parent: result(root),
        children: session.executions.filter((record) => record !== root).map(result),
        signals: [...session.signals],
        events: [...session.events],
        ...(session.limit === undefined ? {} : { limit: session.limit }),
        ...(session.interrupted ? { interrupted: true } : {}),
      };
    } finally {
      options.signal?.removeEventListener('abort', interrupt);
      await session.close();
    }
  } finally {
    await lambda?.remove();
  }
}

/**
 * Reads a JSON file for the simulator.
 *
 * @throws SimulationInputError naming the file when it cannot be read or is not JSON.
 */
export async function readJsonFile(path: string, what: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SimulationInputError(
      `Cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new SimulationInputError(
      `${what} ${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function withFunctions(
  config: SimConfig,
  functions: Readonly<Record<string, LocalFunction>>,
): SimConfig {
  const entries = Object.entries(functions);
  if (entries.length === 0) return config;
  const tasks = new Map<string, TaskMapping>(config.tasks);
  for (const [key, fn] of entries) tasks.set(key, { kind: 'function', name: key, fn });
  return { ...config, tasks };
}

async function readConfigChildren(config: SimConfig): Promise<Record<string, Json>> {
  const children: Record<string, Json> = {};
  for (const [name, file] of config.children)
    children[name] = await readJsonFile(file, `child definition ${name}`);
  return children;
}

// Validating walks the whole definition; a process that simulates the same
// definitions again (a test suite, the demo) validates each text once.
const validations = new Map<string, ReturnType<typeof validateDefinition>>();

function validateOnce(definition: Json): ReturnType<typeof validateDefinition> {
  const key = JSON.stringify(definition);
  let validation = validations.get(key);
  if (validation === undefined) {
    validation = validateDefinition(definition);
    validations.set(key, validation);
  }
  return validation;
}

function prepare(definition: Json, config: SimConfig, label: string): PreparedMachine {
  const validation = validateOnce(definition);
  if (!validation.valid) {
    throw new SimulationInputError(
      `${label} is not a valid state machine definition:\n  - ${validation.errors.join('\n  - ')}`,
    );
  }
  return prepareMachine(definition as JsonObject, config, label);
}

/** Every literal `StateMachineArn` must name a child that was given: found before anything runs. */
function checkChildReferences(machines: [string, PreparedMachine][], names: string[]): void {
  const problems = machines.flatMap(([owner, machine]) =>
    machine.childReferences.flatMap((reference) => {
      const match = matchChild(reference.stateMachineArn, names);
      if (match.kind === 'found') return [];
      const known =
        names.length === 0 ? 'no children were given' : `known children: ${names.join(', ')}`;
      return match.kind === 'ambiguous'
        ? [
            `${owner} › ${reference.state}: ${reference.stateMachineArn} matches ${match.names.join(' and ')} equally`,
          ]
        : [
            `${owner} › ${reference.state}: unknown child ${reference.stateMachineArn} (${known}); give it with --child Name=file.json`,
          ];
    }),
  );
  if (problems.length > 0)
    throw new SimulationInputError(`Unknown child state machine:\n  - ${problems.join('\n  - ')}`);
}

function toResult(record: ExecutionRecord): ExecutionResult {
  const end = record.end ?? {
    status: 'FAILED',
    error: 'Simulator.InternalError',
    cause: 'The execution did not end.',
  };
  return {
    level: record.level,
    name: record.name,
    stateMachine: record.stateMachine,
    arn: record.arn,
    ...(record.startedBy === undefined ? {} : { startedBy: record.startedBy }),
    status: end.status,
    ...(end.status === 'SUCCEEDED'
      ? { output: end.output }
      : {
          // A stop (StopExecution) may give neither an error nor a cause.
          ...(end.error === '' ? {} : { error: end.error }),
          ...(end.cause === '' ? {} : { cause: end.cause }),
        }),
    closer: record.closer,
  };
}
