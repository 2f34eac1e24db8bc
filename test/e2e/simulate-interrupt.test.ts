import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_CLI } from '../support/runCli.ts';

// The built CLI streams its trace as the run goes, and Ctrl-C (SIGINT) stops every execution,
// prints the outcome so far and exits 130. The child loops and the limits are far away, so the
// run cannot end by itself: any output before the signal was streamed.

const folder = mkdtempSync(join(tmpdir(), 'simulate-interrupt-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, json: unknown): string {
  const file = join(folder, name);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

const parent = write('parent.json', {
  StartAt: 'Run',
  States: {
    Run: {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child' },
      End: true,
    },
  },
});
const loopingChild = write('child.json', {
  StartAt: 'Spin',
  States: {
    Spin: { Type: 'Pass', Next: 'Pause' },
    Pause: { Type: 'Wait', Seconds: 5, Next: 'Spin' },
  },
});

describe('sub-step-closer simulate, interrupted', () => {
  it('streams the trace and prints what happened on Ctrl-C', async () => {
    const child = spawn(
      process.execPath,
      [
        BUILT_CLI,
        'simulate',
        '--parent',
        parent,
        '--child',
        `Child=${loopingChild}`,
        '--max-seconds',
        '1000000000',
        '--max-transitions',
        '1000000000',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('· Spin (Pass)')) resolve();
      });
    });
    child.kill('SIGINT');
    const code = await exit;

    expect(code).toBe(130);
    expect(stderr).toContain('Interrupted');
    expect(stdout).toMatch(/Outcome\n {2}Parent ABORTED/);
    expect(stdout).toContain('Simulator.Interrupted');
  });
});
