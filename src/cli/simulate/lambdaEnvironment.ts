import { SIM_REGION } from './simulatedAccount.ts';

/**
 * The whole environment of the simulated Closer container: fake credentials, and the SDK's Step
 * Functions endpoint pointed at the local callback endpoint. Nothing of the caller's environment
 * leaks in, as nothing of a developer's machine reaches a deployed function.
 *
 * @example
 * lambdaEnvironment('http://127.0.0.1:40123', 'SubStepCloser', { CLOSER_FAIL_ON_ERRORS: 'true' });
 */
export function lambdaEnvironment(
  endpointUrl: string,
  functionName: string,
  extra: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    AWS_REGION: SIM_REGION,
    AWS_DEFAULT_REGION: SIM_REGION,
    AWS_ACCESS_KEY_ID: 'AKIASIMULATOR0000000',
    AWS_SECRET_ACCESS_KEY: 'simulated-secret-access-key',
    AWS_ENDPOINT_URL_SFN: endpointUrl,
    // No shared config or credentials file of this machine may steer the SDK.
    AWS_CONFIG_FILE: '/nonexistent/sub-step-closer-sim/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/sub-step-closer-sim/credentials',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    TZ: 'UTC',
    ...extra,
  };
}
