import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../check/Json.ts';
import { SIM_ACCOUNT, SIM_REGION } from './simulatedAccount.ts';
import type { EndedChild } from './syncTaskResult.ts';

/**
 * EventBridge leaves `input` and `output` out of a status-change event when together they exceed
 * 248 KB: `inputDetails.included` is then `false` and `input` is `null` (Step Functions'
 * EventBridge events documentation).
 */
export const EVENT_PAYLOAD_MAX_BYTES = 248 * 1024;

/**
 * The "Step Functions Execution Status Change" event that Step Functions sends to EventBridge
 * when a Standard execution ends, in its documented shape: `detail` holds the execution's ARN,
 * state machine, name, status, dates in epoch milliseconds, `input` and `output` as JSON strings
 * (or `null` when left out), the `error` and `cause`, and the redrive fields.
 *
 * @example
 * statusChangeEvent(child, '2026-12-01T00:00:05.000Z')['detail-type']; // 'Step Functions Execution Status Change'
 */
export function statusChangeEvent(child: EndedChild, time: string): JsonObject {
  const { end } = child;
  const input = JSON.stringify(child.input);
  const output = end.status === 'SUCCEEDED' ? JSON.stringify(end.output) : null;
  const included =
    Buffer.byteLength(input, 'utf8') + Buffer.byteLength(output ?? '', 'utf8') <=
    EVENT_PAYLOAD_MAX_BYTES;
  const failed = end.status !== 'SUCCEEDED';
  const detail: JsonObject = {
    executionArn: child.executionArn,
    stateMachineArn: child.stateMachineArn,
    name: child.name,
    status: end.status,
    startDate: child.startDate,
    stopDate: child.stopDate,
    input: included ? input : null,
    inputDetails: { included },
    output: included ? output : null,
    outputDetails: output === null ? null : { included },
    error: failed && end.error !== '' ? end.error : null,
    cause: failed && end.cause !== '' ? end.cause : null,
    redriveCount: 0,
    redriveDate: null,
    redriveStatus: failed ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
    redriveStatusReason: failed ? null : `Execution is ${end.status} and cannot be redriven`,
  };
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: SIM_ACCOUNT,
    // EventBridge's `time` has second precision.
    time: `${time.slice(0, 19)}Z`,
    region: SIM_REGION,
    resources: [child.executionArn],
    detail,
  };
}

/** The `DescribeExecution` response for a child, as the safety net reads it (camelCase, JSON strings). */
export function describeExecutionResponse(child: EndedChild | RunningChild): JsonObject {
  const end = 'end' in child ? child.end : undefined;
  return {
    executionArn: child.executionArn,
    stateMachineArn: child.stateMachineArn,
    name: child.name,
    status: end?.status ?? 'RUNNING',
    // The awsJson protocol carries timestamps as epoch seconds.
    startDate: child.startDate / 1000,
    ...(end === undefined ? {} : { stopDate: (child as EndedChild).stopDate / 1000 }),
    input: JSON.stringify(child.input),
    inputDetails: { included: true },
    ...(end?.status === 'SUCCEEDED'
      ? { output: JSON.stringify(end.output), outputDetails: { included: true } }
      : {}),
    ...(end !== undefined && end.status !== 'SUCCEEDED' && end.error !== ''
      ? { error: end.error }
      : {}),
    ...(end !== undefined && end.status !== 'SUCCEEDED' && end.cause !== ''
      ? { cause: end.cause }
      : {}),
  };
}

/** A child that still runs: what `DescribeExecution` knows of it. */
export interface RunningChild {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: Json;
  readonly startDate: number;
}
