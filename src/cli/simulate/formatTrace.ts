import type { Json } from '../check/Json.ts';
import { lambdaErrorMessage } from './runLocalMapping.ts';
import type { SimEvent } from './SimEvent.ts';
import type { ExecutionResult, SimulationResult } from './SimulationResult.ts';

/** Options of `formatTrace`. */
export interface TraceOptions {
  /** ANSI colours (only for a terminal). */
  readonly colour?: boolean;
  /** Longest JSON document shown in full in the outcome; longer ones are cut. Default 2000. */
  readonly maxJsonChars?: number;
  /** The width execution labels are padded to at least (they grow as longer ones appear). */
  readonly labelWidth?: number;
}

const INDENT = '  ';

/** Who sent a request, as the signal list at the end of a trace names it. */
const SOURCE_LABELS = { closer: ' by the Closer', 'safety-net': ' by the safety net', other: '' };

/**
 * Renders a simulation as a readable trace: each execution's states, indented by level (a child
 * one step, a grandchild two), with the child start, the Closer's signal and verdict, and the
 * parent resuming; then every execution's outcome and the signals the endpoint received.
 *
 * @example
 * io.stdout(formatTrace(await simulate(options), { colour: io.isTTY }));
 */
export function formatTrace(result: SimulationResult, options: TraceOptions = {}): string {
  // With every event known, labels share one width from the first line on.
  const label = executionLabels();
  const width = Math.max(0, ...result.events.map((event) => label(event).length));
  const writer = traceWriter({ ...options, labelWidth: width });
  return result.events.map((event) => writer.event(event)).join('') + writer.end(result);
}

/** Renders a trace as the run goes: one call per event, then the outcome once it ended. */
export interface TraceWriter {
  /** The lines for one event (with a time line when virtual time moved on), or `''`. */
  event(event: SimEvent): string;
  /** The outcome of every execution and the signals the endpoint received. */
  end(result: SimulationResult): string;
}

/**
 * A trace renderer that needs no look-ahead, so `simulate` can print each event as it happens
 * and an interrupted run still shows what happened so far. `formatTrace` is this writer run over
 * a finished simulation.
 *
 * @example
 * const writer = traceWriter({ colour: true });
 * await simulate({ ...options, onEvent: (event) => io.stdout(writer.event(event)) });
 */
