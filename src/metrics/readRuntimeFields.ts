import type { LambdaContext } from '../LambdaContext.ts';

/** What the Lambda runtime tells an invocation about itself, for its log line. */
export interface RuntimeFields {
  /** The `FunctionName` dimension: `AWS_LAMBDA_FUNCTION_NAME`, else the context's `functionName`. */
  readonly functionName: string;
  /** The X-Ray trace id (the `Root=` part of `_X_AMZN_TRACE_ID`), when the runtime set one. */
  readonly xrayTraceId?: string;
}

/**
 * Outside Lambda (a test, a local run without the simulator) neither names the function; an EMF
 * dimension value must still be a string, so the metrics go to this one.
 */
export const UNKNOWN_FUNCTION_NAME = 'unknown';

/**
 * Reads the function name and the X-Ray trace id. Pure: pass the environment and the context.
 * Lambda sets `AWS_LAMBDA_FUNCTION_NAME` for the container and `_X_AMZN_TRACE_ID` for each
 * invocation (Lambda's reserved environment variables), so read this once per invocation.
 *
 * @example
 * readRuntimeFields(
 *   { AWS_LAMBDA_FUNCTION_NAME: 'SubStepCloser', _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1' },
 *   context,
 * ); // { functionName: 'SubStepCloser', xrayTraceId: '1-5759e988-bd862e3fe1be46a994272793' }
 */
export function readRuntimeFields(
  env: Readonly<Record<string, string | undefined>>,
  context: LambdaContext,
): RuntimeFields {
  const functionName =
    nonEmpty(env['AWS_LAMBDA_FUNCTION_NAME']) ??
    nonEmpty(context.functionName) ??
    UNKNOWN_FUNCTION_NAME;
  const xrayTraceId = readTraceRoot(env['_X_AMZN_TRACE_ID']);
  return xrayTraceId === undefined ? { functionName } : { functionName, xrayTraceId };
}

/**
 * The trace id in an X-Ray tracing header, `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=...;Sampled=1`:
 * the value of its `Root` field, the id that X-Ray and CloudWatch search by.
 */
function readTraceRoot(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const field of header.split(';')) {
    const [key, value] = field.split('=', 2);
    if (key?.trim() === 'Root') return nonEmpty(value?.trim());
  }
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
