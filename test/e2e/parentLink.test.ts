import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/cli/check/Json.ts';
import type { SimulationResult } from '../../src/cli/simulate/SimulationResult.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';
import { closerSignals } from '../support/closerSignals.ts';
import { waitingParent } from '../support/waitingParent.ts';

// Children whose states replace the payload, wrapped by `wrap` and run under a parent with the
// built zip: the parent link comes from the execution input, so each one still signals its parent,
// with the right verdict, error name and cause, whatever the payload's type at the Closer.

const CLOSER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';
const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

const PARENT = waitingParent(CLOSER_ARN);

/** One state that replaces the payload, then `After`, whose local function can fail. */
type Shape = readonly [name: string, states: JsonObject, payloadAtCloser: Json];

const JSONPATH_SHAPES: readonly Shape[] = [
  [
    'a Task without ResultPath',
    { Replace: { Type: 'Task', Resource: lambda('Replace'), Next: 'After' } },
    { replaced: true },
  ],
  [
    'an OutputPath',
    {
      Replace: {
        Type: 'Pass',
        Result: { inner: { kept: 1 } },
        ResultPath: '$.x',
        OutputPath: '$.x.inner',
        Next: 'After',
      },
    },
    { kept: 1 },
  ],
  [
    'a Pass with Parameters',
    { Replace: { Type: 'Pass', Parameters: { fresh: true }, Next: 'After' } },
    { fresh: true },
  ],
  [
    "a Parallel's array",
    {
      Replace: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'One', States: { One: { Type: 'Pass', Result: 1, End: true } } },
          { StartAt: 'Two', States: { Two: { Type: 'Pass', Result: 'two', End: true } } },
        ],
        Next: 'After',
      },
    },
    [1, 'two'],
  ],
  [
    'a string Result',
    { Replace: { Type: 'Pass', Result: 'just text', Next: 'After' } },
    'just text',
  ],
  ['a number Result', { Replace: { Type: 'Pass', Result: 42, Next: 'After' } }, 42],
  [
    'a null Result',
    { Replace: { Type: 'Pass', Result: null, ResultPath: '$', Next: 'After' } },
    null,
  ],
];

const JSONATA_SHAPES: readonly Shape[] = [
  [
    'a JSONata Output that omits meta',
    { Replace: { Type: 'Pass', Output: { only: 'this' }, Next: 'After' } },
    { only: 'this' },
  ],
  [
    'a JSONata Task without Output',
    { Replace: { Type: 'Task', Resource: lambda('Replace'), Next: 'After' } },
    { replaced: true },
  ],
  [
    'a JSONata array Output',
    { Replace: { Type: 'Pass', Output: '{% [1, 2, 3] %}', Next: 'After' } },
    [1, 2, 3],
  ],
  [
    'a JSONata string Output',
    { Replace: { Type: 'Pass', Output: '{% "a" & "b" %}', Next: 'After' } },
    'ab',
  ],
  // asl-validator refuses a literal "Output": null, which Step Functions accepts; an expression is the same value.
  [
    'a JSONata null Output',
    { Replace: { Type: 'Pass', Output: '{% null %}', Next: 'After' } },
    null,
  ],
];

/** `After` hands its input on in both languages, so the payload at the Closer is the shape's. */
function child(states: JsonObject, language: 'JSONPath' | 'JSONata', withAfter = true): JsonObject {
  const after =
    language === 'JSONata'
      ? { Type: 'Task', Resource: lambda('After'), Output: '{% $states.input %}', End: true }
      : { Type: 'Task', Resource: lambda('After'), ResultPath: null, End: true };
  return wrapDefinition(
    {
      ...(language === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}),
      StartAt: 'Replace',
      States: { ...states, ...(withAfter ? { After: after } : {}) },
    },
    { closerArn: CLOSER_ARN },
  );
}

async function run(definition: JsonObject, afterFails: boolean): Promise<SimulationResult> {
  return simulate({
    parent: PARENT,
    children: { Child: definition },
    input: { order: 'A-1' },
    config: {
      closer: [CLOSER_ARN],
      tasks: {
        Replace: { result: { replaced: true } },
        After: afterFails
          ? { error: 'After.Broke', cause: 'the after step broke' }
          : { result: 'ignored' },
      },
    },
  });
}

function parentError(result: SimulationResult): { Error?: string; Cause?: string } {
  const cause = JSON.parse(result.parent.cause ?? '{}') as {
    errors?: Record<string, { Error?: string; Cause?: string }>;
  };
  return cause.errors?.['RunChild'] ?? {};
}

