import { describe, expect, it } from 'vitest';
import { readParentLink } from '../../src/safety-net/readParentLink.ts';
import { PARENT_EXECUTION_ARN, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { childInput } from '../fixtures/statusChangeEvents.ts';

describe('readParentLink', () => {
  it('finds the token and the parent execution in a child input', () => {
    expect(readParentLink(JSON.stringify(childInput()))).toEqual({
      kind: 'token',
      token: PARENT_TOKEN,
      arn: PARENT_EXECUTION_ARN,
      name: 'parent-run-1',
    });
  });

  it.each([
    ['a standalone input', childInput({ withParent: false })],
    ['an input without meta', { orderId: 'o-42' }],
    ['a string input', 'hello'],
    ['a null input', null],
  ])('finds no parent in %s', (_case, input) => {
    expect(readParentLink(JSON.stringify(input))).toEqual({ kind: 'none' });
  });

  it.each([
    ['an empty token', ''],
    ['a numeric token', 42],
    ['a token over 2,048 characters', 'x'.repeat(2_049)],
  ])('reports %s as malformed', (_case, token) => {
    expect(readParentLink(JSON.stringify(childInput({ token })))).toMatchObject({
      kind: 'malformed',
    });
  });

  it('reports text that is not JSON as unreadable, without quoting it', () => {
    const link = readParentLink('{"meta": {"parent": {"token": "AQB-secret');
    expect(link).toEqual({
      kind: 'unreadable',
      problem: 'the execution input is not readable JSON (SyntaxError)',
    });
  });
});
