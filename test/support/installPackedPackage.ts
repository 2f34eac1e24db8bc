import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * The environment for npm and the tools a user's project runs: the Node running the tests (22, the
 * package's `engines`) comes first on PATH, so `npm` and `npx` run on it.
 */
export function userEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`,
  };
}

/**
 * The package as a user gets it: `npm pack` of this repository (its built `dist/`), installed from
 * the tarball into a new empty project in a temporary folder. Resolves to the project's folder.
 * `--offline` holds because the package has no dependencies: an install that needed the registry
 * fails here instead of passing on a networked machine.
 *
 * @example
 * const project = installPackedPackage({ type: 'module' });
 * // join(project, 'node_modules', 'sub-step-closer', ...)
 */
export function installPackedPackage(packageJson: Record<string, unknown> = {}): string {
  const project = mkdtempSync(join(tmpdir(), 'sub-step-closer-user-'));
  const env = userEnvironment();
  execFileSync('npm', ['pack', '--pack-destination', project, '--silent'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [tarball] = readdirSync(project).filter((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${project}`);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'user-project', private: true, ...packageJson }, null, 2)}\n`,
  );
  execFileSync('npm', ['install', `./${tarball}`, '--offline', '--no-audit', '--no-fund'], {
    cwd: project,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return project;
}

/** How a command run in the user's project ended. */
export interface ProjectRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `command args` in the user's project with `env` (default: the user's environment), and
 * resolves whatever its exit code.
 */
export function runInProject(
  project: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = userEnvironment(),
): Promise<ProjectRun> {
  return promisify(execFile)(command, [...args], {
    cwd: project,
    env,
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}