describe.each([
  ['JSONPath', JSONPATH_SHAPES],
  ['JSONata', JSONATA_SHAPES],
] as const)('a wrapped %s child whose payload is replaced', (language, shapes) => {
  it.each(shapes)(
    'signals success after %s, and the parent receives the payload',
    async (_name, states, payload) => {
      const result = await run(child(states, language), false);

      expect(closerSignals(result).map((signal) => `${signal.operation}:${signal.answer}`)).toEqual(
        ['SendTaskSuccess:accepted'],
      );
      expect(result.children[0]).toMatchObject({
        status: 'SUCCEEDED',
        output: payload,
        closer: [{ message: 'SUCCEEDED', parent: 'NOTIFIED' }],
      });
      expect(result.parent).toMatchObject({
        status: 'SUCCEEDED',
        output: { order: 'A-1', child: payload },
      });
    },
  );

  it.each(shapes)(
    'signals a caught failure after %s, with the error name and cause',
    async (_name, states) => {
      const result = await run(child(states, language), true);

      expect(
        closerSignals(result).map(
          (signal) => `${signal.operation}:${signal.error}:${signal.answer}`,
        ),
      ).toEqual(['SendTaskFailure:SubStep.Failed:accepted']);
      const [closed] = result.children[0]?.closer ?? [];
      expect(closed).toMatchObject({
        message: 'FAILED',
        parent: 'NOTIFIED',
        error: 'SubStep.Failed',
      });
      const cause = JSON.parse((closed as { cause: string }).cause);
      expect(cause).toMatchObject({
        execution: { name: result.children[0]?.name, arn: result.children[0]?.arn },
        errors: { After: { Error: 'After.Broke', Cause: 'the after step broke' } },
      });
      expect(result.children[0]?.status).toBe('FAILED');
      expect(result.parent.status).toBe('FAILED');
      expect(parentError(result)).toEqual({
        Error: 'SubStep.Failed',
        Cause: (closed as { cause: string }).cause,
      });
    },
  );
});

describe('a wrapped child whose Fail state is routed into the Closer', () => {
  it.each(['JSONPath', 'JSONata'] as const)(
    "sends the Fail state's Error and Cause to the parent after an array payload (%s)",
    async (language) => {
      const definition = child(
        {
          Replace: {
            Type: 'Pass',
            ...(language === 'JSONata' ? { Output: '{% [1] %}' } : { Result: [1] }),
            Next: 'Rejected',
          },
          Rejected: { Type: 'Fail', Error: 'Order.Rejected', Cause: 'out of stock' },
        },
        language,
        false,
      );
      const result = await run(definition, false);

      expect(closerSignals(result).map((signal) => `${signal.operation}:${signal.error}`)).toEqual([
        'SendTaskFailure:Order.Rejected',
      ]);
      expect(parentError(result)).toEqual({ Error: 'Order.Rejected', Cause: 'out of stock' });
      expect(result.children[0]).toMatchObject({
        status: 'FAILED',
        error: 'Order.Rejected',
        cause: 'out of stock',
      });
    },
  );
});

describe('a wrapped child run on its own', () => {
  it('passes through and ends with its payload, an array', async () => {
    const definition = child(JSONPATH_SHAPES[3]?.[1] ?? {}, 'JSONPath');
    const result = await simulate({
      parent: definition,
      parentName: 'Child',
      input: {},
      config: { closer: [CLOSER_ARN], tasks: { After: { result: 'ignored' } } },
    });

    expect(closerSignals(result)).toEqual([]);
    expect(result.parent).toMatchObject({
      status: 'SUCCEEDED',
      output: [1, 'two'],
      closer: [{ message: 'SUCCEEDED', parent: 'NONE' }],
    });
  });
});

describe('the routes wrap adds, run', () => {
  it('sends States.NoChoiceMatched to the parent when no Choice rule matches a string payload', async () => {
    const definition = child(
      {
        Replace: { Type: 'Pass', Result: 'unexpected', Next: 'Route' },
        Route: {
          Type: 'Choice',
          Choices: [{ Variable: '$', StringEquals: 'expected', Next: 'After' }],
        },
      },
      'JSONPath',
    );
    const result = await run(definition, false);

    expect(closerSignals(result).map((signal) => `${signal.operation}:${signal.error}`)).toEqual([
      'SendTaskFailure:States.NoChoiceMatched',
    ]);
    expect(result.children[0]).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('passes a former Succeed through the Closer and the parent receives the payload', async () => {
    const definition = child(
      { Replace: { Type: 'Pass', Result: ['done'], Next: 'Done' }, Done: { Type: 'Succeed' } },
      'JSONPath',
      false,
    );
    const result = await run(definition, false);

    expect(closerSignals(result).map((signal) => signal.operation)).toEqual(['SendTaskSuccess']);
    expect(result.parent).toMatchObject({ status: 'SUCCEEDED', output: { child: ['done'] } });
  });
});
