import { jsonataSyntaxError, looksLikeJsonata } from './aslFormats.ts';
import { describeValue } from './describeValue.ts';
import { INTRINSIC_FUNCTIONS, intrinsicNames } from './readJsonPath.ts';
import type { SchemaError } from './SchemaError.ts';

/** What the schema's `type` names mean to a reader. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  integer: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  return node;
}

/** `/Retry/0/MaxAttempts` → `Retry[0].MaxAttempts`. */
function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce(
      (name, key) => (/^\d+$/.test(key) ? `${name}[${key}]` : name === '' ? key : `${name}.${key}`),
      '',
    );
}

function formatProblem(format: string, value: unknown): [string, string] {
  const text = typeof value === 'string' ? value : '';
  switch (format) {
    case 'jsonata_string':
    case 'maybe_jsonata_string':
      return [
        `is not valid JSONata (${jsonataSyntaxError(text) ?? 'no expression'})`,
        'correct the expression between {% and %}',
      ];
    case 'asl_payload_template': {
      const unknown = intrinsicNames(text).filter((name) => !INTRINSIC_FUNCTIONS.has(name));
      if (unknown.length > 0) {
        return [
          `calls ${unknown.join(', ')}, which is not an intrinsic function`,
          `use one of ${[...INTRINSIC_FUNCTIONS].join(', ')}`,
        ];
      }
      return [
        `${describeValue(value)} is neither a JSONPath nor an intrinsic function call`,
        'start it with $ (the input), $$ (the context object) or $name (a variable), or call a States.* function',
      ];
    }
    case 'asl_path':
      return [`${describeValue(value)} is not a JSONPath`, 'start it with $, $$ or $name'];
    case 'asl_ref_path':
    case 'asl_result_path':
      return [
        `${describeValue(value)} is not a reference path`,
        'write a path to one node ($.a.b or $.a[0]), without wildcards, filters or ..',
      ];
    case 'asl_arn':
      return [
        `${describeValue(value)} is not an ARN`,
        'write arn:partition:service:region:account:resource',
      ];
    case 'date-time':
      return [
        `${describeValue(value)} is not an RFC 3339 timestamp`,
        'write it like 2026-01-31T12:00:00Z',
      ];
    default:
      return [
        `${describeValue(value)} does not have the format ${format}`,
        `write a valid ${format}`,
      ];
  }
}

/** Keywords a reader can act on, most specific first; the others only say "some branch failed". */
const PREFERENCE = [
  'format',
  'pattern',
  'enum',
  'const',
  'minimum',
  'maximum',
  'additionalProperties',
  'required',
  'minItems',
  'type',
];

