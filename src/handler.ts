import type { CloserResult } from './closer/CloserResult.ts';
import { closeSubStep } from './closeSubStep.ts';
import type { LambdaContext } from './LambdaContext.ts';
import { handleStatusChange } from './safety-net/handleStatusChange.ts';
import { isEventBridgeEvent } from './safety-net/isEventBridgeEvent.ts';
import type { SafetyNetSummary } from './safety-net/SafetyNetSummary.ts';

// The safety net is imported statically on purpose. It is about 6 KB minified and shares most of
// its code with the Closer; a lazy import() made esbuild move that shared code into a chunk the
// entry must load too, which cost the Closer's cold start more (one more module file) than
// parsing 6 KB does. Neither path loads the SDK until it calls Step Functions.

/**
 * The SubStepCloser Lambda (handler setting `index.handler`). It only routes by event shape:
 * an EventBridge event goes to the safety net, anything else is the state input of `Closer:Send`
 * and closes a sub step.
 */
export const handler = async (
  event: unknown,
  context: LambdaContext,
): Promise<CloserResult | SafetyNetSummary> =>
  isEventBridgeEvent(event) ? handleStatusChange(event, context) : closeSubStep(event, context);
