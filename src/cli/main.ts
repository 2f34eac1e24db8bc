/**
 * `sub-step-closer`: the package's command line. This file only routes a sub-command name to its
 * module; every command lives in its own folder and is never imported by the Lambda handler.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { type CliCommand, type CliIo, ExitCode, processIo } from './CliIo.ts';

const USAGE = `Usage: sub-step-closer <command> [options]
       sub-step-closer <command> --help    a command's own help and exit codes

Commands:
  check <file|dir|->... [--closer NAME] [--format text|json]
      checks definitions (JSON or YAML, or CloudFormation/SAM templates) against the Closer contract
  wrap <definition|-> --closer-arn ARN [--closer NAME]
      prints the definition rewritten to follow the Closer contract
  states --closer-arn ARN [--closer NAME] [--query-language JSONPath|JSONata]
      prints the Closer states alone, to paste into a definition's States
  simulate --parent [Name=]parent.json --child Name=child.json [--child ...]
           [--input in.json] [--config sim.json] [--format text|json]
           [--closer-zip dist/sub-step-closer.zip] [--name execution-name] [--events events.json]
           [--max-seconds N] [--max-transitions N]
      runs a parent and the children it starts locally, with the built Lambda zip

Options:
  -h, --help       print this help
  -v, --version    print the version
`;

const SIMULATE_HELP = `Usage: sub-step-closer simulate --parent [Name=]parent.json --child Name=child.json [--child ...]

Runs the parent and the children it starts locally; the Closer Tasks run the built Lambda zip.

Options:
  --parent [Name=]parent.json           the parent definition (and its state machine name)
  --child Name=child.json               a child definition and its name; repeat for each child
  --input in.json                       the parent's execution input
  --config sim.json                     the simulation's configuration
  --format text|json                    a trace for people (default), or the event log as JSON
  --closer-zip dist/sub-step-closer.zip the Lambda zip the Closer Tasks run
  --name execution-name                 the parent execution's name
  --events events.json                  also write the event log to this file
  -h, --help                            print this help

Exit codes: 0 the parent succeeded, 1 it did not, 2 the simulation could not run (bad input).
`;

// Loaded on demand so `check` does not pay for the simulator's engine, and vice versa.
const commands: Record<string, () => Promise<CliCommand>> = {
  check: async () => (await import('./check/checkCommand.ts')).checkCommand,
  wrap: async () => (await import('./wrap/wrapCommand.ts')).wrapCommand,
  states: async () => (await import('./wrap/statesCommand.ts')).statesCommand,
  simulate: async () => (await import('./simulate/simulateCommand.ts')).simulateCommand,
};

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

/** Runs one CLI invocation and resolves to its exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (isHelp(name) || name === 'help') {
    io.stdout(USAGE);
    return ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageJson.version}\n`);
    return ExitCode.ok;
  }
  // The simulate command has no help flag of its own (its parser refuses --help).
  if (name === 'simulate' && rest.some(isHelp)) {
    io.stdout(SIMULATE_HELP);
    return ExitCode.ok;
  }
  const load = name === undefined ? undefined : commands[name];
  if (load === undefined) {
    io.stderr(`${name === undefined ? 'No command given.' : `Unknown command: ${name}`}\n${USAGE}`);
    return ExitCode.usage;
  }
  const command = await load();
  return command(rest, io);
}
