import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type aslValidator from 'asl-validator';
import { build, type Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');

/** The banner buildCli (esbuild.config.mjs) gives the CLI: bundled CommonJS still calls require(). */
const CLI_BANNER =
  "import { createRequire as __ssc_createRequire } from 'node:module'; const require = __ssc_createRequire(import.meta.url);";

/** asl-validator's default export, as the project declares it. */
export type AslValidator = typeof aslValidator;

/**
 * Imports an esbuild plugin from build/ (plain .mjs files that TypeScript has no types for).
 *
 * @example
 * const plugin = await loadBuildPlugin('precompiledAslSchemaPlugin.mjs', 'precompiledAslSchemaPlugin');
 */
export async function loadBuildPlugin(file: string, name: string): Promise<Plugin> {
  const module = (await import(pathToFileURL(join(ROOT, 'build', file)).href)) as Record<
    string,
    Plugin | undefined
  >;
  const plugin = module[name];
  if (!plugin) throw new Error(`build/${file} exports no ${name}`);
  return plugin;
}

/**
 * Bundles asl-validator alone, as buildCli bundles it (ESM, Node, the createRequire banner), with
 * the given esbuild plugins, and returns the bundle's text.
 *
 * @example
 * const code = await bundleAslValidatorCode([precompiledAslSchemaPlugin]);
 */
export async function bundleAslValidatorCode(plugins: readonly Plugin[]): Promise<string> {
  const result = await build({
    stdin: {
      contents: "export { default } from 'asl-validator';",
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    banner: { js: CLI_BANNER },
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [...plugins],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  return output.text;
}

/**
 * Bundles asl-validator with the given plugins (see `bundleAslValidatorCode`) and imports it.
 *
 * @example
 * const validate = await bundleAslValidator([precompiledAslSchemaPlugin]);
 * validate({ StartAt: 'A', States: { A: { Type: 'Succeed' } } }).isValid; // true
 */
export async function bundleAslValidator(plugins: readonly Plugin[]): Promise<AslValidator> {
  return importAslValidatorBundle(await bundleAslValidatorCode(plugins));
}

/**
 * Imports a bundle made by `bundleAslValidatorCode`, from a temporary folder.
 *
 * @example
 * const validate = await importAslValidatorBundle(await bundleAslValidatorCode([]));
 */
export async function importAslValidatorBundle(code: string): Promise<AslValidator> {
  const folder = mkdtempSync(join(tmpdir(), 'asl-validator-bundle-'));
  try {
    const file = join(folder, 'asl-validator.mjs');
    writeFileSync(file, code);
    const module = (await import(pathToFileURL(file).href)) as { default: AslValidator };
    return module.default;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What a caller can observe of one validation: its result, or the error it threw. */
export type ValidationOutcome =
  | { readonly threw: string }
  | {
      readonly isValid: boolean;
      readonly errors: ReturnType<AslValidator>['errors'];
      readonly text: string;
    };

/**
 * Runs `validate` on a copy of `definition` (asl-validator writes a QueryLanguage into every
 * state) and returns what a caller can observe, so that two validators can be compared with
 * `toStrictEqual`.
 *
 * @example
 * expect(validationOutcome(bundled, definition)).toStrictEqual(validationOutcome(aslValidator, definition));
 */
export function validationOutcome(
  validate: AslValidator,
  definition: object,
  options?: Parameters<AslValidator>[1],
): ValidationOutcome {
  try {
    const result = validate(structuredClone(definition), options);
    return { isValid: result.isValid, errors: result.errors, text: result.errorsText('\n') };
  } catch (error) {
    return { threw: String(error) };
  }
}
