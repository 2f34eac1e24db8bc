/**
 * Builds large, valid state machine definitions of a chosen size, for benchmarks and scale tests
 * of `check` and `wrap` (500, 5,000, 50,000 states...). Deterministic: the same options give the
 * same definition.
 *
 * The top level is a spine of work states in a fixed rotation: Task, Choice, Pass, Wait,
 * Parallel (two one-state branches), Map (a one-state item processor), ... Every Choice also has
 * a rule back to the state before it, so the graph has cycles (with exits), as real retry loops
 * do. The spine ends in the Closer states.
 *
 * @example
 * import { generateDefinition } from '../test/support/generateDefinition.ts';
 * const definition = generateDefinition({ states: 5_000 });
 * checkDefinition(definition); // []
 */
export interface GenerateOptions {
  /** Total number of states, nested ones included (at least 8). */
  readonly states: number;
  /**
   * `true` (default): the definition follows the Closer contract. `false`: Tasks, Parallels and
   * Maps have no catcher and Choices no Default, so `check` has a finding for most states.
   */
  readonly compliant?: boolean;
}

type State = Record<string, unknown>;

const WORK_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Work';
const CLOSER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';
const ROTATION = ['Task', 'Choice', 'Pass', 'Wait', 'Parallel', 'Map', 'Task', 'Pass'] as const;
const COST: Record<(typeof ROTATION)[number], number> = {
  Task: 1,
  Choice: 1,
  Pass: 1,
  Wait: 1,
  Parallel: 3,
  Map: 2,
};

/** Generates a definition with exactly `options.states` states. */
export function generateDefinition(options: GenerateOptions): {
  StartAt: string;
  States: Record<string, State>;
} {
  const compliant = options.compliant ?? true;
  const closer = closerSection(compliant);
  const budget = options.states - Object.keys(closer).length;
  if (budget < 2) throw new RangeError('generateDefinition needs at least 8 states.');
  const kinds: (typeof ROTATION)[number][] = [];
  let used = 0;
  for (let index = 0; used < budget; index++) {
    const kind = ROTATION[index % ROTATION.length] ?? 'Pass';
    // Fill the last slots with Pass states so the total is exact.
    const fitted = used + COST[kind] <= budget ? kind : 'Pass';
    kinds.push(fitted);
    used += COST[fitted];
  }
  const name = (index: number): string => `S${index}`;
  const states: Record<string, State> = {};
  kinds.forEach((kind, index) => {
    const next = index + 1 < kinds.length ? name(index + 1) : 'Closer:Send';
    const previous = index > 0 ? name(index - 1) : next;
    states[name(index)] = workState(kind, name(index), next, previous, compliant);
  });
  return { StartAt: name(0), States: { ...states, ...closer } };
}

function workState(
  kind: (typeof ROTATION)[number],
  name: string,
  next: string,
  previous: string,
  compliant: boolean,
): State {
  const catcher = compliant
    ? {
        Catch: [
          {
            ErrorEquals: ['States.ALL'],
            ResultPath: `$.errors.${name}`,
            Next: 'Closer:MarkFailed',
          },
        ],
      }
    : {};
  switch (kind) {
    case 'Task':
      return {
        Type: 'Task',
        Resource: WORK_ARN,
        ResultPath: `$.results.${name}`,
        ...catcher,
        Next: next,
      };
    case 'Choice':
      return {
        Type: 'Choice',
        Choices: [
          { Variable: '$.retry', IsPresent: true, Next: previous },
          { Not: { Variable: '$.retry', IsPresent: true }, Next: next },
        ],
        ...(compliant ? { Default: 'Closer:MarkFailed' } : {}),
      };
    case 'Pass':
      return { Type: 'Pass', Result: { step: name }, ResultPath: `$.results.${name}`, Next: next };
    case 'Wait':
      return { Type: 'Wait', Seconds: 1, Next: next };
    case 'Parallel':
      return {
        Type: 'Parallel',
        Branches: [0, 1].map((branch) => ({
          StartAt: `${name}B${branch}`,
          States: { [`${name}B${branch}`]: { Type: 'Task', Resource: WORK_ARN, End: true } },
        })),
        ResultPath: null,
        ...catcher,
        Next: next,
      };
    case 'Map':
      return {
        Type: 'Map',
        ItemsPath: '$.initial.items',
        ItemProcessor: {
          StartAt: `${name}Item`,
          States: { [`${name}Item`]: { Type: 'Task', Resource: WORK_ARN, End: true } },
        },
        ResultPath: null,
        ...catcher,
        Next: next,
      };
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown kind ${String(unknown)}`);
    }
  }
}

/** The Closer states (as `closerStates` writes them), without MarkFailed when nothing uses it. */
function closerSection(compliant: boolean): Record<string, State> {
  return {
    'Closer:Send': {
      Type: 'Task',
      Resource: CLOSER_ARN,
      ResultPath: '$.meta.status',
      Retry: [
        {
          ErrorEquals: ['Closer.ParentUnreachable', 'Lambda.ServiceException'],
          IntervalSeconds: 5,
          MaxAttempts: 3,
          BackoffRate: 2.1,
        },
      ],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: '$.errors.CloserSend',
          Next: 'Closer:DeadLetter',
        },
      ],
      Next: 'Closer:Choice',
    },
    'Closer:Choice': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.meta.status.message', StringEquals: 'SUCCEEDED', Next: 'Closer:Success' },
      ],
      Default: 'Closer:Fail',
    },
    'Closer:Success': { Type: 'Succeed' },
    'Closer:Fail': {
      Type: 'Fail',
      ErrorPath: '$.meta.status.error',
      CausePath: '$.meta.status.cause',
    },
    'Closer:DeadLetter': { Type: 'Fail', Error: 'Closer.DeadLetter' },
    ...(compliant
      ? {
          'Closer:MarkFailed': {
            Type: 'Pass',
            Result: false,
            ResultPath: '$.meta.status',
            Next: 'Closer:Send',
          },
        }
      : {}),
  };
}
