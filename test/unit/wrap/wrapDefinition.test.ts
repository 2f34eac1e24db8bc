import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../src/cli/check/checkDefinition.ts';
import type { Json } from '../../../src/cli/check/Json.ts';
import { validateDefinition } from '../../../src/cli/check/validateDefinition.ts';
import { closerStates } from '../../../src/cli/wrap/closerStates.ts';
import { isCurrentCloserSend } from '../../../src/cli/wrap/upgradeCloserSend.ts';
import { WrapError, wrapDefinition } from '../../../src/cli/wrap/wrapDefinition.ts';
import {
  CLOSER_ARN,
  definitionFixture,
  definitionFixtures,
} from '../../support/definitionFixtures.ts';
import { generateDefinition } from '../../support/generateDefinition.ts';

const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';
/** What a JSONPath catch-all records: the error output and the failing state's name. */
const CAUGHT = { 'subStepCaught.$': '$', 'subStepCaughtState.$': '$$.State.Name' };
const wrap = (definition: object, closerName?: string) =>
  wrapDefinition(
    definition,
    closerName === undefined ? { closerArn: CLOSER_ARN } : { closerArn: CLOSER_ARN, closerName },
  );
const errorsOf = (definition: object) =>
  checkDefinition(definition).filter((item) => item.severity === 'error');
type States = Record<string, Record<string, unknown>>;
const statesOf = (definition: object) => (definition as { States: States }).States;
const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

/** Broken fixtures that wrap cannot mend, and why. */
const UNMENDABLE: Record<string, string> = {
  'closer-missing-not-a-task.json': 'a state holds the Closer name but is not a Task',
  'escapes-closer-loop.json': 'an endless loop has no exit to route',
  'parent-wait-without-timeout-jsonata.json': 'only the author knows the token and timeout',
  'parent-wait-without-timeout-no-timeout.json': 'only the author knows the timeout',
  'parent-wait-without-timeout-no-token.json': 'only the author knows the Input',
};
const mendable = definitionFixtures('broken').filter((fixture) => !(fixture.name in UNMENDABLE));

describe('wrapDefinition on the fixtures', () => {
  it.each(mendable.map((fixture) => [fixture.name, fixture.definition]))(
    'mends %s: check finds no error in the result',
    (_name, definition) => {
      expect(errorsOf(wrap(definition))).toEqual([]);
    },
  );

  it.each(mendable.map((fixture) => [fixture.name, fixture.definition]))(
    'changes nothing when it wraps its own output of %s',
    (_name, definition) => {
      const wrapped = wrap(definition);
      expect(wrap(wrapped)).toEqual(wrapped);
      expect(JSON.stringify(wrap(wrapped))).toBe(JSON.stringify(wrapped));
    },
  );

  it.each(mendable.map((fixture) => [fixture.name, fixture.definition]))(
    'gives asl-validator a valid definition for %s',
    (_name, definition) => {
      expect(validateDefinition(wrap(definition))).toEqual({ valid: true });
    },
  );

  it.each(
    definitionFixtures('compliant')
      // The original pattern's section is upgraded: see 'wrapDefinition on an earlier Closer section'.
      .filter((fixture) => fixture.name !== 'seed-closer.json')
      .map((fixture) => [fixture.name, fixture.definition]),
  )('leaves the compliant fixture %s as it is', (_name, definition) => {
    expect(wrap(definition)).toEqual(definition);
  });

  it('does not modify its input', () => {
    const definition = definitionFixture('broken/escapes-closer-fail.json');
    const copy = structuredClone(definition);
    wrap(definition);
    expect(definition).toEqual(copy);
  });

  it('leaves what it cannot mend for check to report', () => {
    const wrapped = wrap(definitionFixture('broken/parent-wait-without-timeout-no-timeout.json'));
    expect(errorsOf(wrapped).map((item) => item.rule)).toEqual(['parent-wait-without-timeout']);
  });

  it('refuses a Closer name held by a state that is not a Task', () => {
    expect(() => wrap(definitionFixture('broken/closer-missing-not-a-task.json'))).toThrow(
      new WrapError('Closer:Send is a Pass state, not a Task: rename it or pass --closer.'),
    );
  });
});

