import { fitError } from '../closer/fitToLimits.ts';
import { type CloserConfig, loadConfigOrDefault } from '../config.ts';
import { ParentRejectedError, ParentUnreachableError } from '../errors.ts';
import type { LambdaContext } from '../LambdaContext.ts';
import { fingerprintToken, type InvocationLog, invocationLog, type LogWriter } from '../log.ts';
import { takeColdStart } from '../metrics/coldStart.ts';
import { safetyNetMetrics } from '../metrics/safetyNetMetrics.ts';
import { classifySignalError } from '../parent/classifySignalError.ts';
import { type Deadline, deadlineFrom, withinDeadline } from '../parent/Deadline.ts';
import { loadSfnApi } from '../parent/loadSfnApi.ts';
import type { SfnApi } from '../parent/SfnApi.ts';
import { signalParent } from '../parent/signalParent.ts';
import type { EventBridgeEvent } from './isEventBridgeEvent.ts';
import { planSafetyNetSignal } from './planSafetyNetSignal.ts';
import { readParentLink } from './readParentLink.ts';
import { readStatusChange } from './readStatusChange.ts';
import type { SafetyNetSummary } from './SafetyNetSummary.ts';
import type { StoppedExecution } from './StatusChange.ts';

/** Seams for tests; production uses the defaults. */
export interface HandleStatusChangeDependencies {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly loadApi?: () => Promise<SfnApi>;
  readonly writeLog?: LogWriter;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * The safety net (DESIGN.md section 5): when a child execution stops in a way no `Catch` sees
 * (FAILED with `States.Runtime` or `States.DataLimitExceeded`, TIMED_OUT, ABORTED), its Closer never
 * runs, so this tells the parent instead, with `SendTaskFailure` and `SubStep.Failed`,
 * `SubStep.TimedOut` or `SubStep.Aborted`.
 *
 * It is invoked asynchronously by an EventBridge rule, so what it throws is retried by Lambda
 * (twice by default) and then dropped or dead-lettered. It therefore throws only
 * `Closer.ParentUnreachable` (throttling, 5xx, network, deadline), where a retry can help. Every
 * other outcome is logged and returned:
 * - `TaskTimedOut`/`TaskDoesNotExist` is the normal case: the child's Closer already signalled
 *   the parent (every child that ends in `Closer:Fail` also emits a FAILED event). Logged at info.
 * - A refusal (access denied, unknown execution, invalid token) is logged as an error.
 * - Events for other statuses, for children without a parent, and events it does not understand
 *   make no AWS call at all.
 *
 * @example
 * await handleStatusChange(event, context); // { safetyNet: 'NOTIFIED', execution: 'arn:...', error: 'SubStep.Aborted' }
 */
export async function handleStatusChange(
  event: EventBridgeEvent,
  context: LambdaContext,
  dependencies: HandleStatusChangeDependencies = {},
): Promise<SafetyNetSummary> {
  const startedAt = Date.now();
  const coldStart = takeColdStart();
  const env = dependencies.env ?? process.env;
  // A bad value falls back to the defaults and is logged on the line (the metrics then go to the
  // default namespace); the deadline margin matters only when a parent is signalled.
  const { config, configProblem } = loadConfigOrDefault(env);
  const change = readStatusChange(event);
  const baseFields = {
    requestId: context.awsRequestId,
    component: 'safety-net',
    eventId: change.eventId ?? null,
    ...(configProblem === undefined ? {} : { configProblem: configProblem.message }),
  };
  const log = invocationLog({
    fields: baseFields,
    startedAt,
    coldStart,
    namespace: config.metricsNamespace,
    source: 'SafetyNet',
    env,
    context,
    write: dependencies.writeLog,
  });

  switch (change.kind) {
    case 'unrecognized':
      log(
        'WARN',
        'safety net: event not recognized, ignored',
        { problem: change.problem },
        safetyNetMetrics('UNRECOGNIZED'),
      );
      return { safetyNet: 'UNRECOGNIZED', execution: null, reason: change.problem };
    case 'not-stopped':
      log(
        'INFO',
        'safety net: execution did not stop, nothing to do',
        { execution: change.executionArn, status: change.status },
        safetyNetMetrics('IGNORED'),
      );
      return {
        safetyNet: 'IGNORED',
        execution: change.executionArn,
        reason: `status ${change.status}`,
      };
    case 'stopped':
      return settleStoppedExecution(change.execution, context, config, dependencies, log);
    // Stryker disable next-line ConditionalExpression: unreachable, the cases above are every StatusChange; the compiler checks it
    default:
      return assertNever(change);
  }
}

async function settleStoppedExecution(
  execution: StoppedExecution,
  context: LambdaContext,
  config: CloserConfig,
  dependencies: HandleStatusChangeDependencies,
  baseLog: InvocationLog,
): Promise<SafetyNetSummary> {
  const fields: Record<string, unknown> = {
    execution: execution.executionArn,
    stateMachine: execution.stateMachineArn ?? null,
    status: execution.status,
    childError: execution.error === undefined ? null : fitError(execution.error),
    inputSource: execution.input.kind === 'included' ? 'event' : 'DescribeExecution',
  };
  const log: InvocationLog = (level, message, extra, metrics) =>
    baseLog(level, message, { ...fields, ...extra }, metrics);
  const arn = execution.executionArn;

  try {
    const deadline = deadlineFrom(context.getRemainingTimeInMillis(), config.deadlineMarginMs);
    let api: SfnApi | undefined;
    let inputJson: string | undefined;
    if (execution.input.kind === 'included') {
      inputJson = execution.input.json;
    } else {
      api = await loadApi(dependencies.loadApi ?? loadSfnApi);
      inputJson = await describeInput(api, arn, deadline);
    }
    if (inputJson === undefined) {
      log(
        'INFO',
        'safety net: execution has no input, so no parent',
        {},
        safetyNetMetrics('NO_PARENT'),
      );
      return { safetyNet: 'NO_PARENT', execution: arn, reason: 'the execution has no input' };
    }

    const parent = readParentLink(inputJson);
    switch (parent.kind) {
      case 'none':
        log(
          'INFO',
          'safety net: execution has no parent, nothing to do',
          {},
          safetyNetMetrics('NO_PARENT'),
        );
        return { safetyNet: 'NO_PARENT', execution: arn, reason: 'no meta.parent.token' };
      case 'unreadable':
        log(
          'WARN',
          'safety net: execution input not readable, parent unknown',
          { problem: parent.problem },
          safetyNetMetrics('UNRECOGNIZED'),
        );
        return { safetyNet: 'UNRECOGNIZED', execution: arn, reason: parent.problem };
      case 'malformed': {
        const reason = 'meta.parent.token is malformed (not a string of 1 to 2,048 characters)';
        log(
          'WARN',
          'safety net: parent token malformed, parent not signalled',
          { parentExecution: parent.arn ?? null, problem: reason },
          safetyNetMetrics('UNRECOGNIZED'),
        );
        return { safetyNet: 'UNRECOGNIZED', execution: arn, reason };
      }
      case 'token':
        break;
      // Stryker disable next-line ConditionalExpression: unreachable, the cases above are every InputParent; the compiler checks it
      default:
        return assertNever(parent);
    }

    const parentFields = {
      parentExecution: parent.arn ?? null,
      token: fingerprintToken(parent.token),
    };
    const signal = planSafetyNetSignal(execution);
    api ??= await loadApi(dependencies.loadApi ?? loadSfnApi);
    const outcome = await signalParent({
      api,
      token: parent.token,
      signal,
      // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent, the safety net reads the outcome's parent, reason and fallback, never its verdict
      verdict: { message: 'FAILED', error: signal.error, cause: signal.cause },
      deadline,
      ...(dependencies.sleep === undefined ? {} : { sleep: dependencies.sleep }),
    });
    if (outcome.parent === 'GONE') {
      // The normal, idempotent case: the child's Closer signalled the parent before it stopped.
      log(
        'INFO',
        'safety net: parent task already closed, nothing to do',
        { ...parentFields, parentSignal: 'GONE', reason: outcome.reason },
        safetyNetMetrics('GONE'),
      );
      return { safetyNet: 'GONE', execution: arn, reason: outcome.reason };
    }
    // A warning: the child stopped where no Catch could see it, which its owner should know.
    log(
      'WARN',
      'safety net: parent told its child stopped without its Closer',
      {
        ...parentFields,
        parentSignal: 'NOTIFIED',
        signal: 'SendTaskFailure',
        error: signal.error,
        ...(outcome.fallback === undefined ? {} : { fallback: outcome.fallback }),
      },
      safetyNetMetrics('NOTIFIED'),
    );
    return { safetyNet: 'NOTIFIED', execution: arn, error: signal.error };
  } catch (error) {
    const errorFields = {
      errorName: error instanceof Error ? error.name : 'UnknownError',
      errorMessage: error instanceof Error ? error.message : String(error),
    };
    if (error instanceof ParentRejectedError) {
      // A retry cannot fix a refusal, and an async invocation would retry a thrown error: log it.
      log(
        'ERROR',
        'safety net: Step Functions refused, parent not signalled',
        errorFields,
        safetyNetMetrics('REFUSED'),
      );
      return { safetyNet: 'REFUSED', execution: arn, reason: error.message };
    }
    log(
      'ERROR',
      'safety net: parent not signalled, the invocation will be retried',
      errorFields,
      safetyNetMetrics('RETHROWN'),
    );
    throw error;
  }
}

/**
 * Reads the execution input with DescribeExecution, for events that left it out (over 248 KB).
 * Throttling, 5xx and the deadline throw `Closer.ParentUnreachable` (a retry can help); anything
 * else, such as `ExecutionDoesNotExist` or access denied, throws `Closer.ParentRejected`.
 */
async function describeInput(
  api: SfnApi,
  executionArn: string,
  deadline: Deadline,
): Promise<string | undefined> {
  try {
    const { input } = await withinDeadline(deadline, (abortSignal) =>
      api.describeExecution({ executionArn }, abortSignal),
    );
    return input;
  } catch (error) {
    const kind = classifySignalError(error);
    const message = describeError(error);
    // KmsThrottlingException is not retried by the SDK; a retried invocation may get through.
    if (kind === 'unreachable' || kind === 'kms-throttled') {
      throw new ParentUnreachableError(
        `DescribeExecution did not reach Step Functions: ${message}`,
        {
          cause: error,
        },
      );
    }
    // Stryker disable next-line ObjectLiteral: equivalent, this error is caught above and only its name and message are logged
    throw new ParentRejectedError(`Step Functions refused DescribeExecution: ${message}`, {
      cause: error,
    });
  }
}

async function loadApi(load: () => Promise<SfnApi>): Promise<SfnApi> {
  try {
    return await load();
  } catch (error) {
    throw new ParentUnreachableError('the Step Functions client could not be loaded', {
      cause: error,
    });
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.message === '' || error.message === error.name
    ? error.name
    : `${error.name}: ${error.message}`;
}

// Stryker disable next-line BlockStatement: unreachable, every switch that calls it is exhaustive
function assertNever(value: never): never {
  // Stryker disable next-line StringLiteral,CallExpression: unreachable, every switch that calls it is exhaustive
  throw new TypeError(`Unhandled case: ${JSON.stringify(value)}`);
}
