import { describe, expect, it } from 'vitest';
import { parseReferencePath, selectOutput } from '../../src/closer/selectOutput.ts';

describe('meta.outputPath with array indices', () => {
  it('selects an element at a multi-digit index', () => {
    const items = Array.from({ length: 15 }, (_, index) => ({ id: index }));
    expect(selectOutput({ items }, '$.items[12]')).toEqual({
      kind: 'selected',
      value: { id: 12 },
    });
  });

  it('parses a multi-digit index as a number', () => {
    expect(parseReferencePath('$.a[105].b')).toEqual(['a', 105, 'b']);
  });

  it('says nothing is selected for an index past the end of the array', () => {
    expect(selectOutput({ items: [1, 2] }, '$.items[10]')).toEqual({
      kind: 'invalid',
      problem: 'meta.outputPath $.items[10] selects nothing in the payload',
    });
  });

  it('selects nothing by index from an object', () => {
    expect(selectOutput({ items: { 0: 'a' } }, '$.items[0]')).toMatchObject({ kind: 'invalid' });
  });
});
