import { isJsonObject, type JsonObject, ownValue } from '../closer/jsonValue.ts';
import type { EventBridgeEvent } from './isEventBridgeEvent.ts';
import type { StatusChange, StoppedStatus } from './StatusChange.ts';

const SOURCE = 'aws.states';
const DETAIL_TYPE = 'Step Functions Execution Status Change';

const STOPPED: ReadonlySet<string> = new Set<StoppedStatus>(['FAILED', 'TIMED_OUT', 'ABORTED']);
/** Every other execution status the API documents; a status outside both sets is unrecognized. */
const NOT_STOPPED: ReadonlySet<string> = new Set(['RUNNING', 'SUCCEEDED', 'PENDING_REDRIVE']);

/**
 * Reads an EventBridge event into what the safety net should do. Pure and total: it never throws,
 * and whatever it does not understand comes back as `unrecognized` with a problem to log.
 *
 * The event shape is the documented "Step Functions Execution Status Change" event: `detail`
 * holds `executionArn`, `stateMachineArn`, `name`, `status`, `input` (a JSON string, or null when
 * `inputDetails.included` is false), `error` and `cause`.
 *
 * @example
 * readStatusChange(failedEvent).kind; // 'stopped'
 */
export function readStatusChange(event: EventBridgeEvent): StatusChange {
  const eventId = optionalString(ownValue(event, 'id'));
  const ids = eventId === undefined ? {} : { eventId };
  if (event.source !== SOURCE || event['detail-type'] !== DETAIL_TYPE) {
    return {
      kind: 'unrecognized',
      ...ids,
      problem: `expected source "${SOURCE}" and detail-type "${DETAIL_TYPE}", got source ${quote(event.source)} and detail-type ${quote(event['detail-type'])}`,
    };
  }
  const detail = ownValue(event, 'detail');
  if (!isJsonObject(detail)) {
    return { kind: 'unrecognized', ...ids, problem: 'the event has no detail object' };
  }
  const executionArn = optionalString(ownValue(detail, 'executionArn'));
  if (executionArn === undefined) {
    return {
      kind: 'unrecognized',
      ...ids,
      problem: 'detail.executionArn is not a non-empty string',
    };
  }
  const status = ownValue(detail, 'status');
  if (typeof status !== 'string' || !(STOPPED.has(status) || NOT_STOPPED.has(status))) {
    return {
      kind: 'unrecognized',
      ...ids,
      problem: `detail.status ${typeof status === 'string' ? quote(status) : 'is missing'}: expected an execution status such as FAILED`,
    };
  }
  if (!STOPPED.has(status)) return { kind: 'not-stopped', ...ids, executionArn, status };

  const input = readInput(detail);
  if (input === undefined) {
    return {
      kind: 'unrecognized',
      ...ids,
      problem: 'detail.input is not a string although detail.inputDetails.included is true',
    };
  }
  const name = optionalString(ownValue(detail, 'name'));
  const stateMachineArn = optionalString(ownValue(detail, 'stateMachineArn'));
  const error = optionalString(ownValue(detail, 'error'));
  const cause = optionalString(ownValue(detail, 'cause'));
  return {
    kind: 'stopped',
    ...ids,
    execution: {
      executionArn,
      status: status as StoppedStatus,
      input,
      ...(name === undefined ? {} : { name }),
      ...(stateMachineArn === undefined ? {} : { stateMachineArn }),
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    },
  };
}

/**
 * `inputDetails.included: false` means EventBridge left the input out (over 248 KB), so it must be
 * read with DescribeExecution. An event without `inputDetails` is read by whether `input` is a
 * string. Undefined when the event claims the input is included but it is not a string.
 */
function readInput(
  detail: JsonObject,
): { kind: 'included'; json: string } | { kind: 'omitted' } | undefined {
  const input = ownValue(detail, 'input');
  const inputDetails = ownValue(detail, 'inputDetails');
  const included = isJsonObject(inputDetails) ? ownValue(inputDetails, 'included') : undefined;
  if (included === false) return { kind: 'omitted' };
  if (typeof input === 'string') return { kind: 'included', json: input };
  return included === true ? undefined : { kind: 'omitted' };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Quotes a value for a log line, cut short: an unexpected event may carry anything. */
function quote(value: string): string {
  return JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value);
}
