import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const { FAKE_SDK_ENV } = await import('../test/support/fakeCredentials.ts');

/**
 * The environment of every benchmark child that runs the handler, as Lambda sets it: region,
 * credentials and a session token in the environment, and an empty home folder (`home`, created
 * here; `work/home` by default), so the SDK finds no shared config or credentials files. The
 * signal goes to `endpointUrl`.
 *
 * @example
 * const env = lambdaEnvironment(work, endpoint.url);
 */
export function lambdaEnvironment(work, endpointUrl, home = join(work, 'home')) {
  mkdirSync(home);
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    ...FAKE_SDK_ENV,
    AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
    AWS_ENDPOINT_URL_SFN: endpointUrl,
  };
}
