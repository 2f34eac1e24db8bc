import { type CliCommand, ExitCode } from '../CliIo.ts';
import { checkDefinition } from '../check/checkDefinition.ts';
import { loadDefinition } from '../check/loadDefinition.ts';
import { validateDefinition } from '../check/validateDefinition.ts';
import { parseCloserOptions } from './parseCloserOptions.ts';
import { WrapError, wrapDefinition } from './wrapDefinition.ts';

const USAGE = 'Usage: sub-step-closer wrap <definition.json> --closer-arn ARN [--closer NAME]\n';

/**
 * `sub-step-closer wrap`: prints (stdout, 2-space JSON) the definition rewritten to follow the
 * Closer contract. Exit codes: 0 the output passes `check`; 1 it is printed but `check` still
 * finds errors that wrap cannot mend (listed on stderr); 2 unreadable or invalid definition, or
 * bad arguments.
 *
 * @example
 * await wrapCommand(['machine.asl.json', '--closer-arn', arn], processIo);
 */
export const wrapCommand: CliCommand = async (args, io) => {
  const options = parseCloserOptions(args, false);
  if ('problem' in options) {
    io.stderr(`${options.problem}\n${USAGE}`);
    return ExitCode.usage;
  }
  const [file, ...extra] = options.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr(`Give exactly one definition file.\n${USAGE}`);
    return ExitCode.usage;
  }
  const loaded = await loadDefinition(file);
  if (!loaded.ok) {
    io.stderr(`${loaded.problems.join('\n')}\n`);
    return ExitCode.usage;
  }
  let wrapped: object;
  try {
    wrapped = wrapDefinition(loaded.definition, options);
  } catch (error) {
    if (!(error instanceof WrapError)) throw error;
    io.stderr(`Cannot wrap ${file}: ${error.message}\n`);
    return ExitCode.usage;
  }
  const validation = validateDefinition(wrapped);
  if (!validation.valid) {
    // Most likely an ARN asl-validator rejects as a Task Resource.
    io.stderr(`The wrapped definition is not valid:\n${validation.errors.join('\n')}\n`);
    return ExitCode.usage;
  }
  io.stdout(`${JSON.stringify(wrapped, null, 2)}\n`);
  const remaining = checkDefinition(wrapped, { closerName: options.closerName }).filter(
    (item) => item.severity === 'error',
  );
  if (remaining.length === 0) return ExitCode.ok;
  io.stderr(
    `wrap cannot mend ${remaining.length === 1 ? 'this problem' : 'these problems'}:\n` +
      remaining.map((item) => `  ${item.rule} ${item.state}: ${item.message}`).join('\n') +
      '\n',
  );
  return ExitCode.findings;
};
