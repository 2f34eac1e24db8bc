import { describe, expect, it } from 'vitest';
import { matchChild } from '../../src/cli/simulate/matchChild.ts';

describe('matchChild', () => {
  it('matches a StateMachineArn equal to the name', () => {
    expect(matchChild('Orders', ['Orders', 'Billing'])).toEqual({ kind: 'found', name: 'Orders' });
  });

  it('matches a real ARN by its :stateMachine:<Name> suffix', () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Billing';

    expect(matchChild(arn, ['Orders', 'Billing'])).toEqual({ kind: 'found', name: 'Billing' });
  });

  it('matches a placeholder of the name, the name plus Arn, or the name plus StateMachineArn', () => {
    for (const placeholder of [`\${Child}`, `\${ChildArn}`, `\${ChildStateMachineArn}`]) {
      expect(matchChild(placeholder, ['Child', 'Grandchild'])).toEqual({
        kind: 'found',
        name: 'Child',
      });
    }
  });

  it('prefers an exact placeholder over a longer name the placeholder contains', () => {
    expect(matchChild(`\${ChildStateMachineArn}`, ['Child', 'ChildStateMachine'])).toEqual({
      kind: 'found',
      name: 'Child',
    });
  });

  it('matches the longest name a placeholder contains', () => {
    expect(matchChild(`\${MyGrandChildMachine}`, ['Child', 'GrandChild'])).toEqual({
      kind: 'found',
      name: 'GrandChild',
    });
  });

  it('reports two contained names of the same length as ambiguous', () => {
    expect(matchChild(`\${AlphaThenBravo}`, ['Alpha', 'Bravo', 'Then'])).toEqual({
      kind: 'ambiguous',
      names: ['Alpha', 'Bravo'],
    });
  });

  it('finds nothing for an ARN of another state machine', () => {
    expect(
      matchChild('arn:aws:states:us-east-1:123456789012:stateMachine:Other', ['Child']),
    ).toEqual({
      kind: 'none',
    });
  });

  it('compares names case-sensitively', () => {
    expect(matchChild(`\${GrandchildStateMachineArn}`, ['Child'])).toEqual({ kind: 'none' });
  });
});
