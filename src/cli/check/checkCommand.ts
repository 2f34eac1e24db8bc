import { parseArgs } from 'node:util';
import { type CliCommand, ExitCode } from '../CliIo.ts';
import { describeError } from '../input/InputError.ts';
import { loadTargets } from '../input/loadTargets.ts';
import { STDIN } from '../input/readText.ts';
import { type Target, type TargetName, targetLabel } from '../input/Target.ts';
import { checkDefinition } from './checkDefinition.ts';
import { DEFAULT_CLOSER_NAME } from './closerChain.ts';
import { type FindingsFormat, formatReport, type TargetReport } from './formatFindings.ts';
import { validateLoaded } from './loadDefinition.ts';

const USAGE = 'Usage: sub-step-closer check <file|dir|->... [--closer NAME] [--format text|json]\n';

const HELP = `${USAGE}
Checks state machine definitions against the Closer contract.

Inputs (one or more):
  definition.asl.json, definition.asl.yaml   a definition, JSON or YAML
  template.yaml, template.json               every state machine of a CloudFormation/SAM template
  dir/                                       its *.asl.json/*.asl.yaml, and *.json/*.yaml files that
                                             hold a definition or a template with a state machine
  -                                          standard input

Options:
  --closer NAME         the name of the Closer Task state (default ${DEFAULT_CLOSER_NAME})
  --format text|json    text for people (default), json for scripts: { "files": [...] }
  -h, --help            print this help

Exit codes (the worst over all definitions):
  0  every definition follows the contract (warnings allowed)
  1  errors found
  2  an input is unreadable or invalid, or bad arguments
`;

/**
 * `sub-step-closer check`: validates each definition it is given (files, templates, directories,
 * standard input), then checks it against the Closer contract. Exit codes: 0 compliant (warnings
 * allowed), 1 findings, 2 unreadable or invalid input or bad arguments: the worst over all inputs.
 *
 * @example
 * const code = await checkCommand(['machine.asl.json', 'template.yaml', '--format', 'json'], processIo);
 */
export const checkCommand: CliCommand = async (args, io) => {
  let values: { closer?: string | undefined; format?: string | undefined; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: {
        closer: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr(`${describeError(error)}\n${USAGE}`);
    return ExitCode.usage;
  }
  if (values.help === true) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  const format = values.format ?? 'text';
  const problem = !isFormat(format)
    ? `Unknown format: ${format}`
    : values.closer === ''
      ? '--closer must not be empty.'
      : positionals.length === 0
        ? 'Give at least one definition file, template, directory or - (standard input).'
        : positionals.filter((input) => input === STDIN).length > 1
          ? 'Give - (standard input) at most once.'
          : undefined;
  if (problem !== undefined || !isFormat(format)) {
    io.stderr(`${problem}\n${USAGE}`);
    return ExitCode.usage;
  }
  const targets = await loadTargets(positionals);
  if (targets.length === 0) {
    io.stderr(`No state machine definition found in ${positionals.join(', ')}.\n`);
    return ExitCode.usage;
  }
  const closerName = values.closer ?? DEFAULT_CLOSER_NAME;
  const reports = targets.map((target) => checkTarget(target, closerName));
  // One definition file, as check took before it read several: its output keeps that shape.
  const [first] = targets;
  const single = positionals.length === 1 && targets.length === 1 && first?.machine === undefined;
  const { stdout, stderr } = formatReport(reports, { format, colour: io.isTTY, single });
  if (stdout !== '') io.stdout(stdout);
  if (stderr !== '') io.stderr(stderr);
  return worstExitCode(reports);
};

function checkTarget(target: Target, closerName: string): TargetReport {
  const name: TargetName =
    target.machine === undefined
      ? { file: target.file }
      : { file: target.file, machine: target.machine };
  const report = (problems: readonly string[]): TargetReport => ({ name, findings: [], problems });
  if (!target.ok) return report([target.problem]);
  const label = targetLabel(target);
  const loaded = validateLoaded(target.definition, label, { readOnly: true });
  if (!loaded.ok) return report(loaded.problems);
  try {
    return { ...report([]), findings: checkDefinition(loaded.definition, { closerName }) };
  } catch (error) {
    return report([`${label} cannot be checked: ${describeError(error)}`]);
  }
}

function worstExitCode(reports: readonly TargetReport[]): number {
  if (reports.some((report) => report.problems.length > 0)) return ExitCode.usage;
  const errors = reports.some((report) =>
    report.findings.some((item) => item.severity === 'error'),
  );
  return errors ? ExitCode.findings : ExitCode.ok;
}

function isFormat(value: string): value is FindingsFormat {
  return value === 'text' || value === 'json';
}
