import { resolve } from 'node:path';
import { isJsonObject, type Json } from '../check/Json.ts';
import { invalidSimConfig as invalid } from './errors.ts';
import {
  parseAborts,
  parseExpress,
  parseSafetyNet,
  type SafetyNetRule,
  type ScheduledAbort,
} from './parseStopConfig.ts';

/** A local function standing in for a Task's resource: `(input, context) => result`. */
export type LocalFunction = (input: Json, context: LocalFunctionContext) => unknown;

/** The Lambda-like context a local function receives. */
export interface LocalFunctionContext {
  readonly awsRequestId: string;
  readonly functionName: string;
  readonly getRemainingTimeInMillis: () => number;
}

/** What runs in place of a Task's resource. */
export type TaskMapping =
  /** A fixed result. */
  | { readonly kind: 'result'; readonly result: Json }
  /** A fixed failure: `error` is the name `Retry`/`Catch` match, `cause` the cause. */
  | { readonly kind: 'error'; readonly error: string; readonly cause: string }
  /** A function exported by a local ES module, called like a Lambda handler. */
  | { readonly kind: 'module'; readonly file: string; readonly exportName: string }
  /** A function passed to the programmatic API. */
  | { readonly kind: 'function'; readonly name: string; readonly fn: LocalFunction };

/**
 * Deprecated and ignored: time is virtual (every Wait, retry pause and timeout takes no real
 * time and ends when it would on AWS). Still accepted so older configs keep working.
 */
export interface SimSpeed {
  /** A Wait of `Seconds: n` pauses `n * waitScale` seconds. Other Waits pause 0 when this is 0. */
  readonly waitScale: number;
  /** A retry pauses `IntervalSeconds * retryScale` seconds (BackoffRate applies only at 1). */
  readonly retryScale: number;
}

/** The limits of one run, across every execution in it. */
export interface SimLimits {
  /** Virtual seconds the run may last. Default one year: a Standard execution's longest life. */
  readonly maxSeconds: number;
  /** State transitions (states entered) the run may make. */
  readonly maxTransitions: number;
}

/** One year in seconds: the longest a Standard execution runs (Step Functions service quotas). */
export const ONE_YEAR_SECONDS = 365 * 24 * 3600;

/** A scripted reply of the callback endpoint (see `EndpointFault`). */
export interface SimFault {
  readonly type: string;
  readonly status?: number;
}

/** A parsed, validated simulation config. Paths are absolute. */
export interface SimConfig {
  /** Entries that mark a Task as the Closer: a Resource, a state name or a Lambda function name. */
  readonly closer: readonly string[];
  /** Task mappings keyed by state name, Resource or Lambda function name. */
  readonly tasks: ReadonlyMap<string, TaskMapping>;
  /** Child definition files keyed by the name or ARN a parent's `StateMachineArn` refers to. */
  readonly children: ReadonlyMap<string, string>;
  /**
   * What each distributed Map's `ItemReader` reads, keyed by the Map's state name: the items, as
   * the reader would yield them (no S3 is read).
   */
  readonly items: ReadonlyMap<string, readonly Json[]>;
  /** Deprecated, ignored (see `SimSpeed`). */
  readonly speed: SimSpeed;
  /** When a run stops: a runaway loop ends at one of these, with exit code 1. */
  readonly limits: SimLimits;
  /** The Closer Lambda container: its timeout and extra environment variables. */
  readonly lambda: {
    readonly timeoutMs: number;
    readonly environment: Readonly<Record<string, string>>;
  };
  /** The built Lambda zip to run as the Closer, when not the default `dist/sub-step-closer.zip`. */
  readonly closerZip?: string;
  /** Replies of the callback endpoint to its first requests: a scripted outage. */
  readonly faults: readonly SimFault[];
  /** How deep sub steps may nest before the simulator stops a runaway recursion. */
  readonly maxDepth: number;
  /** Which children the safety net's EventBridge rule matches (see `SafetyNetRule`). */
  readonly safetyNet: SafetyNetRule;
  /** Children that are Express workflows: they send no status-change events. */
  readonly express: readonly string[];
  /** Stops of executions (the parent's or children's) at a virtual time (StopExecution). */
  readonly abort: readonly ScheduledAbort[];
}

