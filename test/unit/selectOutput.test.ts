import { describe, expect, it } from 'vitest';
import { parseReferencePath, selectOutput } from '../../src/closer/selectOutput.ts';
import { closerInput, PARENT_TOKEN } from '../fixtures/payloads.ts';

describe('selectOutput', () => {
  it('returns the whole payload without meta.parent.token by default', () => {
    const payload = closerInput({ withParent: true, initial: { a: 1 } });
    const selection = selectOutput(payload, undefined);
    expect(selection).toEqual({
      kind: 'selected',
      value: {
        initial: { a: 1 },
        meta: {
          name: 'child-run-1',
          arn: expect.any(String),
          parent: { name: 'parent-run-1', arn: expect.any(String) },
        },
      },
    });
    expect(JSON.stringify(selection)).not.toContain(PARENT_TOKEN);
  });

  it('leaves the original payload untouched', () => {
    const payload = closerInput({ withParent: true });
    selectOutput(payload, undefined);
    expect(JSON.stringify(payload)).toContain(PARENT_TOKEN);
  });

  it('selects a nested value with meta.outputPath', () => {
    const payload = {
      ...closerInput({ withParent: true }),
      result: { items: [{ id: 1 }, { id: 2 }] },
    };
    expect(selectOutput(payload, '$.result.items[1]')).toEqual({
      kind: 'selected',
      value: { id: 2 },
    });
  });

  it('never lets meta.outputPath reach the token', () => {
    const payload = closerInput({ withParent: true });
    expect(selectOutput(payload, '$.meta.parent')).toEqual({
      kind: 'selected',
      value: { name: 'parent-run-1', arn: expect.any(String) },
    });
  });

  it('reports a path that selects nothing', () => {
    const selection = selectOutput(closerInput(), '$.nothing.here');
    expect(selection).toEqual({
      kind: 'invalid',
      problem: expect.stringContaining('selects nothing'),
    });
  });

  it('does not walk into inherited properties', () => {
    expect(selectOutput(closerInput(), '$.constructor').kind).toBe('invalid');
  });
});

describe('parseReferencePath', () => {
  it.each([
    ['$', []],
    ['$.a.b', ['a', 'b']],
    ['$.a[0].b', ['a', 0, 'b']],
    ["$['key with spaces'].x", ['key with spaces', 'x']],
  ])('parses %s', (path, segments) => {
    expect(parseReferencePath(path)).toEqual(segments);
  });

  it.each(['a.b', '$.a[*]', '$..a', '$.a[?(@.x)]', '$.', '$a'])('rejects %s', (path) => {
    expect(parseReferencePath(path)).toBeUndefined();
  });
});
