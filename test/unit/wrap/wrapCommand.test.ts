import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/CliIo.ts';
import { closerStates } from '../../../src/cli/wrap/closerStates.ts';
import { statesCommand } from '../../../src/cli/wrap/statesCommand.ts';
import { wrapCommand } from '../../../src/cli/wrap/wrapCommand.ts';
import { wrapDefinition } from '../../../src/cli/wrap/wrapDefinition.ts';
import {
  CLOSER_ARN,
  DEFINITIONS_DIR,
  definitionFixture,
} from '../../support/definitionFixtures.ts';
import { memoryIo } from '../../support/memoryIo.ts';

const fixture = (path: string) => join(DEFINITIONS_DIR, path);

describe('wrapCommand', () => {
  it('says when the wrapped definition would exceed the 1 MB limit, and prints nothing', async () => {
    const { io, stdout, stderr } = memoryIo();
    const file = join(mkdtempSync(join(tmpdir(), 'wrap-size-')), 'near-limit.json');
    // Under 1,048,576 bytes as given; the Closer states push it over.
    const blob = 'x'.repeat(1_048_576 - 200);
    writeFileSync(
      file,
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: blob, End: true } } }),
    );
    const code = await wrapCommand([file, '--closer-arn', CLOSER_ARN], io);
    expect(code).toBe(ExitCode.usage);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(
      /The definition is 1,05\d,\d{3} bytes, over Step Functions' limit of 1,048,576 bytes/,
    );
  });

  it('prints the wrapped definition as 2-space JSON and exits 0', async () => {
    const { io, stdout, stderr } = memoryIo();
    const file = fixture('broken/escapes-closer-fail.json');
    const code = await wrapCommand([file, '--closer-arn', CLOSER_ARN], io);
    expect(code).toBe(ExitCode.ok);
    const expected = wrapDefinition(definitionFixture('broken/escapes-closer-fail.json'), {
      closerArn: CLOSER_ARN,
    });
    expect(stdout()).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(stderr()).toBe('');
  });

  it('prints what it cannot mend on stderr and exits 1', async () => {
    const { io, stdout, stderr } = memoryIo();
    const file = fixture('broken/parent-wait-without-timeout-no-token.json');
    const code = await wrapCommand([file, '--closer-arn', CLOSER_ARN], io);
    expect(code).toBe(ExitCode.findings);
    expect(JSON.parse(stdout())).toBeTypeOf('object');
    expect(stderr()).toContain(
      'wrap cannot mend this problem:\n  parent-wait-without-timeout CallChild:',
    );
  });

  it('exits 2 when the Closer name belongs to a state that is not a Task', async () => {
    const { io, stdout, stderr } = memoryIo();
    const file = fixture('broken/closer-missing-not-a-task.json');
    expect(await wrapCommand([file, '--closer-arn', CLOSER_ARN], io)).toBe(ExitCode.usage);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('Closer:Send is a Pass state, not a Task');
  });

  it('exits 2 for an invalid definition', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sub-step-closer-wrap-')), 'invalid.json');
    writeFileSync(file, JSON.stringify({ StartAt: 'A', States: {} }));
    const { io, stderr } = memoryIo();
    expect(await wrapCommand([file, '--closer-arn', CLOSER_ARN], io)).toBe(ExitCode.usage);
    expect(stderr()).toContain('is not a valid state machine definition');
  });

  it('takes a placeholder for the ARN, which the deployment substitutes, as the Resource', async () => {
    const { io, stdout, stderr } = memoryIo();
    const placeholder = '${CloserFunctionArn}';
    const file = join(mkdtempSync(join(tmpdir(), 'wrap-placeholder-')), 'machine.json');
    writeFileSync(
      file,
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
    );
    expect(await wrapCommand([file, '--closer-arn', placeholder], io)).toBe(ExitCode.ok);
    expect(stderr()).toBe('');
    const wrapped = JSON.parse(stdout()) as { States: Record<string, Record<string, unknown>> };
    expect(wrapped.States['Closer:Send']?.['Resource']).toBe(placeholder);
  });

  it.each<[string, string[], string]>([
    ['no --closer-arn', [fixture('compliant/jsonata.json')], 'Missing --closer-arn ARN.'],
    ...['SubStepCloser', '${}', 'x${CloserFunctionArn}', '${A}${B}', '${CloserFunctionArn'].map(
      (given): [string, string[], string] => [
        `a --closer-arn that is neither an ARN nor one placeholder (${given})`,
        [fixture('compliant/jsonata.json'), '--closer-arn', given],
        `must be an ARN (arn:...) or a placeholder such as \${CloserFunctionArn}, not ${given}.`,
      ],
    ),
    ['no file', ['--closer-arn', CLOSER_ARN], 'Give exactly one definition file.'],
    [
      '--query-language, which only states takes',
      [
        fixture('compliant/jsonata.json'),
        '--closer-arn',
        CLOSER_ARN,
        '--query-language',
        'JSONata',
      ],
      "Unknown option '--query-language'",
    ],
  ])('exits 2 for %s', async (_case, args, message) => {
    const { io, stderr } = memoryIo();
    expect(await wrapCommand(args, io)).toBe(ExitCode.usage);
    expect(stderr()).toContain(message);
  });
});

describe('statesCommand', () => {
  it('prints the Closer states as 2-space JSON', async () => {
    const { io, stdout } = memoryIo();
    expect(await statesCommand(['--closer-arn', CLOSER_ARN], io)).toBe(ExitCode.ok);
    expect(stdout()).toBe(`${JSON.stringify(closerStates({ closerArn: CLOSER_ARN }), null, 2)}\n`);
  });

  it('writes a placeholder given for the ARN as the Resource of Closer:Send', async () => {
    const { io, stdout } = memoryIo();
    const args = ['--closer-arn', '${CloserFunctionArn}', '--query-language', 'JSONata'];
    expect(await statesCommand(args, io)).toBe(ExitCode.ok);
    const states = JSON.parse(stdout()) as Record<string, Record<string, unknown>>;
    expect(states['Closer:Send']?.['Resource']).toBe('${CloserFunctionArn}');
  });

  it('names the states after --closer and writes JSONata on request', async () => {
    const { io, stdout } = memoryIo();
    const args = ['--closer-arn', CLOSER_ARN, '--closer', 'Finish', '--query-language', 'JSONata'];
    expect(await statesCommand(args, io)).toBe(ExitCode.ok);
    const expected = closerStates({
      closerArn: CLOSER_ARN,
      closerName: 'Finish',
      queryLanguage: 'JSONata',
    });
    expect(JSON.parse(stdout())).toEqual(expected);
  });

  it.each([
    [
      'a positional argument',
      ['machine.json', '--closer-arn', CLOSER_ARN],
      'Unexpected argument: machine.json',
    ],
    [
      'an unknown query language',
      ['--closer-arn', CLOSER_ARN, '--query-language', 'XPath'],
      'must be JSONPath or JSONata',
    ],
    [
      'an empty Closer name',
      ['--closer-arn', CLOSER_ARN, '--closer', ''],
      '--closer must not be empty.',
    ],
  ])('exits 2 for %s', async (_case, args, message) => {
    const { io, stdout, stderr } = memoryIo();
    expect(await statesCommand(args, io)).toBe(ExitCode.usage);
    expect(stdout()).toBe('');
    expect(stderr()).toContain(message);
  });
});
