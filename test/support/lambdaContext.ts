import type { LambdaContext } from '../../src/LambdaContext.ts';

/** A Lambda context whose clock starts now and runs out after `timeoutMs`. */
export function lambdaContext(timeoutMs = 10_000, awsRequestId = 'request-1'): LambdaContext {
  const endsAt = Date.now() + timeoutMs;
  return { awsRequestId, getRemainingTimeInMillis: () => Math.max(0, endsAt - Date.now()) };
}
