import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { metricsNamespaceProblem } from '../../src/metrics/metricsNamespace.ts';
import {
  actionsOf,
  deployWith,
  PSEUDO_VALUES,
  type Resource,
  resourcesFor,
  type Statement,
  statementsOfRole,
  type Template,
} from '../support/cloudFormation.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const readTemplate = (name: string): Template =>
  JSON.parse(readFileSync(new URL(name, EXAMPLES), 'utf8')) as Template;
const closer = readTemplate('closer.template.json');
const full = readTemplate('template.json');

const resourceOf = (template: Template, id: string): Resource => {
  const resource = template.Resources[id];
  if (resource === undefined) throw new Error(`no resource ${id}`);
  return resource;
};
const propertiesOf = (id: string): Record<string, unknown> =>
  resourceOf(closer, id).Properties ?? {};

const CODE = { CodeBucket: 'my-artifacts-bucket' };
const {
  'AWS::Partition': PARTITION,
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
} = PSEUDO_VALUES;
const machine = (name: string) =>
  `arn:${PARTITION}:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
const executions = (pattern: string) =>
  `arn:${PARTITION}:states:${REGION}:${ACCOUNT}:execution:${pattern}`;
const ORDERS = machine('Orders');
const PAYMENTS = machine('Payments');
const STOPPED = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/** The stack for the given children, the code location and defaults for everything else. */
const stackFor = (children: Record<string, string>) => deployWith(closer, { ...CODE, ...children });

describe('examples/closer.template.json: parameters', () => {
  it('takes the code, the children by ARN and by name prefix, log retention, metrics namespace and alarm topic', () => {
    expect(Object.keys(closer.Parameters ?? {})).toEqual([
      'CodeBucket',
      'CodeKey',
      'ChildStateMachineArns',
      'ChildNamePrefix',
      'LogRetentionInDays',
      'MetricsNamespace',
      'AlarmTopicArn',
    ]);
    expect(closer.Parameters?.['ChildStateMachineArns']).toMatchObject({
      Type: 'CommaDelimitedList',
      Default: '',
    });
    expect(closer.Parameters?.['ChildNamePrefix']).toMatchObject({ Type: 'String', Default: '' });
  });

  it.each([
    ['one ARN', ORDERS],
    ['two ARNs', `${ORDERS},${PAYMENTS}`],
    [
      'an ARN of another partition',
      'arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:A',
    ],
    ['none, when a prefix is given', ''],
  ])('accepts %s as ChildStateMachineArns', (_case, arns) => {
    const stack = stackFor({ ChildStateMachineArns: arns, ChildNamePrefix: 'orders-' });
    expect(stack.invalidParameters).toEqual([]);
  });

  it.each([
    ['a version', `${ORDERS}:1`],
    ['an alias', `${ORDERS}:live`],
    ['an execution ARN', executions('Orders:run-1')],
    ['a Lambda ARN', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Orders`],
    ['a name alone', 'Orders'],
  ])('refuses %s in ChildStateMachineArns', (_case, arns) => {
    expect(stackFor({ ChildStateMachineArns: arns }).invalidParameters).toEqual([
      'ChildStateMachineArns',
    ]);
  });

  it.each([
    ['a wildcard', 'orders-*'],
    ['a colon', 'orders:'],
    ['white space', 'orders '],
    ['a comma', 'orders,'],
  ])(
    'refuses a ChildNamePrefix with %s, which a state machine name cannot hold',
    (_case, prefix) => {
      expect(stackFor({ ChildNamePrefix: prefix }).invalidParameters).toEqual(['ChildNamePrefix']);
    },
  );

  it('refuses a stack that names no child', () => {
    expect(stackFor({}).failedAssertions).toEqual([
      'Name the child state machines: give ChildStateMachineArns, ChildNamePrefix, or both.',
    ]);
  });

  it('refuses a list of ARNs with an empty entry', () => {
    expect(stackFor({ ChildStateMachineArns: `${ORDERS},` }).failedAssertions).toEqual([
      'ChildStateMachineArns has an empty entry: remove the stray comma.',
    ]);
  });

  it.each([
    ['the ARNs', { ChildStateMachineArns: ORDERS }],
    ['the prefix', { ChildNamePrefix: 'orders-' }],
    ['both', { ChildStateMachineArns: ORDERS, ChildNamePrefix: 'orders-' }],
  ])('deploys with %s', (_case, children) => {
    const stack = stackFor(children);
    expect(stack.failedAssertions).toEqual([]);
    expect(stack.invalidParameters).toEqual([]);
  });

  it('keeps the logs 30 days unless told otherwise, in the periods CloudWatch Logs accepts', () => {
    // CloudWatch Logs PutRetentionPolicy: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120,
    // 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
    expect(closer.Parameters?.['LogRetentionInDays']).toEqual(
      expect.objectContaining({
        Type: 'Number',
        Default: 30,
        AllowedValues: [
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653,
        ],
      }),
    );
    const year = stackFor({ ChildNamePrefix: 'a', LogRetentionInDays: '365' });
    expect(year.resolve(propertiesOf('CloserLogGroup'))).toEqual({ RetentionInDays: '365' });
    expect(stackFor({ ChildNamePrefix: 'a', LogRetentionInDays: '31' }).invalidParameters).toEqual([
      'LogRetentionInDays',
    ]);
  });

  it.each([
    ['AWS/', 'AWS/Lambda'],
    ['a colon', ':SubStepCloser'],
  ])('refuses a metrics namespace that starts with %s', (_case, namespace) => {
    // CloudWatch: a namespace matches [^:].* and "AWS/" is reserved for AWS services.
    const stack = stackFor({ ChildNamePrefix: 'a', MetricsNamespace: namespace });
    expect(stack.invalidParameters).toEqual(['MetricsNamespace']);
  });

  it('accepts a metrics namespace of its own', () => {
    const stack = stackFor({ ChildNamePrefix: 'a', MetricsNamespace: 'Team/SubStepCloser' });
    expect(stack.invalidParameters).toEqual([]);
  });
});

