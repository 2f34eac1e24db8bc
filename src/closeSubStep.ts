import type { CloserResult } from './closer/CloserResult.ts';
import { failed } from './closer/decideVerdict.ts';
import { type ClosePlan, planClose } from './closer/planClose.ts';
import { readCloseRequest } from './closer/readCloseRequest.ts';
import type { Verdict } from './closer/Verdict.ts';
import { loadConfigOrDefault } from './config.ts';
import { type InvalidConfigurationError, ParentUnreachableError } from './errors.ts';
import type { LambdaContext } from './LambdaContext.ts';
import { fingerprintToken, invocationLog, type LogFields, type LogWriter } from './log.ts';
import { closerMetrics } from './metrics/closerMetrics.ts';
import { takeColdStart } from './metrics/coldStart.ts';
import { deadlineFrom } from './parent/Deadline.ts';
import { loadSfnApi } from './parent/loadSfnApi.ts';
import type { SfnApi } from './parent/SfnApi.ts';
import { signalParent } from './parent/signalParent.ts';

/** Seams for tests; production uses the defaults. */
export interface CloseSubStepDependencies {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly loadApi?: () => Promise<SfnApi>;
  readonly writeLog?: LogWriter;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Closes a sub step: decides the verdict from the payload, signals the parent when there is one,
 * logs one line, and returns the result (`$subStepResult` in the Closer section).
 *
 * Everything about the payload is returned (as FAILED), never thrown; only
 * `Closer.ParentUnreachable` and `Closer.ParentRejected` are thrown.
 */
export async function closeSubStep(
  event: unknown,
  context: LambdaContext,
  dependencies: CloseSubStepDependencies = {},
): Promise<CloserResult> {
  const startedAt = Date.now();
  const coldStart = takeColdStart();
  const env = dependencies.env ?? process.env;
  const { config, configProblem } = loadConfigOrDefault(env);
  const request = readCloseRequest(event);
  const plan = withConfigProblem(planClose(request, config), configProblem);
  const logFields: Record<string, unknown> = {
    requestId: context.awsRequestId,
    execution: request.execution.arn ?? request.execution.name ?? null,
    // Stryker disable next-line StringLiteral: equivalent, a link of kind none has no arn, so `arn ?? null` is null too
    parentExecution: request.parent.kind === 'none' ? null : (request.parent.arn ?? null),
    token: request.parent.kind === 'token' ? fingerprintToken(request.parent.token) : null,
    payloadBytes: measureBytes(event),
  };
  const log = invocationLog({
    fields: logFields,
    startedAt,
    coldStart,
    // A misconfigured namespace fails the verdict above; its metrics go to the default one.
    namespace: config.metricsNamespace,
    source: 'Closer',
    env,
    context,
    write: dependencies.writeLog,
  });

  if (plan.signal === undefined || request.parent.kind !== 'token') {
    const result = toResult(plan.verdict, 'NONE');
    log(
      'INFO',
      'sub step closed',
      summary(result, 'none', request.problems),
      // Stryker disable next-line StringLiteral: equivalent, closerMetrics tells the outcomes apart by kind === 'threw' alone
      closerMetrics({ kind: 'returned', result }),
    );
    return result;
  }

  const signalName = plan.signal.kind === 'success' ? 'SendTaskSuccess' : 'SendTaskFailure';
  try {
    const deadline = deadlineFrom(context.getRemainingTimeInMillis(), config.deadlineMarginMs);
    const api = await loadApi(dependencies.loadApi ?? loadSfnApi);
    const outcome = await signalParent({
      api,
      token: request.parent.token,
      signal: plan.signal,
      verdict: plan.verdict,
      deadline,
      ...(dependencies.sleep === undefined ? {} : { sleep: dependencies.sleep }),
    });
    const result = toResult(outcome.verdict, outcome.parent);
    if (outcome.parent === 'GONE') {
      // The normal end of a retried Closer whose first attempt did signal: worth a warning only.
      log(
        'WARN',
        'parent task already closed; signal not needed',
        { ...summary(result, signalName, request.problems), reason: outcome.reason },
        // Stryker disable next-line StringLiteral: equivalent, closerMetrics tells the outcomes apart by kind === 'threw' alone
        closerMetrics({ kind: 'returned', result }),
      );
    } else {
      log(
        'INFO',
        'sub step closed',
        {
          ...summary(result, signalName, request.problems),
          ...(plan.signal.kind === 'success' ? { outputBytes: plan.signal.outputBytes } : {}),
          ...(outcome.fallback === undefined ? {} : { fallback: outcome.fallback }),
        },
        // Stryker disable next-line StringLiteral: equivalent, closerMetrics tells the outcomes apart by kind === 'threw' alone
        closerMetrics({ kind: 'returned', result }),
      );
    }
    return result;
  } catch (error) {
    log(
      'ERROR',
      'parent not signalled',
      {
        verdict: plan.verdict.message,
        signal: signalName,
        errorName: error instanceof Error ? error.name : 'UnknownError',
        errorMessage: error instanceof Error ? error.message : String(error),
      },
      closerMetrics({ kind: 'threw' }),
    );
    throw error;
  }
}

/**
 * A misconfigured function still closes the sub step: it fails it with `Closer.InvalidConfiguration`
 * and tells the parent, rather than throwing and leaving the parent to its timeout.
 */
function withConfigProblem(
  plan: ClosePlan,
  problem: InvalidConfigurationError | undefined,
): ClosePlan {
  if (problem === undefined) return plan;
  const verdict = failed(problem.name, problem.message);
  return {
    verdict,
    signal:
      plan.signal === undefined
        ? undefined
        : { kind: 'failure', error: verdict.error, cause: verdict.cause },
  };
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

function toResult(verdict: Verdict, parent: CloserResult['parent']): CloserResult {
  return verdict.message === 'SUCCEEDED'
    ? { message: 'SUCCEEDED', parent }
    : { message: 'FAILED', parent, error: verdict.error, cause: verdict.cause };
}

function summary(result: CloserResult, signal: string, problems: readonly string[]): LogFields {
  return {
    verdict: result.message,
    parentSignal: result.parent,
    signal,
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(problems.length === 0 ? {} : { problems }),
  };
}

/** Size only, never content; null when the event cannot be serialized. */
function measureBytes(event: unknown): number | null {
  try {
    const json = JSON.stringify(event);
    // Stryker disable next-line StringLiteral: equivalent, Buffer.byteLength reads an empty encoding name as its default, utf8
    return json === undefined ? null : Buffer.byteLength(json, 'utf8');
  } catch {
    return null;
  }
}
