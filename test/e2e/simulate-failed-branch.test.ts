import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/cli/check/Json.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { runCli } from '../support/runCli.ts';

// When a branch or an iteration fails, Step Functions stops the others. The engine stops them
// only at their next state, so a sibling waiting in a Wait or a Task used to keep the engine's
// real Task timer (about 24.8 days) alive: `simulate` printed its outcome and never exited.

const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';

function file(definition: JsonObject): string {
  const path = join(mkdtempSync(join(tmpdir(), 'simulate-failed-branch-')), 'machine.json');
  writeFileSync(path, JSON.stringify(definition));
  return path;
}

/** A Parallel whose first branch fails at once, beside a branch of the one state `sibling`. */
function failingBeside(name: string, sibling: JsonObject): JsonObject {
  return {
    StartAt: 'Both',
    States: {
      Both: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Work.Failed' } } },
          { StartAt: name, States: { [name]: sibling } },
        ],
        End: true,
      },
    },
  };
}

const failingParallel = failingBeside('Sleep', { Type: 'Wait', Seconds: 10, End: true });

describe('simulate, when one branch or iteration fails', () => {
  it('exits after the outcome while a sibling branch still waits', async () => {
    const outcome = await runCli(['simulate', '--parent', file(failingParallel)]);

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('Parent FAILED');
  });

  it('starts no child from a sibling branch once the execution has failed, and exits', async () => {
    const parent = file(
      failingBeside('StartChild', {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution',
        Parameters: {
          StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Child',
          Input: {},
        },
        End: true,
      }),
    );
    const child = file({
      StartAt: 'Sleep',
      States: { Sleep: { Type: 'Wait', Seconds: 60, End: true } },
    });

    const outcome = await runCli(['simulate', '--parent', parent, '--child', `Child=${child}`]);

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('Parent FAILED');
    expect(outcome.stdout).not.toMatch(/^Child\s+▶ started/m);
  });

  it('leaves no timer of the engine behind in the process that called simulate()', async () => {
    const timers = () =>
      process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const before = timers();

    const simulation = await simulate({ parent: failingParallel });

    expect(simulation.parent.status).toBe('FAILED');
    expect(timers()).toBe(before);
  });

  it('exits after the outcome while another Map iteration still waits', async () => {
    const map: JsonObject = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            StartAt: 'Which',
            States: {
              Which: {
                Type: 'Choice',
                Choices: [{ Variable: '$', NumericEquals: 1, Next: 'Boom' }],
                Default: 'Sleep',
              },
              Boom: { Type: 'Fail', Error: 'Work.Failed' },
              Sleep: { Type: 'Wait', Seconds: 10, End: true },
            },
          },
          End: true,
        },
      },
    };
    const input = join(mkdtempSync(join(tmpdir(), 'simulate-failed-branch-')), 'input.json');
    writeFileSync(input, JSON.stringify({ items: [1, 2] }));

    const outcome = await runCli(['simulate', '--parent', file(map), '--input', input]);

    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('Parent FAILED');
  });

  it('runs no Task of the queued iterations once the execution has failed', async () => {
    const items = [1, 2, 3, 4, 5];
    const calls: unknown[] = [];
    const simulation = await simulate({
      parent: {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            MaxConcurrency: 1,
            ItemProcessor: {
              StartAt: 'Work',
              States: { Work: { Type: 'Task', Resource: WORK, End: true } },
            },
            End: true,
          },
        },
      },
      input: items,
      functions: {
        Work: (item: unknown) => {
          calls.push(item);
          if (item === 1) throw Object.assign(new Error('first item'), { name: 'Work.Failed' });
          return item;
        },
      },
    });

    expect(simulation.parent).toMatchObject({ status: 'FAILED', error: 'Work.Failed' });
    // Step Functions runs no iteration after the Map has failed; at most the one that the
    // engine starts in the same turn may have begun.
    expect(calls.length).toBeLessThanOrEqual(2);
    // And nothing of this execution's states is recorded after it ended.
    const after = simulation.events.findIndex((event) => event.type === 'ExecutionFailed');
    const later = simulation.events.slice(after + 1).map((event) => event.type);
    expect(later.filter((type) => type.startsWith('State') || type.startsWith('Branch'))).toEqual(
      [],
    );
  });
});
