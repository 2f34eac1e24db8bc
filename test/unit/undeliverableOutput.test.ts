import { describe, expect, it } from 'vitest';
import { decideVerdict, hasErrors } from '../../src/closer/decideVerdict.ts';
import { planClose } from '../../src/closer/planClose.ts';
import { readCloseRequest } from '../../src/closer/readCloseRequest.ts';
import { selectOutput } from '../../src/closer/selectOutput.ts';
import { DEFAULT_CONFIG } from '../../src/config.ts';
import { PARENT_TOKEN } from '../fixtures/payloads.ts';

const withToken = { token: PARENT_TOKEN };

describe('planClose: an output the parent cannot receive', () => {
  it('fails a standalone run whose meta.outputPath selects nothing, saying so in the cause', () => {
    const plan = planClose(
      readCloseRequest({ a: 1, meta: { outputPath: '$.missing' } }),
      DEFAULT_CONFIG,
    );
    expect(plan.signal).toBeUndefined();
    expect(plan.verdict).toMatchObject({ message: 'FAILED', error: 'SubStep.InvalidPayload' });
    expect(JSON.parse(plan.verdict.message === 'FAILED' ? plan.verdict.cause : '')).toEqual({
      execution: {},
      problems: ['meta.outputPath $.missing selects nothing in the payload'],
      errors: undefined,
    });
  });

  it('tells the parent SubStep.InvalidPayload for an output that cannot be serialized', () => {
    const plan = planClose(
      readCloseRequest({ count: 10n, meta: { parent: withToken } }),
      DEFAULT_CONFIG,
    );
    expect(plan.signal).toMatchObject({ kind: 'failure', error: 'SubStep.InvalidPayload' });
    expect(JSON.parse(plan.signal?.kind === 'failure' ? plan.signal.cause : '{}').problems).toEqual(
      ['the selected output cannot be serialized as JSON'],
    );
  });

  it('plans SendTaskSuccess with the output and its size in UTF-8 bytes', () => {
    const plan = planClose(
      readCloseRequest({ note: 'é', meta: { parent: withToken } }),
      DEFAULT_CONFIG,
    );
    const output = JSON.stringify({ note: 'é', meta: { parent: {} } });
    expect(plan).toStrictEqual({
      verdict: { message: 'SUCCEEDED' },
      signal: { kind: 'success', output, outputBytes: Buffer.byteLength(output) },
    });
  });
});

describe('decideVerdict: a re-run Closer', () => {
  it('keeps an earlier SUCCEEDED with errors when CLOSER_FAIL_ON_ERRORS is off', () => {
    const request = readCloseRequest({
      errors: { Work: { Error: 'E' } },
      meta: { status: { message: 'SUCCEEDED' } },
    });
    expect(decideVerdict(request, DEFAULT_CONFIG)).toEqual({ message: 'SUCCEEDED' });
  });

  it('fails an earlier SUCCEEDED with errors when CLOSER_FAIL_ON_ERRORS is on', () => {
    const request = readCloseRequest({
      errors: { Work: { Error: 'E' } },
      meta: { status: { message: 'SUCCEEDED' } },
    });
    expect(decideVerdict(request, { ...DEFAULT_CONFIG, failOnErrors: true })).toMatchObject({
      message: 'FAILED',
      error: 'SubStep.Failed',
    });
  });
});

describe('hasErrors', () => {
  it.each([
    [5, true],
    ['', true],
    ['x', true],
    [0, true],
    [{}, false],
    [{ a: 1 }, true],
    [[], false],
    [[0], true],
    [null, false],
  ])('reads %j as %s', (errors, expected) => {
    expect(hasErrors(errors)).toBe(expected);
  });
});

describe('selectOutput: what a bad path says', () => {
  it('quotes at most 100 characters of a path that is not a reference path', () => {
    const path = `$.${'a'.repeat(50)}[*]${'b'.repeat(100)}`;
    expect(selectOutput({}, path)).toEqual({
      kind: 'invalid',
      problem: `meta.outputPath must be a reference path such as "$" or "$.result.items", got ${JSON.stringify(path.slice(0, 100))}`,
    });
  });

  it('unescapes a quoted key', () => {
    expect(selectOutput({ "it's": 1 }, "$['it\\'s']")).toEqual({ kind: 'selected', value: 1 });
  });
});
