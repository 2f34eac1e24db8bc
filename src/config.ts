import { InvalidConfigurationError } from './errors.ts';
import { DEFAULT_METRICS_NAMESPACE, metricsNamespaceProblem } from './metrics/metricsNamespace.ts';

/** What the function reads from its environment. */
export interface CloserConfig {
  /** `CLOSER_FAIL_ON_ERRORS`: a non-empty `$.errors` fails the verdict unless `meta.status` is `true`. */
  readonly failOnErrors: boolean;
  /**
   * `CLOSER_DEADLINE_MARGIN_MS`: how long before the Lambda timeout the handler gives up on Step
   * Functions and throws `Closer.ParentUnreachable`, so the state sees a named, retryable error
   * rather than `Lambda.Unknown`.
   */
  readonly deadlineMarginMs: number;
  /**
   * `CLOSER_METRICS_NAMESPACE`: the CloudWatch namespace of the metrics embedded in each log line
   * (default `SubStepCloser`). A value CloudWatch would reject is refused like any other unusable
   * setting, rather than replaced silently: alarms built on the configured namespace would
   * otherwise stay quiet while the metrics went to another one.
   */
  readonly metricsNamespace: string;
}

export const DEFAULT_CONFIG: CloserConfig = {
  failOnErrors: false,
  deadlineMarginMs: 500,
  metricsNamespace: DEFAULT_METRICS_NAMESPACE,
};

const MAX_DEADLINE_MARGIN_MS = 60_000;

/**
 * Reads the configuration from an environment. Pure: pass the environment to test it.
 *
 * @throws InvalidConfigurationError naming the variable whose value cannot be used.
 * @example
 * const config = loadConfig({ CLOSER_FAIL_ON_ERRORS: 'true' }); // { failOnErrors: true, ... }
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): CloserConfig {
  return {
    failOnErrors: readBoolean(env, 'CLOSER_FAIL_ON_ERRORS', DEFAULT_CONFIG.failOnErrors),
    deadlineMarginMs: readInteger(
      env,
      'CLOSER_DEADLINE_MARGIN_MS',
      DEFAULT_CONFIG.deadlineMarginMs,
      MAX_DEADLINE_MARGIN_MS,
    ),
    metricsNamespace: readNamespace(
      env,
      'CLOSER_METRICS_NAMESPACE',
      DEFAULT_CONFIG.metricsNamespace,
    ),
  };
}

/**
 * `loadConfig`, but never throws: an unusable environment yields the defaults plus the problem, so
 * the caller can still close the sub step (and report the problem) instead of failing blindly.
 */
export function loadConfigOrDefault(
  env: Readonly<Record<string, string | undefined>> = process.env,
): {
  config: CloserConfig;
  configProblem?: InvalidConfigurationError;
} {
  try {
    return { config: loadConfig(env) };
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    return { config: DEFAULT_CONFIG, configProblem: error };
  }
}

function readBoolean(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: boolean,
): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new InvalidConfigurationError(
    `${name} must be "true" or "false", got ${JSON.stringify(env[name])}`,
  );
}

function readInteger(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: number,
  max: number,
): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidConfigurationError(
      `${name} must be a whole number of milliseconds from 0 to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function readNamespace(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: string,
): string {
  // Unset or empty means the default, as for every other variable here.
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const problem = metricsNamespaceProblem(raw);
  if (problem !== undefined) {
    throw new InvalidConfigurationError(
      `${name} must be a CloudWatch namespace, but ${problem}: got ${JSON.stringify(env[name])}`,
    );
  }
  return raw;
}