describe('wrapDefinition', () => {
  it('adds the Closer states a bare machine lacks, and marks failures before the Closer', () => {
    const states = statesOf(wrap(definitionFixture('broken/closer-missing-no-closer.json')));
    expect(Object.keys(states)).toEqual([
      'Work',
      'Closer:Send',
      'Closer:Choice',
      'Closer:Success',
      'Closer:Fail',
      'Closer:DeadLetter',
      'Closer:MarkFailed',
    ]);
    expect(states['Work']).toEqual({
      Type: 'Task',
      Resource: WORK,
      Next: 'Closer:Send',
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          ResultPath: null,
          Assign: CAUGHT,
          Next: 'Closer:MarkFailed',
        },
      ],
    });
  });

  it('keeps existing catchers first and appends the catch-all', () => {
    const states = statesOf(
      wrap(definitionFixture('broken/missing-catch-all-parallel-specific-catcher.json')),
    );
    expect(states['Fan']?.['Catch']).toEqual([
      { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.errors.Fan', Next: 'Closer:MarkFailed' },
      { ErrorEquals: ['States.ALL'], ResultPath: null, Assign: CAUGHT, Next: 'Closer:MarkFailed' },
    ]);
  });

  it('redirects a catch-all that never reaches the Closer', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: WORK,
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Work', Next: 'Spin' }],
            Next: 'Done',
          },
          Spin: { Type: 'Pass', Next: 'Spin' },
          Done: { Type: 'Succeed' },
        },
      }),
    );
    expect(states['Work']?.['Catch']).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: null, Assign: CAUGHT, Next: 'Closer:MarkFailed' },
    ]);
  });

  it('keeps its own ResultPath on a catch-all it redirects, and records the error too', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: WORK,
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.oops', Next: 'Spin' }],
            End: true,
          },
          Spin: { Type: 'Pass', Next: 'Spin' },
        },
      }),
    );
    expect(states['Work']?.['Catch']).toEqual([
      {
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.oops',
        Next: 'Closer:MarkFailed',
        Assign: CAUGHT,
      },
    ]);
  });

  it('turns a Succeed into a Pass into the Closer, keeping its other fields', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Done',
        States: { Done: { Type: 'Succeed', Comment: 'all good', OutputPath: '$.result' } },
      }),
    );
    expect(states['Done']).toEqual({
      Type: 'Pass',
      Comment: 'all good',
      OutputPath: '$.result',
      Next: 'Closer:Send',
    });
  });

  it('replaces End with Next in place', () => {
    const states = statesOf(wrap(definitionFixture('broken/escapes-closer-end.json')));
    expect(Object.keys(states['Work'] ?? {})).toEqual([
      'Type',
      'Resource',
      'ResultPath',
      'Catch',
      'Next',
    ]);
    expect(states['Work']?.['Next']).toBe('Closer:Send');
  });

  it('turns a Fail into a Pass that records its Error and Cause as the failure, then marks the child failed', () => {
    const states = statesOf(wrap(definitionFixture('broken/escapes-closer-fail.json')));
    expect(states['Rejected']).toEqual({
      Type: 'Pass',
      Assign: { subStepFailure: { Error: 'Order.Missing', Cause: 'The input has no order.' } },
      Next: 'Closer:MarkFailed',
    });
    expect(states['Closer:MarkFailed']).toMatchObject({
      QueryLanguage: 'JSONata',
      Type: 'Pass',
      Assign: { subStepFailed: true },
      Next: 'Closer:Send',
    });
  });

  it('carries a Fail ErrorPath and CausePath over as Assign paths', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Failed',
        States: {
          Failed: { Type: 'Fail', ErrorPath: "States.Format('E.{}', $.code)", CausePath: '$.why' },
        },
      }),
    );
    expect(states['Failed']).toEqual({
      Type: 'Pass',
      Assign: {
        subStepFailure: { 'Error.$': "States.Format('E.{}', $.code)", 'Cause.$': '$.why' },
      },
      Next: 'Closer:MarkFailed',
    });
  });

  it('routes a Fail with neither error nor cause to the mark-failed state with an empty failure', () => {
    const states = statesOf(wrap({ StartAt: 'Failed', States: { Failed: { Type: 'Fail' } } }));
    expect(states['Failed']).toEqual({
      Type: 'Pass',
      Assign: { subStepFailure: {} },
      Next: 'Closer:MarkFailed',
    });
  });

  it('turns a JSONata Fail into a Pass that assigns its Error and Cause expressions', () => {
    const states = statesOf(wrap(definitionFixture('broken/escapes-closer-jsonata-fail.json')));
    expect(states['Rejected']).toEqual({
      Type: 'Pass',
      Assign: {
        subStepFailure: {
          Error: "{% 'Order.' & $states.input.kind %}",
          Cause: 'The order was rejected.',
        },
      },
      Next: 'Closer:MarkFailed',
    });
  });

  it('writes every added state of a JSONata machine in JSONata', () => {
    const wrapped = wrap(definitionFixture('broken/closer-missing-no-closer.json'));
    const jsonata = wrap({
      ...definitionFixture('broken/closer-missing-no-closer.json'),
      QueryLanguage: 'JSONata',
    });
    expect(JSON.stringify(wrapped)).toContain('"ResultPath"');
    expect(JSON.stringify(jsonata)).not.toMatch(
      /"(ResultPath|ErrorPath|CausePath|Variable|QueryLanguage":"JSONPath)"/,
    );
    expect(statesOf(jsonata)['Work']?.['Catch']).toEqual([
      {
        ErrorEquals: ['States.ALL'],
        Assign: {
          subStepCaught: '{% $states.errorOutput %}',
          subStepCaughtState: '{% $states.context.State.Name %}',
        },
        Output: '{% $states.input %}',
        Next: 'Closer:MarkFailed',
      },
    ]);
  });

  it('gives a top-level Choice a Default that records States.NoChoiceMatched', () => {
    const states = statesOf(wrap(definitionFixture('broken/choice-without-default-top.json')));
    expect(states['Route']?.['Default']).toBe('Closer:NoChoiceMatched');
    expect(states['Closer:NoChoiceMatched']).toEqual({
      QueryLanguage: 'JSONata',
      Type: 'Pass',
      Assign: {
        subStepFailure: {
          Error: 'States.NoChoiceMatched',
          Cause: 'No Choices rule matched the input, and the Choice had no Default.',
        },
      },
      Next: 'Closer:MarkFailed',
    });
  });

  it('gives a nested Choice a Default that fails its branch', () => {
    const wrapped = wrap(definitionFixture('broken/choice-without-default-in-map.json'));
    const branches = statesOf(wrapped)['Fan']?.['Branches'] as { States: States }[];
    const branch = branches[0];
    const processor = branch?.States['EachItem']?.['ItemProcessor'] as { States: States };
    expect(processor.States['Decide']?.['Default']).toBe('Decide:NoMatch');
    expect(processor.States['Decide:NoMatch']).toEqual({
      Type: 'Fail',
      Error: 'States.NoChoiceMatched',
      Cause: 'No Choices rule of Decide matched its input.',
    });
  });

  it('uses the Closer name it is given', () => {
    const states = statesOf(
      wrap(definitionFixture('broken/closer-missing-no-closer.json'), 'Finish'),
    );
    expect(states['Work']?.['Next']).toBe('Finish');
    expect(Object.keys(states)).toContain('Finish:MarkFailed');
    expect(checkDefinition({ StartAt: 'Work', States: states }, { closerName: 'Finish' })).toEqual(
      [],
    );
  });

  it('mends a generated 5,000-state non-compliant definition', () => {
    const wrapped = wrap(generateDefinition({ states: 5_000, compliant: false }));
    expect(errorsOf(wrapped)).toEqual([]);
  });
});