function describeOne(
  errors: readonly SchemaError[],
  pointer: string,
  state: unknown,
): [string, string, string] {
  const value = valueAt(state, pointer);
  const field = fieldName(pointer);
  const byKeyword = (keyword: string) => errors.filter((error) => error.keyword === keyword);
  const types = [
    ...new Set(byKeyword('type').flatMap((error) => [error.params['type']].flat() as string[])),
  ];
  const jsonataPattern = byKeyword('pattern').some((error) =>
    String(error.params['pattern']).startsWith('^\\{%'),
  );
  const accepted = [
    ...types.map((type) => TYPE_WORDS[type] ?? type),
    ...(jsonataPattern ? ['a JSONata expression {% ... %}'] : []),
  ];
  // A value of a wrong type: list every accepted form once.
  if (
    typeof value !== 'string' ||
    !(byKeyword('format').length > 0 || byKeyword('pattern').length > 0)
  ) {
    if (
      types.length > 0 &&
      byKeyword('additionalProperties').length === 0 &&
      byKeyword('required').length === 0
    ) {
      return [
        field,
        `is ${describeValue(value)}, but must be ${accepted.join(' or ')}`,
        `write ${accepted.join(' or ')}`,
      ];
    }
  }
  for (const keyword of PREFERENCE) {
    const error = byKeyword(keyword)[0];
    if (error === undefined) continue;
    switch (keyword) {
      case 'format': {
        const [what, fix] = formatProblem(String(error.params['format']), value);
        return [field, what, fix];
      }
      case 'pattern':
        if (typeof value === 'string' && looksLikeJsonata(value)) {
          const [what, fix] = formatProblem('jsonata_string', value);
          return [field, what, fix];
        }
        if (typeof value === 'string' && value.trim().startsWith('{%')) {
          return [
            field,
            `${describeValue(value)} starts like JSONata but does not end with %}`,
            'end the expression with %}',
          ];
        }
        return [
          field,
          `${describeValue(value)} is not an accepted form`,
          `write ${accepted.join(' or ') || 'a value of the documented form'}`,
        ];
      case 'enum':
      case 'const': {
        const allowed = (error.params['allowedValues'] ?? [
          error.params['allowedValue'],
        ]) as unknown[];
        return [
          field,
          `is ${describeValue(value)}, but must be ${allowed.map((item) => JSON.stringify(item)).join(' or ')}`,
          `write ${allowed.map((item) => JSON.stringify(item)).join(' or ')}`,
        ];
      }
      case 'minimum':
      case 'maximum':
        return [
          field,
          `is ${describeValue(value)}, but ${error.message ?? 'is out of range'}`,
          `write a value that ${error.message ?? 'is in range'}`,
        ];
      case 'additionalProperties': {
        const extra = String(error.params['additionalProperty']);
        const at = field === '' ? extra : `${field}.${extra}`;
        return [
          at,
          'is not a field Step Functions accepts here',
          `remove ${extra} or correct its spelling (fields are case-sensitive)`,
        ];
      }
      case 'required': {
        const missing = String(error.params['missingProperty']);
        return [field === '' ? missing : `${field}.${missing}`, 'is missing', `add ${missing}`];
      }
      case 'minItems':
        return [field, `has too few items (${error.message ?? ''})`, 'add the missing items'];
      case 'type':
        return [
          field,
          `is ${describeValue(value)}, but must be ${accepted.join(' or ')}`,
          `write ${accepted.join(' or ')}`,
        ];
    }
  }
  return [
    field,
    'does not have any of the accepted forms',
    'compare it with the Amazon States Language specification',
  ];
}

/**
 * Ajv's errors for one state, as `[field, what is wrong, fix]`, one per field. Ajv reports every
 * branch of a `oneOf` that failed ("must match exactly one schema in oneOf"): of those, the errors
 * at the deepest field tell the reader what to change, so only they are described.
 *
 * @example
 * describeSchemaErrors(validate.errors, state); // [['Seconds', 'is the string "ten", but must be a number', 'write a number']]
 */
export function describeSchemaErrors(
  errors: readonly SchemaError[],
  state: unknown,
): [string, string, string][] {
  const useful = errors.filter(
    (error) => !['oneOf', 'anyOf', 'if', 'not', 'false schema'].includes(error.keyword),
  );
  // The deepest field of each chain of nested fields: `/Retry/0/MaxAttempts` hides `/Retry`.
  const pointers = [...new Set(useful.map((error) => error.instancePath))];
  const leaves = pointers.filter(
    (pointer) => !pointers.some((other) => other !== pointer && other.startsWith(`${pointer}/`)),
  );
  if (leaves.length === 0) {
    const pointer = errors[0]?.instancePath ?? '';
    return [
      [
        fieldName(pointer),
        'matches more than one accepted form',
        'keep only the fields of one form',
      ],
    ];
  }
  const lines = leaves.map((pointer) =>
    describeOne(
      useful.filter((error) => error.instancePath === pointer),
      pointer,
      state,
    ),
  );
  const seen = new Set<string>();
  return lines.filter(([field, what]) => {
    const key = `${field}\0${what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
