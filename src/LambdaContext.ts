import type { Context } from 'aws-lambda';

/**
 * The parts of the Lambda context this function uses; tests and the simulator provide just these.
 * `functionName` is optional: the log line's `FunctionName` dimension prefers Lambda's
 * `AWS_LAMBDA_FUNCTION_NAME` and reads the context only when that is missing.
 */
export type LambdaContext = Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'> &
  Partial<Pick<Context, 'functionName'>>;
