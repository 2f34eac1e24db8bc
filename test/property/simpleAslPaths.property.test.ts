import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CONTEXTS = ['path', 'reference_path', 'result_path', 'payload_template'] as const;

const { simpleAslPathsPlugin, SIMPLE_PATH_SOURCE } = (await import(
  pathToFileURL(join(ROOT, 'build', 'simpleAslPathsPlugin.mjs')).href
)) as { simpleAslPathsPlugin: Plugin; SIMPLE_PATH_SOURCE: string };

type ValidatePath = (path: unknown, context: unknown) => { isValid: boolean };

const temp = mkdtempSync(join(tmpdir(), 'simple-asl-paths-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** asl-path-validator bundled as the CLI bundles it, with or without the plugin. */
async function bundleValidatePath(plugins: Plugin[], name: string): Promise<ValidatePath> {
  const outfile = join(temp, `${name}.mjs`);
  await build({
    stdin: {
      contents: "export { validatePath } from 'asl-path-validator';",
      resolveDir: ROOT,
      loader: 'js',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    plugins,
    logLevel: 'silent',
  });
  return ((await import(pathToFileURL(outfile).href)) as { validatePath: ValidatePath })
    .validatePath;
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
  published = await bundleValidatePath([], 'published');
  shortcut = await bundleValidatePath([simpleAslPathsPlugin], 'shortcut');
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
