import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildEmfDocument } from '../../src/metrics/buildEmfDocument.ts';
import { closerMetrics } from '../../src/metrics/closerMetrics.ts';
import { createColdStartFlag } from '../../src/metrics/coldStart.ts';
import { metricsNamespaceProblem } from '../../src/metrics/metricsNamespace.ts';
import { readRuntimeFields } from '../../src/metrics/readRuntimeFields.ts';
import { type SafetyNetOutcome, safetyNetMetrics } from '../../src/metrics/safetyNetMetrics.ts';
import { onlyMetric } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { CLOSER_METRICS, SAFETY_NET_METRICS } from '../support/metricContract.ts';

const CLOSER = CLOSER_METRICS;
const SAFETY_NET = SAFETY_NET_METRICS;

/**
 * The structure the EMF specification requires of `_aws` (CloudWatch User Guide, "Specification:
 * Embedded metric format"): an integer Timestamp, and MetricDirectives with a Namespace of 1 to
 * 255 characters, DimensionSets of at most 9 strings, and at most 100 MetricDefinitions whose Unit
 * is a CloudWatch unit.
 */
const EMF_METADATA_SCHEMA = {
  type: 'object',
  required: ['_aws'],
  properties: {
    _aws: {
      type: 'object',
      required: ['Timestamp', 'CloudWatchMetrics'],
      properties: {
        Timestamp: { type: 'integer' },
        CloudWatchMetrics: {
          type: 'array',
          items: {
            type: 'object',
            required: ['Namespace', 'Dimensions', 'Metrics'],
            properties: {
              Namespace: { type: 'string', minLength: 1, maxLength: 255 },
              Dimensions: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'array',
                  maxItems: 9,
                  items: { type: 'string', minLength: 1, maxLength: 255 },
                },
              },
              Metrics: {
                type: 'array',
                maxItems: 100,
                items: {
                  type: 'object',
                  required: ['Name'],
                  properties: {
                    Name: { type: 'string', minLength: 1, maxLength: 255 },
                    Unit: { enum: ['Count', 'Milliseconds', 'Bytes', 'None'] },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;

const validateEmf = new Ajv({ allErrors: true }).compile(EMF_METADATA_SCHEMA);

describe('buildEmfDocument', () => {
  const document = buildEmfDocument({
    namespace: 'SubStepCloser',
    dimensions: { FunctionName: 'SubStepCloser', Source: 'Closer' },
    metrics: { ParentNotified: 1, ParentGone: 0 },
    unit: 'Count',
    timestamp: 1_764_099_741_000,
  });

  it('has the _aws metadata the specification requires', () => {
    expect(validateEmf(document), JSON.stringify(validateEmf.errors)).toBe(true);
  });

  it('names one dimension set, the dimensions in the order given', () => {
    expect(document._aws.CloudWatchMetrics[0].Dimensions).toEqual([['FunctionName', 'Source']]);
  });

  it('puts each dimension value at the root as a string', () => {
    expect(document).toMatchObject({ FunctionName: 'SubStepCloser', Source: 'Closer' });
  });

  it('puts each metric value at the root as a number and names it with its unit', () => {
    expect(document).toMatchObject({ ParentNotified: 1, ParentGone: 0 });
    expect(document._aws.CloudWatchMetrics[0].Metrics).toEqual([
      { Name: 'ParentNotified', Unit: 'Count' },
      { Name: 'ParentGone', Unit: 'Count' },
    ]);
  });

  it('carries the timestamp and the namespace it is given', () => {
    expect(document._aws.Timestamp).toBe(1_764_099_741_000);
    expect(document._aws.CloudWatchMetrics[0].Namespace).toBe('SubStepCloser');
  });
});

describe('closerMetrics', () => {
  it.each([
    [{ message: 'SUCCEEDED', parent: 'NOTIFIED' }, ['VerdictSucceeded', 'ParentNotified']],
    [{ message: 'SUCCEEDED', parent: 'NONE' }, ['VerdictSucceeded', 'ParentNone']],
    [{ message: 'SUCCEEDED', parent: 'GONE' }, ['VerdictSucceeded', 'ParentGone']],
    [
      { message: 'FAILED', parent: 'NOTIFIED', error: 'SubStep.Failed', cause: '{}' },
      ['VerdictFailed', 'ParentNotified'],
    ],
    [
      { message: 'FAILED', parent: 'GONE', error: 'Orders.Bad', cause: 'why' },
      ['VerdictFailed', 'ParentGone'],
    ],
    [
      { message: 'FAILED', parent: 'NONE', error: 'SubStep.InvalidPayload', cause: '{}' },
      ['VerdictFailed', 'InputRejected', 'ParentNone'],
    ],
    [
      { message: 'FAILED', parent: 'NOTIFIED', error: 'SubStep.InvalidPayload', cause: '{}' },
      ['VerdictFailed', 'InputRejected', 'ParentNotified'],
    ],
  ] as const)('counts the result %j as %j', (result, ones) => {
    expect(closerMetrics({ kind: 'returned', result })).toEqual(onlyMetric(CLOSER, ...ones));
  });

  it('counts a thrown invocation as SignalFailed only, and no verdict', () => {
    expect(closerMetrics({ kind: 'threw' })).toEqual(onlyMetric(CLOSER, 'SignalFailed'));
  });

  it('lists every Closer metric, in the documented order', () => {
    expect(Object.keys(closerMetrics({ kind: 'threw' }))).toEqual(CLOSER);
  });
});

describe('safetyNetMetrics', () => {
  it.each([
    ['NOTIFIED', 'ParentNotified'],
    ['GONE', 'ParentGone'],
    ['NO_PARENT', 'ParentNone'],
    ['IGNORED', 'ParentNone'],
    ['UNRECOGNIZED', 'Unrecognized'],
    ['REFUSED', 'SignalFailed'],
    ['RETHROWN', 'SignalFailed'],
  ] as const)('counts %s as %s and nothing else', (outcome: SafetyNetOutcome, metric) => {
    expect(safetyNetMetrics(outcome)).toEqual(onlyMetric(SAFETY_NET, metric));
  });

  it('lists every safety-net metric, in the documented order', () => {
    expect(Object.keys(safetyNetMetrics('GONE'))).toEqual(SAFETY_NET);
  });
});

describe('metricsNamespaceProblem', () => {
  it.each([
    'SubStepCloser',
    'Orders/SubSteps',
    'team.orders_sub-steps#1:prod',
    'Sub Step Closer',
    'x'.repeat(255),
  ])('accepts %j', (namespace) => {
    expect(metricsNamespaceProblem(namespace)).toBeUndefined();
  });

  it.each([
    ['over 255 characters', 'x'.repeat(256), 'over 255'],
    ['only spaces', '   ', 'whitespace'],
    ['a character CloudWatch rejects', 'Orders$', 'only letters'],
    ['a non-ASCII letter', 'Aufträge', 'only letters'],
    ['a control character', 'Orders\n', 'only letters'],
    ['a leading colon', ':Orders', 'begin with ":"'],
    ['the reserved AWS/ prefix', 'AWS/Lambda', 'AWS/'],
  ])('rejects a namespace with %s', (_case, namespace, problem) => {
    expect(metricsNamespaceProblem(namespace)).toContain(problem);
  });
});

describe('readRuntimeFields', () => {
  const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1';

  it('names the function from AWS_LAMBDA_FUNCTION_NAME first', () => {
    const context = { ...lambdaContext(), functionName: 'FromContext' };
    expect(readRuntimeFields({ AWS_LAMBDA_FUNCTION_NAME: 'FromEnv' }, context)).toEqual({
      functionName: 'FromEnv',
    });
  });

  it("names the function from the context's functionName without the variable", () => {
    const context = { ...lambdaContext(), functionName: 'FromContext' };
    expect(readRuntimeFields({}, context).functionName).toBe('FromContext');
  });

  it('names the function "unknown" outside Lambda', () => {
    expect(readRuntimeFields({}, lambdaContext()).functionName).toBe('unknown');
  });

  it('reads the Root of _X_AMZN_TRACE_ID as the X-Ray trace id', () => {
    expect(readRuntimeFields({ _X_AMZN_TRACE_ID: TRACE_HEADER }, lambdaContext())).toMatchObject({
      xrayTraceId: '1-5759e988-bd862e3fe1be46a994272793',
    });
  });

  it('finds the Root wherever it stands in the header', () => {
    const header = 'Parent=557abcec3ee5a047;Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0';
    expect(readRuntimeFields({ _X_AMZN_TRACE_ID: header }, lambdaContext()).xrayTraceId).toBe(
      '1-5759e988-bd862e3fe1be46a994272793',
    );
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['without a Root', 'Parent=557abcec3ee5a047;Sampled=1'],
    ['with an empty Root', 'Root=;Sampled=1'],
  ])('has no trace id when _X_AMZN_TRACE_ID is %s', (_case, header) => {
    expect(readRuntimeFields({ _X_AMZN_TRACE_ID: header }, lambdaContext())).not.toHaveProperty(
      'xrayTraceId',
    );
  });
});

describe('createColdStartFlag', () => {
  it('is true for the first invocation and false for every one after', () => {
    const takeColdStart = createColdStartFlag();
    expect([takeColdStart(), takeColdStart(), takeColdStart()]).toEqual([true, false, false]);
  });
});
