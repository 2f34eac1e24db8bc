import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIo, ExitCode } from '../CliIo.ts';
import type { Json } from '../check/Json.ts';
import { SimulationInputError } from './errors.ts';
import { traceWriter } from './formatTrace.ts';
import { readJsonFile, type SimulateOptions, simulate } from './simulate.ts';

const USAGE = `Usage: sub-step-closer simulate --parent [Name=]parent.json --child Name=child.json [--child ...]
                                [--input in.json] [--config sim.json] [--format text|json]
                                [--closer-zip dist/sub-step-closer.zip] [--name execution-name]
                                [--events events.json] [--max-seconds N] [--max-transitions N]

Runs the parent and the children it starts locally; the Closer Tasks run the built Lambda zip.
The trace is printed as the run goes; Ctrl-C stops every execution and prints what happened.
Exit codes: 0 the parent succeeded, 1 it did not, 2 the simulation could not run (bad input),
130 interrupted (Ctrl-C).
`;

/** A state machine name: what Step Functions accepts, so the made-up ARNs are valid. */
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

type Format = 'text' | 'json';

/**
 * `sub-step-closer simulate`: runs a parent definition and its children locally and prints a
 * trace (`--format text`, the default) or the event log as a JSON array (`--format json`).
 * `--events file` also writes the event log there, so a script can check what a person reads.
 * Exit codes: 0 the parent succeeded, 1 it failed (or timed out, or was aborted), 2 the
 * simulation could not run (an unreadable file, invalid JSON, an unknown child, bad arguments).
 *
 * @example
 * const code = await simulateCommand(
 *   ['--parent', 'examples/parent.asl.json', '--child', 'Child=examples/child.asl.json',
 *    '--input', 'examples/sim/input-accept.json', '--config', 'examples/sim/sim.json'],
 *   processIo,
 * );
 */
export const simulateCommand: CliCommand = async (args, io) => {
  if (Number(process.versions.node.split('.')[0]) < 22) {
    io.stderr(
      `simulate needs Node.js 22 or later (its ASL engine does); this is ${process.version}.\n`,
    );
    return ExitCode.usage;
  }
  let request: Request;
  try {
    request = await readRequest(args);
  } catch (error) {
    return fail(io, error, true);
  }
  // Text streams as the run goes; JSON is one document, printed at the end.
  const writer = request.format === 'text' ? traceWriter({ colour: io.isTTY }) : undefined;
  const controller = new AbortController();
  const onInterrupt = () => {
    io.stderr('\nInterrupted: stopping every execution.\n');
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    const result = await simulate({
      ...request.options,
      signal: controller.signal,
      ...(writer === undefined ? {} : { onEvent: (event) => io.stdout(writer.event(event)) }),
    });
    if (request.eventsFile !== undefined) {
      await writeFile(request.eventsFile, `${JSON.stringify(result.events, null, 2)}\n`);
    }
    io.stdout(
      writer === undefined ? `${JSON.stringify(result.events, null, 2)}\n` : writer.end(result),
    );
    if (result.limit !== undefined) io.stderr(`${result.limit.message}\n`);
    if (result.interrupted === true) return ExitCode.interrupted;
    return result.parent.status === 'SUCCEEDED' ? ExitCode.ok : ExitCode.findings;
  } catch (error) {
    return fail(io, error, false);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
};

function fail(io: CliIo, error: unknown, showUsage: boolean): number {
  if (error instanceof SimulationInputError) {
    io.stderr(`${error.message}\n${showUsage ? USAGE : ''}`);
  } else {
    // Not the user's input: still no verdict about the parent, so the same exit code.
    io.stderr(
      `simulate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  return ExitCode.usage;
}

interface Request {
  readonly options: SimulateOptions;
  readonly format: Format;
  readonly eventsFile?: string;
}

async function readRequest(args: readonly string[]): Promise<Request> {
  let values: Record<string, string | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        parent: { type: 'string' },
        child: { type: 'string', multiple: true },
        input: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        'closer-zip': { type: 'string' },
        name: { type: 'string' },
        events: { type: 'string' },
        'max-seconds': { type: 'string' },
        'max-transitions': { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    throw new SimulationInputError(error instanceof Error ? error.message : String(error));
  }
  const format = values['format'] ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new SimulationInputError(`Unknown format: ${String(format)}`);
  const parentArg = single(values['parent']);
  if (parentArg === undefined)
    throw new SimulationInputError('Give the parent definition with --parent.');
  const parent = splitNamed(parentArg, '--parent', 'Parent');

  const children: Record<string, Json> = {};
  for (const childArg of many(values['child'])) {
    const child = splitNamed(childArg, '--child', undefined);
    if (child.name in children)
      throw new SimulationInputError(`--child ${child.name} is given twice.`);
    children[child.name] = await readJsonFile(child.file, `child definition ${child.name}`);
  }

  const inputFile = single(values['input']);
  const configFile = single(values['config']);
  const closerZip = single(values['closer-zip']);
  const executionName = single(values['name']);
  const eventsFile = single(values['events']);
  if (executionName !== undefined && !NAME.test(executionName)) {
    throw new SimulationInputError(
      `--name must be 1 to 80 letters, digits, '-' or '_', got ${JSON.stringify(executionName)}.`,
    );
  }
  const maxSeconds = positive(single(values['max-seconds']), '--max-seconds');
  const maxTransitions = positive(single(values['max-transitions']), '--max-transitions');
  return {
    format,
    ...(eventsFile === undefined ? {} : { eventsFile }),
    options: {
      limits: {
        ...(maxSeconds === undefined ? {} : { maxSeconds }),
        ...(maxTransitions === undefined ? {} : { maxTransitions }),
      },
      parent: await readJsonFile(parent.file, 'parent definition'),
      parentName: parent.name,
      children,
      ...(inputFile === undefined ? {} : { input: await readJsonFile(inputFile, 'input') }),
      ...(configFile === undefined
        ? {}
        : {
            config: await readJsonFile(configFile, 'config'),
            configDir: dirname(resolve(configFile)),
          }),
      ...(closerZip === undefined ? {} : { closerZip: resolve(closerZip) }),
      ...(executionName === undefined ? {} : { executionName }),
    },
  };
}

/** `Name=file.json`, or just `file.json` when a default name is allowed. */
function splitNamed(
  arg: string,
  flag: string,
  defaultName: string | undefined,
): { name: string; file: string } {
  const at = arg.indexOf('=');
  if (at === -1) {
    if (defaultName === undefined)
      throw new SimulationInputError(`${flag} needs Name=file.json, got ${JSON.stringify(arg)}.`);
    return { name: defaultName, file: arg };
  }
  const name = arg.slice(0, at);
  const file = arg.slice(at + 1);
  if (!NAME.test(name) || file === '') {
    throw new SimulationInputError(
      `${flag} needs Name=file.json with a state machine name of letters, digits, '-' or '_', got ${JSON.stringify(arg)}.`,
    );
  }
  return { name, file };
}

function positive(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new SimulationInputError(
      `${flag} needs a positive number, got ${JSON.stringify(value)}.`,
    );
  return number;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.at(-1) : value;
}

function many(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
