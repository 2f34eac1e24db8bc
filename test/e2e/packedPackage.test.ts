import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// The package as a user gets it: `npm pack`, then `npm install ./sub-step-closer-<v>.tgz` into an
// empty project, and its CLI run there through `npx`. This catches a chunk left out of `files`, a
// path that only resolves inside the repository (simulate finds the Lambda zip relative to the
// CLI's own files), and a dependency users would install for nothing.
const ROOT = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'sub-step-closer-user-'));
  execFileSync('npm', ['pack', '--pack-destination', project, '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [tarball] = readdirSync(project).filter((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${project}`);
  writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
  execFileSync('npm', ['install', `./${tarball}`, '--no-audit', '--no-fund'], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 120_000);

/** `npx sub-step-closer ...` in the user's project, whatever its exit code. */
async function npx(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)('npx', ['--no-install', 'sub-step-closer', ...args], {
    cwd: project,
    // The package needs Node >= 22 (`engines`): the bin runs on the Node running these tests.
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`,
    },
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

const examples = (file: string) =>
  join(project, 'node_modules', 'sub-step-closer', 'examples', file);

describe.concurrent('the package installed from its tarball', () => {
  it('prints its version', async () => {
    expect(await npx('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('checks a definition', async () => {
    const outcome = await npx('check', examples('child.asl.json'));

    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
  });

  it('simulates a parent and child with the installed Lambda zip', async () => {
    const outcome = await npx(
      'simulate',
      '--parent',
      `Parent=${examples('parent.asl.json')}`,
      '--child',
      `Child=${examples('child.asl.json')}`,
      '--input',
      examples('sim/input-accept.json'),
      '--config',
      examples('sim/sim.json'),
      '--format',
      'json',
    );

    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('SendTaskSuccess');
  });

  it('installs no AWS SDK (and no other package) beside itself', () => {
    const installed = readdirSync(join(project, 'node_modules')).filter(
      (name) => !name.startsWith('.'),
    );

    expect(installed).toEqual(['sub-step-closer']);
    expect(existsSync(join(project, 'node_modules', '@aws-sdk'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@smithy'))).toBe(false);
  });
});
