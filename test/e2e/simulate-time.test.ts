import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';
import { CLOSER_ARN } from '../support/definitionFixtures.ts';
import { waitingParent } from '../support/waitingParent.ts';

// Simulated time: timeouts fire when AWS would fire them, tokens close with their Task, and a
// looping child ends at the run limit, all in well under a second of real time.

const parent = (timing: Record<string, number>) => waitingParent(CLOSER_ARN, timing);

const slowChild = wrapDefinition(
  { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 120, End: true } } },
  { closerArn: CLOSER_ARN },
);

describe('simulate on a virtual clock', () => {
  it('times the parent out before a slow child signals, and the late signal gets TaskTimedOut', async () => {
    const result = await simulate({
      parent: parent({ TimeoutSeconds: 60 }),
      children: { Child: slowChild },
      config: { closer: [CLOSER_ARN] },
    });

    expect(result.signals.map((signal) => `${signal.operation}:${signal.answer}`)).toEqual([
      'SendTaskSuccess:TaskTimedOut',
    ]);
    expect(result.children[0]?.closer).toEqual([{ message: 'SUCCEEDED', parent: 'GONE' }]);
    expect(result.parent.status).toBe('FAILED');
    expect(JSON.parse(result.parent.cause ?? '{}').errors.RunChild.Error).toBe('States.Timeout');
  });

  it('fails a parent with States.HeartbeatTimeout when nothing sends heartbeats', async () => {
    const result = await simulate({
      parent: parent({ TimeoutSeconds: 600, HeartbeatSeconds: 30 }),
      children: { Child: slowChild },
      config: { closer: [CLOSER_ARN] },
    });

    expect(JSON.parse(result.parent.cause ?? '{}').errors.RunChild.Error).toBe(
      'States.HeartbeatTimeout',
    );
    expect(result.signals.map((signal) => signal.answer)).toEqual(['TaskTimedOut']);
  });

  it('ends a looping child at the run limit and names the looping states', async () => {
    // An endless loop (check reports it as escapes-closer; wrap cannot mend it).
    const looping = {
      StartAt: 'Spin',
      States: {
        Spin: { Type: 'Pass', Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 5, Next: 'Spin' },
      },
    };
    const result = await simulate({
      parent: parent({ TimeoutSeconds: 31_536_000 }),
      children: { Child: looping },
      config: { closer: [CLOSER_ARN], limits: { maxTransitions: 200 } },
    });

    expect(result.limit).toBeDefined();
    expect(JSON.stringify(result.limit)).toMatch(/Spin|Pause/);
    expect(result.children[0]?.status).toBe('ABORTED');
  });
});
