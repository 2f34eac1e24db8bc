import { ThrownErrorName } from '../../errors.ts';
import { DEFAULT_CLOSER_NAME } from '../check/closerChain.ts';
import { errorKey } from '../check/errorKey.ts';
import type { JsonObject } from '../check/Json.ts';
import type { QueryLanguage } from '../check/parseDefinition.ts';
import { mergeInto } from './mergeInto.ts';

/** Options of `closerStates`. */
export interface CloserStatesOptions {
  /** ARN of the deployed SubStepCloser Lambda function (or an alias or version of it). */
  readonly closerArn: string;
  /** Name of the Closer Task. Default `Closer:Send`; the other names derive from it. */
  readonly closerName?: string;
  /**
   * The query language of the machine the states go into. Default `JSONPath`. A machine whose
   * top-level `QueryLanguage` is JSONata cannot hold JSONPath states, so the states are then
   * written in JSONata.
   */
  readonly queryLanguage?: QueryLanguage;
}

/** Names of the Closer states, derived from the Closer Task's name. */
export interface CloserStateNames {
  /** The Closer Task: calls the SubStepCloser Lambda. */
  readonly send: string;
  /** Routes on `$.meta.status.message`. */
  readonly choice: string;
  readonly success: string;
  readonly fail: string;
  /** Where the Closer Task's own catcher leads: the execution fails, the safety net signals. */
  readonly deadLetter: string;
  /** Sets `$.meta.status = false`, then goes to the Closer Task: the target of catch-alls. */
  readonly markFailed: string;
  /** Records `States.NoChoiceMatched` in `$.meta.error`, then marks the execution failed. */
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
 * Retry what may pass (an unreachable Step Functions, Lambda service hiccups), but not
 * `Closer.ParentRejected`: a retry cannot fix that. A retried Closer is idempotent: a signal that
 * already landed ends the retry with `parent: "GONE"`.
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
  IntervalSeconds: 5,
  MaxAttempts: 3,
  BackoffRate: 2.1,
};

/**
 * The Closer states to add to a state machine, keyed by name in the order to paste them:
 * the Closer Task (the seed's `Closer:Send`, with a Retry and a Catch to the dead-letter state),
 * its Choice, Success and Fail (`ErrorPath`/`CausePath` on `$.meta.status`), the dead-letter Fail,
 * and the mark-failed Pass that every catch-all should lead to. `check` passes on a machine whose
 * ends and catch-alls all lead into these states. The shape is API: the deployment kit and the
 * simulator reuse it.
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
  return options.queryLanguage === 'JSONata'
    ? jsonataCloserStates(names, options.closerArn)
    : jsonPathCloserStates(names, options.closerArn);
}

function jsonPathCloserStates(
  names: CloserStateNames,
  closerArn: string,
): Record<string, JsonObject> {
  return {
    [names.send]: {
      Type: 'Task',
      Resource: closerArn,
      ResultPath: '$.meta.status',
      Retry: [CLOSER_RETRY],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: `$.errors.${errorKey(names.send)}`,
          Next: names.deadLetter,
        },
      ],
      Next: names.choice,
    },
    [names.choice]: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.meta.status.message', StringEquals: 'SUCCEEDED', Next: names.success },
      ],
      Default: names.fail,
    },
    [names.success]: { Type: 'Succeed' },
    // The Closer returns the error and cause it sent to the parent; the execution fails with them.
    [names.fail]: {
      Type: 'Fail',
      ErrorPath: '$.meta.status.error',
      CausePath: '$.meta.status.cause',
    },
    [names.deadLetter]: deadLetterState(names),
    [names.markFailed]: {
      Type: 'Pass',
      Result: false,
      ResultPath: '$.meta.status',
      Next: names.send,
    },
  };
}

function jsonataCloserStates(
  names: CloserStateNames,
  closerArn: string,
): Record<string, JsonObject> {
  return {
    [names.send]: {
      Type: 'Task',
      Resource: closerArn,
      Arguments: '{% $states.input %}',
      Output: mergeInto('meta', "{'status': $states.result}"),
      Retry: [CLOSER_RETRY],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Output: mergeInto('errors', `{'${errorKey(names.send)}': $states.errorOutput}`),
          Next: names.deadLetter,
        },
      ],
      Next: names.choice,
    },
    [names.choice]: {
      Type: 'Choice',
      Choices: [
        {
          Condition: "{% $states.input.meta.status.message = 'SUCCEEDED' %}",
          Next: names.success,
        },
      ],
      Default: names.fail,
    },
    [names.success]: { Type: 'Succeed' },
    [names.fail]: {
      Type: 'Fail',
      Error:
        "{% $exists($states.input.meta.status.error) ? $states.input.meta.status.error : 'SubStep.Failed' %}",
      Cause:
        "{% $exists($states.input.meta.status.cause) ? $states.input.meta.status.cause : 'See $.meta.status' %}",
    },
    [names.deadLetter]: deadLetterState(names),
    [names.markFailed]: {
      Type: 'Pass',
      Output: mergeInto('meta', "{'status': false}"),
      Next: names.send,
    },
  };
}

function deadLetterState(names: CloserStateNames): JsonObject {
  return {
    Type: 'Fail',
    Error: DEAD_LETTER_ERROR,
    Cause:
      `${names.send} failed after its retries, so no parent was signalled; its error is in ` +
      `$.errors.${errorKey(names.send)}.`,
  };
}
