// One cold invocation in the process running this file, as a fresh Lambda container would do it:
// import a handler module, call it once, and print one `BENCH_RESULT {...}` line.
// Usage: node bench/invokeCold.mjs <handler module> <event JSON>
// Times are read from performance.now(), whose origin is the start of this process.
import { pathToFileURL } from 'node:url';

const [, , modulePath, eventJson] = process.argv;
const event = JSON.parse(eventJson);
const context = { awsRequestId: 'bench-cold', getRemainingTimeInMillis: () => 30_000 };
// The Lambda runtime has set up stdout before it loads a handler; do the same here, so that a
// handler's first log line and the result line below cost the same on every side.
process.stdout.write('');

const importStartMs = performance.now();
const { handler } = await import(pathToFileURL(modulePath).href);
const importedMs = performance.now();
const result = await handler(event, context);
const handledMs = performance.now();
process.stdout.write(
  `\nBENCH_RESULT ${JSON.stringify({
    importStartMs,
    importedMs,
    handledMs,
    // CPU time of all the process's threads (V8 compiles and collects garbage on helper threads).
    cpuMs: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1000,
    maxRssKiB: process.resourceUsage().maxRSS,
    parent: result?.parent ?? null,
  })}\n`,
);
