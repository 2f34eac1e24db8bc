// `npm run bench`: the Closer's cold start, warm overhead, memory and size, each against its floor
// and measured side by side in one run. Prints a table of medians (p10–p90) and writes
// bench/results.json. Uses only the built artefacts (builds them first when dist/ is missing).
// Every cold side runs from its own task root, as long as Lambda's /var/task, with a home folder
// as long as Lambda's (bench/taskRoots.mjs: V8's optimising compiler reacts to path lengths).
//
// Options (after `npm run bench --`):
//   --rounds <n>            cold rounds after the warm-up (default 20); each round runs every
//                           cold side once, in a new (seeded) random order
//   --warm-pairs <n>        warm process pairs (default 15)
//   --warm-invocations <n>  timed invocations per warm process (default 1000)
//   --warm-up <n>           untimed invocations before them (default 1000)
//   --check-runs <n>        runs of `check` per definition size (default 3)
//   --only <parts>          run only some of cold,warm,check,burst (comma-separated; default
//                           cold,warm,check: the burst takes about two minutes)
//   --burst-children <n>    children closing at once in the burst (default 120)
//   --burst-bucket <n>      the throttling bucket (default 12) ...
//   --burst-refill <n>      ... and its refill per second (default 2): AWS's 3,000/500 scaled down
//   --before <zip>          also run the cold signal and pass-through of another build of the zip
//                           (e.g. an earlier commit's), in the same rounds, to compare side by side
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { benchBurst, printBurst } from './burst.mjs';
import { passThroughEvent, signalEvent } from './events.mjs';
import { ratioInterval, seededRandom, shuffled, summarize } from './stats.mjs';
import { deployHandler, LAMBDA_HOME, LAMBDA_TASK_ROOT, TaskRoots } from './taskRoots.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ZIP = join(ROOT, 'dist/sub-step-closer.zip');
const CLI = join(ROOT, 'dist/cli/sub-step-closer.mjs');
const RESULTS = join(ROOT, 'bench/results.json');
const bench = (file) => join(ROOT, 'bench', file);

const TARGETS = {
  // The cold signal and its memory are held against what a user would write instead (a handler
  // that imports the SDK eagerly); a pass-through against the floor, since it loads no SDK.
  coldSignalVsNaive: 0.7,
  coldPassThrough: 1.15,
  peakRssVsNaive: 0.9,
  warmSignal: 1.1,
  zipBytes: 120 * 1024,
  // `check`, whole process: a 200-state definition, and the largest one Step Functions accepts
  // (1 MB), which must cost no more per added state than the smaller ones (linear growth).
  check200Ms: 300,
  check1MbMs: 1500,
  checkGrowth: 1.5,
};

/** A `check` run slower than this is not repeated (the bench should finish in a few minutes). */
const CHECK_REPEAT_LIMIT_MS = 10_000;

const { values: options } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    'warm-pairs': { type: 'string', default: '15' },
    'warm-invocations': { type: 'string', default: '1000' },
    'warm-up': { type: 'string', default: '1000' },
    'check-runs': { type: 'string', default: '3' },
    only: { type: 'string', default: 'cold,warm,check' },
    'burst-children': { type: 'string', default: '120' },
    'burst-bucket': { type: 'string', default: '12' },
    'burst-refill': { type: 'string', default: '2' },
    before: { type: 'string' },
  },
});

// The fake endpoint and the definition generator are TypeScript, which Node runs directly from
// 22.18 on (type stripping); `npm run bench` uses the project's Node 22.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`npm run bench needs Node >= 22.18 (this is ${process.version}).`);
  process.exit(2);
}
const { startFakeSfnEndpoint } = await import('../test/support/fakeSfnEndpoint.ts');
const { lambdaEnvironment } = await import('./lambdaEnvironment.mjs');

let stdoutDir = tmpdir();
let runCount = 0;
/** The fake Step Functions endpoint every child signals; see `forgetRequests`. */
let endpoint;
let requestsServed = 0;

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

