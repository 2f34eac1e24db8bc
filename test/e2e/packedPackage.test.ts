import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installPackedPackage,
  type ProjectRun,
  runInProject,
} from '../support/installPackedPackage.ts';

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
  project = installPackedPackage();
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** `npx sub-step-closer ...` in the user's project, whatever its exit code. */
function npx(...args: string[]): Promise<ProjectRun> {
  // The package needs Node >= 22 (`engines`): the bin runs on the Node running these tests.
  return runInProject(project, 'npx', ['--no-install', 'sub-step-closer', ...args]);
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

  it('ships no source file: only built code and generated declarations', () => {
    const installed = join(project, 'node_modules', 'sub-step-closer');
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8' });

    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(files.filter((file) => /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file))).toEqual(
      [],
    );
    expect(files).toContain(join('dist', 'types', 'cli', 'simulate', 'index.d.ts'));
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
