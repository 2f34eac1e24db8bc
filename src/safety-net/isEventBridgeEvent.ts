import { isJsonObject, type JsonObject } from '../closer/jsonValue.ts';

/** The envelope every EventBridge event has; `detail` is read (and validated) later. */
export type EventBridgeEvent = JsonObject & {
  readonly 'detail-type': string;
  readonly source: string;
};

/**
 * True when the event is an EventBridge event rather than the state input of `Closer:Send`.
 *
 * It checks the envelope only (`detail-type` and `source` are strings), not that it is a Step
 * Functions status change: any EventBridge event routed to this function then reaches the safety
 * net, which logs what it does not understand, instead of passing through the Closer as a
 * standalone payload. Two property reads, so the Closer path pays nothing for it. A standardized
 * payload never carries a top-level `detail-type`.
 *
 * @example
 * isEventBridgeEvent({ 'detail-type': 'Step Functions Execution Status Change', source: 'aws.states' }); // true
 * isEventBridgeEvent({ initial: {}, meta: { status: false } }); // false
 */
export function isEventBridgeEvent(event: unknown): event is EventBridgeEvent {
  return (
    isJsonObject(event) &&
    typeof event['detail-type'] === 'string' &&
    typeof event['source'] === 'string'
  );
}