async function main() {
  ensureBuilt();
  const work = mkdtempSync(join(tmpdir(), 'sub-step-closer-bench-'));
  stdoutDir = work;
  endpoint = await startFakeSfnEndpoint();
  const roots = new TaskRoots();
  try {
    const lambdaDir = extractZip(join(work, 'lambda'));
    const home = roots.createHomePath();
    const env = lambdaEnvironment(work, endpoint.url, home);
    const closer = join(lambdaDir, 'index.mjs');

    const parts = new Set(options.only.split(','));
    const cold = parts.has('cold')
      ? await benchCold(env, deployColdSides(roots, closer), Number(options.rounds))
      : undefined;
    const warm = parts.has('warm')
      ? await benchWarm(
          env,
          closer,
          Number(options['warm-pairs']),
          Number(options['warm-invocations']),
          Number(options['warm-up']),
        )
      : undefined;
    const zipBytes = readFileSync(ZIP).length;
    const check = parts.has('check')
      ? await benchCheck(join(work, 'definitions'), Number(options['check-runs']))
      : undefined;
    const burst = parts.has('burst')
      ? await benchBurst({
          lambdaDir,
          work,
          children: Number(options['burst-children']),
          bucket: Number(options['burst-bucket']),
          refillPerSecond: Number(options['burst-refill']),
        })
      : undefined;
    forgetRequests();
    const results = report({
      cold,
      warm,
      zipBytes,
      check,
      requests: requestsServed,
      taskRootLength: roots.pathLength,
      homeLength: home.length,
      tempPathLength: lambdaDir.length,
    });
    if (burst !== undefined) {
      printBurst(burst);
      results.burst = burst;
    }
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nWrote ${RESULTS}`);
  } finally {
    await endpoint.close();
    roots.removeAll();
    rmSync(work, { recursive: true, force: true });
  }
}

function ensureBuilt() {
  if (existsSync(ZIP) && existsSync(CLI)) return;
  console.log('dist/ is missing: building it first (npm run build).');
  const build = spawnSync(process.execPath, [join(ROOT, 'esbuild.config.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the build failed');
}

/** Extracts the release zip as Lambda does, so the bench runs exactly what ships. */
function extractZip(folder, zip = ZIP) {
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  return folder;
}

/**
 * Runs a fresh Node process and returns its wall time and its `BENCH_RESULT` line.
 *
 * The child's stdout (its log lines, then the result line) goes to a file, not a pipe: with a pipe,
 * every log line wakes this process, which also serves the fake endpoint, and on 2 cores that
 * wake-up, not the logging, was most of what the warm comparison measured. A file write is the
 * same system call for the child, with nobody to wake. Both sides of every comparison get it.
 */
async function runProcess(args, env, { timeoutMs = 120_000 } = {}) {
  runCount += 1;
  const outFile = join(stdoutDir, `run-${runCount}.out`);
  const out = openSync(outFile, 'w');
  try {
    const { code, signal, wallMs, stderr } = await new Promise((resolve, reject) => {
      const startedAt = performance.now();
      let exitedAt = startedAt;
      const child = spawn(process.execPath, args, { env, stdio: ['ignore', out, 'pipe'] });
      const errors = [];
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.stderr.on('data', (chunk) => errors.push(chunk));
      child.on('exit', () => {
        exitedAt = performance.now();
      });
      child.on('error', reject);
      child.on('close', (exitCode, exitSignal) => {
        clearTimeout(timer);
        resolve({
          code: exitCode,
          signal: exitSignal,
          wallMs: exitedAt - startedAt,
          stderr: Buffer.concat(errors).toString('utf8'),
        });
      });
    });
    forgetRequests();
    const stdout = readFileSync(outFile, 'utf8');
    if (code !== 0) {
      throw new Error(
        `${args.join(' ').slice(0, 200)}: ${signal ?? `exit code ${code}`}\n${stderr}`,
      );
    }
    const line = stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
    return {
      wallMs,
      ...(line === undefined ? {} : JSON.parse(line.slice('BENCH_RESULT '.length))),
    };
  } finally {
    closeSync(out);
    rmSync(outFile, { force: true });
  }
}

/**
 * The endpoint records every request; a warm run alone sends thousands. Counting and dropping them
 * after each run keeps its memory, and so its garbage collection pauses, flat for the whole run.
 */
function forgetRequests() {
  requestsServed += endpoint.requests.length;
  endpoint.reset();
}

/**
 * The handler of each cold side, each in its own task root as Lambda would hold it (see
 * taskRoots.mjs): the Closer (the zip extracted), the floor (an empty handler module,
 * bench/handlers/emptyHandler.mjs), the naive handler with the SDK packages it imports, and the
 * `--before` zip. `closerAtTempPath` is the zip extracted under the bench's temp folder, for the
 * one comparison that shows what a long path costs.
 */
function deployColdSides(roots, closerAtTempPath) {
  const nodeModules = join(ROOT, 'node_modules');
  return {
    floor: deployHandler(roots, bench('handlers/emptyHandler.mjs'), [], nodeModules),
    closer: join(extractZip(roots.create()), 'index.mjs'),
    naive: deployHandler(
      roots,
      bench('handlers/naiveHandler.mjs'),
      ['@aws-sdk/client-sfn'],
      nodeModules,
    ),
    before:
      options.before === undefined
        ? undefined
        : join(extractZip(roots.create(), options.before), 'index.mjs'),
    closerAtTempPath,
  };
}

/**
 * The floor is a fresh `node` that imports an empty handler module and calls it once, through the
 * same bench/invokeCold.mjs as every other side: what Node itself costs, and nothing a handler adds.
 */
async function benchCold(env, handlers, rounds) {
  const { floor, closer, naive, before, closerAtTempPath } = handlers;
  const sides = {
    floor: [floor, signalEvent],
    signal: [closer, signalEvent],
    passThrough: [closer, passThroughEvent],
    naive: [naive, signalEvent],
    signalAtTempPath: [closerAtTempPath, signalEvent],
    ...(before === undefined
      ? {}
      : { beforeSignal: [before, signalEvent], beforePassThrough: [before, passThroughEvent] }),
  };
  const samples = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  const names = Object.keys(sides);
  const order = seededRandom(rounds);
  const warmUp = 2;
  for (let round = 0; round < warmUp + rounds; round++) {
    process.stdout.write(
      `\rcold: ${round < warmUp ? 'warm-up' : `round ${round + 1 - warmUp}/${rounds}`}   `,
    );
    // Each round runs the sides in a new order (seeded, so a run can be repeated): a side that
    // always ran in the same place, or after the same side, would inherit its caches.
    for (const name of shuffled(names, order)) {
      const [module, event] = sides[name];
      const run = await runProcess([bench('invokeCold.mjs'), module, JSON.stringify(event)], env);
      if (round >= warmUp) samples[name].push(run);
    }
  }
  process.stdout.write('\n');
  for (const run of [
    ...samples.signal,
    ...samples.naive,
    ...samples.signalAtTempPath,
    ...(samples.beforeSignal ?? []),
  ]) {
    if (run.parent !== 'NOTIFIED') throw new Error(`a cold signal did not notify: ${run.parent}`);
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, runs]) => [
      name,
      {
        wallMs: summarizeRounds(runs.map((run) => run.wallMs)),
        toResultMs: summarizeRounds(runs.map((run) => run.handledMs)),
        importMs: summarizeRounds(runs.map((run) => run.importedMs - run.importStartMs)),
        cpuMs: summarizeRounds(runs.map((run) => run.cpuMs)),
        maxRssKiB: summarizeRounds(runs.map((run) => run.maxRssKiB)),
      },
    ]),
  );
}

/**
 * A summary that keeps its values in measuring order, so that two sides measured in the same
 * rounds (or warm pairs) can be compared round by round (`ratioInterval`).
 */
function summarizeRounds(values) {
  return { ...summarize(values), values };
}

async function benchWarm(env, closer, pairs, invocations, warmUp) {
  const event = JSON.stringify(signalEvent);
  const sides = {
    handler: ['handler', closer],
    bare: ['bare', '-'],
  };
  const samples = { handler: [], bare: [] };
  const cpuSamples = { handler: [], bare: [] };
  for (let pair = 0; pair < 1 + pairs; pair++) {
    process.stdout.write(`\rwarm: pair ${pair}/${pairs}   `);
    // The two sides take turns to run first.
    const entries = Object.entries(sides);
    for (const [name, [mode, module]] of pair % 2 === 0 ? entries : entries.reverse()) {
      const args = [
        bench('invokeWarm.mjs'),
        mode,
        module,
        String(invocations),
        String(warmUp),
        event,
      ];
      const run = await runProcess(args, env);
      if (pair > 0) {
        samples[name].push(run.perInvocationUs);
        cpuSamples[name].push(run.cpuPerInvocationUs);
      }
    }
  }
  process.stdout.write('\n');
  return {
    invocations,
    warmUp,
    handlerUs: summarizeRounds(samples.handler),
    bareUs: summarizeRounds(samples.bare),
    handlerCpuUs: summarizeRounds(cpuSamples.handler),
    bareCpuUs: summarizeRounds(cpuSamples.bare),
  };
}

/** Step Functions' limit on a definition: 1 MB (1,048,576 bytes). */
const DEFINITION_LIMIT_BYTES = 1_048_576;

async function benchCheck(folder, runs) {
  const { generateDefinition } = await import('../test/support/generateDefinition.ts');
  mkdirSync(folder, { recursive: true });
  const definitionOf = (states) => JSON.stringify(generateDefinition({ states }));
  const sizes = [200, 2_000, largestUnder(DEFINITION_LIMIT_BYTES, definitionOf)];
  const results = [];
  for (const states of sizes) {
    const file = join(folder, `definition-${states}.json`);
    const text = definitionOf(states);
    writeFileSync(file, text);
    const times = [];
    for (let run = 0; run < runs; run++) {
      process.stdout.write(`\rcheck: ${states} states, run ${run + 1}/${runs}   `);
      times.push((await runProcess([CLI, 'check', file], process.env)).wallMs);
      // One run that slow is a finding in itself; repeating it would only make the bench long.
      if (times[0] > CHECK_REPEAT_LIMIT_MS) break;
    }
    const wallMs = summarize(times);
    results.push({
      states,
      bytes: Buffer.byteLength(text),
      wallMs,
      usPerState: (wallMs.median * 1000) / states,
    });
  }
  process.stdout.write('\n');
  // The marginal cost per added state: equal slopes mean linear growth (the process start-up is
  // the fixed part that the per-state figure of a small definition includes).
  for (let index = 1; index < results.length; index++) {
    const previous = results[index - 1];
    const current = results[index];
    current.marginalUsPerState =
      ((current.wallMs.median - previous.wallMs.median) * 1000) /
      (current.states - previous.states);
  }
  return results;
}

/** The most states whose definition (`definitionOf(states)`) is at most `limit` bytes. */
function largestUnder(limit, definitionOf) {
  let low = 8;
  let high = 8;
  while (Buffer.byteLength(definitionOf(high)) <= limit) high *= 2;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (Buffer.byteLength(definitionOf(middle)) <= limit) low = middle;
    else high = middle;
  }
  return low;
}

function report({
  cold,
  warm,
  zipBytes,
  check,
  requests,
  taskRootLength,
  homeLength,
  tempPathLength,
}) {
  const ms = (s) => `${s.median.toFixed(1)} ms (${s.p10.toFixed(1)}–${s.p90.toFixed(1)})`;
  const us = (s) => `${s.median.toFixed(0)} µs (${s.p10.toFixed(0)}–${s.p90.toFixed(0)})`;
  const mib = (s) =>
    `${(s.median / 1024).toFixed(1)} MiB (${(s.p10 / 1024).toFixed(1)}–${(s.p90 / 1024).toFixed(1)})`;
  const verdict = (value, limit) => (value <= limit ? 'met' : 'NOT met');
  const rows = [];
  const comparisons = {};
  // Sides measured in the same rounds also get a 95% interval for their ratio: the verdict is on
  // the ratio of medians, and the interval is that median ratio's sampling uncertainty in this
  // run (it leaves out how the machine drifts between runs, so another run can fall outside it).
  const compare = (key, label, closer, baseline, format, target) => {
    const ratio = closer.median / baseline.median;
    const interval =
      closer.values === undefined || baseline.values === undefined
        ? undefined
        : ratioInterval(closer.values, baseline.values);
    const spansTarget =
      target !== undefined &&
      interval !== undefined &&
      interval.low <= target &&
      target < interval.high;
    comparisons[key] = {
      ratio,
      interval: interval === undefined ? null : [interval.low, interval.high],
      target: target ?? null,
    };
    rows.push([
      label,
      format(closer),
      format(baseline),
      `${ratio.toFixed(2)}×${interval === undefined ? '' : ` (${interval.low.toFixed(2)}–${interval.high.toFixed(2)})`}`,
      target === undefined ? '' : `≤ ${target}×`,
      target === undefined
        ? ''
        : `${verdict(ratio, target)}${spansTarget ? ', interval spans it' : ''}`,
    ]);
  };
  const wall = '(process wall time)';
  const toResult = '  same, process start → handler result';
  if (cold !== undefined) {
    const { signal, passThrough, floor, naive, signalAtTempPath, beforeSignal, beforePassThrough } =
      cold;
    rows.push([
      'Floor: fresh node, import an empty handler, call it',
      ms(floor.wallMs),
      '',
      '',
      '',
      '',
    ]);
    compare(
      'coldSignalVsNaive',
      `Cold signal / naive eager-SDK handler ${wall}`,
      signal.wallMs,
      naive.wallMs,
      ms,
      TARGETS.coldSignalVsNaive,
    );
    compare('coldSignal', 'Cold signal / floor', signal.wallMs, floor.wallMs, ms);
    compare('coldSignalToResult', toResult, signal.toResultMs, floor.toResultMs, ms);
    compare('coldSignalCpu', '  same, CPU time (all threads)', signal.cpuMs, floor.cpuMs, ms);
    compare(
      'coldPassThrough',
      `Cold pass-through / floor ${wall}`,
      passThrough.wallMs,
      floor.wallMs,
      ms,
      TARGETS.coldPassThrough,
    );
    compare('coldPassThroughToResult', toResult, passThrough.toResultMs, floor.toResultMs, ms);
    compare(
      'peakRssVsNaive',
      'Peak RSS, cold signal / naive eager-SDK handler',
      signal.maxRssKiB,
      naive.maxRssKiB,
      mib,
      TARGETS.peakRssVsNaive,
    );
    compare('peakRss', 'Peak RSS, cold signal / floor', signal.maxRssKiB, floor.maxRssKiB, mib);
    const atTempPath = `Cold signal from a ${tempPathLength}-character temp folder`;
    compare(
      'coldSignalAtTempPathVsNaive',
      `${atTempPath} / naive`,
      signalAtTempPath.wallMs,
      naive.wallMs,
      ms,
    );
    compare(
      'peakRssAtTempPathVsNaive',
      '  same, peak RSS',
      signalAtTempPath.maxRssKiB,
      naive.maxRssKiB,
      mib,
    );
    if (beforeSignal !== undefined && beforePassThrough !== undefined) {
      compare(
        'beforeSignal',
        'Cold signal, this build / --before',
        signal.wallMs,
        beforeSignal.wallMs,
        ms,
      );
      compare(
        'beforeSignalVsNaive',
        '  --before / naive handler',
        beforeSignal.wallMs,
        naive.wallMs,
        ms,
      );
      compare(
        'beforePassThrough',
        'Cold pass-through, this build / --before',
        passThrough.wallMs,
        beforePassThrough.wallMs,
        ms,
      );
      compare(
        'beforePassThroughVsFloor',
        '  --before / floor',
        beforePassThrough.wallMs,
        floor.wallMs,
        ms,
      );
      compare(
        'beforeRss',
        'Peak RSS, cold signal, this build / --before',
        signal.maxRssKiB,
        beforeSignal.maxRssKiB,
        mib,
      );
      compare(
        'beforeRssVsNaive',
        '  --before / naive handler',
        beforeSignal.maxRssKiB,
        naive.maxRssKiB,
        mib,
      );
    }
  }
  if (warm !== undefined) {
    const label = `Warm signal / bare SDK loop (per call, ${warm.invocations} after ${warm.warmUp})`;
    compare('warmSignal', label, warm.handlerUs, warm.bareUs, us, TARGETS.warmSignal);
    compare('warmSignalCpu', '  same, CPU time per call', warm.handlerCpuUs, warm.bareCpuUs, us);
  }
  rows.push([
    'Zip size',
    `${zipBytes.toLocaleString('en-US')} B (${(zipBytes / 1024).toFixed(1)} KiB)`,
    '',
    '',
    '≤ 120 KiB',
    verdict(zipBytes, TARGETS.zipBytes),
  ]);
  if (options.before !== undefined) {
    const beforeBytes = readFileSync(options.before).length;
    rows.push([
      'Zip size, --before',
      `${beforeBytes.toLocaleString('en-US')} B (${(beforeBytes / 1024).toFixed(1)} KiB)`,
      '',
      '',
      '',
      '',
    ]);
  }
  for (const [index, entry] of (check ?? []).entries()) {
    const first = index === 0;
    const last = index === check.length - 1;
    rows.push([
      `check, ${entry.states.toLocaleString('en-US')} states, ${(entry.bytes / 1024).toFixed(0)} KiB (process)`,
      ms(entry.wallMs),
      `${entry.usPerState.toFixed(1)} µs/state`,
      entry.marginalUsPerState === undefined
        ? ''
        : `+${entry.marginalUsPerState.toFixed(1)} µs/added state`,
      first ? `≤ ${TARGETS.check200Ms} ms` : last ? `≤ ${TARGETS.check1MbMs} ms` : '',
      first
        ? verdict(entry.wallMs.median, TARGETS.check200Ms)
        : last
          ? verdict(entry.wallMs.median, TARGETS.check1MbMs)
          : '',
    ]);
  }
  if (check !== undefined && check.length >= 3) {
    // Linear growth: the largest definition's added states cost no more each than the previous ones.
    const [previous, last] = check.slice(-2).map((entry) => entry.marginalUsPerState);
    const growth = last / previous;
    comparisons.checkGrowth = { ratio: growth, target: TARGETS.checkGrowth };
    rows.push([
      '  check, cost per added state: largest step / previous step',
      `${last.toFixed(1)} µs`,
      `${previous.toFixed(1)} µs`,
      `${growth.toFixed(2)}×`,
      `≤ ${TARGETS.checkGrowth}×`,
      verdict(growth, TARGETS.checkGrowth),
    ]);
  }
  printTable(['Comparison', 'Closer', 'Baseline', 'Ratio (95% interval)', 'Target', ''], rows);

  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
  console.log(
    `\n${machine.nproc} × ${machine.cpu}, Node ${machine.node}; medians of ` +
      `${cold?.signal.wallMs.n ?? 0} cold rounds and ${warm?.handlerUs.n ?? 0} warm pairs; ` +
      `${requests} requests served.\n` +
      'Intervals: 95% bootstrap of the ratio of medians, resampling whole rounds (or warm pairs).',
  );
  if (cold !== undefined) {
    const longer = taskRootLength > LAMBDA_TASK_ROOT.length || homeLength > LAMBDA_HOME.length;
    console.log(
      `Cold sides ran from task roots of ${taskRootLength} characters with a HOME of ${homeLength} ` +
        `(Lambda's ${LAMBDA_TASK_ROOT}: ${LAMBDA_TASK_ROOT.length}, ${LAMBDA_HOME}: ${LAMBDA_HOME.length})` +
        (longer
          ? ": LONGER than Lambda's, so the cold figures may differ from Lambda's (docs/performance.md)."
          : '.'),
    );
  }
  return {
    date: new Date().toISOString(),
    taskRootLength,
    homeLength,
    tempPathLength,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    targets: TARGETS,
    comparisons,
    cold: cold ?? null,
    warm: warm ?? null,
    zipBytes,
    check: check ?? null,
  };
}

function printTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length)),
  );
  const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  console.log(`\n${line(header)}`);
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}
