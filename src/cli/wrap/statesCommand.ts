import { type CliCommand, ExitCode } from '../CliIo.ts';
import { closerStates } from './closerStates.ts';
import { parseCloserOptions } from './parseCloserOptions.ts';

const USAGE =
  'Usage: sub-step-closer states --closer-arn ARN [--closer NAME] [--query-language JSONPath|JSONata]\n';

const HELP = `${USAGE}
Prints the Closer states alone (2-space JSON), to paste into a definition's States.

Options:
  --closer-arn ARN                   the SubStepCloser Lambda function's ARN (required), or a
                                     placeholder the deployment substitutes (\${CloserFunctionArn})
  --closer NAME                      the name of the Closer Task state (default Closer:Send)
  --query-language JSONPath|JSONata  the machine's query language, any case (default JSONPath)
  -h, --help                         print this help

Exit codes:
  0  printed
  2  bad arguments
`;

/**
 * `sub-step-closer states`: prints the Closer states alone (stdout, 2-space JSON), to paste into a
 * definition's `States`. `--query-language JSONata` writes them for a JSONata machine. Exit codes:
 * 0 printed, 2 bad arguments.
 *
 * @example
 * await statesCommand(['--closer-arn', arn], processIo);
 */
export const statesCommand: CliCommand = async (args, io) => {
  const options = parseCloserOptions(args, true);
  if ('help' in options) {
    io.stdout(HELP);
    return ExitCode.ok;
  }
  if ('problem' in options || options.positionals.length > 0) {
    const problem =
      'problem' in options ? options.problem : `Unexpected argument: ${options.positionals[0]}`;
    io.stderr(`${problem}\n${USAGE}`);
    return ExitCode.usage;
  }
  io.stdout(`${JSON.stringify(closerStates(options), null, 2)}\n`);
  return ExitCode.ok;
};
