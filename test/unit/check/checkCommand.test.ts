import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/CliIo.ts';
import { checkCommand } from '../../../src/cli/check/checkCommand.ts';
import { DEFINITIONS_DIR } from '../../support/definitionFixtures.ts';
import { memoryIo } from '../../support/memoryIo.ts';

// Exit codes and JSON output are tested on the built CLI in test/e2e/cli-check.test.ts; these
// cover what a child process cannot show (a terminal) cheaply.
describe('checkCommand', () => {
  it('colours the findings when stdout is a terminal', async () => {
    const { io, stdout } = memoryIo(true);
    const file = join(DEFINITIONS_DIR, 'broken', 'missing-catch-all-task.json');
    expect(await checkCommand([file], io)).toBe(ExitCode.findings);
    expect(stdout().startsWith('\u001b[31merror  \u001b[39m missing-catch-all Work: ')).toBe(true);
  });

  it('exits 2 for an empty --closer', async () => {
    const { io, stderr } = memoryIo();
    const file = join(DEFINITIONS_DIR, 'compliant', 'seed-closer.json');
    expect(await checkCommand([file, '--closer', ''], io)).toBe(ExitCode.usage);
    expect(stderr()).toContain('--closer must not be empty.');
  });
});
