import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closerStates } from '../../src/cli/wrap/closerStates.ts';
import { CLOSER_ARN, DEFINITIONS_DIR } from '../support/definitionFixtures.ts';
import { runCli } from '../support/runCli.ts';

// Runs the built CLI (dist/cli/sub-step-closer.mjs) as a process, as a user or CI would.
const cli = (...args: string[]) => runCli(args);

const fixture = (path: string) => join(DEFINITIONS_DIR, path);
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

  it('exits 2 and prints the asl-validator errors for an invalid definition', async () => {
    const file = join(scratch, 'invalid.json');
    writeFileSync(file, JSON.stringify({ StartAt: 'Nowhere', States: { A: { Type: 'Succeed' } } }));
    const outcome = await cli('check', file, '--format', 'json');
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toContain(
      "MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: Nowhere",
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
    ['two files', [fixture('compliant/jsonata.json')]],
  ])('exits 2 for %s', async (_case, extra) => {
    const outcome = await cli('check', fixture('compliant/seed-closer.json'), ...extra);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Usage: sub-step-closer check');
  });
});
