import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { JSONPath } from 'jsonpath-plus';

const ROOT = join(import.meta.dirname, '..', '..');

/** jsonpath-plus's `JSONPath` as asl-validator and these tests call it. */
export type JsonPathQuery = ((options: {
  json: unknown;
  path: string;
  wrap?: boolean | undefined;
  [option: string]: unknown;
}) => unknown) &
  ((path: string, json: unknown) => unknown);

/** The real jsonpath-plus (its typings reject `wrap: undefined`, which asl-validator never passes). */
export const jsonPathPlus = JSONPath as unknown as JsonPathQuery;

/** build/aslJsonPath.mjs, the fast stand-in (untyped JavaScript), and its shared-walk scope. */
export const { JSONPath: fastJsonPath, withSharedWalks } = (await import(
  pathToFileURL(join(ROOT, 'build', 'aslJsonPath.mjs')).href
)) as { JSONPath: JsonPathQuery; withSharedWalks: <T>(run: () => T) => T };

/**
 * Every path asl-validator 4 (and the 3.16 copy inside aws-local-stepfunctions) queries, and the
 * ones asl-path-validator queries on the syntax tree of each path it checks.
 */
export const ASL_VALIDATOR_PATHS = [
  '$..States',
  "$..['States']",
  '$..[StartAt,Next,Default]',
  '$..[Next,Default]',
  '$..[Parameters,ResultSelector]',
  '$..Branches',
  '$..Iterator',
  '$.Next',
  '$.Default',
  '$.States',
  '$.ItemReader.ReaderConfig',
  '$.ItemBatcher',
  '$..[atmark,wildcard,negOffset,slice,recursiveDescent,multipleIndex,filter]',
  '$..[func]',
  '$..[var]',
] as const;

/** The asl-validator copies (paths from the repository root) that the plugin redirects. */
export const ASL_VALIDATOR_SOURCES = [
  'node_modules/asl-validator/dist/src',
  'node_modules/aws-local-stepfunctions/node_modules/asl-validator/dist/src',
  'node_modules/asl-path-validator/dist',
] as const;

/**
 * What asl-validator's sources pass to `JSONPath`: the option names and the path literals.
 *
 * @example
 * jsonPathUsage('node_modules/asl-validator/dist/src').paths; // Set { '$..States', ... }
 */
export function jsonPathUsage(source: string): { options: Set<string>; paths: Set<string> } {
  const sourceDir = join(ROOT, source);
  const options = new Set<string>();
  const paths = new Set<string>();
  const files = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' });
  for (const file of files.filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(join(sourceDir, file), 'utf8');
    // Only modules that use jsonpath-plus (a generated parser has `"$"` literals of its own).
    if (!source.includes('require("jsonpath-plus")')) continue;
    for (const call of source.matchAll(/JSONPath\)\(\{([^}]*)\}\)/g)) {
      // Option names: `name: value` or the shorthand `name,`; string literals removed first, so
      // that the names inside "$..[StartAt,Next,Default]" do not count.
      const properties = (call[1] ?? '').replace(/"[^"]*"/g, '""');
      for (const option of properties.matchAll(/(?:^|[{,\n])\s*(\w+)\s*(?=[:,]|\s*$)/g)) {
        options.add(option[1] ?? '');
      }
    }
    // state-checks.js passes `path: path`: its values are literals in validator.js.
    for (const literal of source.matchAll(/"(\$[^"]*)"/g)) paths.add(literal[1] ?? '');
  }
  return { options, paths };
}