export function traceWriter(options: TraceOptions = {}): TraceWriter {
  const paint = painter(options.colour === true);
  const maxJson = options.maxJsonChars ?? 2000;
  const labels = executionLabels(options.labelWidth);
  let clock: ((at: string | undefined) => string[]) | undefined;
  return {
    event(event) {
      clock ??= timeMarker(event.at, paint);
      const label = labels(event);
      const lines = [
        ...clock(event.at),
        ...renderEvent(event, paint).map((line) => `${paint.dim(label)}${line}`),
      ];
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
    end(result) {
      const lines = ['', paint.bold('Outcome')];
      for (const execution of [result.parent, ...result.children])
        lines.push(...renderOutcome(execution, paint, maxJson));
      lines.push(
        '',
        paint.bold(
          `Signals received by the local Step Functions endpoint: ${result.signals.length}`,
        ),
      );
      result.signals.forEach((signal, index) => {
        const route =
          signal.child === undefined
            ? ''
            : ` from ${short(signal.child)} to ${short(signal.parent ?? '')} › ${signal.parentState ?? ''}`;
        const by = SOURCE_LABELS[signal.source];
        lines.push(
          `  ${index + 1}. ${signal.operation}${by}${route}: ${signal.answer}  (${signalDetails(signal)})`,
        );
      });
      return `${lines.join('\n')}\n`;
    },
  };
}

/**
 * Each line starts with its execution's label, indented by level: the state machine's name, with
 * `#2`, `#3`... for the second and later executions of one state machine. Labels are padded to
 * the longest seen so far.
 */
function executionLabels(minWidth = 0): (event: SimEvent) => string {
  const counts = new Map<string, number>();
  const labels = new Map<string, string>();
  let width = minWidth;
  return (event) => {
    if (event.type === 'ExecutionStarted' && !labels.has(event.execution)) {
      const n = (counts.get(event.stateMachine) ?? 0) + 1;
      counts.set(event.stateMachine, n);
      const name = n > 1 ? `${event.stateMachine}#${n}` : event.stateMachine;
      labels.set(event.execution, `${INDENT.repeat(event.level)}${name}`);
    }
    const label = labels.get(event.execution) ?? event.stateMachine;
    width = Math.max(width, label.length + 2);
    return label.padEnd(width);
  };
}

/**
 * A line each time virtual time moves on: `⏱ +1h 00m 05s` since the run started. Events in one
 * instant share the line above them.
 */
function timeMarker(
  start: string | undefined,
  paint: Painter,
): (at: string | undefined) => string[] {
  const origin = start === undefined ? Number.NaN : Date.parse(start);
  let shown = origin;
  return (at) => {
    const now = at === undefined ? Number.NaN : Date.parse(at);
    if (Number.isNaN(now) || Number.isNaN(origin) || now === shown) return [];
    shown = now;
    return [paint.dim(`⏱ +${describeDuration(now - origin)}  (${at})`)];
  };
}

/** `1d 02h 03m 04.5s`, leaving out leading zero units. */
export function describeDuration(ms: number): string {
  const seconds = (ms % 60_000) / 1000;
  const minutes = Math.floor(ms / 60_000) % 60;
  const hours = Math.floor(ms / 3_600_000) % 24;
  const days = Math.floor(ms / 86_400_000);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days}d`);
  if (days > 0 || hours > 0) parts.push(`${String(hours).padStart(2, '0')}h`);
  if (days > 0 || hours > 0 || minutes > 0) parts.push(`${String(minutes).padStart(2, '0')}m`);
  parts.push(`${Number(seconds.toFixed(3))}s`);
  return parts.join(' ');
}

/** Details of a state (what it runs, its errors, signals) sit under the state's line. */
const DETAIL = '    ';

function renderEvent(event: SimEvent, paint: Painter): string[] {
  switch (event.type) {
    case 'ExecutionStarted': {
      const by =
        event.startedBy === undefined
          ? ''
          : ` by ${event.startedBy.stateMachine} › ${event.startedBy.state}`;
      return [
        `${paint.bold('▶ started')}${by}  (execution ${short(event.execution)}, input ${bytes(event.input)} B)`,
      ];
    }
    case 'ExecutionSucceeded':
      return [`${paint.green('■ SUCCEEDED')}  (output ${bytes(event.output)} B)`];
    case 'ExecutionFailed':
      return [
        `${paint.red('■ FAILED')}  ${event.error}: ${clip(lambdaErrorMessage(event.cause), 160)}`,
      ];
    case 'ExecutionTimedOut':
      return [`${paint.red('■ TIMED_OUT')}`];
    case 'ExecutionAborted':
      return [
        `${paint.red('■ ABORTED')}${event.error === undefined && event.cause === undefined ? '' : `  ${[event.error, event.cause === undefined ? undefined : clip(event.cause, 160)].filter((part) => part !== undefined).join(': ')}`}`,
      ];
    case 'TaskTimedOut':
      return [`${DETAIL}${paint.red('⌛')} ${event.error}: ${event.cause}`];
    case 'RunLimitReached':
      return [`${paint.red('■ run stopped')}: ${event.message}`];
    case 'StateEntered':
      return [`· ${event.state} ${paint.dim(`(${event.stateType})`)}`];
    case 'StateExited':
      return [];
    case 'StateFailed':
      // A Fail state's error is the execution's, which the next line reports.
      if (event.stateType === 'Fail') return [];
      return [
        `${DETAIL}${paint.red('✗')} ${event.error}: ${clip(lambdaErrorMessage(event.cause), 160)}`,
      ];
    case 'StateRetried':
      return [`${DETAIL}↻ retry ${event.attempt}`];
    case 'StateCaught':
      return [
        `${DETAIL}↪ caught → ${event.next}${event.resultPath === undefined ? '' : ` (ResultPath ${event.resultPath})`}`,
      ];
    case 'BranchStarted':
    case 'BranchSucceeded':
      return [];
    case 'BranchFailed':
      return [
        `${DETAIL}${paint.red('✗')} ${event.state} branch${event.index === undefined ? '' : ` ${event.index}`} failed: ${event.error}`,
      ];
    case 'TaskInvoked':
      return [`${DETAIL}runs ${event.target}`];
    case 'TaskErrored':
      return [];
    case 'ChildStarted': {
      const what = event.pattern === 'waitForTaskToken' ? 'it' : 'its token or its end';
      const wait =
        event.pattern === 'request'
          ? 'does not wait'
          : event.timeoutSeconds === undefined
            ? `waits for ${what}`
            : `waits up to ${event.timeoutSeconds} s for ${what}`;
      const token = event.token === undefined ? 'no task token' : `task token ${event.token}`;
      const pattern =
        event.pattern === 'waitForTaskToken'
          ? ''
          : event.pattern === 'request'
            ? ' (startExecution)'
            : ` (.${event.pattern})`;
      return [
        `${DETAIL}⇒ starts ${event.child.stateMachine}${pattern} (execution ${short(event.child.execution)}) with ${token}; ${wait}`,
      ];
    }
    case 'SyncChildEnded':
      return event.error === undefined
        ? [
            `${DETAIL}${paint.green('⇐')} resumes: the child ${event.childStatus}, the Task returns its DescribeExecution (${event.outputBytes ?? 0} B)`,
          ]
        : [
            `${DETAIL}${paint.red('⇐')} resumes: the child ended ${event.childStatus}, the Task fails with ${event.error}`,
          ];
    case 'SafetyNetInvoked':
      return [
        `${DETAIL}${paint.bold('safety net')}: the EventBridge rule matched ${event.status}; runs the built zip${event.inputIncluded ? '' : ' (input left out of the event: it reads it with DescribeExecution)'}`,
      ];
    case 'SafetyNetReturned':
      return [`${DETAIL}${paint.bold('safety net')} ${describeSafetyNetResult(event.result)}`];
    case 'SafetyNetErrored':
      return [
        `${DETAIL}${paint.red('safety net threw')} ${event.error}: ${clip(event.message, 160)} (Lambda retries an asynchronous invocation twice)`,
      ];
    case 'TaskResumed':
      return event.signal === 'success'
        ? [
            `${DETAIL}${paint.green('⇐')} resumes: the child's SendTaskSuccess brought ${event.outputBytes} B of output`,
          ]
        : [`${DETAIL}${paint.red('⇐')} resumes with the child's SendTaskFailure: ${event.error}`];
    case 'TaskTokenAbandoned':
      return [`${DETAIL}${paint.red('⌛')} ${event.error}: ${event.cause}`];
    case 'SignalReceived':
      if (event.operation === 'DescribeExecution')
        return [`${DETAIL}⇢ DescribeExecution of ${event.executionArn ?? '?'} → ${event.answer}`];
      return [
        `${DETAIL}⇢ ${event.operation} to the parent (task token ${event.token}, ${signalDetails(event)}) → ${event.answer}`,
      ];
    case 'CloserReturned':
      return [`${DETAIL}${paint.bold('Closer')} ${describeCloserResult(event.result)}`];
    case 'LambdaLog':
      return [`${DETAIL}${paint.dim(`log: ${describeLogLine(event.line)}`)}`];
    default:
      return assertNever(event);
  }
}

