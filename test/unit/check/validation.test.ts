import { describe, expect, it } from 'vitest';
import {
  definitionSizeProblem,
  validateDefinition,
} from '../../../src/cli/check/validateDefinition.ts';

// What Step Functions accepts and asl-validator 4.0.0 refused or crashed on, and what Step
// Functions refuses, each with the one line a user reads. Minimal definitions written here.

const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...extra,
});
const jsonata = { QueryLanguage: 'JSONata' };

describe('validateDefinition accepts what Step Functions accepts', () => {
  it.each([
    [
      'JSONata without a space before %}',
      machine({ A: { Type: 'Pass', Output: '{% $states.input%}', End: true } }, jsonata),
    ],
    [
      'a JSONata string literal with a newline',
      machine({ A: { Type: 'Pass', Output: "{% 'a\nb' %}", End: true } }, jsonata),
    ],
    [
      'a substitution inside an ARN',
      machine({
        A: { Type: 'Task', Resource: `arn:\${AWS::Partition}:states:::lambda:invoke`, End: true },
      }),
    ],
    [
      'a whole placeholder for a number',
      machine({ A: { Type: 'Wait', Seconds: `\${ReminderTimeout}`, End: true } }),
    ],
    ['the JSONPath $.[0]', machine({ A: { Type: 'Pass', InputPath: '$.[0]', End: true } })],
    ['the JSONPath $.a.[0].b', machine({ A: { Type: 'Pass', InputPath: '$.a.[0].b', End: true } })],
    [
      'a filter with &&',
      machine({ A: { Type: 'Pass', InputPath: '$.[?(@.x > 0 && @.y < 2)]', End: true } }),
    ],
    [
      'a filter comparing with a root path',
      machine({ A: { Type: 'Pass', InputPath: '$.items[?(@.id == $.wanted)]', End: true } }),
    ],
    [
      'a JSONata Output of null',
      machine({ A: { Type: 'Pass', Output: null, End: true } }, jsonata),
    ],
    [
      'a JSONata Output of false',
      machine({ A: { Type: 'Pass', Output: false, End: true } }, jsonata),
    ],
    [
      'JSONata Output with nested 0, [] and ""',
      machine({ A: { Type: 'Pass', Output: { a: 0, b: [], c: '' }, End: true } }, jsonata),
    ],
    [
      'a Result with a key named Iterator',
      machine({ A: { Type: 'Pass', Result: { Iterator: { i: 1 } }, End: true } }),
    ],
    ['a state named Iterator', machine({ Iterator: { Type: 'Pass', End: true } })],
  ])('%s', (_shape, definition) => {
    expect(validateDefinition(definition)).toEqual({ valid: true });
  });
});

describe('validateDefinition rejects what Step Functions rejects, one line per problem', () => {
  it.each([
    [
      'a Next to a missing state',
      machine({ A: { Type: 'Pass', Next: 'B' } }),
      'A, Next: names "B", which is not a state of the state machine. Fix: name an existing state or add a state "B".',
    ],
    [
      'an unknown field',
      machine({ A: { Type: 'Pass', Foo: 1, End: true } }),
      'A, Foo: is not a field Step Functions accepts here. Fix: remove Foo or correct its spelling (fields are case-sensitive).',
    ],
    [
      'a string where a number is required',
      machine({ A: { Type: 'Wait', Seconds: 'ten', End: true } }),
      'A, Seconds: is the string "ten", but must be a number. Fix: write a number.',
    ],
    [
      'Branches that are not an array',
      machine({ P: { Type: 'Parallel', Branches: {}, End: true } }),
      'P, Branches: is an object, but must be an array. Fix: write an array.',
    ],
    [
      'a state that is not an object',
      machine({ A: 1 }),
      'A: is the number 1, but a state must be an object. Fix: write the state as an object with a Type.',
    ],
  ])('%s', (_shape, definition, line) => {
    expect(validateDefinition(definition)).toEqual({ valid: false, errors: [line] });
  });

  it('names an unknown intrinsic function and the ones that exist', () => {
    const validation = validateDefinition(
      machine({ A: { Type: 'Pass', Parameters: { 'x.$': 'States.Nope($.a)' }, End: true } }),
    );
    expect(validation.valid).toBe(false);
    expect(!validation.valid && validation.errors).toEqual([
      expect.stringMatching(
        /^A, Parameters\.x\.\$: calls States\.Nope, which is not an intrinsic function\. Fix: use one of States\.Format, /,
      ),
    ]);
  });

  it('never throws: a definition that is not an object is a problem', () => {
    expect(validateDefinition('text').valid).toBe(false);
  });

  it('leaves the definition unchanged', () => {
    const definition = machine({ A: { Type: 'Pass', End: true } });
    validateDefinition(definition);
    expect(definition).toEqual(machine({ A: { Type: 'Pass', End: true } }));
  });
});

describe('definitionSizeProblem', () => {
  it('reports a definition over the 1 MB limit and accepts one under it', () => {
    expect(definitionSizeProblem('x'.repeat(1_048_577))).toMatch(/1,048,576/);
    expect(definitionSizeProblem('x'.repeat(1_048_576))).toBeUndefined();
  });
});

describe('the 1 MB definition limit', () => {
  it('refuses a definition whose compact JSON is over 1,048,576 bytes', () => {
    const validation = validateDefinition(
      machine({ A: { Type: 'Pass', Result: { blob: 'x'.repeat(1_048_576) }, End: true } }),
    );
    expect(validation.valid).toBe(false);
    expect(!validation.valid && validation.errors).toEqual([
      expect.stringMatching(/^The definition is 1,048,\d{3} bytes, over Step Functions' limit/),
    ]);
  });
});