describe('examples/closer.template.json: the safety net for each way to name the children', () => {
  const rule = propertiesOf('SafetyNetRule');
  const readChildren = propertiesOf('CloserReadChildrenPolicy');
  const describable = (children: Record<string, string>) =>
    resourcesFor(
      (stackFor(children).resolve(readChildren['PolicyDocument']) as { Statement: Statement[] })
        .Statement,
      'states:DescribeExecution',
    );
  const patternFor = (children: Record<string, string>) =>
    stackFor(children).resolve(rule['EventPattern']);
  const byPrefix = { stateMachineArn: [{ prefix: machine('orders-') }] };

  it('matches the stopped executions of the listed state machines', () => {
    expect(patternFor({ ChildStateMachineArns: `${ORDERS},${PAYMENTS}` })).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: STOPPED, stateMachineArn: [ORDERS, PAYMENTS] },
    });
  });

  it('matches the stopped executions of every state machine whose ARN starts with the prefix', () => {
    // EventBridge content filtering: [{ "prefix": "..." }] matches a string that starts with it.
    expect(patternFor({ ChildNamePrefix: 'orders-' })).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: STOPPED, ...byPrefix },
    });
  });

  it('matches either, through "$or", when both are given', () => {
    expect(patternFor({ ChildStateMachineArns: ORDERS, ChildNamePrefix: 'orders-' })).toEqual({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: { status: STOPPED, $or: [{ stateMachineArn: [ORDERS] }, byPrefix] },
    });
  });

  it.each([
    ['one listed machine', { ChildStateMachineArns: ORDERS }, [executions('Orders:*')]],
    [
      'two listed machines',
      { ChildStateMachineArns: `${ORDERS},${PAYMENTS}` },
      [executions('Orders:*'), executions('Payments:*')],
    ],
    ['the machines a prefix names', { ChildNamePrefix: 'orders-' }, [executions('orders-*')]],
    [
      'both',
      { ChildStateMachineArns: `${ORDERS},${PAYMENTS}`, ChildNamePrefix: 'orders-' },
      [executions('Orders:*'), executions('Payments:*'), executions('orders-*')],
    ],
  ])('may describe the executions of %s, and nothing else', (_case, children, expected) => {
    expect(describable(children)).toEqual(expected);
  });

  it('gets its read permission before it sends children to the function', () => {
    expect(resourceOf(closer, 'SafetyNetRule').DependsOn).toEqual(['CloserReadChildrenPolicy']);
    expect(readChildren['Roles']).toEqual([{ Ref: 'CloserRole' }]);
  });

  it('targets the SubStepCloser function, which EventBridge may invoke', () => {
    expect(rule['Targets']).toEqual([
      expect.objectContaining({ Arn: { 'Fn::GetAtt': ['CloserFunction', 'Arn'] } }),
    ]);
    expect(propertiesOf('SafetyNetPermission')).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'CloserFunction' },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['SafetyNetRule', 'Arn'] },
    });
  });
});

