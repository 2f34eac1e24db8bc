import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ASL_VALIDATOR_PATHS,
  ASL_VALIDATOR_SOURCES,
  fastJsonPath,
  jsonPathPlus,
  jsonPathUsage,
} from '../support/aslJsonPath.ts';
import { definitionFixtures } from '../support/definitionFixtures.ts';

const WRAPS = [{}, { wrap: true }, { wrap: false }, { wrap: undefined }] as const;

const examples = readdirSync('examples')
  .filter((file) => file.endsWith('.asl.json'))
  .map((file) => [`examples/${file}`, JSON.parse(readFileSync(join('examples', file), 'utf8'))]);
const fixtures = [...definitionFixtures('compliant'), ...definitionFixtures('broken')].map(
  ({ name, definition }) => [name, definition],
);

/** Compares both on every path and every `wrap`, as the property test does on random data. */
function expectSameOnAslPaths(json: object): void {
  for (const path of ASL_VALIDATOR_PATHS) {
    for (const wrap of WRAPS) {
      const options = { json, path, ...wrap };
      expect(fastJsonPath(options), `${path} ${JSON.stringify(wrap)}`).toStrictEqual(
        jsonPathPlus(options),
      );
    }
  }
}

describe('aslJsonPath', () => {
  it.each([...fixtures, ...examples])('returns what jsonpath-plus returns on %s', (_, json) => {
    expectSameOnAslPaths(json);
  });

  it('matches an own property holding undefined, as jsonpath-plus does', () => {
    const json = { States: { A: { Next: undefined, Default: 'B' } }, Next: undefined };
    expectSameOnAslPaths(json);
    expect(fastJsonPath({ json, path: '$..[Next,Default]' })).toStrictEqual([
      undefined,
      undefined,
      'B',
    ]);
  });

  it('ignores inherited properties, as jsonpath-plus does', () => {
    const json = { A: Object.create({ States: { B: {} }, Next: 'B' }) as object };
    expectSameOnAslPaths(json);
    expect(fastJsonPath({ json, path: '$..States' })).toStrictEqual([]);
  });

  it('returns undefined for a falsy document and looks into a truthy primitive one', () => {
    for (const json of [0, '', false, null, 'text', 7, true]) {
      for (const path of [...ASL_VALIDATOR_PATHS, '$', '$.length', '$..length']) {
        const options = { json, path };
        expect(fastJsonPath(options), `${String(json)} ${path}`).toStrictEqual(
          jsonPathPlus(options),
        );
      }
    }
  });

  it.each([
    '$..[?(@.Type)]',
    '$.States.*',
    '$..*',
    "$['States']",
    '$..[StartAt, Next]',
    '$..States.A',
    '$.States.B[0]',
  ])('hands %s, outside its subset, to jsonpath-plus', (path) => {
    const json = { StartAt: 'A', Next: 'X', States: { A: { Type: 'Pass', Next: 'B' }, B: [1] } };
    const expected: unknown = jsonPathPlus({ json, path });
    expect(expected).not.toStrictEqual([]);
    expect(fastJsonPath({ json, path })).toStrictEqual(expected);
  });

  it('hands options and calling forms outside its subset to jsonpath-plus', () => {
    const json = { States: { A: { Next: 'B' } } };
    expect(fastJsonPath({ json, path: '$..Next', resultType: 'path' })).toStrictEqual([
      "$['States']['A']['Next']",
    ]);
    expect(fastJsonPath({ json, path: '$..States', resultType: 'parentProperty' })).toStrictEqual([
      'States',
    ]);
    expect(fastJsonPath({ json: [[1], [2]], path: '$..[0]', flatten: true })).toStrictEqual(
      jsonPathPlus({ json: [[1], [2]], path: '$..[0]', flatten: true }),
    );
    const seen: unknown[] = [];
    fastJsonPath({ json, path: '$..Next', callback: (value: unknown) => seen.push(value) });
    expect(seen).toStrictEqual(['B']);
    expect(fastJsonPath('$..Next', json)).toStrictEqual(['B']);
  });

  it.each(ASL_VALIDATOR_SOURCES)('covers every JSONPath query in %s', (sourceDir) => {
    const { options, paths } = jsonPathUsage(sourceDir);
    expect(options).toContain('path');
    expect([...options].filter((option) => !['json', 'path', 'wrap'].includes(option))).toEqual([]);
    expect(paths.size).toBeGreaterThan(0);
    expect(ASL_VALIDATOR_PATHS).toStrictEqual(expect.arrayContaining([...paths]));
  });
});
