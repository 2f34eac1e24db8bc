import { describe, expect, it } from 'vitest';
import { lambdaFunctionName, resolveTaskTarget } from '../../src/cli/simulate/resolveTaskTarget.ts';
import { parseSimConfig } from '../../src/cli/simulate/SimConfig.ts';

const config = parseSimConfig(
  {
    tasks: {
      Charge: { result: 'by state name' },
      'arn:aws:lambda:us-east-1:123456789012:function:Ship': { result: 'by resource' },
      Pack: { result: 'by function name' },
    },
  },
  '/',
);

describe('resolveTaskTarget', () => {
  it('runs a child for startExecution.waitForTaskToken', () => {
    const state = {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
    };

    expect(resolveTaskTarget('RunChild', state, config)).toEqual({
      kind: 'startExecution',
      pattern: 'waitForTaskToken',
    });
  });

  it.each([
    ['startExecution.sync', 'sync'],
    ['startExecution.sync:2', 'sync:2'],
  ])('runs a child for %s, waiting for its end', (suffix, pattern) => {
    const state = { Type: 'Task', Resource: `arn:aws:states:::states:${suffix}` };

    expect(resolveTaskTarget('RunChild', state, config)).toEqual({
      kind: 'startExecution',
      pattern,
    });
  });

  it('runs what tasks maps a startExecution Task to, by its state name or its exact Resource', () => {
    const resource = 'arn:aws:states:::states:startExecution.sync:2';
    const mapped = parseSimConfig(
      { tasks: { StartReport: { result: 'by name' }, [resource]: { result: 'by resource' } } },
      '/',
    );

    expect(
      resolveTaskTarget('StartReport', { Type: 'Task', Resource: resource }, mapped),
    ).toMatchObject({ kind: 'local', key: 'StartReport' });
    expect(resolveTaskTarget('Other', { Type: 'Task', Resource: resource }, mapped)).toMatchObject({
      kind: 'local',
      key: resource,
    });
    expect(
      resolveTaskTarget('Other', { Type: 'Task', Resource: `${resource.slice(0, -2)}` }, mapped),
    ).toEqual({ kind: 'startExecution', pattern: 'sync' });
  });

  it('runs a child, without waiting, for a plain startExecution', () => {
    const state = { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution' };

    expect(resolveTaskTarget('RunChild', state, config)).toEqual({
      kind: 'startExecution',
      pattern: 'request',
    });
  });

  it.each(['arn:aws-us-gov', 'arn:${AWS::Partition}', 'arn:${AWSPartition}'])(
    'finds startExecution in any partition (%s)',
    (prefix) => {
      const state = { Type: 'Task', Resource: `${prefix}:states:::states:startExecution.sync:2` };

      expect(resolveTaskTarget('RunChild', state, config)).toEqual({
        kind: 'startExecution',
        pattern: 'sync:2',
      });
    },
  );

  it('leaves an unknown startExecution suffix to a mapping', () => {
    const state = { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.async' };

    expect(resolveTaskTarget('RunChild', state, config)).toBeUndefined();
  });

  it('prefers a mapping by state name, then by Resource, then by function name', () => {
    const lambda = (name: string) => ({
      Type: 'Task',
      Resource: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    });

    expect(resolveTaskTarget('Charge', lambda('Ship'), config)).toMatchObject({ key: 'Charge' });
    expect(resolveTaskTarget('Send', lambda('Ship'), config)).toMatchObject({
      key: 'arn:aws:lambda:us-east-1:123456789012:function:Ship',
    });
    expect(resolveTaskTarget('Boxes', lambda('Pack'), config)).toMatchObject({ key: 'Pack' });
  });

  it('recognises the Closer by the placeholder and by the SubStepCloser function name', () => {
    const placeholder = { Type: 'Task', Resource: `\${CloserFunctionArn}` };
    const seed = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-west-2:379633348023:function:SubStepCloser',
    };

    expect(resolveTaskTarget('Closer:Send', placeholder, config)).toMatchObject({
      kind: 'closer',
      functionName: 'SubStepCloser',
      lambdaInvoke: false,
    });
    expect(resolveTaskTarget('Closer:Send', seed, config)).toEqual({
      kind: 'closer',
      functionName: 'SubStepCloser',
      functionArn: 'arn:aws:lambda:us-west-2:379633348023:function:SubStepCloser',
      lambdaInvoke: false,
    });
  });

  it('reads the function of a lambda:invoke Task from its literal FunctionName', () => {
    const state = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser:live',
        'Payload.$': '$',
      },
    };

    expect(resolveTaskTarget('Closer:Send', state, config)).toMatchObject({
      kind: 'closer',
      lambdaInvoke: true,
    });
  });

  it('finds nothing for an unmapped resource', () => {
    expect(
      resolveTaskTarget(
        'Put',
        { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem' },
        config,
      ),
    ).toBe(undefined);
  });
});

describe('lambdaFunctionName', () => {
  it('reads the name from a full, qualified or partial ARN', () => {
    expect(lambdaFunctionName('arn:aws:lambda:us-east-1:123456789012:function:Work')).toBe('Work');
    expect(lambdaFunctionName('arn:aws:lambda:us-east-1:123456789012:function:Work:prod')).toBe(
      'Work',
    );
    expect(lambdaFunctionName('function:Work')).toBe('Work');
    expect(lambdaFunctionName(`\${WorkFunctionArn}`)).toBe(undefined);
  });
});
