import { afterAll, beforeAll } from 'vitest';
import { FAKE_SDK_ENV } from './fakeCredentials.ts';
import { type FakeSfnEndpoint, startFakeSfnEndpoint } from './fakeSfnEndpoint.ts';

/**
 * Starts a fake Step Functions endpoint for the whole test file and points the real SDK at it
 * through the environment, as Lambda would configure it (`AWS_ENDPOINT_URL_SFN`).
 *
 * The variables are set for the file rather than per test: the handler creates its SDK client
 * once per container (here, per module instance), and the client resolves them on first use.
 */
export function useFakeSfnEndpoint(extraEnv: Readonly<Record<string, string>> = {}): {
  endpoint: () => FakeSfnEndpoint;
} {
  let endpoint: FakeSfnEndpoint | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    endpoint = await startFakeSfnEndpoint();
    const env = { ...FAKE_SDK_ENV, AWS_ENDPOINT_URL_SFN: endpoint.url, ...extraEnv };
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await endpoint?.close();
  });
  return {
    endpoint: () => {
      if (endpoint === undefined) throw new Error('the fake endpoint starts in beforeAll');
      return endpoint;
    },
  };
}