describe('examples/closer.template.json: the SubStepCloser function', () => {
  const fn = propertiesOf('CloserFunction');
  const { statements, managedPolicies } = statementsOfRole(closer, 'CloserRole');

  it('runs the release zip on Node.js 22, arm64, 128 MB, with JSON logs to its own log group', () => {
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 128,
      Handler: 'index.handler',
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: 'CloserLogGroup' } },
      Code: { S3Bucket: { Ref: 'CodeBucket' }, S3Key: { Ref: 'CodeKey' } },
      Role: { 'Fn::GetAtt': ['CloserRole', 'Arn'] },
    });
  });

  it('has a timeout of a few seconds: longer than a signal takes, shorter than a stuck parent', () => {
    expect(fn['Timeout']).toBeGreaterThanOrEqual(5);
    expect(fn['Timeout']).toBeLessThanOrEqual(30);
  });

  it('writes its metrics to the namespace parameter, through CLOSER_METRICS_NAMESPACE', () => {
    const stack = stackFor({ ChildNamePrefix: 'a', MetricsNamespace: 'Team/Closer' });
    expect(stack.resolve(fn['Environment'])).toEqual({
      Variables: { CLOSER_METRICS_NAMESPACE: 'Team/Closer' },
    });
    expect(stackFor({ ChildNamePrefix: 'a' }).resolve(fn['Environment'])).toEqual({
      Variables: { CLOSER_METRICS_NAMESPACE: 'SubStepCloser' },
    });
  });

  it('gets exactly the actions it needs from its role, and no managed policy', () => {
    expect(managedPolicies).toEqual([]);
    const resolved = stackFor({ ChildNamePrefix: 'a' }).resolve(statements) as typeof statements;
    expect(resolved.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(actionsOf(resolved)).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'states:DescribeExecution',
      'states:SendTaskFailure',
      'states:SendTaskSuccess',
    ]);
  });

  it.each(['states:SendTaskSuccess', 'states:SendTaskFailure'])(
    'calls %s on Resource "*": the task-token actions have no resource type to name',
    (action) => {
      // Service Authorization Reference (AWS Step Functions): SendTaskSuccess and
      // SendTaskFailure list no resource type, so a statement must use "*". The Closer never
      // sends heartbeats, so SendTaskHeartbeat is not granted (least privilege).
      expect(resourcesFor(statements, action)).toEqual(['*']);
    },
  );

  it('writes logs only to its own log group', () => {
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
      expect(resourcesFor(statements, action)).toEqual([
        { 'Fn::GetAtt': ['CloserLogGroup', 'Arn'] },
      ]);
    }
  });
});