/** The closer entries used when a config names none. */
// The placeholder the examples' CloudFormation DefinitionSubstitutions fill in.
export const DEFAULT_CLOSER_ENTRIES: readonly string[] = [`\${CloserFunctionArn}`, 'SubStepCloser'];

export const DEFAULT_SIM_CONFIG: SimConfig = {
  closer: DEFAULT_CLOSER_ENTRIES,
  tasks: new Map(),
  children: new Map(),
  items: new Map(),
  speed: { waitScale: 0, retryScale: 0 },
  limits: { maxSeconds: ONE_YEAR_SECONDS, maxTransitions: 10_000 },
  lambda: { timeoutMs: 30_000, environment: {} },
  faults: [],
  maxDepth: 8,
  safetyNet: { kind: 'all' },
  express: [],
  abort: [],
};

const KEYS = new Set([
  '$schema',
  'Comment',
  'closer',
  'tasks',
  'children',
  'items',
  'speed',
  'limits',
  'lambda',
  'closerZip',
  'endpoint',
  'maxDepth',
  'safetyNet',
  'express',
  'abort',
]);

/**
 * Reads a simulation config (the JSON document `--config` names). Relative paths are resolved
 * against `baseDir`, the config file's folder.
 *
 * @throws SimulationInputError naming the first entry that is not valid.
 * @example
 * parseSimConfig({ tasks: { '${WorkFunctionArn}': { module: './work.mjs' } } }, '/repo/examples/sim');
 */
export function parseSimConfig(raw: unknown, baseDir: string): SimConfig {
  if (!isJsonObject(raw)) throw invalid('the config must be a JSON object');
  for (const key of Object.keys(raw)) {
    if (!KEYS.has(key))
      throw invalid(`unknown key "${key}" (expected one of ${[...KEYS].slice(2).join(', ')})`);
  }
  const closerZip = optionalString(raw['closerZip'], 'closerZip');
  return {
    closer:
      raw['closer'] === undefined ? DEFAULT_CLOSER_ENTRIES : stringList(raw['closer'], 'closer'),
    tasks: parseTasks(raw['tasks'], baseDir),
    children: parseChildren(raw['children'], baseDir),
    items: parseItems(raw['items']),
    speed: parseSpeed(raw['speed']),
    limits: parseLimits(raw['limits']),
    lambda: parseLambda(raw['lambda']),
    ...(closerZip === undefined ? {} : { closerZip: resolve(baseDir, closerZip) }),
    faults: parseFaults(raw['endpoint']),
    maxDepth: number(raw['maxDepth'], 'maxDepth', DEFAULT_SIM_CONFIG.maxDepth, 1),
    safetyNet: parseSafetyNet(raw['safetyNet']),
    express: parseExpress(raw['express']),
    abort: parseAborts(raw['abort']),
  };
}

function parseTasks(raw: Json | undefined, baseDir: string): Map<string, TaskMapping> {
  const tasks = new Map<string, TaskMapping>();
  if (raw === undefined) return tasks;
  if (!isJsonObject(raw))
    throw invalid('"tasks" must be an object keyed by state name or Resource');
  for (const [key, entry] of Object.entries(raw)) {
    const where = `tasks["${key}"]`;
    if (!isJsonObject(entry)) throw invalid(`${where} must be an object`);
    const kinds = ['result', 'error', 'module'].filter((kind) => kind in entry);
    if (kinds.length !== 1) {
      throw invalid(`${where} must have exactly one of "result", "error" or "module"`);
    }
    if ('result' in entry) {
      tasks.set(key, { kind: 'result', result: entry['result'] ?? null });
    } else if ('error' in entry) {
      const error = entry['error'];
      if (typeof error !== 'string' || error === '')
        throw invalid(`${where}.error must be a non-empty string`);
      tasks.set(key, {
        kind: 'error',
        error,
        cause: optionalString(entry['cause'], `${where}.cause`) ?? '',
      });
    } else {
      const file = entry['module'];
      if (typeof file !== 'string' || file === '')
        throw invalid(`${where}.module must be a file path`);
      tasks.set(key, {
        kind: 'module',
        file: resolve(baseDir, file),
        exportName: optionalString(entry['export'], `${where}.export`) ?? 'handler',
      });
    }
  }
  return tasks;
}

