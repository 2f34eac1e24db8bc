import fc from 'fast-check';

/**
 * fast-check arbitraries for valid state machine definitions: random graphs of Pass, Task,
 * Choice, Wait, Succeed, Fail, Parallel and Map states with random Next, End and Catch, nested
 * branches and item processors, in JSONPath or JSONata.
 *
 * Shape: each machine has a spine of work states, each moving on to the next (the last one ends,
 * or goes to an end state), plus Succeed/Fail leaves. Choice rules, Defaults and catchers then
 * point at random states, back edges included. Because every spine state has a way forward, no
 * state is stuck in a loop, and because every state is named by some transition, asl-validator
 * accepts every definition.
 */

type WorkKind = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Parallel' | 'Map';
type QueryLanguage = 'JSONPath' | 'JSONata';
type State = Record<string, unknown>;

interface CatcherPlan {
  readonly errors: 'States.ALL' | 'States.TaskFailed' | 'Custom.Error';
  readonly target: number;
  readonly keepsPayload: boolean;
}

interface WorkPlan {
  readonly kind: WorkKind;
  readonly fancyName: boolean;
  /** Task only: a JSONata state inside a JSONPath machine. */
  readonly jsonataState: boolean;
  readonly extraTargets: readonly number[];
  readonly defaultTarget: number | null;
  readonly catchers: readonly CatcherPlan[];
  readonly catchAll: CatcherPlan | null;
  readonly legacyIterator: boolean;
  readonly children: readonly MachinePlan[];
}

interface LeafPlan {
  readonly kind: 'Succeed' | 'Fail';
  readonly fancyName: boolean;
  readonly failStyle: 'literal' | 'path' | 'none';
}

interface MachinePlan {
  readonly spine: readonly WorkPlan[];
  readonly leaves: readonly LeafPlan[];
  readonly endsInLeaf: boolean;
}

const WORK_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:Work';

function catcherArbitrary(errors: fc.Arbitrary<CatcherPlan['errors']>): fc.Arbitrary<CatcherPlan> {
  return fc.record({ errors, target: fc.nat(), keepsPayload: fc.boolean() });
}

function machineArbitrary(depth: number): fc.Arbitrary<MachinePlan> {
  const kinds: WorkKind[] =
    depth > 0
      ? ['Pass', 'Task', 'Choice', 'Wait', 'Parallel', 'Map']
      : ['Pass', 'Task', 'Choice', 'Wait'];
  const child = depth > 0 ? machineArbitrary(depth - 1) : fc.constant(undefined);
  const work: fc.Arbitrary<WorkPlan> = fc.record({
    kind: fc.constantFrom(...kinds),
    fancyName: fc.boolean(),
    jsonataState: fc.boolean(),
    extraTargets: fc.array(fc.nat(), { maxLength: 2 }),
    defaultTarget: fc.option(fc.nat()),
    catchers: fc.array(catcherArbitrary(fc.constantFrom('States.TaskFailed', 'Custom.Error')), {
      maxLength: 2,
    }),
    catchAll: fc.option(catcherArbitrary(fc.constant('States.ALL'))),
    legacyIterator: fc.boolean(),
    children: fc
      .array(child, { minLength: 1, maxLength: 2 })
      .map((items) => items.filter((item): item is MachinePlan => item !== undefined)),
  });
  const leaf: fc.Arbitrary<LeafPlan> = fc.record({
    kind: fc.constantFrom('Succeed', 'Fail'),
    fancyName: fc.boolean(),
    failStyle: fc.constantFrom('literal', 'path', 'none'),
  });
  return fc.record({
    spine: fc.array(work, { minLength: 1, maxLength: depth > 0 ? 7 : 3 }),
    leaves: fc.array(leaf, { maxLength: 3 }),
    endsInLeaf: fc.boolean(),
  });
}

/**
 * Valid definitions, up to two levels of nesting. Top-level `QueryLanguage` is JSONPath (absent)
 * or JSONata.
 *
 * @example
 * fc.assert(fc.property(arbitraryDefinition(), (definition) => { ... }));
 */
export function arbitraryDefinition(): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      queryLanguage: fc.constantFrom<QueryLanguage>('JSONPath', 'JSONata'),
      machine: machineArbitrary(2),
    })
    .map(({ queryLanguage, machine }) => {
      const built = buildMachine(machine, queryLanguage, { next: 0 });
      return queryLanguage === 'JSONata' ? { QueryLanguage: queryLanguage, ...built } : built;
    });
}

