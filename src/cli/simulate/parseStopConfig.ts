import { isJsonObject, type Json } from '../check/Json.ts';
import { invalidSimConfig as invalid } from './errors.ts';

/**
 * Which children the safety net's EventBridge rule matches: every child (the example template's
 * rule names every child state machine), none (no rule deployed), or the children named.
 */
export type SafetyNetRule =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'named'; readonly children: readonly string[] };

/** A stop of an execution (StopExecution), at a virtual time after it started. */
export interface ScheduledAbort {
  /** The state machine's name, as the simulator knows it (`--parent` or `--child` name). */
  readonly stateMachine: string;
  readonly afterSeconds: number;
  /** StopExecution's optional `error` and `cause`. */
  readonly error?: string;
  readonly cause?: string;
}

/**
 * `safetyNet` of the simulation config: `true` (the default: the rule matches every child),
 * `false`, or the list of child names the rule matches.
 *
 * @throws SimulationInputError for anything else.
 */
export function parseSafetyNet(raw: Json | undefined): SafetyNetRule {
  if (raw === undefined || raw === true) return { kind: 'all' };
  if (raw === false) return { kind: 'none' };
  if (Array.isArray(raw) && raw.every((name) => typeof name === 'string'))
    return { kind: 'named', children: raw as string[] };
  throw invalid('"safetyNet" must be true, false or an array of child names');
}

/**
 * Whether the safety net hears of an execution of `stateMachine` ending: the rule must match it,
 * and it must be a Standard workflow (Express workflows send no status-change events).
 */
export function safetyNetHears(
  config: { readonly safetyNet: SafetyNetRule; readonly express: readonly string[] },
  stateMachine: string,
): boolean {
  if (config.express.includes(stateMachine)) return false;
  const rule = config.safetyNet;
  return rule.kind === 'all' || (rule.kind === 'named' && rule.children.includes(stateMachine));
}

/**
 * `express` of the simulation config: children that are Express workflows. Step Functions sends
 * no status-change events for Express executions, so the safety net never hears of them.
 *
 * @throws SimulationInputError unless it is an array of strings.
 */
export function parseExpress(raw: Json | undefined): readonly string[] {
  if (raw === undefined) return [];
  if (Array.isArray(raw) && raw.every((name) => typeof name === 'string')) return raw as string[];
  throw invalid('"express" must be an array of child names');
}

/**
 * `abort` of the simulation config: `[{ "stateMachine": "Child", "afterSeconds": 30 }]` stops
 * every execution of that state machine (the parent or a child) 30 virtual seconds after it
 * started, as StopExecution would.
 *
 * @throws SimulationInputError naming the first entry that is not valid.
 */
export function parseAborts(raw: Json | undefined): readonly ScheduledAbort[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalid('"abort" must be an array');
  return raw.map((entry, index) => {
    const where = `abort[${index}]`;
    if (!isJsonObject(entry)) throw invalid(`${where} must be an object`);
    const { stateMachine, afterSeconds, error, cause } = entry;
    if (typeof stateMachine !== 'string' || stateMachine === '')
      throw invalid(`${where}.stateMachine must name the parent or a child`);
    if (typeof afterSeconds !== 'number' || !Number.isFinite(afterSeconds) || afterSeconds < 0)
      throw invalid(`${where}.afterSeconds must be a number of at least 0`);
    // StopExecution: error at most 256 characters, cause at most 32,768 (API reference).
    if (error !== undefined && (typeof error !== 'string' || error.length > 256))
      throw invalid(`${where}.error must be a string of at most 256 characters`);
    if (cause !== undefined && (typeof cause !== 'string' || cause.length > 32_768))
      throw invalid(`${where}.cause must be a string of at most 32768 characters`);
    return {
      stateMachine,
      afterSeconds,
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    };
  });
}
