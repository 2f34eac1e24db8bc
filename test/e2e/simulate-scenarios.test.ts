import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/cli/check/Json.ts';
import type { SimEvent } from '../../src/cli/simulate/SimEvent.ts';
import type { SimulationResult } from '../../src/cli/simulate/SimulationResult.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { closerSignals, safetyNetSignals } from '../support/closerSignals.ts';

// The five demo scenarios on the examples (and the three-level failure), with the built dist/sub-step-closer.zip as the Closer.

const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;
const examples = {
  parent: read('examples/parent.asl.json'),
  middle: read('examples/middle.asl.json'),
  child: read('examples/child.asl.json'),
  childJsonata: read('examples/child-jsonata.asl.json'),
  config: read('examples/sim/sim.json'),
};
const input = (name: 'accept' | 'reject' | 'throw') => read(`examples/sim/input-${name}.json`);

function run(
  children: Record<string, Json>,
  inputName: 'accept' | 'reject' | 'throw',
  parent = examples.parent,
) {
  return simulate({
    parent,
    children,
    input: input(inputName),
    config: examples.config,
    configDir: 'examples/sim',
  });
}

/** The token fingerprint a parent's Task gave the child it started. */
function tokenGivenBy(result: SimulationResult, state: string): string | undefined {
  const started = result.events.find(
    (event): event is Extract<SimEvent, { type: 'ChildStarted' }> =>
      event.type === 'ChildStarted' && event.state === state,
  );
  return started?.token;
}

function caughtErrors(result: SimulationResult, level: number): { state: string; error: string }[] {
  return result.events.flatMap((event, index) => {
    const next = result.events[index + 1];
    return event.type === 'StateFailed' && event.level === level && next?.type === 'StateCaught'
      ? [{ state: event.state, error: event.error }]
      : [];
  });
}

