import { FRAMED_REQUEST_FIELD, FRAMED_REQUEST_VERSION } from '../../closer/framedRequestVersion.ts';
import { ThrownErrorName } from '../../errors.ts';
import { DEFAULT_CLOSER_NAME } from '../check/closerChain.ts';
import type { JsonObject } from '../check/Json.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { CloserVariable as V } from './closerVariables.ts';

/** Options of `closerStates`. */
export interface CloserStatesOptions {
  /** ARN of the deployed SubStepCloser Lambda function (or an alias or version of it). */
  readonly closerArn: string;
  /** Name of the Closer Task. Default `Closer:Send`; the other names derive from it. */
  readonly closerName?: string;
  /**
   * The query language of the machine the states go into. Default `JSONPath`. The Closer states
   * are JSONata in both (each state says so), so this only affects what callers pass on to
   * `catchAllCatcher` and friends.
   */
  readonly queryLanguage?: QueryLanguage;
}

/** Names of the Closer states, derived from the Closer Task's name. */
export interface CloserStateNames {
  /** The Closer Task: calls the SubStepCloser Lambda. */
  readonly send: string;
  /** Routes on the Closer's result (`$subStepResult.message`). */
  readonly choice: string;
  readonly success: string;
  readonly fail: string;
  /** Where the Closer Task's own catcher leads: the execution fails, the safety net signals. */
  readonly deadLetter: string;
  /** Marks the child failed and collects the caught error, then goes to the Closer Task. */
  readonly markFailed: string;
  /** Records `States.NoChoiceMatched` as the child's failure, then marks the child failed. */
  readonly noChoiceMatched: string;
}

/**
 * The names of the Closer states for a Closer Task name: `Closer:Send` gives `Closer:Choice`,
 * `Closer:Success`, ... A name without the `:Send` suffix is used whole as the prefix.
 *
 * @example
 * closerStateNames('Closer:Send').markFailed; // 'Closer:MarkFailed'
 * closerStateNames('Finish').choice; // 'Finish:Choice'
 */
export function closerStateNames(closerName: string = DEFAULT_CLOSER_NAME): CloserStateNames {
  const prefix = closerName.endsWith(':Send') ? closerName.slice(0, -':Send'.length) : closerName;
  return {
    send: closerName,
    choice: `${prefix}:Choice`,
    success: `${prefix}:Success`,
    fail: `${prefix}:Fail`,
    deadLetter: `${prefix}:DeadLetter`,
    markFailed: `${prefix}:MarkFailed`,
    noChoiceMatched: `${prefix}:NoChoiceMatched`,
  };
}

/** The error the dead-letter state fails with when the Closer Task itself cannot run. */
export const DEAD_LETTER_ERROR = 'Closer.DeadLetter';

/**
 * Retry what may pass (an unreachable or throttling Step Functions, Lambda service hiccups), but
 * not `Closer.ParentRejected`: a retry cannot fix that. A retried Closer is idempotent: a signal
 * that already landed ends the retry with `parent: "GONE"`.
 *
 * Sized for a burst of children closing at once. SendTask* calls share an account's token bucket
 * of 3,000 refilled at 500 per second (1,500/300 in smaller Regions: the same 6 s ratio), so a
 * burst of N signals needs at least (N - 3,000) / 500 s: 54 s for 30,000, ten times the bucket.
 * - `JitterStrategy: "FULL"` spreads each retry over [0, delay]: without it every throttled
 *   child of a burst comes back at the same moment and is throttled again.
 * - `MaxDelaySeconds: 6`, the time the bucket takes to refill from empty: a child never sleeps
 *   through more than one refill, so the tail of a burst waits at most ~6 s for free tokens.
 * - `MaxAttempts: 30` with 1 s doubling to the cap: the delays alone average
 *   0.5 + 1 + 2 + 26 × 3 ≈ 81 s (5th percentile ≈ 67 s), plus ~1.5 s per throttled invocation
 *   (the SDK's own three attempts), so a child keeps trying for well over the 54 s a 10× burst
 *   needs. Retries cost state transitions, not Lambda time. See docs/reliability.md.
 */
