import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli.ts';

// The built CLI (dist/cli/sub-step-closer.mjs) as a user runs it: exit codes and output formats.

const folder = mkdtempSync(join(tmpdir(), 'simulate-cli-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const simulate = (...args: string[]) => runCli(['simulate', ...args]);

const example = (input: string) => [
  '--parent',
  'examples/parent.asl.json',
  '--child',
  'Child=examples/child.asl.json',
  '--input',
  `examples/sim/input-${input}.json`,
  '--config',
  'examples/sim/sim.json',
];

describe.concurrent('sub-step-closer simulate', () => {
  it('exits 0 and prints an indented trace when the parent succeeds', async () => {
    const { code, stdout, stderr } = await simulate(...example('accept'));

    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^Parent +▶ started/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}Child +▶ started by Parent › RunChild/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}Child +⇢ SendTaskSuccess to the parent .* → accepted/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^Parent +⇐ resumes/));
    expect(stdout).toMatch(/\nOutcome\n {2}Parent SUCCEEDED/);
    expect(stdout).not.toMatch(/SimTaskToken1/);
  });

  it('exits 1 and emits the event log as a JSON array with --format json when the parent fails', async () => {
    const { code, stdout } = await simulate(...example('reject'), '--format', 'json');

    expect(code).toBe(1);
    const events = JSON.parse(stdout) as {
      type: string;
      level: number;
      execution: string;
      stateMachine: string;
    }[];
    expect(Array.isArray(events)).toBe(true);
    for (const event of events) {
      expect(event).toEqual(
        expect.objectContaining({
          level: expect.any(Number),
          execution: expect.any(String),
          stateMachine: expect.any(String),
        }),
      );
    }
    expect(
      events
        .filter((event) => event.type === 'ExecutionStarted')
        .map((event) => [event.stateMachine, event.level]),
    ).toEqual([
      ['Parent', 0],
      ['Child', 1],
    ]);
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'SignalReceived',
        operation: 'SendTaskFailure',
        error: 'Work.Refused',
        level: 1,
      }),
    );
    // The parent's last event; the child's safety-net run may come after it.
    expect(events.filter((event) => event.level === 0).at(-1)).toMatchObject({
      type: 'ExecutionFailed',
      level: 0,
      error: 'Work.Refused',
    });
  });

  it('exits 2 when a file cannot be read', async () => {
    const { code, stderr } = await simulate('--parent', join(folder, 'missing.json'));

    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot read parent definition .*missing\.json: ENOENT/);
  });

  it('exits 2 when a file is not JSON', async () => {
    const broken = join(folder, 'broken.json');
    writeFileSync(broken, '{ "StartAt": ');

    const { code, stderr } = await simulate(
      '--parent',
      'examples/parent.asl.json',
      '--child',
      `Child=${broken}`,
    );

    expect(code).toBe(2);
    expect(stderr).toMatch(/child definition Child .*broken\.json is not valid JSON/);
  });

  it('exits 2 when the parent starts a child that was not given', async () => {
    const { code, stderr, stdout } = await simulate(
      '--parent',
      'examples/parent.asl.json',
      '--config',
      'examples/sim/sim.json',
    );

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown child \$\{ChildStateMachineArn\}/);
  });

  it('exits 2 on bad arguments', async () => {
    const unknownFormat = await simulate(...example('accept'), '--format', 'yaml');
    const unnamedChild = await simulate(
      '--parent',
      'examples/parent.asl.json',
      '--child',
      'examples/child.asl.json',
    );

    expect(unknownFormat.code).toBe(2);
    expect(unknownFormat.stderr).toMatch(/Unknown format: yaml/);
    expect(unnamedChild.code).toBe(2);
    expect(unnamedChild.stderr).toMatch(/--child needs Name=file\.json/);
  });
});
