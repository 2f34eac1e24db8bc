import { vi } from 'vitest';

/** The region and access key the fault suites sign with; asserted in the recorded headers. */
export const TEST_REGION = 'eu-west-1';
export const TEST_ACCESS_KEY_ID = 'AKIDSUBSTEPCLOSER';

/**
 * Points the real SDK at a fake endpoint, with static credentials (never the machine's), few SDK
 * attempts so retries are countable, and a 500 ms deadline margin. `vitest.config.ts` unstubs the
 * environment after every test, so call this in `beforeEach`.
 */
export function stubSfnEnv(endpointUrl: string, overrides: Record<string, string> = {}): void {
  const env: Record<string, string | undefined> = {
    AWS_ENDPOINT_URL_SFN: endpointUrl,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: 'sub-step-closer-test-secret',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '3',
    AWS_RETRY_MODE: 'standard',
    CLOSER_DEADLINE_MARGIN_MS: '500',
    CLOSER_FAIL_ON_ERRORS: undefined,
    ...overrides,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}

/** The attempt number the SDK stamped on a request (`amz-sdk-request: attempt=2; max=3`). */
export function sdkAttempt(headers: Readonly<Record<string, unknown>>): string {
  return String(headers['amz-sdk-request'] ?? '');
}

/**
 * The environment an SDK client with a mocked `send` (aws-sdk-client-mock) still needs to be
 * built: a region and static credentials, never the machine's. Call it in `beforeEach`.
 */
export function stubMockedSdkEnv(): void {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
}
