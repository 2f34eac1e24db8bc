// Many warm invocations in one process, as one Lambda container serves them one after another.
// Usage: node bench/invokeWarm.mjs handler <handler module> <count> <warm-up count> <event JSON>
//        node bench/invokeWarm.mjs bare - <count> <warm-up count> <event JSON>
// `handler` calls the Closer's handler; `bare` is the floor: the same SDK call with nothing around
// it, `client.send(new SendTaskSuccessCommand(...))` on one client. Both warm up first (long enough
// for V8 to finish optimising the hot paths: with 100 calls, JIT work still made up much of the
// timed window, more so for the side that runs more code), then time `count` sequential
// invocations and print one `BENCH_RESULT {...}` line.
import { pathToFileURL } from 'node:url';

const [, , mode, modulePath, countText, warmUpText, eventJson] = process.argv;
const count = Number(countText);
const warmUp = Number(warmUpText);
const event = JSON.parse(eventJson);
const invoke = await load(mode);

for (let index = 0; index < warmUp; index++) await invoke(index);
const startMs = performance.now();
const startCpu = process.cpuUsage();
for (let index = 0; index < count; index++) await invoke(index);
const totalMs = performance.now() - startMs;
const cpu = process.cpuUsage(startCpu);
process.stdout.write(
  `\nBENCH_RESULT ${JSON.stringify({
    totalMs,
    perInvocationUs: (totalMs * 1000) / count,
    // CPU time of this process only: the endpoint's share of each round trip is not in it.
    cpuPerInvocationUs: (cpu.user + cpu.system) / count,
  })}\n`,
);

async function load(kind) {
  if (kind === 'handler') {
    const { handler } = await import(pathToFileURL(modulePath).href);
    return async (index) => {
      const result = await handler(event, {
        awsRequestId: `bench-warm-${index}`,
        getRemainingTimeInMillis: () => 30_000,
      });
      if (result.parent !== 'NOTIFIED')
        throw new Error(`unexpected result ${JSON.stringify(result)}`);
    };
  }
  if (kind === 'bare') {
    const { SFNClient, SendTaskSuccessCommand } = await import('@aws-sdk/client-sfn');
    const client = new SFNClient({});
    const { token, ...parent } = event.meta.parent;
    // What the Closer sends: the payload without the token.
    const output = JSON.stringify({ ...event, meta: { ...event.meta, parent } });
    return async () => {
      await client.send(new SendTaskSuccessCommand({ taskToken: token, output }));
    };
  }
  throw new Error(`unknown mode ${kind}`);
}