describe('examples/closer.template.json: the alarms', () => {
  const alarms = Object.entries(closer.Resources).filter(
    ([, r]) => r.Type === 'AWS::CloudWatch::Alarm',
  );
  interface Query {
    Id: string;
    ReturnData: boolean;
    Expression?: string;
    MetricStat?: {
      Metric: { Namespace: unknown; MetricName: string; Dimensions: unknown };
      Period: number;
      Stat: string;
    };
  }
  const queries = propertiesOf('CloserSignalFailedAlarm')['Metrics'] as Query[];
  const metricQueries = queries.filter((q) => q.MetricStat !== undefined);
  const expressions = queries.filter((q) => q.Expression !== undefined);

  it('are the signal-failure alarm and the errors alarm', () => {
    expect(alarms.map(([id]) => id)).toEqual(['CloserSignalFailedAlarm', 'CloserErrorsAlarm']);
  });

  it('read SignalFailed, summed per minute, from the Closer and from the safety net', () => {
    expect(metricQueries.map((q) => q.MetricStat)).toEqual(
      ['Closer', 'SafetyNet'].map((source) => ({
        Metric: {
          Namespace: { Ref: 'MetricsNamespace' },
          MetricName: 'SignalFailed',
          Dimensions: [
            { Name: 'FunctionName', Value: { Ref: 'CloserFunction' } },
            { Name: 'Source', Value: source },
          ],
        },
        Period: 60,
        Stat: 'Sum',
      })),
    );
    expect(metricQueries.map((q) => q.ReturnData)).toEqual([false, false]);
  });

  it('alarm on the sum of both sources, at one failed signal in a minute', () => {
    expect(expressions).toHaveLength(1);
    const [total] = expressions;
    expect(total?.ReturnData).toBe(true);
    // "closer + safetyNet": arithmetic treats a missing value as 0, so either source alone counts.
    const operands = total?.Expression?.split('+').map((operand) => operand.trim());
    expect(operands?.sort()).toEqual(metricQueries.map((q) => q.Id).sort());
    expect(propertiesOf('CloserSignalFailedAlarm')).toMatchObject({
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it("alarm on the function's own errors", () => {
    expect(propertiesOf('CloserErrorsAlarm')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'CloserFunction' } }],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it.each(alarms.map(([id]) => id))('%s notifies the SNS topic only when one is given', (id) => {
    const actions = (topic: string) => {
      const properties = stackFor({ ChildNamePrefix: 'a', AlarmTopicArn: topic }).resolve(
        propertiesOf(id),
      ) as Record<string, unknown>;
      return [properties['AlarmActions'], properties['OKActions']];
    };
    const topic = `arn:aws:sns:${REGION}:${ACCOUNT}:on-call`;
    expect(actions(topic)).toEqual([[topic], [topic]]);
    expect(actions('')).toEqual([undefined, undefined]);
  });
});

describe('examples/closer.template.json: outputs', () => {
  const outputs = closer.Outputs ?? {};
  const stack = stackFor({ ChildNamePrefix: 'a' });

  it('exports the function ARN, for Closer:Send in the stacks of the children', () => {
    expect(outputs['CloserFunctionArn']?.Value).toEqual({
      'Fn::GetAtt': ['CloserFunction', 'Arn'],
    });
    expect(stack.resolve(outputs['CloserFunctionArn']?.Export)).toEqual({
      Name: `${PSEUDO_VALUES['AWS::StackName']}-CloserFunctionArn`,
    });
  });

  it('outputs the function name, the rule ARN and the log group name', () => {
    expect(Object.keys(outputs)).toEqual([
      'CloserFunctionArn',
      'CloserFunctionName',
      'SafetyNetRuleArn',
      'CloserLogGroupName',
    ]);
    expect(outputs['CloserFunctionName']?.Value).toEqual({ Ref: 'CloserFunction' });
    expect(outputs['SafetyNetRuleArn']?.Value).toEqual({ 'Fn::GetAtt': ['SafetyNetRule', 'Arn'] });
    expect(outputs['CloserLogGroupName']?.Value).toEqual({ Ref: 'CloserLogGroup' });
  });
});

describe('examples/template.json deploys the Closer of examples/closer.template.json unchanged', () => {
  it.each([
    'CloserFunction',
    'CloserLogGroup',
    'CloserRole',
    'SafetyNetPermission',
    'CloserSignalFailedAlarm',
    'CloserErrorsAlarm',
  ])('has the same %s', (id) => {
    expect(resourceOf(full, id)).toEqual(resourceOf(closer, id));
  });

  it('has the same alarms, and counts no log lines of its own', () => {
    const alarmIds = (template: Template) =>
      Object.entries(template.Resources)
        .filter(
          ([, r]) => r.Type === 'AWS::CloudWatch::Alarm' || r.Type === 'AWS::Logs::MetricFilter',
        )
        .map(([id]) => id);
    expect(alarmIds(full)).toEqual(alarmIds(closer));
  });

  it.each(['CodeBucket', 'CodeKey', 'LogRetentionInDays', 'MetricsNamespace', 'AlarmTopicArn'])(
    'declares the parameter %s the same way',
    (name) => {
      expect(full.Parameters?.[name]).toEqual(closer.Parameters?.[name]);
    },
  );

  it('notifies the topic under the same condition', () => {
    expect(full.Conditions?.['HasAlarmTopic']).toEqual(closer.Conditions?.['HasAlarmTopic']);
  });

  it('allows the function the same actions; only the children it may describe differ', () => {
    const fullStatements = statementsOfRole(full, 'CloserRole').statements;
    const closerStatements = stackFor({ ChildNamePrefix: 'a' }).resolve(
      statementsOfRole(closer, 'CloserRole').statements,
    ) as typeof fullStatements;
    expect(actionsOf(fullStatements)).toEqual(actionsOf(closerStatements));
    const { PolicyDocument: _full, ...fullPolicy } = resourceOf(full, 'CloserReadChildrenPolicy')
      .Properties ?? { PolicyDocument: undefined };
    const { PolicyDocument: _closer, ...closerPolicy } = propertiesOf('CloserReadChildrenPolicy');
    expect(fullPolicy).toEqual(closerPolicy);
  });

  it('sends stopped children to the same target; only which children differs', () => {
    const ruleOf = (template: Template) => {
      const rule = resourceOf(template, 'SafetyNetRule');
      const { EventPattern, ...properties } = rule.Properties ?? {};
      const { detail: _detail, ...envelope } = EventPattern as Record<string, unknown>;
      return { dependsOn: rule.DependsOn, properties, envelope };
    };
    expect(ruleOf(full)).toEqual(ruleOf(closer));
    const pattern = resourceOf(full, 'SafetyNetRule').Properties?.['EventPattern'] as {
      detail: { status: unknown };
    };
    expect(pattern.detail.status).toEqual(STOPPED);
  });
});

describe('the MetricsNamespace parameter', () => {
  const parameter = (closer['Parameters'] as Record<string, { AllowedPattern: string }>)[
    'MetricsNamespace'
  ];
  // CloudFormation matches AllowedPattern against the whole value.
  const allowed = new RegExp(`^(?:${parameter?.AllowedPattern})$`);

  it.each([
    'SubStepCloser',
    'Orders/Prod',
    'team #1: orders',
    'AWS/Lambda',
    'AWSx',
    ':leading',
    ' leading',
    'Orders$',
    'naïve',
    'x'.repeat(255),
    'x'.repeat(256),
  ])('accepts %j exactly when the function accepts it as CLOSER_METRICS_NAMESPACE', (value) => {
    // A namespace the stack deploys but the function refuses would fail every sub step.
    expect(allowed.test(value)).toBe(metricsNamespaceProblem(value) === undefined);
  });
});