describe('wrapDefinition on an earlier Closer section', () => {
  const seed = readJson('test/fixtures/seed-child.asl.json');
  const current = closerStates({ closerArn: CLOSER_ARN });

  it("upgrades the original pattern's section, verbatim, to one that passes check", () => {
    const wrapped = wrap(seed);
    expect(validateDefinition(wrapped)).toEqual({ valid: true });
    expect(errorsOf(wrapped)).toEqual([]);
    expect(isCurrentCloserSend(statesOf(wrapped)['Closer:Send'] as Json)).toBe(true);
  });

  it('is idempotent on the upgraded section', () => {
    const once = wrap(seed);
    expect(wrap(once)).toEqual(once);
  });

  it('keeps the deployed function, and the catch-all target the user chose', () => {
    const send = statesOf(wrap(seed))['Closer:Send'];
    expect(send?.['Resource']).toBe('arn:aws:lambda:us-west-2:379633348023:function:SubStepCloser');
    expect(send?.['Catch']).toEqual([
      {
        ...((current['Closer:Send']?.['Catch'] ?? []) as object[])[0],
        Next: 'QueryableActivity:DeadLetter:ShimPass',
      },
    ]);
  });

  it('replaces the original States.ALL retrier, which would retry a refused signal', () => {
    const send = statesOf(wrap(seed))['Closer:Send'];
    expect(send?.['Retry']).toEqual(current['Closer:Send']?.['Retry']);
  });

  it('keeps retriers and catchers the user added, rewritten for a JSONata state', () => {
    const own = {
      ...seed,
      States: {
        ...(seed['States'] as object),
        'Closer:Send': {
          ...(statesOf(seed)['Closer:Send'] as object),
          Retry: [
            { ErrorEquals: ['Lambda.Throttled'], MaxAttempts: 9 },
            { ErrorEquals: ['States.ALL'], MaxAttempts: 1 },
          ],
          Catch: [
            {
              ErrorEquals: ['Closer.ParentRejected'],
              ResultPath: '$.rejected',
              Next: 'Closer:Fail',
            },
            { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.CloserSend', Next: 'Gone' },
          ],
        },
      },
    };
    const send = statesOf(wrap(own))['Closer:Send'];
    const retry = send?.['Retry'] as { ErrorEquals: string[] }[];
    expect(retry.map((retrier) => retrier.ErrorEquals[0])).toEqual([
      'Lambda.Throttled',
      'Closer.ParentUnreachable',
      'States.ALL',
    ]);
    expect(((send?.['Catch'] ?? []) as object[])[0]).toEqual({
      ErrorEquals: ['Closer.ParentRejected'],
      Next: 'Closer:Fail',
      Assign: { subStepCloserError: '{% $states.errorOutput %}' },
      Output: '{% $states.input %}',
    });
    // 'Gone' does not exist: the catch-all leads to the dead-letter state, which wrap adds.
    expect(((send?.['Catch'] ?? []) as { Next: string }[])[1]?.Next).toBe('Closer:DeadLetter');
    expect(statesOf(wrap(own))['Closer:DeadLetter']).toEqual(current['Closer:DeadLetter']);
  });

  it('replaces the Closer states that read the result from $.meta.status', () => {
    const states = statesOf(wrap(seed));
    for (const name of ['Closer:Choice', 'Closer:Success', 'Closer:Fail']) {
      expect(states[name]).toEqual(current[name]);
    }
  });

  it('upgrades the catch-alls an earlier wrap added to keep any payload', () => {
    const earlier = {
      StartAt: 'Work',
      States: {
        ...statesOf(seed),
        Work: {
          Type: 'Task',
          Resource: WORK,
          Catch: [
            { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Work', Next: 'Closer:MarkFailed' },
          ],
          Next: 'Closer:Send',
        },
        'Closer:MarkFailed': {
          Type: 'Pass',
          Result: false,
          ResultPath: '$.meta.status',
          Next: 'Closer:Send',
        },
      },
    };
    const states = statesOf(wrap(earlier));
    expect(states['Work']?.['Catch']).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: null, Next: 'Closer:MarkFailed', Assign: CAUGHT },
    ]);
    expect(states['Closer:MarkFailed']).toEqual(current['Closer:MarkFailed']);
  });
});
