import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The CLI that `npm run build` writes. */
export const BUILT_CLI = join(
  import.meta.dirname,
  '..',
  '..',
  'dist',
  'cli',
  'sub-step-closer.mjs',
);

/** How one CLI process ended. */
export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = promisify(execFile);

/**
 * Runs the CLI as a process, as a user or CI would, and resolves to its exit code and output
 * whatever the code (a process that could not run at all rejects).
 *
 * @example
 * const { code, stdout } = await runCli(['check', 'machine.json', '--format', 'json']);
 */
export async function runCli(
  args: readonly string[],
  options: { readonly cli?: string; readonly cwd?: string } = {},
): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [options.cli ?? BUILT_CLI, ...args], {
      encoding: 'utf8',
      // simulate --format json prints every event of every execution.
      maxBuffer: 32 * 1024 * 1024,
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
