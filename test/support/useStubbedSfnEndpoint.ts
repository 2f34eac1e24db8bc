import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeSfnEndpoint, type Responder, startFakeSfnEndpoint } from './fakeSfnEndpoint.ts';
import { preloadSdk } from './freshSourceHandler.ts';
import { stubSfnEnv } from './stubSfnEnv.ts';

export interface StubbedSfnEndpointOptions {
  /** Import the SDK once up front, so the first test does not pay for it inside its deadline. */
  readonly preloadSdk?: boolean;
  /** A fresh responder for every test (for example `tokenClosingResponder`). */
  readonly responder?: () => Responder;
}

/**
 * One fake Step Functions endpoint for the test file, reset before every test, with the SDK's
 * environment stubbed to point at it. Returns a getter, since the endpoint starts in `beforeAll`.
 */
export function useStubbedSfnEndpoint(
  options: StubbedSfnEndpointOptions = {},
): () => FakeSfnEndpoint {
  let endpoint: FakeSfnEndpoint | undefined;
  const current = (): FakeSfnEndpoint => {
    if (endpoint === undefined) throw new Error('the fake endpoint starts in beforeAll');
    return endpoint;
  };
  beforeAll(async () => {
    endpoint = await startFakeSfnEndpoint();
    if (options.preloadSdk === true) await preloadSdk();
  });
  beforeEach(() => {
    current().reset();
    if (options.responder !== undefined) current().respondWith(options.responder());
    stubSfnEnv(current().url);
  });
  afterAll(() => endpoint?.close());
  return current;
}
