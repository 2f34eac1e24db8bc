import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closerStates } from '../../src/cli/wrap/closerStates.ts';
import { CLOSER_ARN, DEFINITIONS_DIR } from '../support/definitionFixtures.ts';
import { runCli } from '../support/runCli.ts';

// Runs the built CLI as a process: what `wrap` prints is what `check` then accepts.
const cli = (...args: string[]) => runCli(args);

describe('sub-step-closer wrap and states', () => {
  it('wraps a broken definition into one that check passes', async () => {
    const source = join(DEFINITIONS_DIR, 'broken', 'missing-catch-all-map-iterator.json');
    const wrapped = await cli('wrap', source, '--closer-arn', CLOSER_ARN);
    const file = join(mkdtempSync(join(tmpdir(), 'sub-step-closer-wrap-')), 'wrapped.json');
    writeFileSync(file, wrapped.stdout);
    const checked = await cli('check', file, '--format', 'json');
    expect(JSON.parse(checked.stdout).findings).toEqual([]);
  });

  it('wraps YAML into YAML that check passes, keeping the comments', async () => {
    const source = join(import.meta.dirname, '..', 'fixtures', 'yaml', 'broken.asl.yaml');
    const wrapped = await cli('wrap', source, '--closer-arn', CLOSER_ARN);
    expect(wrapped.code).toBe(0);
    expect(wrapped.stdout).toContain('# The work itself.');
    const file = join(mkdtempSync(join(tmpdir(), 'sub-step-closer-wrap-')), 'wrapped.asl.yaml');
    writeFileSync(file, wrapped.stdout);
    expect((await cli('check', file)).code).toBe(0);
    const again = await cli('wrap', file, '--closer-arn', CLOSER_ARN);
    expect(again.stdout).toBe(wrapped.stdout);
  });

  it('wraps with a DefinitionSubstitutions placeholder for the ARN, and check passes it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sub-step-closer-wrap-'));
    const source = join(folder, 'machine.json');
    writeFileSync(
      source,
      JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Pass', End: true } } }),
    );
    const wrapped = await cli('wrap', source, '--closer-arn', '${CloserFunctionArn}');
    expect(wrapped.code).toBe(0);
    expect(JSON.parse(wrapped.stdout).States['Closer:Send'].Resource).toBe('${CloserFunctionArn}');
    const file = join(folder, 'wrapped.json');
    writeFileSync(file, wrapped.stdout);
    const checked = await cli('check', file, '--format', 'json');
    expect(JSON.parse(checked.stdout).findings).toEqual([]);
  });

  it('refuses a template and says to wrap the definition file', async () => {
    const template = join(import.meta.dirname, '..', 'fixtures', 'templates', 'sam.yaml');
    const outcome = await cli('wrap', template, '--closer-arn', CLOSER_ARN);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('is a CloudFormation or SAM template');
  });

  it.each(['check', 'wrap', 'states'])('%s --help exits 0 with its exit codes', async (command) => {
    const outcome = await cli(command, '--help');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('Exit codes');
  });

  it('takes --query-language in any case', async () => {
    const outcome = await cli('states', '--closer-arn', CLOSER_ARN, '--query-language', 'jsonata');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('"QueryLanguage": "JSONata"');
  });

  it('prints the Closer states', async () => {
    const { stdout } = await cli('states', '--closer-arn', CLOSER_ARN);
    expect(JSON.parse(stdout)).toEqual(closerStates({ closerArn: CLOSER_ARN }));
  });
});
