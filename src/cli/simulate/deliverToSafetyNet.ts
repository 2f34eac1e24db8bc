import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../check/Json.ts';
import type { LambdaOutcome } from './lambdaContainer.ts';
import type { SimEventInput } from './SimEvent.ts';
import type { VirtualClock } from './VirtualClock.ts';

/**
 * Lambda retries an asynchronous invocation whose function returns an error twice, about one
 * minute and then two minutes later (Lambda's "asynchronous invocation" documentation); the
 * safety net throws on purpose when a signal failed in a way a retry can fix.
 */
const ASYNC_RETRY_DELAYS_MS = [60_000, 120_000] as const;

/** Options of `deliverToSafetyNet`. */
export interface SafetyNetDeliveryOptions {
  /** The "Step Functions Execution Status Change" event, as the EventBridge rule delivers it. */
  readonly event: JsonObject;
  readonly clock: VirtualClock;
  /** Invokes the built zip's handler (the Lambda the rule targets) with `requestId`. */
  readonly invoke: (event: JsonObject, requestId: string) => Promise<LambdaOutcome>;
  /** Notes the request id of each invocation, so its log lines land on the child's trace. */
  readonly onInvoke?: (requestId: string) => void;
  readonly emit: (event: SimEventInput) => void;
}

/**
 * Delivers a child's status-change event to the safety net as EventBridge and Lambda would: one
 * asynchronous invocation, retried twice on a function error, on the virtual clock.
 *
 * @example
 * await deliverToSafetyNet({ event, clock, invoke: (e, id) => container.invoke(e, id), emit });
 */
export async function deliverToSafetyNet(options: SafetyNetDeliveryOptions): Promise<void> {
  const detail = options.event['detail'] as JsonObject;
  const inputDetails = detail['inputDetails'] as JsonObject;
  for (let attempt = 0; attempt <= ASYNC_RETRY_DELAYS_MS.length; attempt += 1) {
    const delay = ASYNC_RETRY_DELAYS_MS[attempt - 1];
    if (delay !== undefined) await options.clock.sleep(delay);
    options.emit({
      type: 'SafetyNetInvoked',
      status: detail['status'] as 'FAILED' | 'TIMED_OUT' | 'ABORTED',
      inputIncluded: inputDetails['included'] === true,
    });
    const requestId = randomUUID();
    options.onInvoke?.(requestId);
    const outcome = await options.clock.hold(() => options.invoke(options.event, requestId));
    if (outcome.ok) {
      options.emit({ type: 'SafetyNetReturned', result: outcome.result });
      return;
    }
    options.emit({
      type: 'SafetyNetErrored',
      error: outcome.errorType,
      message: outcome.errorMessage,
    });
  }
}