const CLOSER_RETRY: JsonObject = {
  ErrorEquals: [
    ThrownErrorName.parentUnreachable,
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
    'Lambda.Unknown',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 30,
  BackoffRate: 2,
  MaxDelaySeconds: 6,
  JitterStrategy: 'FULL',
};

/** Every Closer state is JSONata, in a JSONPath machine too (see `closerStates`). */
const JSONATA = { QueryLanguage: 'JSONata' } as const;

/** The execution input, where a parent puts its link (`meta.parent`); no state can change it. */
const EXECUTION_INPUT = '$states.context.Execution.Input';

/**
 * The framed request `Closer:Send` passes to the Lambda. Each field is one expression that never
 * yields nothing: Step Functions fails a state with `States.QueryEvaluationError` when a field's
 * expression returns undefined, so absent values become `null`. `$type(...) = 'object'` guards
 * keep a string, array or missing execution input (or `meta`) from raising or being mapped over.
 */
const FRAMED_REQUEST: JsonObject = {
  [FRAMED_REQUEST_FIELD]: FRAMED_REQUEST_VERSION,
  payload: '{% $states.input %}',
  execution: {
    id: '{% $states.context.Execution.Id %}',
    name: '{% $states.context.Execution.Name %}',
  },
  parent:
    `{% $type(${EXECUTION_INPUT}) = 'object' and $type(${EXECUTION_INPUT}.meta) = 'object' ` +
    `and $exists(${EXECUTION_INPUT}.meta.parent) ? ${EXECUTION_INPUT}.meta.parent : null %}`,
  failed: `{% $${V.failed} = true %}`,
  failure: orNull(V.failure),
  errors: orNull(V.errors),
};

function orNull(variable: string): string {
  return `{% $exists($${variable}) ? $${variable} : null %}`;
}

/**
 * The Closer states to add to a state machine, keyed by name in the order to paste them: the
 * Closer Task (with a Retry and a Catch to the dead-letter state), its Choice, Success and Fail,
 * the dead-letter Fail, and the mark-failed Pass that every catch-all leads to. `check` passes on
 * a machine whose ends and catch-alls all lead into these states. The shape is API: the
 * deployment kit and the simulator reuse it.
 *
 * The states are JSONata whatever the machine's language, because JSONPath cannot read a path
 * that may be missing: `$$.Execution.Input.meta.parent` raises `States.Runtime` in a standalone
 * run, which no Catch sees. A JSONPath machine may contain JSONata states (`QueryLanguage` on the
 * state); a JSONata machine may not contain JSONPath ones, so JSONata is the one language that
 * fits both. The parent link comes from the execution input, the execution's id and name from the
 * context object, and the Closer's result goes to a variable, so the payload, of any JSON type,
 * reaches the Closer and is the execution's output unchanged.
 *
 * @example
 * const states = closerStates({
 *   closerArn: 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser',
 * });
 * Object.keys(states); // ['Closer:Send', 'Closer:Choice', 'Closer:Success', 'Closer:Fail',
 *                      //  'Closer:DeadLetter', 'Closer:MarkFailed']
 */
export function closerStates(options: CloserStatesOptions): Record<string, JsonObject> {
  const names = closerStateNames(options.closerName);
  const result = `$${V.result}`;
  return {
    [names.send]: {
      ...JSONATA,
      Type: 'Task',
      Resource: options.closerArn,
      Arguments: FRAMED_REQUEST,
      // The payload stays the state's output; the result goes where the Choice and Fail read it.
      Output: '{% $states.input %}',
      Assign: { [V.result]: '{% $states.result %}' },
      Retry: [CLOSER_RETRY],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Assign: { [V.closerError]: '{% $states.errorOutput %}' },
          Output: '{% $states.input %}',
          Next: names.deadLetter,
        },
      ],
      Next: names.choice,
    },
    [names.choice]: {
      ...JSONATA,
      Type: 'Choice',
      Choices: [{ Condition: `{% ${result}.message = 'SUCCEEDED' %}`, Next: names.success }],
      Default: names.fail,
    },
    [names.success]: { ...JSONATA, Type: 'Succeed' },
    // The Closer returns the error and cause it sent to the parent; the execution fails with them.
    [names.fail]: {
      ...JSONATA,
      Type: 'Fail',
      Error: nonEmptyOr(`${result}.error`, "'SubStep.Failed'"),
      Cause: nonEmptyOr(`${result}.cause`, "'The sub step failed; the Closer returned no cause.'"),
    },
    [names.deadLetter]: {
      ...JSONATA,
      Type: 'Fail',
      Error: DEAD_LETTER_ERROR,
      Cause:
        `{% '${names.send} failed after its retries, so no parent was signalled: ' & ` +
        `$string($${V.closerError}) %}`,
    },
    [names.markFailed]: {
      ...JSONATA,
      Type: 'Pass',
      Assign: {
        [V.failed]: true,
        // Adds the catch-all's error under its state's name; a catcher that recorded nothing
        // (one the user wrote) adds nothing.
        [V.errors]:
          `{% $merge([$type($${V.errors}) = 'object' ? $${V.errors} : {}, ` +
          `$type($${V.caughtState}) = 'string' ? {$${V.caughtState}: $${V.caught}} : {}]) %}`,
      },
      Next: names.send,
    },
  };
}

function nonEmptyOr(value: string, fallback: string): string {
  return `{% $type(${value}) = 'string' and ${value} != '' ? ${value} : ${fallback} %}`;
}
