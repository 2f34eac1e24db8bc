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
      : { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Work', Next: 'Closer:MarkFailed' };
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

  it("writes the seed's Closer:Send with a dead-letter catcher", () => {
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    expect(send).toMatchObject({
      Type: 'Task',
      Resource: CLOSER_ARN,
      ResultPath: '$.meta.status',
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.errors.CloserSend',
          Next: 'Closer:DeadLetter',
        },
      ],
      Next: 'Closer:Choice',
    });
  });

  it('retries an unreachable parent but not a rejected signal', () => {
    const send = closerStates({ closerArn: CLOSER_ARN })['Closer:Send'];
    const [retry] = (send?.['Retry'] ?? []) as { ErrorEquals: string[] }[];
    expect(retry).toMatchObject({ IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2.1 });
    expect(retry?.ErrorEquals).toContain(ThrownErrorName.parentUnreachable);
    expect(retry?.ErrorEquals).not.toContain(ThrownErrorName.parentRejected);
    expect(retry?.ErrorEquals).not.toContain('States.ALL');
  });

  it('fails the execution with the error and cause the Closer returned', () => {
    expect(closerStates({ closerArn: CLOSER_ARN })['Closer:Fail']).toEqual({
      Type: 'Fail',
      ErrorPath: '$.meta.status.error',
      CausePath: '$.meta.status.cause',
    });
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

  it('writes JSONata states, with no JSONPath field, for a JSONata machine', () => {
    const states = closerStates({ closerArn: CLOSER_ARN, queryLanguage: 'JSONata' });
    const text = JSON.stringify(states);
    for (const field of ['ResultPath', 'ErrorPath', 'CausePath', 'Variable', 'QueryLanguage']) {
      expect(text).not.toContain(`"${field}"`);
    }
    const definition = machineWith(states, 'JSONata');
    expect(validateDefinition(definition)).toEqual({ valid: true });
    expect(checkDefinition(definition)).toEqual([]);
  });
});
