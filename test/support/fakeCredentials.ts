/**
 * Region and credentials as Lambda puts them in the environment. The fake Step Functions endpoint
 * accepts any signature; these only let the real SDK sign without looking any further (shared
 * config files, instance metadata). Used by the tests and the benchmarks alike.
 */
export const FAKE_SDK_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
} as const;
