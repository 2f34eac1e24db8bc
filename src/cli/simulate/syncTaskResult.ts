import type { Json, JsonObject } from '../check/Json.ts';
import type { StartExecutionPattern } from './resolveTaskTarget.ts';
import type { ExecutionEnd } from './runExecution.ts';

/** A child execution that ended, as `DescribeExecution` would describe it. */
export interface EndedChild {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: Json;
  /** Virtual epoch milliseconds. */
  readonly startDate: number;
  readonly stopDate: number;
  readonly end: ExecutionEnd;
}

/** How a `.sync` Task ends when its child execution ends first. */
export type SyncTaskResult =
  | { readonly kind: 'success'; readonly output: JsonObject }
  | { readonly kind: 'failure'; readonly error: 'States.TaskFailed'; readonly cause: string };

/**
 * What a `startExecution.sync` or `.sync:2` Task returns once its child ends. On AWS the result is
 * the child's `DescribeExecution` response in PascalCase, keys in alphabetical order, dates in
 * epoch milliseconds; `.sync` gives `Input` and `Output` as JSON strings and `.sync:2` as JSON
 * values. A child that does not succeed fails the Task with `States.TaskFailed`, whose cause is
 * that same document as a string, with the child's `Error` and `Cause` (a FAILED child seen on
 * AWS: `{"Cause":"...","Error":"Lambda.Unknown","ExecutionArn":...,"RedriveStatus":"REDRIVABLE",
 * ...,"Status":"FAILED","StopDate":...}`).
 *
 * @example
 * syncTaskResult(child, 'sync:2'); // { kind: 'success', output: { ExecutionArn, Output: {...}, ... } }
 */
export function syncTaskResult(
  child: EndedChild,
  pattern: Extract<StartExecutionPattern, 'sync' | 'sync:2'>,
): SyncTaskResult {
  const value = (json: Json): Json => (pattern === 'sync' ? JSON.stringify(json) : json);
  const { end } = child;
  const common = {
    ExecutionArn: child.executionArn,
    Input: value(child.input),
    InputDetails: { Included: true },
    Name: child.name,
  };
  if (end.status === 'SUCCEEDED') {
    return {
      kind: 'success',
      output: {
        ...common,
        Output: value(end.output),
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        StartDate: child.startDate,
        StateMachineArn: child.stateMachineArn,
        Status: 'SUCCEEDED',
        StopDate: child.stopDate,
      },
    };
  }
  const described: JsonObject = {
    ...(end.cause === '' ? {} : { Cause: end.cause }),
    ...(end.error === '' ? {} : { Error: end.error }),
    ...common,
    RedriveCount: 0,
    RedriveStatus: 'REDRIVABLE',
    StartDate: child.startDate,
    StateMachineArn: child.stateMachineArn,
    Status: end.status,
    StopDate: child.stopDate,
  };
  return { kind: 'failure', error: 'States.TaskFailed', cause: JSON.stringify(described) };
}

/**
 * The cause Step Functions gives when it stops a `.sync` child because the parent's Task closed
 * (timed out, or its execution stopped): StopExecution with no error and this cause.
 */
export function managingTaskAbortedCause(parentExecutionArn: string): string {
  return `The Task state in AWS Step Functions execution [${parentExecutionArn}] which was managing this resource was aborted`;
}