function renderOutcome(execution: ExecutionResult, paint: Painter, maxJson: number): string[] {
  const indent = `  ${INDENT.repeat(execution.level * 2)}`;
  const by =
    execution.startedBy === undefined
      ? ''
      : `, started by ${execution.startedBy.stateMachine} › ${execution.startedBy.state}`;
  const status =
    execution.status === 'SUCCEEDED' ? paint.green(execution.status) : paint.red(execution.status);
  const head = `${indent}${paint.bold(execution.stateMachine)} ${status}  (execution ${short(execution.name)}${by})`;
  if (execution.status === 'SUCCEEDED')
    return [head, `${indent}  output: ${clip(JSON.stringify(execution.output), maxJson)}`];
  return [
    head,
    ...(execution.error === undefined ? [] : [`${indent}  error: ${execution.error}`]),
    ...(execution.cause === undefined
      ? []
      : [`${indent}  cause: ${clip(execution.cause, maxJson)}`]),
  ];
}

function describeCloserResult(result: Json): string {
  if (typeof result !== 'object' || result === null || Array.isArray(result))
    return `returned ${JSON.stringify(result)}`;
  const error = typeof result['error'] === 'string' ? ` with ${result['error']}` : '';
  return `verdict ${String(result['message'])}${error}, parent ${String(result['parent'])}`;
}

function describeSafetyNetResult(result: Json): string {
  if (typeof result !== 'object' || result === null || Array.isArray(result))
    return `returned ${JSON.stringify(result)}`;
  const error = typeof result['error'] === 'string' ? ` with ${result['error']}` : '';
  const reason = typeof result['reason'] === 'string' ? `: ${clip(result['reason'], 120)}` : '';
  return `${String(result['safetyNet'])}${error}${reason}`;
}

function signalDetails(signal: {
  readonly token: string;
  readonly outputBytes?: number;
  readonly error?: string;
  readonly causeChars?: number;
  readonly executionArn?: string;
}): string {
  const parts: string[] = [];
  if (signal.executionArn !== undefined) parts.push(`execution ${signal.executionArn}`);
  if (signal.outputBytes !== undefined) parts.push(`output ${signal.outputBytes} B`);
  if (signal.error !== undefined) parts.push(`error ${signal.error}`);
  if (signal.causeChars !== undefined) parts.push(`cause ${signal.causeChars} chars`);
  return parts.length === 0 ? `token ${signal.token}` : parts.join(', ');
}

function describeLogLine(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      const record = parsed as Record<string, unknown>;
      const fields = ['verdict', 'parentSignal', 'signal', 'error', 'errorName']
        .filter((key) => typeof record[key] === 'string')
        .map((key) => `${key}=${String(record[key])}`);
      return [String(record['level'] ?? ''), String(record['message']), ...fields]
        .filter(Boolean)
        .join(' ');
    }
  } catch {
    // Not a structured line: shown as it is.
  }
  return clip(line, 160);
}

function bytes(value: Json): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** UUID execution names are long: the first 8 characters tell them apart in a trace. */
function short(name: string): string {
  return /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(name) ? name.slice(0, 8) : name;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
}

function painter(colour: boolean): Painter {
  const wrap = (code: number, reset: number) => (text: string) =>
    colour ? `\u001b[${code}m${text}\u001b[${reset}m` : text;
  return { bold: wrap(1, 22), dim: wrap(2, 22), green: wrap(32, 39), red: wrap(31, 39) };
}

function assertNever(value: never): never {
  throw new TypeError(`Unhandled event: ${JSON.stringify(value)}`);
}
