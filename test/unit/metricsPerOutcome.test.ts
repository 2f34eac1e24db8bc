import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../src/handler.ts';
import { closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';
import {
  childInput,
  describedChild,
  ec2StateChangeEvent,
  executionStatusChange,
  SECRET_IN_INPUT,
} from '../fixtures/statusChangeEvents.ts';
import { captureLogs, embeddedMetrics, onlyMetric } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { CLOSER_METRICS, SAFETY_NET_METRICS } from '../support/metricContract.ts';
import { serviceError } from '../support/serviceError.ts';
import { stubMockedSdkEnv } from '../support/stubSfnEnv.ts';

const CLOSER = CLOSER_METRICS;
const SAFETY_NET = SAFETY_NET_METRICS;
const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1';

const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  stubMockedSdkEnv();
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'SubStepCloser-prod');
  vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', undefined);
  vi.stubEnv('CLOSER_METRICS_NAMESPACE', undefined);
  vi.stubEnv('_X_AMZN_TRACE_ID', undefined);
});

/** Invokes the handler once and returns its one log line, read as an EMF document. */
async function invokeOnce(event: unknown): Promise<{
  record: Record<string, unknown>;
  emf: ReturnType<typeof embeddedMetrics>;
  line: string;
}> {
  const logs = captureLogs();
  await handler(event, lambdaContext()).catch(() => undefined);
  expect(logs.lines()).toHaveLength(1);
  const [record] = logs.records();
  const [line] = logs.lines();
  if (record === undefined || line === undefined) throw new Error('no log line');
  return { record, emf: embeddedMetrics(record), line };
}

describe('metrics: the Closer', () => {
  it.each([
    ['a standalone child closes', () => closerInput(), ['VerdictSucceeded', 'ParentNone']],
    [
      'a standalone child failed',
      () => closerInput({ status: false }),
      ['VerdictFailed', 'ParentNone'],
    ],
    [
      'the parent is signalled',
      () => {
        sfn.on(SendTaskSuccessCommand).resolves({});
        return closerInput({ withParent: true });
      },
      ['VerdictSucceeded', 'ParentNotified'],
    ],
    [
      'the parent is told of a failure',
      () => {
        sfn.on(SendTaskFailureCommand).resolves({});
        return closerInput({ withParent: true, status: false });
      },
      ['VerdictFailed', 'ParentNotified'],
    ],
    [
      "the parent's task is already closed",
      () => {
        sfn.on(SendTaskSuccessCommand).rejects(serviceError('TaskTimedOut'));
        return closerInput({ withParent: true });
      },
      ['VerdictSucceeded', 'ParentGone'],
    ],
    [
      'Step Functions refuses the signal (Closer.ParentRejected)',
      () => {
        sfn.on(SendTaskSuccessCommand).rejects(serviceError('AccessDeniedException'));
        return closerInput({ withParent: true });
      },
      ['SignalFailed'],
    ],
    [
      'Step Functions stays unreachable (Closer.ParentUnreachable)',
      () => {
        sfn.on(SendTaskSuccessCommand).rejects(serviceError('InternalServerError', 500));
        return closerInput({ withParent: true });
      },
      ['SignalFailed'],
    ],
    [
      'the input breaks the contract, with a parent to tell',
      () => {
        sfn.on(SendTaskFailureCommand).resolves({});
        return closerInput({ withParent: true, status: 'done' });
      },
      ['VerdictFailed', 'InputRejected', 'ParentNotified'],
    ],
    [
      'the input is not a payload at all',
      () => 'not a payload',
      ['VerdictFailed', 'InputRejected', 'ParentNone'],
    ],
    [
      'the token is malformed',
      () => closerInput({ token: 't'.repeat(2049) }),
      ['VerdictFailed', 'InputRejected', 'ParentNone'],
    ],
  ])('counts 1 for its outcome and 0 for the others when %s', async (_case, arrange, ones) => {
    const { emf } = await invokeOnce(arrange());
    expect(emf.values).toEqual(onlyMetric(CLOSER, ...ones));
  });

  it('names the namespace, the dimension set, each metric and its unit Count', async () => {
    const { record, emf } = await invokeOnce(closerInput());
    expect(emf).toMatchObject({
      timestamp: Date.parse(String(record['timestamp'])),
      namespace: 'SubStepCloser',
      dimensionSets: [['FunctionName', 'Source']],
      dimensions: { FunctionName: 'SubStepCloser-prod', Source: 'Closer' },
      units: Object.fromEntries(CLOSER.map((name) => [name, 'Count'])),
    });
  });

  it('takes FunctionName from the context when AWS_LAMBDA_FUNCTION_NAME is missing', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    const logs = captureLogs();
    await handler(closerInput(), { ...lambdaContext(), functionName: 'FromContext' });
    expect(embeddedMetrics(logs.records()[0] ?? {}).dimensions).toEqual({
      FunctionName: 'FromContext',
      Source: 'Closer',
    });
  });

  it('publishes to CLOSER_METRICS_NAMESPACE', async () => {
    vi.stubEnv('CLOSER_METRICS_NAMESPACE', 'Orders/SubSteps');
    const { emf } = await invokeOnce(closerInput());
    expect(emf.namespace).toBe('Orders/SubSteps');
  });

  it('fails with Closer.InvalidConfiguration, and still counts, on an unusable namespace', async () => {
    vi.stubEnv('CLOSER_METRICS_NAMESPACE', 'AWS/Lambda');
    sfn.on(SendTaskFailureCommand).resolves({});
    const { record, emf } = await invokeOnce(closerInput({ withParent: true }));
    expect(record).toMatchObject({ error: 'Closer.InvalidConfiguration' });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'Closer.InvalidConfiguration',
      cause: expect.stringContaining('CLOSER_METRICS_NAMESPACE'),
    });
    expect(emf.namespace).toBe('SubStepCloser');
    expect(emf.values).toEqual(onlyMetric(CLOSER, 'VerdictFailed', 'ParentNotified'));
  });

  it('writes the X-Ray trace id of the invocation', async () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', TRACE_HEADER);
    const { record } = await invokeOnce(closerInput());
    expect(record['xrayTraceId']).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('never writes the token, whatever the outcome', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('InvalidToken'));
    const { line } = await invokeOnce(closerInput({ withParent: true }));
    expect(line).not.toContain(PARENT_TOKEN.slice(0, 40));
  });
});

