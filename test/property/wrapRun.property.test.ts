import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/cli/check/Json.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { wrapDefinition } from '../../src/cli/wrap/wrapDefinition.ts';
import { CLOSER_ARN } from '../support/definitionFixtures.ts';
import { waitingParent } from '../support/waitingParent.ts';

// Generated children made only of states that replace the payload, in either query language,
// ending in values of every JSON type, some with a failing step: each one, wrapped and run under
// a parent with the built zip, signals that parent exactly once, with its own outcome.

type Language = 'JSONPath' | 'JSONata';
type StepKind = 'task' | 'result' | 'parameters' | 'parallel';

const VALUE: fc.Arbitrary<Json> = fc.oneof(
  fc.array(fc.integer({ min: -9, max: 9 }), { maxLength: 3 }),
  fc.constantFrom('text', 'two words'),
  fc.integer({ min: -99, max: 99 }),
  fc.constant(null),
  fc.boolean(),
  fc.record({ a: fc.integer({ min: 0, max: 9 }) }),
);

const STEP = fc.record({
  kind: fc.constantFrom<StepKind>('task', 'result', 'parameters', 'parallel'),
  value: VALUE,
});

const PLAN = fc.record({
  language: fc.constantFrom<Language>('JSONPath', 'JSONata'),
  steps: fc.array(STEP, { minLength: 1, maxLength: 4 }),
  failAt: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
});

const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** One step as a state, and the payload it leaves. */
function stepState(
  kind: StepKind,
  value: Json,
  language: Language,
  index: number,
): { state: JsonObject; output: Json } {
  // asl-validator refuses many literal JSONata Outputs that Step Functions accepts (null, a
  // boolean, a number, an empty array); the same value as an expression passes both.
  const literal = (json: Json) =>
    language === 'JSONata' ? { Output: `{% ${JSON.stringify(json)} %}` } : { Result: json };
  switch (kind) {
    case 'task':
      return { state: { Type: 'Task', Resource: lambda('Step') }, output: value };
    case 'result':
      return { state: { Type: 'Pass', ...literal(value) }, output: value };
    case 'parameters':
      return {
        state:
          language === 'JSONata'
            ? { Type: 'Pass', Output: { fresh: value } }
            : { Type: 'Pass', Parameters: { fresh: value } },
        output: { fresh: value },
      };
    case 'parallel':
      // A JSONata machine may not hold JSONPath states, and the simulator runs no JSONata
      // Parallel: there the step is a Task.
      if (language === 'JSONata') return stepState('task', value, language, index);
      return {
        state: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: `Branch${index}`,
              States: { [`Branch${index}`]: { Type: 'Pass', Result: value, End: true } },
            },
          ],
        },
        output: [value],
      };
  }
}

const PARENT = waitingParent(CLOSER_ARN);

describe('wrap on generated payload-replacing children, run under a parent', () => {
  it('signals the parent once, with the child’s own outcome', async () => {
    await fc.assert(
      fc.asyncProperty(PLAN, async ({ language, steps, failAt }) => {
        const states: JsonObject = {};
        const tasks: JsonObject = {};
        let payload: Json = null;
        const failing = failAt !== undefined && failAt < steps.length ? failAt : undefined;
        steps.forEach(({ kind, value }, index) => {
          const name = `Step${index}`;
          const { state, output } = stepState(
            index === failing ? 'task' : kind,
            value,
            language,
            index,
          );
          states[name] = {
            ...state,
            ...(index === steps.length - 1 ? { End: true } : { Next: `Step${index + 1}` }),
          };
          if (index === failing) tasks[name] = { error: 'Step.Broke', cause: `step ${index}` };
          else if (state['Type'] === 'Task') tasks[name] = { result: value };
          if (failing === undefined || index < failing) payload = output;
        });
        const child = wrapDefinition(
          {
            ...(language === 'JSONata' ? { QueryLanguage: 'JSONata' } : {}),
            StartAt: 'Step0',
            States: states,
          },
          { closerArn: CLOSER_ARN },
        );

        const result = await simulate({
          parent: PARENT,
          children: { Child: child },
          input: {},
          config: { closer: [CLOSER_ARN], tasks },
        });

        if (failing === undefined) {
          expect(result.signals.map((signal) => `${signal.operation}:${signal.answer}`)).toEqual([
            'SendTaskSuccess:accepted',
          ]);
          expect(result.parent).toMatchObject({ status: 'SUCCEEDED', output: { child: payload } });
        } else {
          // One accepted signal: the safety net, run because the child ends FAILED, is refused.
          expect(
            result.signals.map(
              (signal) => `${signal.source}:${signal.operation}:${signal.error}:${signal.answer}`,
            ),
          ).toEqual([
            'closer:SendTaskFailure:SubStep.Failed:accepted',
            'safety-net:SendTaskFailure:SubStep.Failed:TaskTimedOut',
          ]);
          const [closed] = result.children[0]?.closer ?? [];
          const cause = JSON.parse((closed as { cause: string }).cause);
          expect(cause.errors).toEqual({
            [`Step${failing}`]: { Error: 'Step.Broke', Cause: `step ${failing}` },
          });
        }
      }),
      { numRuns: 20 },
    );
  }, 60_000);
});