function buildMachine(
  plan: MachinePlan,
  topLanguage: QueryLanguage,
  counter: { next: number },
): { StartAt: string; States: Record<string, State> } {
  const name = (kind: string, fancy: boolean): string => {
    const id = counter.next++;
    return fancy ? `Step ${id}: ${kind.toLowerCase()}` : `${kind}${id}`;
  };
  const spineNames = plan.spine.map((work) => name(work.kind, work.fancyName));
  const leafNames = plan.leaves.map((leaf) => name(leaf.kind, leaf.fancyName));
  const all = [...spineNames, ...leafNames];
  const target = (index: number): string => all[index % all.length] as string;
  const states: Record<string, State> = {};
  plan.spine.forEach((work, index) => {
    const forward =
      spineNames[index + 1] ??
      (plan.endsInLeaf && leafNames[0] !== undefined ? leafNames[0] : undefined);
    const ownName = spineNames[index] as string;
    states[ownName] = buildWork(work, ownName, forward, target, topLanguage, counter);
  });
  plan.leaves.forEach((leaf, index) => {
    states[leafNames[index] as string] = buildLeaf(leaf, topLanguage);
  });
  // A state nothing names is invalid: name each leaf from a Choice, or drop it.
  const named = new Set(
    JSON.stringify(states)
      .match(/"(?:Next|Default)":"[^"]*"/g)
      ?.map((m) => JSON.parse(m.slice(m.indexOf(':') + 1)) as string),
  );
  const choice = Object.values(states).find((state) => state['Type'] === 'Choice');
  for (const leafName of leafNames) {
    if (named.has(leafName)) continue;
    if (choice === undefined) delete states[leafName];
    else (choice['Choices'] as State[]).push(choiceRule(leafName, topLanguage, 99));
  }
  return { StartAt: spineNames[0] as string, States: states };
}

function buildWork(
  work: WorkPlan,
  ownName: string,
  forward: string | undefined,
  target: (index: number) => string,
  topLanguage: QueryLanguage,
  counter: { next: number },
): State {
  const transition = forward === undefined ? { End: true } : { Next: forward };
  const language: QueryLanguage =
    work.kind === 'Task' && work.jsonataState ? 'JSONata' : topLanguage;
  const languageField = language !== topLanguage ? { QueryLanguage: language } : {};
  const catchers = [...work.catchers, ...(work.catchAll === null ? [] : [work.catchAll])].map(
    (catcher) => ({
      ErrorEquals: [catcher.errors],
      ...(catcher.keepsPayload
        ? language === 'JSONata'
          ? { Output: '{% $states.input %}' }
          : { ResultPath: `$.errors.c${counter.next}` }
        : {}),
      Next: target(catcher.target),
    }),
  );
  const catchField = catchers.length > 0 ? { Catch: catchers } : {};
  switch (work.kind) {
    case 'Pass':
      return { Type: 'Pass', ...transition };
    case 'Wait':
      return { Type: 'Wait', Seconds: 1, ...transition };
    case 'Task':
      return { Type: 'Task', ...languageField, Resource: WORK_ARN, ...catchField, ...transition };
    case 'Choice': {
      // A Choice cannot end: with nowhere to go forward it becomes an ending Pass.
      if (forward === undefined) return { Type: 'Pass', End: true };
      const rules = [forward, ...work.extraTargets.map(target)].map((next, index) =>
        choiceRule(next, topLanguage, index),
      );
      const fallback = work.defaultTarget === null ? {} : { Default: target(work.defaultTarget) };
      return { Type: 'Choice', Choices: rules, ...fallback };
    }
    case 'Parallel':
      return {
        Type: 'Parallel',
        Branches: work.children.map((child) => buildMachine(child, topLanguage, counter)),
        ...catchField,
        ...transition,
      };
    case 'Map': {
      const [child] = work.children;
      const inner =
        child === undefined
          ? {
              StartAt: `${ownName}Item`,
              States: { [`${ownName}Item`]: { Type: 'Pass', End: true } },
            }
          : buildMachine(child, topLanguage, counter);
      const legacy = work.legacyIterator && topLanguage === 'JSONPath';
      return {
        Type: 'Map',
        ...(legacy ? { Iterator: inner } : { ItemProcessor: inner }),
        ...catchField,
        ...transition,
      };
    }
    default: {
      const unknown: never = work.kind;
      throw new Error(`Unknown kind ${String(unknown)}`);
    }
  }
}

function choiceRule(next: string, language: QueryLanguage, value: number): State {
  return language === 'JSONata'
    ? { Condition: `{% $states.input.v = ${value} %}`, Next: next }
    : { Variable: '$.v', NumericEquals: value, Next: next };
}

function buildLeaf(leaf: LeafPlan, language: QueryLanguage): State {
  if (leaf.kind === 'Succeed') return { Type: 'Succeed' };
  switch (leaf.failStyle) {
    case 'literal':
      return { Type: 'Fail', Error: 'Custom.Failure', Cause: 'It failed.' };
    case 'path':
      return language === 'JSONata'
        ? { Type: 'Fail', Error: "{% 'Custom.' & $states.input.kind %}" }
        : { Type: 'Fail', ErrorPath: '$.problem.error', CausePath: '$.problem.cause' };
    case 'none':
      return { Type: 'Fail' };
    default: {
      const unknown: never = leaf.failStyle;
      throw new Error(`Unknown fail style ${String(unknown)}`);
    }
  }
}
