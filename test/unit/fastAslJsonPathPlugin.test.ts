import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aslValidatorFindings } from '../fixtures/aslValidatorFindings.ts';
import { definitionFixtures } from '../support/definitionFixtures.ts';
import { generateDefinition } from '../support/generateDefinition.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SHIM = 'build/aslJsonPath.mjs';
const ASL_VALIDATOR = 'node_modules/asl-validator/';

type Validate = (definition: object) => {
  isValid: boolean;
  errors: unknown[];
  errorsText: (separator?: string) => string;
};

const { fastAslJsonPathPlugin } = (await import(
  pathToFileURL(join(ROOT, 'build', 'fastAslJsonPathPlugin.mjs')).href
)) as { fastAslJsonPathPlugin: Plugin };
const unpatched = createRequire(join(ROOT, 'package.json'))('asl-validator') as Validate;

const temp = mkdtempSync(join(tmpdir(), 'fast-asl-jsonpath-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Bundles `contents` from `resolveDir` as buildCli does (ESM for Node, require() banner). */
async function bundle(contents: string, resolveDir = ROOT) {
  return build({
    stdin: { contents, resolveDir, loader: 'js', sourcefile: 'entry.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire as __ssc_createRequire } from 'node:module'; const require = __ssc_createRequire(import.meta.url);",
    },
    plugins: [fastAslJsonPathPlugin],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
}

const inputsOf = (metafile: Metafile) => Object.keys(metafile.inputs);

/** `importer -> resolved path` for every `jsonpath-plus` import in the bundle. */
const jsonPathPlusImports = (metafile: Metafile) =>
  Object.entries(metafile.inputs).flatMap(([importer, input]) =>
    input.imports
      .filter((entry) => entry.original === 'jsonpath-plus')
      .map((entry) => `${importer} -> ${entry.path}`),
  );

describe('fastAslJsonPathPlugin', () => {
  let patched: Validate;
  let metafile: Metafile;

  beforeAll(async () => {
    const result = await bundle("export { default } from 'asl-validator';");
    ({ metafile } = result);
    const file = join(temp, 'asl-validator.mjs');
    writeFileSync(file, result.outputFiles[0]?.contents ?? '');
    patched = ((await import(pathToFileURL(file).href)) as { default: Validate }).default;
  });

  it('resolves every jsonpath-plus import of asl-validator to aslJsonPath.mjs', () => {
    const imports = jsonPathPlusImports(metafile);
    const fromValidator = imports.filter((entry) => entry.startsWith(ASL_VALIDATOR));
    // validator.js, get-states.js and five other checks.
    expect(fromValidator.length).toBeGreaterThanOrEqual(7);
    expect(fromValidator.filter((entry) => !entry.endsWith(` -> ${SHIM}`))).toEqual([]);
  });

  it("resolves asl-path-validator's jsonpath-plus import to aslJsonPath.mjs too", () => {
    expect(jsonPathPlusImports(metafile)).toContain(
      `node_modules/asl-path-validator/dist/ast.js -> ${SHIM}`,
    );
  });

  it('leaves jsonpath-plus alone for every other importer', async () => {
    const result = await bundle("export { JSONPath } from 'jsonpath-plus';");
    expect(inputsOf(result.metafile)).not.toContain(SHIM);
  });

  const cases: [string, object][] = [
    ...[...definitionFixtures('compliant'), ...definitionFixtures('broken')].map(
      ({ name, definition }): [string, object] => [name, definition],
    ),
    ...Object.entries(aslValidatorFindings),
    ['a generated 1,000-state machine', generateDefinition({ states: 1_000 })],
    [
      'a generated 1,000-state machine with findings',
      generateDefinition({ states: 1_000, compliant: false }),
    ],
  ];

  it.each(cases)('validates %s exactly as unpatched asl-validator does', (_, definition) => {
    const expectedDefinition = structuredClone(definition);
    const actualDefinition = structuredClone(definition);

    const expected = unpatched(expectedDefinition);
    const actual = patched(actualDefinition);

    expect(actual.isValid).toBe(expected.isValid);
    expect(actual.errors).toStrictEqual(expected.errors);
    expect(actual.errorsText()).toBe(expected.errorsText());
    // asl-validator writes QueryLanguage into the states its queries find.
    expect(actualDefinition).toStrictEqual(expectedDefinition);
  });

  /** Bundles an asl-validator whose entry point is `source`, as an upgrade might ship it. */
  function bundleFakeValidator(folder: string, source: string) {
    const fake = join(temp, folder, 'node_modules', 'asl-validator', 'dist', 'src');
    mkdirSync(fake, { recursive: true });
    writeFileSync(join(fake, 'validator.js'), source);
    return bundle(`export { default } from ${JSON.stringify(join(fake, 'validator.js'))};`, temp);
  }

  it('fails the build when asl-validator no longer imports jsonpath-plus', async () => {
    const source =
      'module.exports = function validator(definition, opts) {\n  return { isValid: true };\n};\n';

    await expect(bundleFakeValidator('fake', source)).rejects.toThrow(
      /asl-validator no longer imports jsonpath-plus/,
    );
  });

  it("fails the build when asl-validator's entry point no longer reads as expected", async () => {
    const source =
      'require("jsonpath-plus");\nmodule.exports = (definition) => ({ isValid: true });\n';

    await expect(bundleFakeValidator('fake-entry', source)).rejects.toThrow(
      /fast-asl-jsonpath: .*validator\.js no longer has: module\.exports = function validator/,
    );
  });

  it('runs each validation with its queries sharing their walks of the definition', async () => {
    const result = await bundle("export { default } from 'asl-validator';");
    const code = result.outputFiles[0]?.text ?? '';

    expect(code).toMatch(
      /\.withSharedWalks\(function\s*\(\)\s*\{\s*return validateUnshared\(definition, opts\);/,
    );
  });
});
