import { type QueryLanguage, STATE_TYPES, type StateType } from './correctedAslSchemas.ts';
import { describeSchemaErrors } from './describeSchemaErrors.ts';
import { describeValue } from './describeValue.ts';
import { isPlaceholder } from './isArn.ts';
import { stateValidator } from './stateValidators.ts';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One line per problem: where, which field, what is wrong, what would fix it. */
export function problemLine(where: string, field: string, what: string, fix: string): string {
  const place = field === '' ? where : `${where}, ${field}`;
  return `${place}: ${what}. Fix: ${fix}.`;
}

/** Fields of a top-level machine, of a Parallel branch, and of a Map's ItemProcessor. */
const MACHINE_FIELDS = {
  root: ['Comment', 'StartAt', 'States', 'Version', 'TimeoutSeconds', 'QueryLanguage'],
  Branch: ['Comment', 'StartAt', 'States'],
  ItemProcessor: ['Comment', 'StartAt', 'States', 'ProcessorConfig'],
  Iterator: ['Comment', 'StartAt', 'States', 'ProcessorConfig'],
} as const;

/** Pairs of which a state may have at most one (exactly one for Wait), as Step Functions requires. */
const AT_MOST_ONE: readonly [StateType, readonly string[]][] = [
  ['Task', ['TimeoutSeconds', 'TimeoutSecondsPath']],
  ['Task', ['HeartbeatSeconds', 'HeartbeatSecondsPath']],
  ['Map', ['ItemSelector', 'Parameters']],
  ['Map', ['ItemProcessor', 'Iterator']],
  ['Map', ['Items', 'ItemsPath']],
  ['Map', ['MaxConcurrency', 'MaxConcurrencyPath']],
  ['Map', ['ToleratedFailureCount', 'ToleratedFailureCountPath']],
  ['Map', ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath']],
  ['Fail', ['Cause', 'CausePath']],
  ['Fail', ['Error', 'ErrorPath']],
  ['Wait', ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']],
];

/** Fields that hold a number: a whole `${Name}` there is replaced before deployment. */
const NUMBER_FIELDS = new Set([
  'Seconds',
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'MaxConcurrency',
  'ToleratedFailureCount',
  'ToleratedFailurePercentage',
  'IntervalSeconds',
  'MaxAttempts',
  'BackoffRate',
  'MaxDelaySeconds',
]);

/**
 * What the schema validator sees of a state: its own fields, its query language written in
 * (asl-validator's schemas require it), nested machines replaced by a one-state stand-in (they
 * are checked state by state on their own, so each error is reported once and the work stays
 * linear), and whole `${Name}` placeholders in number fields replaced by a number.
 */
function schemaView(state: JsonObject, language: QueryLanguage): JsonObject {
  const stub = { StartAt: 'S', States: { S: { Type: 'Succeed', QueryLanguage: language } } };
  const view: JsonObject = { ...state, QueryLanguage: language };
  if (Array.isArray(state['Branches'])) view['Branches'] = state['Branches'].map(() => stub);
  for (const field of ['ItemProcessor', 'Iterator']) {
    const processor = state[field];
    if (isObject(processor)) view[field] = { ...processor, ...stub };
  }
  for (const field of NUMBER_FIELDS) {
    const value = view[field];
    if (typeof value === 'string' && isPlaceholder(value)) view[field] = 1;
  }
  if (Array.isArray(state['Retry'])) {
    view['Retry'] = state['Retry'].map((retrier) =>
      isObject(retrier)
        ? Object.fromEntries(
            Object.entries(retrier).map(([key, value]) => [
              key,
              NUMBER_FIELDS.has(key) && typeof value === 'string' && isPlaceholder(value)
                ? 1
                : value,
            ]),
          )
        : retrier,
    );
  }
  return view;
}

/** The state names a state can go to, with the field that names each. */
function transitions(state: JsonObject): [string, unknown][] {
  const targets: [string, unknown][] = [];
  if ('Next' in state) targets.push(['Next', state['Next']]);
  if ('Default' in state) targets.push(['Default', state['Default']]);
  for (const field of ['Choices', 'Catch']) {
    const list = state[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      if (isObject(item) && 'Next' in item) targets.push([`${field}[${index}].Next`, item['Next']]);
    });
  }
  return targets;
}

interface Walk {
  readonly problems: string[];
  /** Every state name seen so far, with its path: names are unique across a whole machine. */
  readonly names: Map<string, string>;
}

/**
 * Our own reading of a (sub-)machine: its fields, its states' shapes (through asl-validator's
 * corrected schemas, one state at a time), transitions, reachability and terminal states. Never
 * throws on any JSON: a validator exception becomes a problem naming the state.
 */
function checkMachine(
  machine: unknown,
  where: string,
  kind: keyof typeof MACHINE_FIELDS,
  inherited: QueryLanguage,
  walk: Walk,
): void {
  const prefix = where === '' ? '' : `${where}/`;
  const label = where === '' ? 'The definition' : where;
  if (!isObject(machine)) {
    walk.problems.push(
      problemLine(
        label,
        '',
        `is ${describeValue(machine)}, but must be an object`,
        'write an object with StartAt and States',
      ),
    );
    return;
  }
  for (const field of Object.keys(machine)) {
    if (!(MACHINE_FIELDS[kind] as readonly string[]).includes(field)) {
      walk.problems.push(
        problemLine(
          label,
          field,
          'is not a field Step Functions accepts here',
          `remove ${field} or correct its spelling (fields are case-sensitive)`,
        ),
      );
    }
  }
  let language = inherited;
  if (kind === 'root') {
    const own = machine['QueryLanguage'];
    if (own === 'JSONPath' || own === 'JSONata') language = own;
    else if (own !== undefined)
      walk.problems.push(
        problemLine(
          label,
          'QueryLanguage',
          `is ${describeValue(own)}, but must be "JSONPath" or "JSONata"`,
          'write "JSONPath" or "JSONata" (case-sensitive)',
        ),
      );
    if ('Comment' in machine && typeof machine['Comment'] !== 'string')
      walk.problems.push(
        problemLine(
          label,
          'Comment',
          `is ${describeValue(machine['Comment'])}, but must be a string`,
          'write a string',
        ),
      );
    if ('Version' in machine && typeof machine['Version'] !== 'string')
      walk.problems.push(
        problemLine(
          label,
          'Version',
          `is ${describeValue(machine['Version'])}, but must be a string`,
          'write "1.0"',
        ),
      );
    const timeout = machine['TimeoutSeconds'];
    if (
      timeout !== undefined &&
      !(Number.isInteger(timeout) && (timeout as number) >= 0) &&
      !(typeof timeout === 'string' && isPlaceholder(timeout))
    ) {
      walk.problems.push(
        problemLine(
          label,
          'TimeoutSeconds',
          `is ${describeValue(timeout)}, but must be a whole number of seconds`,
          'write an integer of 0 or more',
        ),
      );
    }
  }
  const states = machine['States'];
  if (!isObject(states) || Object.keys(states).length === 0) {
    walk.problems.push(
      problemLine(
        label,
        'States',
        states === undefined
          ? 'is missing'
          : `is ${describeValue(states)}, but must be an object with at least one state`,
        'add States: an object of states by name',
      ),
    );
    return;
  }
  const startAt = machine['StartAt'];
  if (typeof startAt !== 'string') {
    walk.problems.push(
      problemLine(
        label,
        'StartAt',
        startAt === undefined
          ? 'is missing'
          : `is ${describeValue(startAt)}, but must be a state name`,
        'name the first state in StartAt',
      ),
    );
  } else if (!(startAt in states)) {
    walk.problems.push(
      problemLine(
        label,
        'StartAt',
        `names "${startAt}", which is not a state here`,
        `name one of ${Object.keys(states)
          .slice(0, 5)
          .map((name) => `"${name}"`)
          .join(', ')}`,
      ),
    );
  }
  const edges = new Map<string, string[]>();
  for (const [name, state] of Object.entries(states)) {
    const path = `${prefix}${name}`;
    edges.set(name, []);
    // State names: 1 to 80 characters, unique in the whole machine ("States", ASL specification).
    if (name.length > 80)
      walk.problems.push(
        problemLine(
          path,
          '',
          `the name has ${name.length} characters, over the limit of 80`,
          'shorten the name',
        ),
      );
    const earlier = walk.names.get(name);
    if (earlier !== undefined)
      walk.problems.push(
        problemLine(
          path,
          '',
          `the name is also used by ${earlier}; state names must be unique in the whole state machine`,
          'rename one of them',
        ),
      );
    else walk.names.set(name, path);
    if (!isObject(state)) {
      walk.problems.push(
        problemLine(
          path,
          '',
          `is ${describeValue(state)}, but a state must be an object`,
          'write the state as an object with a Type',
        ),
      );
      continue;
    }
    const type = state['Type'];
    if (!(STATE_TYPES as readonly unknown[]).includes(type)) {
      walk.problems.push(
        problemLine(
          path,
          'Type',
          `is ${describeValue(type)}, but must be one of ${STATE_TYPES.join(', ')}`,
          'write one of those types (case-sensitive)',
        ),
      );
      continue;
    }
    let stateLanguage = language;
    const own = state['QueryLanguage'];
    if (own === 'JSONPath' || own === 'JSONata') {
      // A JSONata machine may not contain JSONPath states ("QueryLanguage", Step Functions docs).
      if (own === 'JSONPath' && language === 'JSONata') {
        walk.problems.push(
          problemLine(
            path,
            'QueryLanguage',
            'is "JSONPath" inside a JSONata state machine, which Step Functions refuses',
            'write the state in JSONata, or make the machine JSONPath and set QueryLanguage "JSONata" on its JSONata states',
          ),
        );
      }
      stateLanguage = own;
    } else if (own !== undefined) {
      walk.problems.push(
        problemLine(
          path,
          'QueryLanguage',
          `is ${describeValue(own)}, but must be "JSONPath" or "JSONata"`,
          'write "JSONPath" or "JSONata" (case-sensitive)',
        ),
      );
    }
    checkStateShape(state, type as StateType, stateLanguage, path, walk);
    for (const [field, target] of transitions(state)) {
      if (typeof target !== 'string') continue; // the schema reports the type
      if (target in states) (edges.get(name) as string[]).push(target);
      else
        walk.problems.push(
          problemLine(
            path,
            field,
            `names "${target}", which is not a state ${where === '' ? 'of the state machine' : `in ${where}`}`,
            `name an existing state${where === '' ? '' : ' of the same branch'} or add a state "${target}"`,
          ),
        );
    }
    const terminal = type === 'Succeed' || type === 'Fail' || type === 'Choice';
    if (!terminal && 'Next' in state === (state['End'] === true)) {
      walk.problems.push(
        problemLine(
          path,
          'Next/End',
          'Next' in state ? 'has both Next and End' : 'has neither Next nor End',
          'give the state either "Next": "<state>" or "End": true',
        ),
      );
    }
    for (const [ofType, fields] of AT_MOST_ONE) {
      if (type !== ofType) continue;
      const present = fields.filter((field) => field in state);
      if (present.length > 1)
        walk.problems.push(
          problemLine(
            path,
            present.join('/'),
            `has ${present.join(' and ')}, which exclude each other`,
            `keep one of ${fields.join(', ')}`,
          ),
        );
      if (ofType === 'Wait' && present.length === 0)
        walk.problems.push(
          problemLine(
            path,
            fields.join('/'),
            'is missing: a Wait needs one of them',
            `add one of ${fields.join(', ')}`,
          ),
        );
    }
    if (type === 'Parallel') {
      const branches = state['Branches'];
      if (Array.isArray(branches)) {
        branches.forEach((branch, index) => {
          checkMachine(branch, `${path}/Branch[${index}]`, 'Branch', stateLanguage, walk);
        });
      }
    }
    if (type === 'Map') {
      for (const field of ['ItemProcessor', 'Iterator'] as const) {
        if (isObject(state[field]))
          checkMachine(state[field], `${path}/${field}`, field, stateLanguage, walk);
      }
    }
  }
  // Every state must be reachable from StartAt (Step Functions refuses a definition that is not).
  if (typeof startAt === 'string' && startAt in states) {
    const reached = new Set([startAt]);
    const queue = [startAt];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const target of edges.get(next) ?? []) {
        if (!reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const name of Object.keys(states)) {
      if (!reached.has(name))
        walk.problems.push(
          problemLine(
            `${prefix}${name}`,
            '',
            `cannot be reached from StartAt "${startAt}"`,
            'point a Next, Default, Choices or Catch to it, or remove it',
          ),
        );
    }
  }
}

function checkStateShape(
  state: JsonObject,
  type: StateType,
  language: QueryLanguage,
  path: string,
  walk: Walk,
): void {
  const validate = stateValidator(`${type}:${language}`);
  if (validate === undefined) return;
  try {
    const view = schemaView(state, language);
    if (validate(view)) return;
    for (const [field, what, fix] of describeSchemaErrors(validate.errors ?? [], view)) {
      walk.problems.push(problemLine(path, field, what, fix));
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    walk.problems.push(
      problemLine(
        path,
        '',
        `could not be validated (${reason})`,
        'check its fields against the Amazon States Language specification',
      ),
    );
  }
}

/**
 * Every problem Step Functions would refuse the definition for, as one line each, in
 * definition order. An empty list means it is valid.
 *
 * @example
 * definitionProblems({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' } } });
 * // ['A, Next: names "B", which is not a state of the state machine. Fix: ...']
 */
export function definitionProblems(definition: unknown): string[] {
  const walk: Walk = { problems: [], names: new Map() };
  checkMachine(definition, '', 'root', 'JSONPath', walk);
  return walk.problems;
}