describe('metrics: the safety net', () => {
  it.each([
    [
      'NOTIFIED',
      'ParentNotified',
      () => {
        sfn.on(SendTaskFailureCommand).resolves({});
        return executionStatusChange();
      },
    ],
    [
      'GONE',
      'ParentGone',
      () => {
        sfn.on(SendTaskFailureCommand).rejects(serviceError('TaskTimedOut'));
        return executionStatusChange();
      },
    ],
    [
      'NO_PARENT',
      'ParentNone',
      () => executionStatusChange({ input: childInput({ withParent: false }) }),
    ],
    [
      'NO_PARENT (described input)',
      'ParentNone',
      () => {
        sfn
          .on(DescribeExecutionCommand)
          .resolves(describedChild(childInput({ withParent: false })));
        return executionStatusChange({ inputIncluded: false });
      },
    ],
    ['IGNORED', 'ParentNone', () => executionStatusChange({ status: 'SUCCEEDED' })],
    ['UNRECOGNIZED (event)', 'Unrecognized', () => ec2StateChangeEvent()],
    [
      'UNRECOGNIZED (malformed token)',
      'Unrecognized',
      () => executionStatusChange({ input: childInput({ token: 'x'.repeat(2_049) }) }),
    ],
    [
      'REFUSED',
      'SignalFailed',
      () => {
        sfn.on(SendTaskFailureCommand).rejects(serviceError('AccessDeniedException'));
        return executionStatusChange();
      },
    ],
    [
      'rethrown for a Lambda retry',
      'SignalFailed',
      () => {
        sfn.on(SendTaskFailureCommand).rejects(serviceError('ThrottlingException'));
        return executionStatusChange();
      },
    ],
  ])('counts %s as %s, and 0 for the others', async (_case, metric, arrange) => {
    const { emf, line } = await invokeOnce(arrange());
    expect(emf.values).toEqual(onlyMetric(SAFETY_NET, metric));
    expect(emf.dimensions).toEqual({ FunctionName: 'SubStepCloser-prod', Source: 'SafetyNet' });
    expect(line).not.toContain(PARENT_TOKEN.slice(0, 40));
    expect(line).not.toContain(SECRET_IN_INPUT);
  });

  it('publishes to CLOSER_METRICS_NAMESPACE, and to the default one when it is unusable', async () => {
    vi.stubEnv('CLOSER_METRICS_NAMESPACE', 'Orders/SubSteps');
    expect((await invokeOnce(ec2StateChangeEvent())).emf.namespace).toBe('Orders/SubSteps');
    vi.stubEnv('CLOSER_METRICS_NAMESPACE', 'Orders$');
    const { record, emf } = await invokeOnce(ec2StateChangeEvent());
    expect(emf.namespace).toBe('SubStepCloser');
    expect(record['configProblem']).toContain('CLOSER_METRICS_NAMESPACE');
  });
});

describe('metrics: when AWS_LAMBDA_LOG_LEVEL filters the line out', () => {
  it('still writes the metrics of a closed sub step at level ERROR', async () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'ERROR');
    sfn.on(SendTaskSuccessCommand).resolves({});
    const { record, emf } = await invokeOnce(closerInput({ withParent: true }));
    expect(record).toMatchObject({
      level: 'ERROR',
      message: 'invocation metrics',
      suppressedLevel: 'INFO',
    });
    expect(record).not.toHaveProperty('verdict');
    expect(emf.values).toEqual(onlyMetric(CLOSER, 'VerdictSucceeded', 'ParentNotified'));
  });

  it('writes a failed signal as it is at level ERROR', async () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'ERROR');
    sfn.on(SendTaskSuccessCommand).rejects(serviceError('AccessDeniedException'));
    const { record, emf } = await invokeOnce(closerInput({ withParent: true }));
    expect(record).toMatchObject({ level: 'ERROR', message: 'parent not signalled' });
    expect(emf.values).toEqual(onlyMetric(CLOSER, 'SignalFailed'));
  });

  it("still writes the safety net's metrics at level WARN", async () => {
    vi.stubEnv('AWS_LAMBDA_LOG_LEVEL', 'WARN');
    sfn.on(SendTaskFailureCommand).rejects(serviceError('TaskTimedOut'));
    const { record, emf } = await invokeOnce(executionStatusChange());
    expect(record).toMatchObject({ level: 'WARN', suppressedLevel: 'INFO' });
    expect(emf.values).toEqual(onlyMetric(SAFETY_NET, 'ParentGone'));
  });
});

describe('metrics: coldStart', () => {
  it('is true on the first invocation of a container and false after, across both paths', async () => {
    vi.resetModules();
    const fresh = await import('../../src/handler.ts');
    const logs = captureLogs();
    await fresh.handler(closerInput(), lambdaContext());
    await fresh.handler(ec2StateChangeEvent(), lambdaContext());
    await fresh.handler(closerInput(), lambdaContext());
    expect(logs.records().map((record) => record['coldStart'])).toEqual([true, false, false]);
  });
});
