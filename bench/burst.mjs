// The burst section of `npm run bench -- --only burst`: many children closing at once against a
// throttling Step Functions endpoint (see burstHarness.mjs), the Closer section's Retry side by
// side with the Retry the pattern used to recommend (3 attempts, 5 s, backoff 2.1, no jitter).
// The floor is the bucket's theoretical minimum drain time: (children - bucket) / refill.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { closerSendRetry, runBurst } from './burstHarness.mjs';

/** The Retry the original pattern recommended, with the current ErrorEquals. */
export function previousRetry() {
  const [current] = closerSendRetry();
  return [
    { ErrorEquals: current.ErrorEquals, IntervalSeconds: 5, MaxAttempts: 3, BackoffRate: 2.1 },
  ];
}

/**
 * Runs the burst once per Retry, one after the other in this run, and returns the rows.
 *
 * @example
 * const rows = await benchBurst({ lambdaDir, work, children: 120, bucket: 12, refillPerSecond: 2 });
 */
export async function benchBurst({ lambdaDir, work, children, bucket, refillPerSecond }) {
  const rows = [];
  for (const [label, retry] of [
    ['Closer section Retry', closerSendRetry()],
    ['previous Retry (no jitter)', previousRetry()],
  ]) {
    const home = mkdtempSync(join(work, 'burst-home-'));
    const result = await runBurst({ lambdaDir, home, children, bucket, refillPerSecond, retry });
    rows.push({ label, retry, ...result });
  }
  return rows;
}

/** Prints one table row per Retry. */
export function printBurst(rows) {
  if (rows.length === 0) return;
  const [{ children, bucket, refillPerSecond, theoreticalMs }] = rows;
  console.log(
    `\nBurst: ${children} children at once, one container each; bucket ${bucket}, refill ${refillPerSecond}/s; floor (theoretical drain) ${(theoreticalMs / 1000).toFixed(1)} s; goal: none lost, drain <= 1.25x floor`,
  );
  console.log(
    'Retry                        own outcome  lost/failed  dead letters  drain (x floor)  Lambda inv./child  signal calls/child',
  );
  for (const row of rows) {
    console.log(
      [
        row.label.padEnd(28),
        String(row.correct).padStart(11),
        String(row.turnedIntoFailure + row.lost).padStart(12),
        String(row.deadLetters).padStart(13),
        `${(row.drainMs / 1000).toFixed(1)} s (${row.drainRatio}x)`.padStart(16),
        String(row.invocationsPerChild).padStart(18),
        String(row.signalCallsPerChild).padStart(19),
      ].join(' '),
    );
  }
}
