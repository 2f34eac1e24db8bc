import type { CloserResult } from './closer/CloserResult.ts';
import { closeSubStep } from './closeSubStep.ts';
import type { LambdaContext } from './LambdaContext.ts';

/**
 * The SubStepCloser Lambda (handler setting `index.handler`). It only routes by event shape:
 * the state input of `Closer:Send` closes a sub step.
 */
export const handler = async (event: unknown, context: LambdaContext): Promise<CloserResult> =>
  closeSubStep(event, context);
