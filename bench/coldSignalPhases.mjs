// `npx node bench/coldSignalPhases.mjs [rounds]`: a cold signal's SDK work, phase by phase, in
// fresh processes against the local endpoint: importing the Step Functions chunk of the built zip
// (with the shared SDK chunk it imports), creating the client, the first call and a second one.
// Each round runs three processes in turn:
//   - the phases as `npm run bench` meets them;
//   - the same with V8's code cache (`NODE_COMPILE_CACHE`, filled by one untimed run first): how
//     much of the cold start compiling is, as an upper bound of what a smaller bundle could save;
//   - the Node built-ins any HTTPS call loads (stream, net, http, crypto, tls), one at a time.
// Build first (`npm run build`). Default 9 rounds; medians, p10–p90 in brackets.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { signalEvent } from './events.mjs';
import { summarize } from './stats.mjs';
import { TaskRoots } from './taskRoots.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[2] ?? 9);
const CHUNKS = join(ROOT, 'dist', 'lambda', 'chunks');
const sfnChunk = readdirSync(CHUNKS).find((name) => name.startsWith('createSfnApi-'));
if (sfnChunk === undefined)
  throw new Error('No dist/lambda/chunks/createSfnApi-*.mjs: npm run build');

const { startFakeSfnEndpoint } = await import('../test/support/fakeSfnEndpoint.ts');
const { lambdaEnvironment } = await import('./lambdaEnvironment.mjs');

// The child processes. Times are performance.now() differences, in ms.
const PHASES = `
const at = () => performance.now();
const started = at();
const { createSfnApi } = await import(process.env.SFN_CHUNK);
const imported = at();
const api = createSfnApi();
const created = at();
const { token, ...parent } = JSON.parse(process.env.EVENT).meta.parent;
const input = { taskToken: token, output: JSON.stringify({ parent }) };
await api.sendTaskSuccess(input, undefined);
const first = at();
await api.sendTaskSuccess(input, undefined);
const second = at();
console.log(JSON.stringify({
  'import the SDK chunks': imported - started,
  'create the client': created - imported,
  'first call': first - created,
  'second call': second - first,
  'all of the above but the second call': first - started,
}));
process.exit(0);
`;
const BUILTINS = `
const times = {};
for (const id of ['stream', 'net', 'http', 'crypto', 'tls']) {
  const start = performance.now();
  process.getBuiltinModule('node:' + id);
  times['load node:' + id] = performance.now() - start;
}
times['all five built-ins'] = Object.values(times).reduce((sum, ms) => sum + ms, 0);
console.log(JSON.stringify(times));
`;

const work = mkdtempSync(join(tmpdir(), 'sub-step-closer-phases-'));
const endpoint = await startFakeSfnEndpoint();
// The built Lambda in a task root as long as Lambda's /var/task, as `npm run bench` runs it.
const roots = new TaskRoots();
const taskRoot = roots.create();
cpSync(join(ROOT, 'dist', 'lambda'), taskRoot, { recursive: true });
try {
  const cache = join(work, 'compile-cache');
  const env = {
    ...lambdaEnvironment(work, endpoint.url, roots.createHomePath()),
    SFN_CHUNK: pathToFileURL(join(taskRoot, 'chunks', sfnChunk)).href,
    EVENT: JSON.stringify(signalEvent),
  };
  const cached = { ...env, NODE_COMPILE_CACHE: cache };
  await run(PHASES, cached); // fills the cache
  const samples = { plain: [], cached: [], builtins: [] };
  for (let round = 0; round < rounds; round++) {
    process.stdout.write(`\rround ${round + 1}/${rounds}   `);
    samples.plain.push(await run(PHASES, env));
    samples.cached.push(await run(PHASES, cached));
    samples.builtins.push(await run(BUILTINS, env));
    endpoint.reset();
  }
  process.stdout.write('\n\n');
  const show = (values) => {
    const { median, p10, p90 } = summarize(values);
    return `${median.toFixed(1)} ms (${p10.toFixed(1)}–${p90.toFixed(1)})`;
  };
  console.log(`${'phase'.padEnd(38)} ${'as built'.padEnd(24)} with V8's code cache`);
  for (const phase of Object.keys(samples.plain[0])) {
    console.log(
      `${phase.padEnd(38)} ${show(samples.plain.map((s) => s[phase])).padEnd(24)} ${show(samples.cached.map((s) => s[phase]))}`,
    );
  }
  console.log(`\n${'built-in (fresh process, in this order)'.padEnd(38)} time`);
  for (const builtin of Object.keys(samples.builtins[0])) {
    console.log(`${builtin.padEnd(38)} ${show(samples.builtins.map((s) => s[builtin]))}`);
  }
} finally {
  await endpoint.close();
  roots.removeAll();
  rmSync(work, { recursive: true, force: true });
}

// The endpoint lives in this process, so the child must run without blocking its event loop.
function run(code, childEnv) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', code], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      if (exitCode !== 0) reject(new Error(`phase run failed (${exitCode})`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1)));
    });
  });
}
