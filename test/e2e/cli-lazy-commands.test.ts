import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The built CLI is split into one chunk per command, so `check` does not parse the simulator's
// engine (aws-local-stepfunctions and the SDK it brings), and `--help` parses neither it nor the
// state validators.
const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'sub-step-closer.mjs');

// Preloaded with --import: records every ESM file the CLI loads, on stderr, as it exits.
const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(`
import { registerHooks } from 'node:module';
const urls = [];
registerHooks({ load(url, context, next) { urls.push(url); return next(url, context); } });
process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(urls) + '\\n'));
`)}`;

/** The files one run of the CLI loaded. */
async function loadedBy(args: readonly string[]): Promise<string[]> {
  const { stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', RECORD_LOADS, CLI, ...args],
    { encoding: 'utf8' },
  ).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
  const line = stderr.split('\n').find((text) => text.startsWith('LOADED '));
  if (line === undefined) throw new Error(`no load record on stderr:\n${stderr}`);
  return (JSON.parse(line.slice('LOADED '.length)) as string[])
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
}

/** The inputs (`node_modules/...`, `src/...`) each CLI file bundles, by file name, from the build's metafile. */
function inputsByFile(): Map<string, string[]> {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'cli-meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, unknown> }>;
  };
  return new Map(
    Object.entries(meta.outputs).map(([path, output]) => [
      basename(path),
      Object.keys(output.inputs),
    ]),
  );
}

/** Whether any of the files bundles an input whose path starts with `prefix`. */
function bundles(files: readonly string[], prefix: string): boolean {
  const inputs = inputsByFile();
  const known = files.filter((file) => inputs.has(basename(file)));
  // Every loaded file of the CLI is one the metafile describes, so a miss below is a real one.
  expect(known.length).toBeGreaterThan(0);
  return known.some((file) =>
    inputs.get(basename(file))?.some((input) => input.startsWith(prefix)),
  );
}

const ENGINE = 'node_modules/aws-local-stepfunctions/';
const VALIDATORS = 'src/cli/check/validation/generated/';

describe.concurrent('the built CLI loads only the command it runs', () => {
  it('loads neither the simulator engine nor the state validators for --help', async () => {
    const files = await loadedBy(['--help']);

    expect(files).toContain(CLI);
    expect(bundles(files, VALIDATORS)).toBe(false);
    expect(bundles(files, ENGINE)).toBe(false);
  });

  it('loads the state validators but not the simulator engine for check', async () => {
    const files = await loadedBy(['check', join(ROOT, 'examples', 'child.asl.json')]);

    expect(bundles(files, VALIDATORS)).toBe(true);
    expect(bundles(files, ENGINE)).toBe(false);
  });

  it('loads the simulator engine for simulate', async () => {
    // Bad arguments: the command module loads, then exits 2 before simulating anything.
    const files = await loadedBy(['simulate', '--no-such-option']);

    expect(bundles(files, ENGINE)).toBe(true);
  });
});

/** One run of the built CLI: its exit code and stdout. */
async function run(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  return promisify(execFile)(process.execPath, [CLI, ...args], { encoding: 'utf8' }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({
      code: error.code ?? -1,
      stdout: error.stdout ?? '',
    }),
  );
}

const flagsIn = (text: string) => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])].sort();

describe.concurrent('the top-level command line', () => {
  it('prints the package version for --version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };

    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n` });
  });

  it.each(['check', 'wrap', 'states', 'simulate'])(
    'lists in --help every flag that %s --help documents',
    async (command) => {
      const top = await run(['--help']);
      const own = await run([command, '--help']);

      expect(own.code).toBe(0);
      expect(flagsIn(own.stdout).filter((flag) => !top.stdout.includes(flag))).toEqual([]);
    },
  );
});
