import type { LambdaContext } from './LambdaContext.ts';
import { buildEmfDocument, type MetricValues } from './metrics/buildEmfDocument.ts';
import { readRuntimeFields } from './metrics/readRuntimeFields.ts';

/** Fields of one structured log line. Values must never include a task token or a payload. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The levels this function writes its lines at. */
export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

/**
 * The application log levels of Lambda's advanced logging controls, least to most severe; Lambda
 * passes the one configured to the function as `AWS_LAMBDA_LOG_LEVEL`.
 */
export const LAMBDA_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

export type LambdaLogLevel = (typeof LAMBDA_LOG_LEVELS)[number];

/** Where log lines go; tests pass their own to read what was logged. */
export type LogWriter = (line: string) => void;

/** Which metrics a line carries: the `Source` dimension. */
export type MetricsSource = 'Closer' | 'SafetyNet';

const SERVICE = 'sub-step-closer';

/** The message of the line that carries an invocation's metrics when its own line is filtered. */
export const METRICS_ONLY_MESSAGE = 'invocation metrics';

// Written straight to stdout as one JSON line, as Powertools' Logger does: Lambda's JSON log
// format passes such lines through, where console.log would wrap them in another document.
const stdoutWriter: LogWriter = (line) => {
  process.stdout.write(line);
};

/**
 * Writes one structured JSON log line, whatever the level: filtering is `invocationLog`'s job.
 *
 * @example
 * writeLog('INFO', 'sub step closed', { verdict: 'SUCCEEDED', durationMs: 12 });
 */
export function writeLog(
  level: LogLevel,
  message: string,
  fields: LogFields,
  write: LogWriter = stdoutWriter,
): void {
  write(
    `${JSON.stringify({ timestamp: new Date().toISOString(), level, service: SERVICE, message, ...fields })}\n`,
  );
}

/**
 * Reads `AWS_LAMBDA_LOG_LEVEL`, in any case. Undefined when it is unset (no log-level filtering
 * configured) or not one of Lambda's levels: then every line is written. Pure.
 *
 * @example
 * readLogLevel({ AWS_LAMBDA_LOG_LEVEL: 'warn' }); // 'WARN'
 */
export function readLogLevel(
  env: Readonly<Record<string, string | undefined>>,
): LambdaLogLevel | undefined {
  const raw = env['AWS_LAMBDA_LOG_LEVEL']?.trim().toUpperCase();
  return LAMBDA_LOG_LEVELS.find((level) => level === raw);
}

/** Writes an invocation's one log line, with the outcome's metric values embedded in it. */
export type InvocationLog = (
  level: LogLevel,
  message: string,
  fields: LogFields,
  metrics: MetricValues,
) => void;

export interface InvocationLogOptions {
  /** Fields of the invocation, added to its line: ids and sizes, never a token or a payload. */
  readonly fields: LogFields;
  /** `Date.now()` when the invocation started, for `durationMs`. */
  readonly startedAt: number;
  /** Whether this is the container's first invocation (`takeColdStart()`). */
  readonly coldStart: boolean;
  /** The CloudWatch namespace of the metrics (`CLOSER_METRICS_NAMESPACE`). */
  readonly namespace: string;
  readonly source: MetricsSource;
  /** Where `AWS_LAMBDA_LOG_LEVEL`, `AWS_LAMBDA_FUNCTION_NAME` and `_X_AMZN_TRACE_ID` are read. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly context: LambdaContext;
  readonly write?: LogWriter | undefined;
}

/**
 * Binds the log line to one invocation. The line is both a structured log record and a
 * CloudWatch embedded metric format document: its fields, `durationMs`, `coldStart` and
 * `xrayTraceId`, the metric values and dimensions (`FunctionName`, `Source`) as top-level members,
 * and the `_aws` directive that names them (`buildEmfDocument`).
 *
 * `AWS_LAMBDA_LOG_LEVEL`: with log-level filtering on, Lambda discards every JSON line on stdout
 * whose `level` is below the configured one, and reads a line without a valid `level` as INFO
 * ("Log-level filtering", https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html).
 * Metrics in a line of their own, without a level, would therefore be lost as surely as the
 * filtered line. So when the line is below the level it is not written, and a metrics line is
 * written in its place: the invocation's fields (ids and sizes), `durationMs`, `coldStart`,
 * `xrayTraceId` and the metrics, at the configured level itself (the least severe one Lambda
 * keeps), with `message` set to `METRICS_ONLY_MESSAGE` and `suppressedLevel` naming the level of
 * the line it replaces. It claims no more severity than it must; anything that counts lines by
 * level should exclude it by message (or count the embedded metric instead).
 *
 * @example
 * const log = invocationLog({ fields: { requestId: context.awsRequestId }, startedAt: Date.now(),
 *   coldStart: takeColdStart(), namespace: 'SubStepCloser', source: 'Closer', env: process.env, context });
 * log('INFO', 'sub step closed', { verdict: 'SUCCEEDED' }, closerMetrics({ kind: 'returned', result }));
 */
export function invocationLog(options: InvocationLogOptions): InvocationLog {
  const threshold = readLogLevel(options.env);
  const { functionName, xrayTraceId } = readRuntimeFields(options.env, options.context);
  const dimensions = { FunctionName: functionName, Source: options.source };
  const write = options.write ?? stdoutWriter;

  return (level, message, fields, metrics) => {
    const now = Date.now();
    const timestamp = new Date(now).toISOString();
    const runtime = {
      durationMs: now - options.startedAt,
      coldStart: options.coldStart,
      ...(xrayTraceId === undefined ? {} : { xrayTraceId }),
    };
    // Spread last, so that no field can shadow a metric, a dimension or `_aws`.
    const emf = buildEmfDocument({
      namespace: options.namespace,
      dimensions,
      metrics,
      unit: 'Count',
      timestamp: now,
    });
    const record =
      threshold === undefined || isAtLeast(level, threshold)
        ? {
            timestamp,
            level,
            service: SERVICE,
            message,
            ...options.fields,
            ...fields,
            ...runtime,
            ...emf,
          }
        : {
            timestamp,
            level: threshold,
            service: SERVICE,
            message: METRICS_ONLY_MESSAGE,
            suppressedLevel: level,
            ...options.fields,
            ...runtime,
            ...emf,
          };
    write(`${JSON.stringify(record)}\n`);
  };
}

function isAtLeast(level: LambdaLogLevel, threshold: LambdaLogLevel): boolean {
  return LAMBDA_LOG_LEVELS.indexOf(level) >= LAMBDA_LOG_LEVELS.indexOf(threshold);
}

/**
 * A fingerprint that lets an operator match a token across log lines without revealing it: its
 * length, and its last 6 characters only when the token is long enough that 6 characters are a
 * small part of it (real task tokens run to hundreds of characters).
 *
 * @example
 * fingerprintToken('AQB...(600 chars)...x1y2z3'); // 'len=600;…x1y2z3'
 */
export function fingerprintToken(token: string): string {
  return token.length >= 64 ? `len=${token.length};…${token.slice(-6)}` : `len=${token.length}`;
}
