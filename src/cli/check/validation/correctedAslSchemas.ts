import base from 'asl-validator/dist/src/schemas/base-state-machine.json' with { type: 'json' };
import choice from 'asl-validator/dist/src/schemas/choice.json' with { type: 'json' };
import common from 'asl-validator/dist/src/schemas/common.json' with { type: 'json' };
import errors from 'asl-validator/dist/src/schemas/errors.json' with { type: 'json' };
import fail from 'asl-validator/dist/src/schemas/fail.json' with { type: 'json' };
import jsonata from 'asl-validator/dist/src/schemas/jsonata.json' with { type: 'json' };
import map from 'asl-validator/dist/src/schemas/map.json' with { type: 'json' };
import parallel from 'asl-validator/dist/src/schemas/parallel.json' with { type: 'json' };
import pass from 'asl-validator/dist/src/schemas/pass.json' with { type: 'json' };
import paths from 'asl-validator/dist/src/schemas/paths.json' with { type: 'json' };
import state from 'asl-validator/dist/src/schemas/state.json' with { type: 'json' };
import stateMachine from 'asl-validator/dist/src/schemas/state-machine.json' with { type: 'json' };
import succeed from 'asl-validator/dist/src/schemas/succeed.json' with { type: 'json' };
import task from 'asl-validator/dist/src/schemas/task.json' with { type: 'json' };
import wait from 'asl-validator/dist/src/schemas/wait.json' with { type: 'json' };

/** The eight state types of Amazon States Language. */
export const STATE_TYPES = [
  'Choice',
  'Fail',
  'Map',
  'Parallel',
  'Pass',
  'Succeed',
  'Task',
  'Wait',
] as const;
export type StateType = (typeof STATE_TYPES)[number];
export type QueryLanguage = 'JSONPath' | 'JSONata';

/**
 * The schema of one state type in one query language: asl-validator's schema for the type is
 * `oneOf: [JSONPath fields, JSONata fields]` (checked by `correctedAslSchemas`).
 */
export function stateSchemaRef(type: StateType, language: QueryLanguage): string {
  return `http://asl-validator.cloud/${type.toLowerCase()}.json#/oneOf/${language === 'JSONPath' ? 0 : 1}`;
}

/** Every (type, language) key of `stateSchemaRef`, as `Pass:JSONata`. */
export const STATE_SCHEMA_KEYS: readonly string[] = STATE_TYPES.flatMap((type) => [
  `${type}:JSONPath`,
  `${type}:JSONata`,
]);

type Schema = Record<string, unknown>;

/**
 * Where asl-validator 4.0.0's schemas refuse what Step Functions accepts: [schema, JSON pointer,
 * value as published, value Step Functions' behaviour calls for]. A published value that differs
 * throws, so an asl-validator update that changes one of these fails the tests instead of
 * silently changing what `check` accepts.
 */
const CORRECTIONS: readonly [Schema, string, unknown, unknown][] = [
  // "{% $states.result%}" and a string literal with a newline are JSONata expressions: Step
  // Functions only asks that the string start with `{%` and end with `%}` ("Transforming data
  // with JSONata in Step Functions"). The published pattern wants a space each side and no newline.
  [jsonata, '/definitions/jsonata/pattern', '^\\{% .+ %\\}$', '^\\{%[\\s\\S]*%\\}$'],
  // Any other string, the empty one included, is a literal (the published pattern needs one
  // character and misreads "{%x%}" without spaces as a literal).
  [
    jsonata,
    '/definitions/not_jsonata/pattern',
    '^(?!\\{% )(.+)(?! %\\})$',
    '^(?![\\s\\S]*%\\}$)[\\s\\S]*$|^(?!\\{%)[\\s\\S]*$',
  ],
  // A JSONata Output is any JSON value ("Output ... can be any JSON value"; null, false, 0, []
  // and "" among them), with {% %} strings inside evaluated.
  [
    jsonata,
    '/definitions/output',
    {
      oneOf: [
        { $ref: '#/definitions/jsonata' },
        { $ref: '#/definitions/_jsonata_template_object' },
      ],
    },
    { $ref: '#/definitions/jsonata_template' },
  ],
  // An array inside a JSONata template holds any template value, not only objects.
  [
    jsonata,
    '/definitions/jsonata_template/oneOf/1/items',
    { $ref: '#/definitions/_jsonata_template_object' },
    { $ref: '#/definitions/jsonata_template' },
  ],
];

function pointerParent(root: Schema, pointer: string): [Schema, string] {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop() ?? '';
  let node: unknown = root;
  for (const key of keys) node = (node as Schema)[key];
  return [node as Schema, last];
}

/**
 * asl-validator's published JSON Schemas (data, not its code), deep-copied, with `CORRECTIONS`
 * applied. Throws when a corrected value is no longer the published one.
 *
 * @example
 * const ajv = new Ajv({ schemas: correctedAslSchemas(), allowUnionTypes: true });
 */
export function correctedAslSchemas(): Schema[] {
  const published = [
    common,
    paths,
    jsonata,
    choice,
    fail,
    parallel,
    pass,
    base,
    stateMachine,
    state,
    succeed,
    task,
    wait,
    map,
    errors,
  ] as Schema[];
  const copies = new Map(published.map((schema) => [schema, structuredClone(schema)]));
  for (const [schema, pointer, before, after] of CORRECTIONS) {
    const copy = copies.get(schema) as Schema;
    const [parent, key] = pointerParent(copy, pointer);
    if (JSON.stringify(parent[key]) !== JSON.stringify(before)) {
      throw new Error(
        `asl-validator's schema ${String(copy['$id'])} changed at ${pointer}: review CORRECTIONS in correctedAslSchemas.ts.`,
      );
    }
    parent[key] = structuredClone(after);
  }
  for (const type of STATE_TYPES) {
    const schema = copies.get(
      published.find(
        (item) => item['$id'] === `http://asl-validator.cloud/${type.toLowerCase()}.json#`,
      ) as Schema,
    ) as Schema;
    const branches = schema['oneOf'] as Schema[];
    const language = (index: number) =>
      JSON.stringify((branches[index]?.['properties'] as Schema | undefined)?.['QueryLanguage']);
    if (!language(0).includes('paths.json') || !language(1).includes('jsonata.json')) {
      throw new Error(`asl-validator's ${type} schema no longer lists JSONPath then JSONata.`);
    }
  }
  return [...copies.values()];
}
