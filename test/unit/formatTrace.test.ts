import { describe, expect, it } from 'vitest';
import { formatTrace } from '../../src/cli/simulate/formatTrace.ts';
import type { SimEvent, SimEventInput } from '../../src/cli/simulate/SimEvent.ts';
import type { ExecutionResult, SimulationResult } from '../../src/cli/simulate/SimulationResult.ts';

const executions = [
  { level: 0, execution: 'p-1', stateMachine: 'Parent' },
  { level: 1, execution: 'c-1', stateMachine: 'Child' },
  { level: 2, execution: 'g-1', stateMachine: 'Grandchild' },
] as const;

function event(index: 0 | 1 | 2, body: SimEventInput, seq: number): SimEvent {
  return { seq, ...executions[index], ...body } as SimEvent;
}

function outcome(index: 0 | 1 | 2): ExecutionResult {
  const { level, execution, stateMachine } = executions[index];
  return {
    level,
    name: execution,
    stateMachine,
    arn: `arn:${execution}`,
    status: 'SUCCEEDED',
    output: { level },
    closer: [],
  };
}

const started = (index: 0 | 1 | 2, seq: number) =>
  event(
    index,
    { type: 'ExecutionStarted', arn: `arn:${executions[index].execution}`, input: {} },
    seq,
  );
const entered = (index: 0 | 1 | 2, state: string, seq: number) =>
  event(index, { type: 'StateEntered', state, stateType: 'Task', input: {} }, seq);

const threeLevels: SimulationResult = {
  parent: outcome(0),
  children: [outcome(1), outcome(2)],
  signals: [],
  events: [
    started(0, 1),
    entered(0, 'RunChild', 2),
    started(1, 3),
    entered(1, 'RunGrandchild', 4),
    started(2, 5),
    entered(2, 'Work', 6),
  ],
};

describe('formatTrace', () => {
  it('indents a child one step and a grandchild two, and labels every line with its state machine', () => {
    const lines = formatTrace(threeLevels).split('\n');

    expect(lines.slice(0, 6)).toEqual([
      'Parent          ▶ started  (execution p-1, input 2 B)',
      'Parent          · RunChild (Task)',
      '  Child         ▶ started  (execution c-1, input 2 B)',
      '  Child         · RunGrandchild (Task)',
      '    Grandchild  ▶ started  (execution g-1, input 2 B)',
      '    Grandchild  · Work (Task)',
    ]);
  });

  it('ends with every execution’s outcome, indented by level', () => {
    const text = formatTrace(threeLevels);

    expect(text).toContain(
      [
        'Outcome',
        '  Parent SUCCEEDED  (execution p-1)',
        '    output: {"level":0}',
        '      Child SUCCEEDED  (execution c-1)',
      ].join('\n'),
    );
    expect(text).toContain('          Grandchild SUCCEEDED  (execution g-1)');
  });

  it('numbers the executions of one state machine when several run', () => {
    const twins: SimulationResult = {
      ...threeLevels,
      events: [
        started(0, 1),
        event(1, { type: 'ExecutionStarted', arn: 'a', input: {} }, 2),
        { ...event(1, { type: 'ExecutionStarted', arn: 'b', input: {} }, 3), execution: 'c-2' },
      ],
    };

    const lines = formatTrace(twins).split('\n');

    expect(lines[1]).toMatch(/^ {2}Child +▶ started/);
    expect(lines[2]).toMatch(/^ {2}Child#2 +▶ started/);
  });

  it('shows a failure and what caught it', () => {
    const failing: SimulationResult = {
      ...threeLevels,
      events: [
        started(1, 1),
        event(
          1,
          {
            type: 'StateFailed',
            state: 'Work',
            stateType: 'Task',
            error: 'Work.Boom',
            cause: '{"errorType":"Work.Boom","errorMessage":"it broke","trace":[]}',
          },
          2,
        ),
        event(
          1,
          {
            type: 'StateCaught',
            state: 'Work',
            stateType: 'Task',
            next: 'Closer:MarkFailed',
            resultPath: '$.errors.Work',
          },
          3,
        ),
      ],
    };

    const lines = formatTrace(failing).split('\n');

    expect(lines[1]).toMatch(/✗ Work\.Boom: it broke$/);
    expect(lines[2]).toMatch(/↪ caught → Closer:MarkFailed \(ResultPath \$\.errors\.Work\)$/);
  });
});
