// `npx node bench/profileWarmSignal.mjs [rounds]`: where a warm signal's extra time goes. The
// warm comparison in `npm run bench` sets the handler against a bare SDK loop; this script adds
// the steps between them one at a time, in one process, against one local endpoint:
//   bare SDK loop → the same call through the Closer's client → with its deadline (abort signal
//   and timer) → the whole handler with its log line discarded → the whole handler writing its
//   log line to a file.
// Each step runs 1,000 calls after 300 untimed ones, in a shuffled order, `rounds` times (default
// 7); the table shows the median per call and what each step adds to the one before. It runs the sources
// (Node 22 strips the types) and the SDK from node_modules, so the steps differ only in code.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { signalEvent } from './events.mjs';
import { summarize } from './stats.mjs';

const rounds = Number(process.argv[2] ?? 7);
const CALLS = 1_000;
const WARM_UP = 300;

const { startFakeSfnEndpoint } = await import('../test/support/fakeSfnEndpoint.ts');
const { FAKE_SDK_ENV } = await import('../test/support/fakeCredentials.ts');
const endpoint = await startFakeSfnEndpoint();
Object.assign(process.env, { ...FAKE_SDK_ENV, AWS_ENDPOINT_URL_SFN: endpoint.url });
const { closeSubStep } = await import('../src/closeSubStep.ts');
const { loadSfnApi } = await import('../src/parent/loadSfnApi.ts');
const { deadlineFrom, withinDeadline } = await import('../src/parent/Deadline.ts');

const client = new SFNClient({});
const api = await loadSfnApi();
const { token, ...parent } = signalEvent.meta.parent;
// What the Closer sends: the payload without the token.
const input = {
  taskToken: token,
  output: JSON.stringify({ ...signalEvent, meta: { ...signalEvent.meta, parent } }),
};
const context = { awsRequestId: 'profile-warm', getRemainingTimeInMillis: () => 30_000 };
const work = mkdtempSync(join(tmpdir(), 'sub-step-closer-warm-'));
const logFile = openSync(join(work, 'log.jsonl'), 'w');

const steps = {
  'bare client.send loop': () => client.send(new SendTaskSuccessCommand(input)),
  "the Closer's client (createSfnApi)": () => api.sendTaskSuccess(input, undefined),
  '+ deadline (abort signal, timer)': () =>
    withinDeadline(deadlineFrom(30_000, 500), (abortSignal) =>
      api.sendTaskSuccess(input, abortSignal),
    ),
  '+ verdict, output, log line (discarded)': () =>
    closeSubStep(signalEvent, context, { writeLog: () => {} }),
  '+ writing the log line to a file': () =>
    closeSubStep(signalEvent, context, { writeLog: (line) => writeSync(logFile, line) }),
};

try {
  const times = Object.fromEntries(Object.keys(steps).map((step) => [step, []]));
  for (let round = 0; round < rounds; round++) {
    // A new order every round: in a fixed order, each step ran in the heap and caches the step
    // before it left, and later steps looked tens of µs slower than they are.
    for (const [step, call] of shuffled(Object.entries(steps))) {
      for (let index = 0; index < WARM_UP; index++) await call();
      const start = performance.now();
      for (let index = 0; index < CALLS; index++) await call();
      times[step].push(((performance.now() - start) * 1000) / CALLS);
    }
  }
  console.log(`Median µs per call over ${rounds} rounds of ${CALLS} calls (one process):\n`);
  console.log(`${'step'.padEnd(42)} ${'per call'.padStart(9)} ${'added'.padStart(7)}`);
  let previous;
  for (const [step, values] of Object.entries(times)) {
    const { median } = summarize(values);
    const added = previous === undefined ? '' : (median - previous).toFixed(0);
    console.log(`${step.padEnd(42)} ${median.toFixed(0).padStart(9)} ${added.padStart(7)}`);
    previous = median;
  }
} finally {
  closeSync(logFile);
  rmSync(work, { recursive: true, force: true });
  await endpoint.close();
}

function shuffled(items) {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}
