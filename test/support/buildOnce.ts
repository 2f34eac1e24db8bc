import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OUTPUTS = [
  'dist/sub-step-closer.zip',
  'dist/cli/sub-step-closer.mjs',
  'dist/cli/simulate.mjs',
  'dist/types/cli/simulate/index.d.ts',
];
const INPUTS = ['src', 'build', 'esbuild.config.mjs', 'package-lock.json', 'tsconfig.types.json'];

/**
 * Vitest global setup: rebuilds the zip and the CLI when any source is newer than them, so the
 * suites that exercise the built artefacts never test a stale build.
 */
export default function buildOnce(): void {
  if (isFresh()) return;
  execFileSync(process.execPath, ['esbuild.config.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function isFresh(): boolean {
  if (!OUTPUTS.every((output) => existsSync(output))) return false;
  const built = Math.min(...OUTPUTS.map((output) => statSync(output).mtimeMs));
  return INPUTS.every((input) => newestMtime(input) < built);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path).map((entry) => newestMtime(join(path, entry))),
  );
}
