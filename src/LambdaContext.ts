import type { Context } from 'aws-lambda';

/** The parts of the Lambda context this function uses; tests and the simulator provide just these. */
export type LambdaContext = Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>;
