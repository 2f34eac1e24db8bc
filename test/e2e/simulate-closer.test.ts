import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/cli/check/Json.ts';
import type { SimulationResult } from '../../src/cli/simulate/SimulationResult.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { closerSignals, safetyNetSignals } from '../support/closerSignals.ts';

// The built Closer against the local callback endpoint: the seed's Closer section, a reused
// token, an endpoint outage, a refused signal, and JSONata parents.

const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const parent = read('examples/parent.asl.json');
const seedChild = read('test/fixtures/seed-child.asl.json');
const accept = read('examples/sim/input-accept.json');

/** The error the parent's `state` failed with, as its StateFailed event reports it. */
function caughtBy(result: SimulationResult, state: string) {
  return result.events.find(
    (event) => event.level === 0 && event.type === 'StateFailed' && event.state === state,
  );
}

function answers(result: SimulationResult): string[] {
  return closerSignals(result).map((signal) => `${signal.operation}:${signal.answer}`);
}

describe('simulate: the Closer and the callback endpoint', () => {
  it("closes a child built on the seed's Closer section, verbatim", async () => {
    const result = await simulate({
      parent,
      children: { Child: seedChild },
      input: accept,
      config: read('test/fixtures/sim/work-fixed.json'),
    });

    expect(result.children[0]).toMatchObject({ status: 'SUCCEEDED' });
    expect(result.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { child: { result: { ok: true, fixed: true } } },
    });
    expect(answers(result)).toEqual(['SendTaskSuccess:accepted']);
  });

  it('fails the seed child with its Closer:Fail error and the parent with SubStep.Failed when its work fails', async () => {
    const result = await simulate({
      parent,
      children: { Child: seedChild },
      input: accept,
      config: { tasks: { Work: { error: 'Work.Failed', cause: 'no stock' } } },
    });

    expect(result.children[0]).toMatchObject({ status: 'FAILED', error: 'Closer:Fail' });
    expect(result.parent).toMatchObject({ status: 'FAILED', error: 'SubStep.Failed' });
    expect(answers(result)).toEqual(['SendTaskFailure:accepted']);
  });

  it('answers TaskTimedOut to a token used twice, and the second Closer reports parent GONE', async () => {
    const result = await simulate({
      parent,
      children: { Child: read('test/fixtures/closer-twice-child.asl.json') },
      input: accept,
    });

    expect(answers(result)).toEqual(['SendTaskSuccess:accepted', 'SendTaskSuccess:TaskTimedOut']);
    expect(new Set(closerSignals(result).map((signal) => signal.token)).size).toBe(1);
    expect(result.children[0]?.closer).toEqual([
      { message: 'SUCCEEDED', parent: 'NOTIFIED' },
      { message: 'SUCCEEDED', parent: 'GONE' },
    ]);
    expect(result.children[0]?.status).toBe('SUCCEEDED');
    expect(result.parent.status).toBe('SUCCEEDED');
  });

  it('retries Closer:Send on Closer.ParentUnreachable when Step Functions is unavailable', async () => {
    const result = await simulate({
      parent,
      children: { Child: seedChild },
      input: accept,
      config: {
        tasks: { Work: { result: { ok: true } } },
        endpoint: { faults: [{ type: 'ServiceUnavailable', status: 503 }] },
        // One SDK attempt per invocation, so the outage reaches the state machine's Retry.
        lambda: { environment: { AWS_MAX_ATTEMPTS: '1' } },
      },
    });

    expect(answers(result)).toEqual([
      'SendTaskSuccess:ServiceUnavailable',
      'SendTaskSuccess:accepted',
    ]);
    expect(result.events).toContainEqual(
      expect.objectContaining({
        type: 'StateFailed',
        level: 1,
        state: 'Closer:Send',
        error: 'Closer.ParentUnreachable',
      }),
    );
    expect(result.events).toContainEqual(
      expect.objectContaining({ type: 'StateRetried', level: 1, state: 'Closer:Send' }),
    );
    expect(result.parent.status).toBe('SUCCEEDED');
  });

  it.each([
    ['the safety net fails the parent at once', true],
    ['without the safety net the parent waits out its timeout', false],
  ])('sends a refused signal to the dead letter: %s', async (_, safetyNet) => {
    const result = await simulate({
      parent,
      children: { Child: read('examples/child.asl.json') },
      input: accept,
      config: {
        tasks: { [`\${WorkFunctionArn}`]: { result: { ok: true } } },
        endpoint: { faults: [{ type: 'AccessDeniedException' }] },
        safetyNet,
      },
    });

    expect(answers(result)).toEqual(['SendTaskSuccess:AccessDeniedException']);
    expect(result.children[0]).toMatchObject({ status: 'FAILED', error: 'Closer.DeadLetter' });
    // The examples do not retry Closer.ParentRejected: one attempt only.
    expect(result.events.filter((event) => event.type === 'StateRetried')).toEqual([]);
    const caught = caughtBy(result, 'RunChild');
    if (safetyNet) {
      expect(safetyNetSignals(result).map((signal) => signal.answer)).toEqual(['accepted']);
      expect(caught).toMatchObject({ error: 'SubStep.Failed' });
    } else {
      expect(result.events).toContainEqual(
        expect.objectContaining({
          type: 'TaskTokenAbandoned',
          level: 0,
          state: 'RunChild',
          error: 'States.Timeout',
          cause: expect.stringContaining('FAILED without closing the task token'),
        }),
      );
      expect(caught).toMatchObject({ error: 'States.Timeout' });
    }
    expect(result.parent).toMatchObject({ status: 'FAILED', error: 'SubStep.Failed' });
  });

  it("builds the child's input from a JSONata parent's Arguments.Input", async () => {
    const result = await simulate({
      parent: read('test/fixtures/parent-jsonata.asl.json'),
      children: { Child: read('examples/child-jsonata.asl.json') },
      input: accept,
      config: read('examples/sim/sim.json'),
      configDir: 'examples/sim',
    });

    const [child] = result.children;
    expect(child?.startedBy).toEqual({
      execution: result.parent.name,
      stateMachine: 'Parent',
      state: 'RunChild',
    });
    const started = result.events.find(
      (event) => event.type === 'ExecutionStarted' && event.level === 1,
    );
    expect(started).toMatchObject({
      input: {
        initial: { order: 'A-1' },
        meta: { parent: { name: result.parent.name, arn: result.parent.arn } },
        AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: result.parent.arn,
      },
    });
    expect(result.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { child: { ok: true, reserved: 3 }, childSucceeded: true },
    });
    expect(answers(result)).toEqual(['SendTaskSuccess:accepted']);
  });

  it("lets a JSONata parent's catcher Output and Assign see the child's failure", async () => {
    const result = await simulate({
      parent: read('test/fixtures/parent-jsonata.asl.json'),
      children: { Child: read('examples/child-jsonata.asl.json') },
      // The child's catch-all fails it with SubStep.Failed, which this parent's catcher matches.
      input: read('examples/sim/input-throw.json'),
      config: read('examples/sim/sim.json'),
      configDir: 'examples/sim',
    });

    expect(result.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { childError: 'SubStep.Failed', recovered: true, childSucceeded: false },
    });
    expect(answers(result)).toEqual(['SendTaskFailure:accepted']);
  });
});
