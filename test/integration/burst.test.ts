// A burst of children closing at once against a Step Functions endpoint that throttles like AWS
// (a token bucket: AWS's 3,000 with 500 per second, scaled down to 12 with 2 per second). Each
// child has its own Lambda container running the built zip, and `Closer:Send`'s Retry is applied
// as Step Functions applies it, from the Closer section. Outcomes only: the drain time against the
// bucket's floor is measured by `npm run bench -- --only burst`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipRelease } from '../support/unzipHandler.ts';

interface BurstResult {
  readonly correct: number;
  readonly turnedIntoFailure: number;
  readonly lost: number;
  readonly deadLetters: number;
  readonly safetyNetInvocations: number;
}

// A path in a variable: the harness is plain JavaScript shared with the bench.
const HARNESS: string = '../../bench/burstHarness.mjs';

async function burst(children: number, failingEvery: number): Promise<BurstResult> {
  const { runBurst } = (await import(HARNESS)) as {
    runBurst(options: Record<string, unknown>): Promise<BurstResult>;
  };
  return runBurst({
    lambdaDir: unzipRelease(),
    home: mkdtempSync(join(tmpdir(), 'sub-step-closer-burst-')),
    children,
    bucket: 12,
    refillPerSecond: 2,
    failingEvery,
  });
}

describe('when twice the SendTask bucket of children close at once', () => {
  it('delivers every child its own outcome, with no dead letter and none lost', async () => {
    // Arrange: 24 children, every fourth marks itself failed.
    // Act
    const result = await burst(24, 4);

    // Assert
    expect(result).toMatchObject({ correct: 24, turnedIntoFailure: 0, lost: 0, deadLetters: 0 });
    // The six children that ended in Closer:Fail raised status events; the safety net, arriving
    // after their Closer signalled, turned none of their outcomes into another one.
    expect(result.safetyNetInvocations).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
