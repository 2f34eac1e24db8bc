import { parseArgs } from 'node:util';
import { type CliCommand, ExitCode } from '../CliIo.ts';
import { checkDefinition } from './checkDefinition.ts';
import { DEFAULT_CLOSER_NAME } from './closerChain.ts';
import { type FindingsFormat, formatFindings } from './formatFindings.ts';
import { loadDefinition } from './loadDefinition.ts';

const USAGE =
  'Usage: sub-step-closer check <definition.json> [--closer NAME] [--format text|json]\n';

/**
 * `sub-step-closer check`: validates a definition with asl-validator, then checks it against the
 * Closer contract. Exit codes: 0 compliant (warnings allowed), 1 findings, 2 unreadable or
 * invalid definition or bad arguments.
 *
 * @example
 * const code = await checkCommand(['machine.asl.json', '--format', 'json'], processIo);
 */
export const checkCommand: CliCommand = async (args, io) => {
  let values: { closer?: string | undefined; format?: string | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: { closer: { type: 'string' }, format: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return ExitCode.usage;
  }
  const format = values.format ?? 'text';
  const [file, ...extra] = positionals;
  const problem = !isFormat(format)
    ? `Unknown format: ${format}`
    : values.closer === ''
      ? '--closer must not be empty.'
      : file === undefined || extra.length > 0
        ? 'Give exactly one definition file.'
        : undefined;
  if (problem !== undefined || file === undefined || !isFormat(format)) {
    io.stderr(`${problem}\n${USAGE}`);
    return ExitCode.usage;
  }
  const loaded = await loadDefinition(file, { readOnly: true });
  if (!loaded.ok) {
    io.stderr(`${loaded.problems.join('\n')}\n`);
    return ExitCode.usage;
  }
  const findings = checkDefinition(loaded.definition, {
    closerName: values.closer ?? DEFAULT_CLOSER_NAME,
  });
  io.stdout(formatFindings(findings, { format, colour: io.isTTY, source: file }));
  return findings.some((item) => item.severity === 'error') ? ExitCode.findings : ExitCode.ok;
};

function isFormat(value: string): value is FindingsFormat {
  return value === 'text' || value === 'json';
}
