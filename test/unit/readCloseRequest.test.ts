import { describe, expect, it } from 'vitest';
import { readCloseRequest } from '../../src/closer/readCloseRequest.ts';
import { closerInput, PARENT_EXECUTION_ARN, PARENT_TOKEN } from '../fixtures/payloads.ts';

describe('readCloseRequest: the parent token', () => {
  it('finds a well-formed token with the parent ids', () => {
    expect(readCloseRequest(closerInput({ withParent: true })).parent).toEqual({
      kind: 'token',
      token: PARENT_TOKEN,
      name: 'parent-run-1',
      arn: PARENT_EXECUTION_ARN,
    });
  });

  it('accepts tokens of 1 and of 2,048 characters', () => {
    expect(readCloseRequest(closerInput({ token: 't' })).parent.kind).toBe('token');
    expect(readCloseRequest(closerInput({ token: 't'.repeat(2048) })).parent.kind).toBe('token');
  });

  it.each([
    ['empty', ''],
    ['2,049 characters', 't'.repeat(2049)],
    ['a number', 12345],
    ['an object', { value: 'x' }],
  ])('marks a token that is %s as malformed and lists the problem', (_case, token) => {
    const request = readCloseRequest(closerInput({ token }));
    expect(request.parent.kind).toBe('malformed');
    expect(request.problems).toEqual([expect.stringContaining('meta.parent.token')]);
  });

  it('treats a parent without a token as no parent', () => {
    const request = readCloseRequest(closerInput({ meta: { parent: { name: 'p' } } }));
    expect(request.parent).toEqual({ kind: 'none' });
    expect(request.problems).toEqual([]);
  });

  it('reports a parent that is not an object', () => {
    const request = readCloseRequest(closerInput({ meta: { parent: 'p' } }));
    expect(request.problems).toEqual([expect.stringContaining('meta.parent must be an object')]);
  });
});

describe('readCloseRequest: own properties only', () => {
  it('ignores values inherited through a polluted prototype', () => {
    const meta = Object.create({ status: false, error: 'Inherited' }) as Record<string, unknown>;
    const request = readCloseRequest({ meta });
    expect(request.status).toEqual({ kind: 'absent' });
    expect(request.error).toBeUndefined();
  });
});
