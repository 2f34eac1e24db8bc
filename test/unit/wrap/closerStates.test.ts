import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../src/cli/check/checkDefinition.ts';
import { validateDefinition } from '../../../src/cli/check/validateDefinition.ts';
import { closerStateNames, closerStates } from '../../../src/cli/wrap/closerStates.ts';
import { ThrownErrorName } from '../../../src/errors.ts';
import { CLOSER_ARN } from '../../support/definitionFixtures.ts';

const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';

/** A one-Task machine whose only catcher and end lead into the given Closer states. */
function machineWith(states: Record<string, unknown>, queryLanguage?: 'JSONata') {
  const catcher =
    queryLanguage === 'JSONata'
      ? { ErrorEquals: ['States.ALL'], Output: '{% $states.input %}', Next: 'Closer:MarkFailed' }
      : { ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Closer:MarkFailed' };
  return {
    ...(queryLanguage === undefined ? {} : { QueryLanguage: queryLanguage }),
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: WORK, Catch: [catcher], Next: 'Closer:Send' },
      ...states,
    },
  };
}

describe('closerStates', () => {
  it('lists the Closer states in reading order', () => {
    expect(Object.keys(closerStates({ closerArn: CLOSER_ARN }))).toEqual([
      'Closer:Send',
      'Closer:Choice',
      'Closer:Success',
      'Closer:Fail',
      'Closer:DeadLetter',
      'Closer:MarkFailed',
    ]);
  });

  it('sends a framed request that reads the parent link from the execution input', () => {
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    expect(send).toMatchObject({
      QueryLanguage: 'JSONata',
      Type: 'Task',
      Resource: CLOSER_ARN,
      Output: '{% $states.input %}',
      Assign: { subStepResult: '{% $states.result %}' },
      Next: 'Closer:Choice',
    });
    const args = send?.['Arguments'] as Record<string, string>;
    expect(args['closerRequestVersion']).toBe(1);
    expect(args['payload']).toBe('{% $states.input %}');
    expect(args['parent']).toContain('$states.context.Execution.Input.meta.parent');
    expect(JSON.stringify(send)).not.toContain('$states.input.meta');
  });

  it('keeps the payload on the way to the dead-letter state', () => {
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    expect(send?.['Catch']).toEqual([
      {
        ErrorEquals: ['States.ALL'],
        Assign: { subStepCloserError: '{% $states.errorOutput %}' },
        Output: '{% $states.input %}',
        Next: 'Closer:DeadLetter',
      },
    ]);
  });

  it('retries an unreachable parent but not a rejected signal', () => {
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    const [retry] = (send?.['Retry'] ?? []) as { ErrorEquals: string[] }[];
    expect(retry?.ErrorEquals).toContain(ThrownErrorName.parentUnreachable);
    expect(retry?.ErrorEquals).not.toContain(ThrownErrorName.parentRejected);
    expect(retry?.ErrorEquals).not.toContain('States.ALL');
  });

  it('spreads the retries of a burst with full jitter and a delay cap', () => {
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    const [retry] = (send?.['Retry'] ?? []) as Record<string, unknown>[];
    expect(retry).toMatchObject({ JitterStrategy: 'FULL', MaxDelaySeconds: 6 });
  });

  it('keeps retrying for longer than a burst of ten times the SendTask bucket takes to drain', () => {
    // AWS: a bucket of 3,000 refilled at 500 per second; 30,000 signals need 54 s at least.
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    const [retry] = (send?.['Retry'] ?? []) as {
      IntervalSeconds: number;
      BackoffRate: number;
      MaxDelaySeconds: number;
      MaxAttempts: number;
    }[];
    const caps = Array.from({ length: retry?.MaxAttempts ?? 0 }, (_, index) =>
      Math.min(
        (retry?.IntervalSeconds ?? 0) * (retry?.BackoffRate ?? 0) ** index,
        retry?.MaxDelaySeconds ?? 0,
      ),
    );
    // Full jitter waits half the cap on average.
    const meanSeconds = caps.reduce((sum, cap) => sum + cap / 2, 0);
    expect(meanSeconds).toBeGreaterThan(54 * 1.25);
  });

  it('fails the execution with the error and cause the Closer returned', () => {
    const fail = closerStates({ closerArn: CLOSER_ARN })['Closer:Fail'];
    expect(fail).toMatchObject({ QueryLanguage: 'JSONata', Type: 'Fail' });
    expect(fail?.['Error']).toContain('$subStepResult.error');
    expect(fail?.['Cause']).toContain('$subStepResult.cause');
  });

  it('derives every name from a custom Closer name', () => {
    expect(closerStateNames('Finish:Send').deadLetter).toBe('Finish:DeadLetter');
    expect(Object.keys(closerStates({ closerArn: CLOSER_ARN, closerName: 'Wrap up' }))).toEqual([
      'Wrap up',
      'Wrap up:Choice',
      'Wrap up:Success',
      'Wrap up:Fail',
      'Wrap up:DeadLetter',
      'Wrap up:MarkFailed',
    ]);
  });

  it('gives a machine that check and asl-validator accept', () => {
    const definition = machineWith(closerStates({ closerArn: CLOSER_ARN }));
    expect(validateDefinition(definition)).toEqual({ valid: true });
    expect(checkDefinition(definition)).toEqual([]);
  });

  it('writes the same JSONata states for a JSONata machine, which check and asl-validator accept', () => {
    const states = closerStates({ closerArn: CLOSER_ARN, queryLanguage: 'JSONata' });
    expect(states).toEqual(closerStates({ closerArn: CLOSER_ARN }));
    const text = JSON.stringify(states);
    for (const field of ['ResultPath', 'ErrorPath', 'CausePath', 'Variable', 'Parameters']) {
      expect(text).not.toContain(`"${field}"`);
    }
    const definition = machineWith(states, 'JSONata');
    expect(validateDefinition(definition)).toEqual({ valid: true });
    expect(checkDefinition(definition)).toEqual([]);
  });
});
