// `node bench/profileColdSignal.mjs [runs]`: where a cold signal's time goes. Runs the built
// handler (as `npm run bench` does) under `--cpu-prof` a few times and prints the median time per
// category, with the same for the empty handler, so the difference is what the Closer adds.
// Build first (`npm run build`). The profiles stay in the printed folder for DevTools.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signalEvent } from './events.mjs';
import { summarize } from './stats.mjs';
import { deployHandler, TaskRoots } from './taskRoots.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const { startFakeSfnEndpoint } = await import('../test/support/fakeSfnEndpoint.ts');
const { lambdaEnvironment } = await import('./lambdaEnvironment.mjs');

const SDK_CHUNK = /chunks\/(createSfnApi|chunk-|sub-step-closer_lazy)/;
const LOADER = /^node:internal\/modules\//;

/** The category of one sample, from its stack (innermost frame first). */
function categorize(stack) {
  const [self] = stack;
  const name = self.callFrame.functionName;
  const url = self.callFrame.url;
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle (waiting for I/O)';
  if (name === '(program)') return 'V8 and native, unattributed';
  if (stack.some((node) => node.callFrame.functionName === 'compileForInternalLoader')) {
    return 'loading Node built-ins (https, tls, crypto, ...)';
  }
  const inLoader = stack.some((node) => LOADER.test(node.callFrame.url));
  if (SDK_CHUNK.test(url)) {
    // Top-level code runs under the loader's evaluate(); the first call runs from the handler.
    return inLoader ? 'SDK code: module top level' : 'SDK code: first call (incl. lazy compile)';
  }
  if (url.endsWith('/index.mjs')) return 'handler code';
  if (LOADER.test(url) || (url === '' && inLoader)) return 'module loader: resolve, read, compile';
  if (url.startsWith('node:')) return 'Node library code (http, streams, crypto, fs)';
  return 'other';
}

function breakdown(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node);
  const totals = {};
  profile.samples.forEach((id, index) => {
    const stack = [];
    for (let node = byId.get(id); node !== undefined; node = parent.get(node.id)) stack.push(node);
    const category = categorize(stack);
    totals[category] = (totals[category] ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000;
  });
  return totals;
}

const work = mkdtempSync(join(tmpdir(), 'sub-step-closer-profile-'));
const endpoint = await startFakeSfnEndpoint();
// Each handler in a task root as long as Lambda's /var/task, as `npm run bench` runs it.
const roots = new TaskRoots();
try {
  const env = lambdaEnvironment(work, endpoint.url, roots.createHomePath());
  const closerRoot = roots.create();
  cpSync(join(ROOT, 'dist', 'lambda'), closerRoot, { recursive: true });
  const sides = {
    'empty handler': deployHandler(roots, join(ROOT, 'bench/handlers/emptyHandler.mjs'), [], ''),
    'cold signal': join(closerRoot, 'index.mjs'),
  };
  const results = {};
  for (const [side, module] of Object.entries(sides)) {
    const dir = join(work, side.replace(' ', '-'));
    const per = [];
    for (let run = 0; run < runs; run++) {
      rmSync(dir, { recursive: true, force: true });
      const child = await runAsync(
        ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir],
        module,
        env,
      );
      const [file] = readdirSync(dir);
      per.push({ ...breakdown(join(dir, file)), 'process start → result (ms)': child.handledMs });
    }
    results[side] = per;
  }
  const categories = [
    ...new Set(Object.values(results).flatMap((per) => per.flatMap(Object.keys))),
  ];
  console.log(`Median ms per category over ${runs} profiled runs (sampling every 100 µs):\n`);
  console.log(
    `${'category'.padEnd(50)} ${'empty'.padStart(8)} ${'signal'.padStart(8)} ${'added'.padStart(8)}`,
  );
  for (const category of categories.sort()) {
    const [empty, signal] = Object.values(results).map(
      (per) => summarize(per.map((totals) => totals[category] ?? 0)).median,
    );
    console.log(
      `${category.padEnd(50)} ${empty.toFixed(1).padStart(8)} ${signal.toFixed(1).padStart(8)} ${(signal - empty).toFixed(1).padStart(8)}`,
    );
  }
  console.log(`\nProfiles: ${work} (open a .cpuprofile in Chrome DevTools > Performance)`);
} finally {
  await endpoint.close();
  roots.removeAll();
}

// The endpoint lives in this process, so the child must run without blocking its event loop.
function runAsync(flags, module, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...flags, join(ROOT, 'bench/invokeCold.mjs'), module, JSON.stringify(signalEvent)],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
      if (code !== 0 || line === undefined) reject(new Error(`profiled run failed (${code})`));
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
    });
  });
}
