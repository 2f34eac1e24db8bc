import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBundle } from '../support/importBundle.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTEXTS = ['path', 'reference_path', 'result_path', 'payload_template'] as const;

const { simpleAslPathsPlugin, SIMPLE_PATH_SOURCE } = (await import(
  pathToFileURL(join(ROOT, 'build', 'simpleAslPathsPlugin.mjs')).href
)) as { simpleAslPathsPlugin: Plugin; SIMPLE_PATH_SOURCE: string };

type ValidatePath = (path: unknown, context: unknown) => { isValid: boolean };

/** asl-path-validator bundled as the CLI bundles it, with or without the plugin. */
async function bundleValidatePath(plugins: Plugin[]): Promise<ValidatePath> {
  const entry = { contents: "export { validatePath } from 'asl-path-validator';" };
  return (await importBundle<{ validatePath: ValidatePath }>(entry, plugins)).validatePath;
}

/** The result, or the error thrown, so that both can be compared. */
function outcome(validate: ValidatePath, path: unknown, context: unknown): unknown {
  try {
    return validate(path, context);
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

let published: ValidatePath;
let shortcut: ValidatePath;

beforeAll(async () => {
  published = await bundleValidatePath([]);
  shortcut = await bundleValidatePath([simpleAslPathsPlugin]);
});

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
const simplePath = fc
  .array(
    fc.oneof(
      name,
      // Names that mean something elsewhere: in the grammar, in JavaScript, in ASL.
      fc.constantFrom('true', 'null', 'length', '__proto__', 'constructor', 'func', 'var', 'in'),
    ),
    { maxLength: 6 },
  )
  .map((names) => `$${names.map((part) => `.${part}`).join('')}`);
// Strings close to plain paths, so that the shortcut's edge (what it must not take) is tested.
const nearPath = fc
  .array(
    fc.constantFrom('$', '.', '..', 'a', '_', '1', '[0]', "['a']", '*', '@', '(', ')', '-', ' '),
    {
      maxLength: 8,
    },
  )
  .map((parts) => `$${parts.join('')}`);

describe('simpleAslPathsPlugin', () => {
  it('answers plain paths as asl-path-validator does, in every context', () => {
    fc.assert(
      fc.property(simplePath, fc.constantFrom(...CONTEXTS), (path, context) => {
        expect(new RegExp(SIMPLE_PATH_SOURCE).test(path)).toBe(true);
        expect(shortcut(path, context)).toEqual(published(path, context));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves every other path to the parser', () => {
    fc.assert(
      fc.property(
        fc.oneof(nearPath, fc.string({ maxLength: 10 })),
        fc.constantFrom(...CONTEXTS),
        (path, context) => {
          expect(outcome(shortcut, path, context)).toEqual(outcome(published, path, context));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('still throws for a context asl-path-validator does not know, even for a plain path', () => {
    expect(outcome(shortcut, '$.a', 'no_such_context')).toEqual({ threw: 'no_such_context' });
    expect(outcome(published, '$.a', 'no_such_context')).toEqual({ threw: 'no_such_context' });
  });

  it('answers a plain path without running the parser', () => {
    // The published parser runs out of stack on a path this deep and reports a parse error (at
    // 5,000 names its syntax-tree checks throw instead); the shortcut never parses it, so this
    // shows that the shortcut is in the bundle and taken. Such a path is 200 KB long: no real
    // definition has one, and the shortcut's answer (valid) is the right one.
    const deep = `$${'.a'.repeat(100_000)}`;

    expect(outcome(shortcut, deep, 'path')).toEqual({ isValid: true });
    expect(outcome(published, deep, 'path')).not.toEqual({ isValid: true });
  });
});
