import fc from 'fast-check';
import { arbitraryDefinition } from './arbitraryDefinition.ts';

/**
 * fast-check arbitrary for state machine definitions that are mostly invalid: a valid machine
 * from `arbitraryDefinition` with one to three random edits, each setting or deleting one field
 * of one object anywhere in it (the machine, a state, a catcher, a choice rule, a branch...).
 * The values are chosen to hit asl-validator's schema check: good and bad paths, JSONata strings,
 * ARNs and timestamps, and values of the wrong type.
 *
 * @example
 * fc.assert(fc.property(arbitraryMutatedDefinition(), (definition) => { ... }));
 */
export function arbitraryMutatedDefinition(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(arbitraryDefinition(), fc.array(editArbitrary, { minLength: 1, maxLength: 3 }))
    .map(([definition, edits]) => {
      const mutated = structuredClone(definition);
      for (const edit of edits) applyEdit(mutated, edit);
      return mutated;
    });
}

const FIELDS = [
  'Type',
  'Next',
  'End',
  'Resource',
  'InputPath',
  'OutputPath',
  'ResultPath',
  'Parameters',
  'ResultSelector',
  'ItemsPath',
  'Output',
  'Arguments',
  'Assign',
  'QueryLanguage',
  'Catch',
  'Retry',
  'Choices',
  'Default',
  'Variable',
  'Condition',
  'StringEquals',
  'Seconds',
  'Timestamp',
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'Branches',
  'ItemProcessor',
  'ErrorEquals',
  'Error',
  'Cause',
  'Comment',
  'StartAt',
  'States',
  'value.$',
];

const VALUES: readonly unknown[] = [
  '$',
  '$.items[0].id',
  '$.items[',
  '$$.Execution.Id',
  '$.items[0:2]',
  '$var.x',
  "States.Format('{}', $.a)",
  'not a path',
  '{% $states.input %}',
  '{% $$$( %}',
  '{% [1, 2 %}',
  'arn:aws:lambda:us-east-1:123456789012:function:Work',
  'arn:aws:states:::lambda:invoke',
  'arn:aws-mars:lambda:us-east-1:123456789012:function:Work',
  'lambda:Work',
  '2024-01-01T00:00:00Z',
  'tomorrow',
  'JSONata',
  'JSONPath',
  'Pass',
  'Sleep',
  'S0',
  '',
  0,
  -1,
  1.5,
  true,
  null,
  [],
  ['States.ALL'],
  {},
  { ErrorEquals: ['States.ALL'], Next: 'S0' },
];

interface Edit {
  /** Which object, counted over all objects of the definition in document order. */
  readonly target: number;
  readonly action:
    | { readonly kind: 'set'; readonly field: string; readonly value: unknown }
    | { readonly kind: 'delete'; readonly which: number };
}

const editArbitrary: fc.Arbitrary<Edit> = fc.record({
  target: fc.nat(),
  action: fc.oneof(
    fc.record({
      kind: fc.constant('set' as const),
      field: fc.constantFrom(...FIELDS),
      value: fc.oneof(fc.constantFrom(...VALUES), fc.jsonValue({ maxDepth: 2 })),
    }),
    fc.record({ kind: fc.constant('delete' as const), which: fc.nat() }),
  ),
});

function applyEdit(definition: Record<string, unknown>, edit: Edit): void {
  const objects = objectsIn(definition);
  const object = objects[edit.target % objects.length];
  if (!object) return;
  const { action } = edit;
  switch (action.kind) {
    case 'set':
      object[action.field] = structuredClone(action.value);
      return;
    case 'delete': {
      const keys = Object.keys(object);
      const key = keys[action.which % Math.max(keys.length, 1)];
      if (key !== undefined) delete object[key];
      return;
    }
    default: {
      const unknownAction: never = action;
      throw new Error(`unknown edit ${JSON.stringify(unknownAction)}`);
    }
  }
}

/** Every plain object in `value`, itself first, in document order. */
function objectsIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsIn);
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  return [object, ...Object.values(object).flatMap(objectsIn)];
}