describe('simulate: the five scenarios of the demo', () => {
  it("delivers the child's output to the parent when the child succeeds", async () => {
    const result = await run({ Child: examples.child }, 'accept');

    const [child] = result.children;
    const received = (result.parent.output as { child: Json }).child;
    expect(result.parent.status).toBe('SUCCEEDED');
    // The child's Work replaced its payload with the work's result: that is what the parent gets.
    expect(received).toEqual({ ok: true, order: 'A-1', reserved: 3 });
    expect(child?.output).toEqual(received);
    // The parent keeps its own payload and puts the child's output at ResultPath $.child.
    expect(result.parent.output).toEqual({ ...(input('accept') as object), child: received });
    expect(child?.closer).toEqual([{ message: 'SUCCEEDED', parent: 'NOTIFIED' }]);
    expect(closerSignals(result)).toEqual([
      {
        operation: 'SendTaskSuccess',
        token: tokenGivenBy(result, 'RunChild'),
        signed: true,
        outputBytes: Buffer.byteLength(JSON.stringify(received)),
        answer: 'accepted',
        source: 'closer',
        child: child?.name,
        parent: result.parent.name,
        parentState: 'RunChild',
      },
    ]);
  });

  it("lets the parent's Catch receive the child's failure name when the child refuses", async () => {
    const result = await run({ Child: examples.child }, 'reject');

    const [child] = result.children;
    const refused = { error: 'Work.Refused', cause: 'The work refused the order.' };
    expect(child).toMatchObject({ status: 'FAILED', ...refused });
    expect(child?.closer).toEqual([
      expect.objectContaining({ message: 'FAILED', parent: 'NOTIFIED', ...refused }),
    ]);
    expect(caughtErrors(result, 0)).toEqual([{ state: 'RunChild', error: 'Work.Refused' }]);
    // The parent makes the child's failure its own, so its own parent would get the same name.
    expect(result.parent).toMatchObject({ status: 'FAILED', ...refused });
    expect(closerSignals(result)).toEqual([
      expect.objectContaining({
        operation: 'SendTaskFailure',
        token: tokenGivenBy(result, 'RunChild'),
        error: 'Work.Refused',
        answer: 'accepted',
        parentState: 'RunChild',
      }),
    ]);
    // The child still ends FAILED, so the safety net runs and finds the task already closed.
    expect(
      safetyNetSignals(result).map((signal) => `${signal.operation}:${signal.answer}`),
    ).toEqual(['SendTaskFailure:TaskTimedOut']);
  });

  it('carries a thrown, caught child task error to the parent', async () => {
    const result = await run({ Child: examples.child }, 'throw');

    expect(caughtErrors(result, 1)).toEqual([
      { state: 'Work', error: 'Work.WarehouseUnavailable' },
    ]);
    const [child] = result.children;
    const childCause = child?.cause ?? '';
    expect(child).toMatchObject({ status: 'FAILED', error: 'SubStep.Failed' });
    // The child's catch-all recorded the error under its state's name, for the cause.
    expect(JSON.parse(childCause)).toMatchObject({
      execution: { name: child?.name, arn: child?.arn },
      errors: { Work: { Error: 'Work.WarehouseUnavailable' } },
    });
    // The parent's Catch made the child's error and cause its own.
    expect(result.parent).toMatchObject({
      status: 'FAILED',
      error: 'SubStep.Failed',
      cause: childCause,
    });
    expect(closerSignals(result)).toEqual([
      expect.objectContaining({
        operation: 'SendTaskFailure',
        error: 'SubStep.Failed',
        causeChars: childCause.length,
      }),
    ]);
  });

  it('passes a child run on its own through, with no parent to signal', async () => {
    const result = await simulate({
      parent: examples.child,
      parentName: 'Child',
      input: input('accept'),
      config: examples.config,
      configDir: 'examples/sim',
    });

    // The output is the payload as the states left it: the Closer's result is in a variable.
    expect(result.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: { ok: true, order: 'A-1', reserved: 3 },
    });
    expect(result.parent.closer).toEqual([{ message: 'SUCCEEDED', parent: 'NONE' }]);
    expect(result.children).toEqual([]);
    expect(closerSignals(result)).toEqual([]);
  });

  it('runs a JSONata grandchild inside a child inside a parent', async () => {
    const result = await run(
      { Child: examples.middle, Grandchild: examples.childJsonata },
      'accept',
    );

    const [middle, grandchild] = result.children;
    expect(
      result.children.map((execution) => [
        execution.stateMachine,
        execution.level,
        execution.status,
      ]),
    ).toEqual([
      ['Child', 1, 'SUCCEEDED'],
      ['Grandchild', 2, 'SUCCEEDED'],
    ]);
    // The grandchild's output is its work result; the middle's RunGrandchild has no ResultPath,
    // so that output replaces the middle's payload and travels up unchanged.
    expect(grandchild?.output).toEqual({ ok: true, order: 'A-1', reserved: 3 });
    expect(middle?.output).toEqual(grandchild?.output);
    expect(result.parent.output).toMatchObject({ child: grandchild?.output });
    expect(
      closerSignals(result).map((signal) => [
        signal.operation,
        signal.child,
        signal.parent,
        signal.answer,
      ]),
    ).toEqual([
      ['SendTaskSuccess', grandchild?.name, middle?.name, 'accepted'],
      ['SendTaskSuccess', middle?.name, result.parent.name, 'accepted'],
    ]);
  });

  it("carries the grandchild's failure name up through every level", async () => {
    const result = await run(
      { Child: examples.middle, Grandchild: examples.childJsonata },
      'reject',
    );

    const refused = { error: 'Work.Refused', cause: 'The work refused the order.' };
    expect(result.children).toEqual([
      expect.objectContaining({ stateMachine: 'Child', status: 'FAILED', ...refused }),
      expect.objectContaining({ stateMachine: 'Grandchild', status: 'FAILED', ...refused }),
    ]);
    expect(result.parent).toMatchObject({ status: 'FAILED', ...refused });
    expect(
      closerSignals(result).map((signal) => [signal.operation, signal.error, signal.answer]),
    ).toEqual([
      ['SendTaskFailure', 'Work.Refused', 'accepted'],
      ['SendTaskFailure', 'Work.Refused', 'accepted'],
    ]);
  });
});
