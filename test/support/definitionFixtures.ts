import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, type RuleId } from '../../src/cli/check/Finding.ts';

/** Where the definition fixtures live: `compliant/*.json` and `broken/<rule>-*.json`. */
export const DEFINITIONS_DIR = join(import.meta.dirname, '..', 'fixtures', 'definitions');

/** One definition fixture. */
export interface DefinitionFixture {
  /** File name, e.g. `escapes-closer-fail.json`. */
  readonly name: string;
  readonly file: string;
  /** For a broken fixture, the one rule it violates (its file name's prefix). */
  readonly rule: RuleId | undefined;
  readonly definition: object;
}

/** The ARN the fixtures and tests use for the SubStepCloser Lambda. */
export const CLOSER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';

/**
 * Loads the compliant or broken fixtures, in file-name order.
 *
 * @example
 * for (const { name, rule, definition } of definitionFixtures('broken')) ...
 */
export function definitionFixtures(kind: 'compliant' | 'broken'): DefinitionFixture[] {
  const dir = join(DEFINITIONS_DIR, kind);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      return {
        name,
        file,
        rule: kind === 'broken' ? ruleOf(name) : undefined,
        definition: JSON.parse(readFileSync(file, 'utf8')) as object,
      };
    });
}

/** Loads one fixture by its path under `test/fixtures/definitions/`. */
export function definitionFixture(path: string): object {
  return JSON.parse(readFileSync(join(DEFINITIONS_DIR, path), 'utf8')) as object;
}

function ruleOf(name: string): RuleId {
  // Rule ids contain dashes too: take the longest id the file name starts with.
  const rule = (Object.keys(RULES) as RuleId[])
    .filter((id) => name.startsWith(`${id}-`) || name === `${id}.json`)
    .sort((a, b) => b.length - a.length)[0];
  if (rule === undefined) throw new Error(`Broken fixture ${name} does not start with a rule id.`);
  return rule;
}
