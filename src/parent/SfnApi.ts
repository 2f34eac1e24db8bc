/**
 * The three Step Functions calls this function makes, as plain functions. The handler depends on
 * this interface; only `createSfnApi` (loaded lazily) imports the SDK.
 */
export interface SfnApi {
  sendTaskSuccess(
    input: { taskToken: string; output: string },
    abortSignal: AbortSignal,
  ): Promise<void>;
  /** `error` and `cause` are optional: the KMS fallback sends neither. */
  sendTaskFailure(
    input: { taskToken: string; error?: string; cause?: string },
    abortSignal: AbortSignal,
  ): Promise<void>;
  /** Used by the safety net when an EventBridge event leaves the execution input out. */
  describeExecution(
    input: { executionArn: string },
    abortSignal: AbortSignal,
  ): Promise<{ input?: string }>;
}
