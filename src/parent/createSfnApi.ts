import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import type { SfnApi } from './SfnApi.ts';

/**
 * Creates the SDK client. This module is the only one that imports `@aws-sdk/client-sfn`; the
 * bundle puts it in a separate chunk that `loadSfnApi` imports on first use, so a pass-through
 * invocation never loads the SDK.
 *
 * The client keeps the SDK's defaults for region, credentials, endpoint (`AWS_ENDPOINT_URL_SFN`),
 * FIPS, proxies and retries (standard mode, `AWS_MAX_ATTEMPTS`): users configure it the AWS way.
 */
export function createSfnApi(): SfnApi {
  const client = new SFNClient({});
  return {
    async sendTaskSuccess(input, abortSignal) {
      await client.send(new SendTaskSuccessCommand(input), { abortSignal });
    },
    async sendTaskFailure(input, abortSignal) {
      await client.send(new SendTaskFailureCommand(input), { abortSignal });
    },
    async describeExecution(input, abortSignal) {
      const { input: executionInput } = await client.send(new DescribeExecutionCommand(input), {
        abortSignal,
      });
      return executionInput === undefined ? {} : { input: executionInput };
    },
  };
}
