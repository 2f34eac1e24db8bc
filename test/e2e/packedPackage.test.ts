import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

// The package as npm installs it: `npm pack`, unpacked into an empty folder, its CLI run from
// there. This is what catches a chunk left out of `files`, or a path that only resolves inside
// the repository (simulate finds the Lambda zip relative to the CLI's own files).
const ROOT = join(import.meta.dirname, '..', '..');

let unpacked: string;

beforeAll(() => {
  const folder = mkdtempSync(join(tmpdir(), 'sub-step-closer-pack-'));
  execFileSync('npm', ['pack', '--pack-destination', folder, '--silent'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [tarball] = readdirSync(folder).filter((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${folder}`);
  execFileSync('tar', ['-xzf', join(folder, tarball), '-C', folder]);
  unpacked = join(folder, 'package');
}, 60_000);

const cli = (...args: string[]) =>
  runCli(args, { cli: join(unpacked, 'dist', 'cli', 'sub-step-closer.mjs'), cwd: unpacked });

describe.concurrent('the packed package', () => {
  it('checks its own examples with the packed CLI', async () => {
    const outcome = await cli('check', 'examples/child.asl.json');

    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
  });

  it('simulates a parent and child with the packed CLI and the packed Lambda zip', async () => {
    const outcome = await cli(
      'simulate',
      '--parent',
      'Parent=examples/parent.asl.json',
      '--child',
      'Child=examples/child.asl.json',
      '--input',
      'examples/sim/input-accept.json',
      '--config',
      'examples/sim/sim.json',
      '--format',
      'json',
    );

    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('SendTaskSuccess');
  });
});
