import { describe, expect, it } from 'vitest';
import { parseText } from '../../../src/cli/input/parseText.ts';
import { stripByteOrderMark } from '../../../src/cli/input/readText.ts';
import { parseYaml, printYaml } from '../../../src/cli/input/yamlDocument.ts';

describe('parseYaml', () => {
  it('reads short forms as their long forms', () => {
    const { value } = parseYaml(
      'A: !Ref Bucket\nB: !GetAtt Db.Endpoint.Address\nC: !Sub [x, {}]\n',
    );
    expect(value).toEqual({
      A: { Ref: 'Bucket' },
      B: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] },
      C: { 'Fn::Sub': ['x', {}] },
    });
  });

  it('keeps a key named __proto__ as data', () => {
    const { value } = parseYaml('__proto__: 1\n');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
  });

  it('refuses malformed YAML with one line', () => {
    expect(() => parseYaml('a: [1, 2\n')).toThrow(/^[^\n]+$/);
  });
});

describe('printYaml', () => {
  it('keeps the comments and tags of what did not change', () => {
    const { document } = parseYaml('# top\nA: 1 # one\nB: !Ref X\n');
    const text = printYaml(document, { A: 1, B: { Ref: 'X' }, C: 'new' });
    expect(text).toBe('# top\nA: 1 # one\nB: !Ref X\nC: new\n');
  });

  it('drops keys that are gone and replaces values that changed', () => {
    const { document } = parseYaml('A: 1\nB: 2\n');
    expect(printYaml(document, { B: 3 })).toBe('B: 3\n');
  });
});

describe('parseText', () => {
  it('reads YAML content under a name that says neither JSON nor YAML', async () => {
    expect(await parseText('StartAt: A\n', '-')).toMatchObject({
      format: 'yaml',
      value: { StartAt: 'A' },
    });
  });

  it('reports the JSON error for a .json file that is not JSON', async () => {
    await expect(parseText('{ "StartAt": ', 'm.json')).rejects.toThrow('m.json is not valid JSON');
  });

  it('accepts JSON and YAML after a byte-order mark is dropped', async () => {
    expect((await parseText(stripByteOrderMark('\uFEFF{"a":1}'), 'm.json')).value).toEqual({
      a: 1,
    });
    expect((await parseText(stripByteOrderMark('\uFEFFa: 1'), 'm.yaml')).value).toEqual({ a: 1 });
  });
});