function parseChildren(raw: Json | undefined, baseDir: string): Map<string, string> {
  const children = new Map<string, string>();
  if (raw === undefined) return children;
  if (!isJsonObject(raw))
    throw invalid('"children" must map a name or StateMachineArn to a definition file');
  for (const [key, file] of Object.entries(raw)) {
    if (typeof file !== 'string' || file === '')
      throw invalid(`children["${key}"] must be a file path`);
    children.set(key, resolve(baseDir, file));
  }
  return children;
}

function parseItems(raw: Json | undefined): Map<string, readonly Json[]> {
  const items = new Map<string, readonly Json[]>();
  if (raw === undefined) return items;
  if (!isJsonObject(raw))
    throw invalid(
      '"items" must map a distributed Map\'s state name to the array its ItemReader reads',
    );
  for (const [key, list] of Object.entries(raw)) {
    if (!Array.isArray(list)) throw invalid(`items["${key}"] must be an array`);
    items.set(key, list);
  }
  return items;
}

function parseSpeed(raw: Json | undefined): SimSpeed {
  if (raw === undefined) return DEFAULT_SIM_CONFIG.speed;
  if (!isJsonObject(raw)) throw invalid('"speed" must be an object');
  return {
    waitScale: number(raw['waitScale'], 'speed.waitScale', 0, 0),
    retryScale: number(raw['retryScale'], 'speed.retryScale', 0, 0),
  };
}

function parseLimits(raw: Json | undefined): SimLimits {
  const defaults = DEFAULT_SIM_CONFIG.limits;
  if (raw === undefined) return defaults;
  if (!isJsonObject(raw)) throw invalid('"limits" must be an object');
  return {
    maxSeconds: number(raw['maxSeconds'], 'limits.maxSeconds', defaults.maxSeconds, 0.001),
    maxTransitions: number(
      raw['maxTransitions'],
      'limits.maxTransitions',
      defaults.maxTransitions,
      1,
    ),
  };
}

function parseLambda(raw: Json | undefined): SimConfig['lambda'] {
  if (raw === undefined) return DEFAULT_SIM_CONFIG.lambda;
  if (!isJsonObject(raw)) throw invalid('"lambda" must be an object');
  const environment = raw['environment'] ?? {};
  if (
    !isJsonObject(environment) ||
    !Object.values(environment).every((value) => typeof value === 'string')
  ) {
    throw invalid('lambda.environment must map variable names to strings');
  }
  const seconds = number(raw['timeoutSeconds'], 'lambda.timeoutSeconds', 30, 0.001);
  return {
    timeoutMs: Math.round(seconds * 1000),
    environment: environment as Record<string, string>,
  };
}

function parseFaults(raw: Json | undefined): SimFault[] {
  if (raw === undefined) return [];
  if (!isJsonObject(raw)) throw invalid('"endpoint" must be an object');
  const faults = raw['faults'] ?? [];
  if (!Array.isArray(faults)) throw invalid('endpoint.faults must be an array');
  return faults.map((fault, index) => {
    if (!isJsonObject(fault) || typeof fault['type'] !== 'string') {
      throw invalid(`endpoint.faults[${index}] must be an object with a "type" string`);
    }
    const status = fault['status'];
    if (
      status !== undefined &&
      (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599)
    ) {
      throw invalid(`endpoint.faults[${index}].status must be an HTTP error status (400 to 599)`);
    }
    return status === undefined ? { type: fault['type'] } : { type: fault['type'], status };
  });
}

function stringList(raw: Json, where: string): string[] {
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string')) {
    throw invalid(`"${where}" must be an array of strings`);
  }
  return raw as string[];
}

function optionalString(raw: Json | undefined, where: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw invalid(`${where} must be a string`);
  return raw;
}

function number(raw: Json | undefined, where: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min) {
    throw invalid(`${where} must be a number of at least ${min}`);
  }
  return raw;
}
