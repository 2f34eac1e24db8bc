import type { CloserResult } from './closer/CloserResult.ts';
import { closeSubStep } from './closeSubStep.ts';
import type { LambdaContext } from './LambdaContext.ts';
import { isEventBridgeEvent } from './safety-net/isEventBridgeEvent.ts';
import type { SafetyNetSummary } from './safety-net/SafetyNetSummary.ts';

/**
 * The SubStepCloser Lambda (handler setting `index.handler`). It only routes by event shape:
 * an EventBridge event goes to the safety net, anything else is the state input of `Closer:Send`
 * and closes a sub step. The safety net is imported on first use, so it adds nothing to the
 * Closer's cold start.
 */
export const handler = async (
  event: unknown,
  context: LambdaContext,
): Promise<CloserResult | SafetyNetSummary> =>
  isEventBridgeEvent(event)
    ? (await import('./safety-net/handleStatusChange.ts')).handleStatusChange(event, context)
    : closeSubStep(event, context);
