import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closerStates } from '../../src/cli/wrap/closerStates.ts';
import { CLOSER_ARN, DEFINITIONS_DIR } from '../support/definitionFixtures.ts';
import { BUILT_CLI, runCli } from '../support/runCli.ts';

// Runs the built CLI (dist/cli/sub-step-closer.mjs) as a process, as a user or CI would.
const cli = (...args: string[]) => runCli(args);

const fixture = (path: string) => join(DEFINITIONS_DIR, path);
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const TEMPLATES = join(FIXTURES, 'templates');
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
const scratch = mkdtempSync(join(tmpdir(), 'sub-step-closer-check-'));

// Each run starts a process; concurrent tests keep the suite short.
describe.concurrent('sub-step-closer check', () => {
  it('exits 0 and prints a plain summary for a compliant definition', async () => {
    const outcome = await cli('check', fixture('compliant/framed-closer.json'));
    expect(outcome).toEqual({
      code: 0,
      stdout: `${fixture('compliant/framed-closer.json')} follows the Closer contract (0 errors, 0 warnings).\n`,
      stderr: '',
    });
  });

  it("warns, and exits 0, for the original pattern's section, which reads the link from the payload", async () => {
    const outcome = await cli('check', fixture('compliant/seed-closer.json'), '--format', 'json');
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout).findings).toEqual([
      expect.objectContaining({ rule: 'closer-reads-payload-link', severity: 'warning' }),
    ]);
  });

  it('exits 1 and prints the findings as JSON for a broken definition', async () => {
    const outcome = await cli(
      'check',
      fixture('broken/escapes-closer-succeed.json'),
      '--format',
      'json',
    );
    expect(outcome.code).toBe(1);
    const { findings } = JSON.parse(outcome.stdout);
    expect(findings.filter((item: { severity: string }) => item.severity === 'error')).toEqual([
      {
        rule: 'escapes-closer',
        severity: 'error',
        state: 'Done',
        message: 'Succeed state ends the execution outside the Closer chain: Work → Done.',
        fix: 'Replace it with a Pass state whose Next is Closer:Send.',
      },
    ]);
  });

  it('exits 0 when there are warnings only', async () => {
    const outcome = await cli(
      'check',
      fixture('broken/runtime-error-risk-wait.json'),
      '--format',
      'json',
    );
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout).findings).toContainEqual(
      expect.objectContaining({ rule: 'runtime-error-risk', severity: 'warning', state: 'Pause' }),
    );
  });

  it('prints one uncoloured line per finding when stdout is not a terminal', async () => {
    const outcome = await cli('check', fixture('broken/choice-without-default-in-parallel.json'));
    expect(outcome.code).toBe(1);
    const lines = outcome.stdout.trimEnd().split('\n');
    // The error first, then the warning about the original Closer section, then the summary.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^error {3}choice-without-default Fan\/Branch\[0\]\/Decide: /);
    expect(outcome.stdout).not.toContain('\u001b[');
  });

  it('checks the chain of the Closer named with --closer', async () => {
    const file = join(scratch, 'renamed.json');
    const states = closerStates({ closerArn: CLOSER_ARN, closerName: 'Finish' });
    writeFileSync(
      file,
      JSON.stringify({
        StartAt: 'Work',
        States: {
          Work: { Type: 'Pass', Next: 'Finish' },
          ...states,
          'Finish:MarkFailed': undefined,
        },
      }),
    );
    expect((await cli('check', file, '--closer', 'Finish')).code).toBe(0);
    expect((await cli('check', file, '--format', 'json')).code).toBe(1);
  });

  it('exits 2 and reports the validator errors on stderr and in the JSON document for an invalid definition', async () => {
    const file = join(scratch, 'invalid.json');
    writeFileSync(file, JSON.stringify({ StartAt: 'Nowhere', States: { A: { Type: 'Succeed' } } }));
    const outcome = await cli('check', file, '--format', 'json');
    expect(outcome.code).toBe(2);
    expect(JSON.parse(outcome.stdout).files[0].problems).toContainEqual(
      expect.stringContaining('is not a valid state machine definition'),
    );
    expect(outcome.stderr).toContain(
      'The definition, StartAt: names "Nowhere", which is not a state here. Fix: name one of "A".',
    );
  });

  it('exits 2 for a file that is not JSON', async () => {
    const file = join(scratch, 'not-json.json');
    writeFileSync(file, '{ "StartAt": ');
    const outcome = await cli('check', file);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('is not valid JSON');
  });

  it('exits 2 for a file that cannot be read', async () => {
    const outcome = await cli('check', join(scratch, 'missing.json'));
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Cannot read');
  });

  it.each([
    ['an unknown format', ['--format', 'xml']],
    ['an unknown option', ['--colour']],
    ['a second standard input', ['-', '-']],
  ])('exits 2 for %s', async (_case, extra) => {
    const outcome = await cli('check', fixture('compliant/seed-closer.json'), ...extra);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Usage: sub-step-closer check');
  });

  it('prints its own flags and exit codes for --help, and exits 0', async () => {
    const outcome = await cli('check', '--help');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('--format text|json');
    expect(outcome.stdout).toContain('Exit codes');
  });

  it('checks every state machine of examples/template.json by logical id, with no error', async () => {
    const outcome = await cli('check', join(EXAMPLES, 'template.json'), '--format', 'json');
    expect(outcome.code).toBe(0);
    const { files } = JSON.parse(outcome.stdout);
    const machines = files.map((entry: { machine: string }) => entry.machine);
    const template = JSON.parse(readFileSync(join(EXAMPLES, 'template.json'), 'utf8'));
    const expected = Object.entries(template.Resources)
      .filter(([, resource]) => (resource as { Type: string }).Type.includes('StateMachine'))
      .map(([id]) => id);
    expect(machines).toEqual(expected);
    for (const entry of files) {
      expect(
        entry.findings.filter((item: { severity: string }) => item.severity === 'error'),
      ).toEqual([]);
    }
  });

  it('exits with the worst code over many files and prefixes each finding with its file', async () => {
    const broken = fixture('broken/missing-catch-all-task.json');
    const outcome = await cli('check', fixture('compliant/framed-closer.json'), broken, TEMPLATES);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toContain(`${broken}: error   missing-catch-all Work: `);
    expect(outcome.stdout).toContain(
      `${join(TEMPLATES, 'sam.yaml')}#OrderMachine follows the Closer contract`,
    );
    expect(outcome.stderr).toContain(`${join(TEMPLATES, 'cloudformation.json')}#RemoteMachine: `);
  });

  it('exits 1 when the worst over many files is a finding', async () => {
    const outcome = await cli(
      'check',
      fixture('compliant/framed-closer.json'),
      fixture('broken/missing-catch-all-task.json'),
    );
    expect(outcome.code).toBe(1);
  });

  it('prints one JSON document with a file entry per definition, problems included', async () => {
    const outcome = await cli('check', join(TEMPLATES, 'cloudformation.json'), '--format', 'json');
    expect(outcome.code).toBe(2);
    const { files } = JSON.parse(outcome.stdout);
    expect(files.map((entry: { machine: string }) => entry.machine)).toEqual([
      'SubMachine',
      'JoinMachine',
      'PackagedMachine',
      'RemoteMachine',
    ]);
    expect(files[3]).toMatchObject({ file: join(TEMPLATES, 'cloudformation.json'), findings: [] });
    expect(files[3].problems[0]).toContain('points to Amazon S3');
  });

  it('keeps the findings field of one definition file beside its files entry', async () => {
    const outcome = await cli('check', fixture('compliant/framed-closer.json'), '--format', 'json');
    expect(JSON.parse(outcome.stdout)).toEqual({
      findings: [],
      files: [{ file: fixture('compliant/framed-closer.json'), findings: [] }],
    });
  });

  it('reads a YAML definition from standard input, after a byte-order mark', () => {
    const yaml = readFileSync(join(FIXTURES, 'yaml', 'compliant.asl.yaml'), 'utf8');
    const outcome = spawnSync(process.execPath, [BUILT_CLI, 'check', '-'], {
      input: `\uFEFF${yaml}`,
      encoding: 'utf8',
    });
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toBe('<stdin> follows the Closer contract (0 errors, 0 warnings).\n');
  });

  it('exits 2 naming the file when the validator cannot read a definition', async () => {
    const file = join(scratch, 'not-an-object-state.json');
    writeFileSync(file, JSON.stringify({ StartAt: 'A', States: { A: 1 } }));
    const outcome = await cli('check', file);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(file);
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  });
});
