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
    expect(JSON.parse(checked.stdout)).toEqual({ findings: [] });
  });

  it('prints the Closer states', async () => {
    const { stdout } = await cli('states', '--closer-arn', CLOSER_ARN);
    expect(JSON.parse(stdout)).toEqual(closerStates({ closerArn: CLOSER_ARN }));
  });
});
