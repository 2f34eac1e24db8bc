import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Bundles one module as the project's builds do (ESM, Node 22), with the given esbuild plugins,
 * and imports the result: how build-plugin tests run a package's code with and without a
 * rewrite. `entry` is a file path, or source text resolved from the repository root.
 *
 * @example
 * const { validatePath } = await importBundle<{ validatePath: Function }>(
 *   { contents: "export { validatePath } from 'asl-path-validator';" }, [simpleAslPathsPlugin]);
 */
export async function importBundle<T>(
  entry: string | { readonly contents: string },
  plugins: readonly Plugin[],
): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), 'sub-step-closer-bundle-'));
  try {
    const outfile = join(folder, 'bundle.mjs');
    await build({
      ...(typeof entry === 'string'
        ? { entryPoints: [entry] }
        : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'js' } }),
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      plugins: [...plugins],
      logLevel: 'silent',
    });
    return (await import(pathToFileURL(outfile).href)) as T;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
