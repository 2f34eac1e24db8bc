/**
 * `sub-step-closer`: the package's command line. This file only routes a sub-command name to its
 * module; every command lives in its own folder and is never imported by the Lambda handler.
 */
import { type CliCommand, type CliIo, ExitCode, processIo } from './CliIo.ts';

const USAGE = `Usage: sub-step-closer <command> [options]

Commands:
  check <definition.json> [--closer NAME] [--format text|json]
  wrap <definition.json> --closer-arn ARN [--closer NAME]
  states --closer-arn ARN [--closer NAME] [--query-language JSONPath|JSONata]
  simulate --parent parent.json --child Name=child.json [--input in.json] [--config sim.json] [--format text|json]
`;

// Loaded on demand so `check` does not pay for the simulator's engine, and vice versa.
const commands: Record<string, () => Promise<CliCommand>> = {
  check: async () => (await import('./check/checkCommand.ts')).checkCommand,
  wrap: async () => (await import('./wrap/wrapCommand.ts')).wrapCommand,
  states: async () => (await import('./wrap/statesCommand.ts')).statesCommand,
  simulate: async () => (await import('./simulate/simulateCommand.ts')).simulateCommand,
};

/** Runs one CLI invocation and resolves to its exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
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
