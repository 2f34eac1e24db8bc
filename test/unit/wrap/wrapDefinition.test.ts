import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../../../src/cli/check/checkDefinition.ts';
import { validateDefinition } from '../../../src/cli/check/validateDefinition.ts';
import { WrapError, wrapDefinition } from '../../../src/cli/wrap/wrapDefinition.ts';
import {
  CLOSER_ARN,
  definitionFixture,
  definitionFixtures,
} from '../../support/definitionFixtures.ts';
import { generateDefinition } from '../../support/generateDefinition.ts';

const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:Work';
const wrap = (definition: object, closerName?: string) =>
  wrapDefinition(
    definition,
    closerName === undefined ? { closerArn: CLOSER_ARN } : { closerArn: CLOSER_ARN, closerName },
  );
const errorsOf = (definition: object) =>
  checkDefinition(definition).filter((item) => item.severity === 'error');
type States = Record<string, Record<string, unknown>>;
const statesOf = (definition: object) => (definition as { States: States }).States;

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

  it.each(definitionFixtures('compliant').map((fixture) => [fixture.name, fixture.definition]))(
    'leaves the compliant fixture %s as it is',
    (_name, definition) => {
      expect(wrap(definition)).toEqual(definition);
    },
  );

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
        { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Work', Next: 'Closer:MarkFailed' },
      ],
    });
  });

  it('keeps existing catchers first and appends the catch-all', () => {
    const states = statesOf(
      wrap(definitionFixture('broken/missing-catch-all-parallel-specific-catcher.json')),
    );
    expect(states['Fan']?.['Catch']).toEqual([
      { ErrorEquals: ['States.TaskFailed'], ResultPath: '$.errors.Fan', Next: 'Closer:MarkFailed' },
      { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Fan', Next: 'Closer:MarkFailed' },
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
      { ErrorEquals: ['States.ALL'], ResultPath: '$.errors.Work', Next: 'Closer:MarkFailed' },
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

  it('turns a Fail into Passes that record its Error and Cause, then mark the execution failed', () => {
    const states = statesOf(wrap(definitionFixture('broken/escapes-closer-fail.json')));
    expect(states['Rejected']).toEqual({
      Type: 'Pass',
      Result: 'Order.Missing',
      ResultPath: '$.meta.error',
      Next: 'Rejected:Cause',
    });
    expect(states['Rejected:Cause']).toEqual({
      Type: 'Pass',
      Result: 'The input has no order.',
      ResultPath: '$.meta.cause',
      Next: 'Closer:MarkFailed',
    });
    expect(states['Closer:MarkFailed']).toEqual({
      Type: 'Pass',
      Result: false,
      ResultPath: '$.meta.status',
      Next: 'Closer:Send',
    });
  });

  it('copies a Fail ErrorPath into meta.error with InputPath', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Failed',
        States: { Failed: { Type: 'Fail', ErrorPath: '$.problem.name' } },
      }),
    );
    expect(states['Failed']).toEqual({
      Type: 'Pass',
      InputPath: '$.problem.name',
      ResultPath: '$.meta.error',
      Next: 'Closer:MarkFailed',
    });
  });

  it('falls back to the state name for an ErrorPath that is an intrinsic function', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Failed',
        States: { Failed: { Type: 'Fail', ErrorPath: "States.Format('E.{}', $.code)" } },
      }),
    );
    expect(states['Failed']).toMatchObject({ Result: 'Failed', ResultPath: '$.meta.error' });
  });

  it('routes a Fail with neither error nor cause straight to the mark-failed state', () => {
    const states = statesOf(wrap({ StartAt: 'Failed', States: { Failed: { Type: 'Fail' } } }));
    expect(states['Failed']).toEqual({ Type: 'Pass', Next: 'Closer:MarkFailed' });
  });

  it('picks a free name when the Cause state name is taken', () => {
    const states = statesOf(
      wrap({
        StartAt: 'Rejected:Cause',
        States: {
          'Rejected:Cause': { Type: 'Pass', Next: 'Rejected' },
          Rejected: { Type: 'Fail', Error: 'E', Cause: 'C' },
        },
      }),
    );
    expect(states['Rejected']?.['Next']).toBe('Rejected:Cause 2');
    expect(states['Rejected:Cause 2']).toMatchObject({ Result: 'C', Next: 'Closer:MarkFailed' });
  });

  it('turns a JSONata Fail into one Pass whose Output merges error and cause into meta', () => {
    const states = statesOf(wrap(definitionFixture('broken/escapes-closer-jsonata-fail.json')));
    expect(states['Rejected']).toEqual({
      Type: 'Pass',
      Output:
        "{% $merge([$states.input, {'meta': $merge([$states.input.meta, {'error': ('Order.' & " +
        '$states.input.kind), \'cause\': "The order was rejected."}])}]) %}',
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
        Output:
          "{% $merge([$states.input, {'errors': $merge([$states.input.errors, {'Work': $states.errorOutput}])}]) %}",
        Next: 'Closer:MarkFailed',
      },
    ]);
  });

  it('gives a top-level Choice a Default that records States.NoChoiceMatched', () => {
    const states = statesOf(wrap(definitionFixture('broken/choice-without-default-top.json')));
    expect(states['Route']?.['Default']).toBe('Closer:NoChoiceMatched');
    expect(states['Closer:NoChoiceMatched']).toEqual({
      Type: 'Pass',
      Result: 'States.NoChoiceMatched',
      ResultPath: '$.meta.error',
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
