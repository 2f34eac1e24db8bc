import { describe, expect, it } from 'vitest';
import { decideVerdict, hasErrors } from '../../src/closer/decideVerdict.ts';
import { readCloseRequest } from '../../src/closer/readCloseRequest.ts';
import { type CloserConfig, DEFAULT_CONFIG } from '../../src/config.ts';
import { CAUGHT_ERRORS, CHILD_EXECUTION_ARN, closerInput } from '../fixtures/payloads.ts';

const verdictOf = (event: unknown, config: CloserConfig = DEFAULT_CONFIG) =>
  decideVerdict(readCloseRequest(event), config);
const failOnErrors: CloserConfig = { ...DEFAULT_CONFIG, failOnErrors: true };

describe('decideVerdict: the DESIGN.md section 3 table', () => {
  it.each([
    ['absent', closerInput()],
    ['true', closerInput({ status: true })],
    [
      'a re-run SUCCEEDED result',
      closerInput({ status: { message: 'SUCCEEDED', parent: 'NOTIFIED' } }),
    ],
  ])('succeeds when meta.status is %s', (_case, event) => {
    expect(verdictOf(event)).toEqual({ message: 'SUCCEEDED' });
  });

  it('fails with SubStep.Failed when meta.status is false', () => {
    const verdict = verdictOf(closerInput({ status: false, errors: CAUGHT_ERRORS }));
    expect(verdict).toMatchObject({ message: 'FAILED', error: 'SubStep.Failed' });
  });

  it('fails with a compact JSON cause naming the execution and its errors', () => {
    const verdict = verdictOf(closerInput({ status: false, errors: CAUGHT_ERRORS }));
    expect(verdict.message === 'FAILED' && JSON.parse(verdict.cause)).toEqual({
      execution: { name: 'child-run-1', arn: CHILD_EXECUTION_ARN },
      errors: CAUGHT_ERRORS,
    });
  });

  it('keeps the error and cause of a re-run FAILED result', () => {
    const verdict = verdictOf(
      closerInput({ status: { message: 'FAILED', error: 'Orders.Rejected', cause: 'no stock' } }),
    );
    expect(verdict).toEqual({ message: 'FAILED', error: 'Orders.Rejected', cause: 'no stock' });
  });

  it.each([
    ['a string', 'false'],
    ['a number', 0],
    ['null', null],
    ['an array', [false]],
    ['an object without a Closer message', { message: 'MAYBE' }],
  ])('fails with SubStep.InvalidPayload when meta.status is %s', (_case, status) => {
    expect(verdictOf(closerInput({ status }))).toMatchObject({
      message: 'FAILED',
      error: 'SubStep.InvalidPayload',
    });
  });

  it.each([
    ['a string', 'meta'],
    ['null', null],
    ['an array', [{ status: true }]],
    ['a number', 7],
  ])('fails with SubStep.InvalidPayload when meta is %s', (_case, meta) => {
    expect(verdictOf({ initial: {}, meta })).toMatchObject({
      message: 'FAILED',
      error: 'SubStep.InvalidPayload',
    });
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', [1, 2]],
    ['a number', 42],
  ])('fails with SubStep.InvalidPayload when the event is %s', (_case, event) => {
    expect(verdictOf(event)).toMatchObject({ message: 'FAILED', error: 'SubStep.InvalidPayload' });
  });

  it('treats a payload without meta as a standalone success (the pass-through)', () => {
    expect(verdictOf({ initial: { a: 1 } })).toEqual({ message: 'SUCCEEDED' });
  });

  it('names the problem in the cause of an invalid payload without echoing values', () => {
    const verdict = verdictOf(closerInput({ status: 'secret-ish value' }));
    expect(verdict.message === 'FAILED' && verdict.cause).toContain('meta.status must be');
    expect(verdict.message === 'FAILED' && verdict.cause).not.toContain('secret-ish value');
  });
});

describe('decideVerdict: shim instructions', () => {
  it('sends meta.error and meta.cause instead of the defaults', () => {
    const verdict = verdictOf(
      closerInput({ status: false, meta: { error: 'Orders.OutOfStock', cause: 'sku 9 missing' } }),
    );
    expect(verdict).toEqual({
      message: 'FAILED',
      error: 'Orders.OutOfStock',
      cause: 'sku 9 missing',
    });
  });

  it('treats an empty meta.error as absent', () => {
    expect(verdictOf(closerInput({ status: false, meta: { error: '' } }))).toMatchObject({
      error: 'SubStep.Failed',
    });
  });

  it.each([
    ['meta.error', { error: 42 }],
    ['meta.cause', { cause: { why: 'object' } }],
    ['meta.outputPath', { outputPath: ['$'] }],
  ])('fails with SubStep.InvalidPayload when %s is not a string', (_case, meta) => {
    expect(verdictOf(closerInput({ meta }))).toMatchObject({ error: 'SubStep.InvalidPayload' });
  });

  it('cuts meta.error to 256 characters', () => {
    const verdict = verdictOf(closerInput({ status: false, meta: { error: 'E'.repeat(300) } }));
    expect(verdict.message === 'FAILED' && verdict.error).toBe('E'.repeat(256));
  });

  it('cuts meta.cause to 32,768 characters and marks the cut', () => {
    const verdict = verdictOf(closerInput({ status: false, meta: { cause: 'c'.repeat(40_000) } }));
    const cause = verdict.message === 'FAILED' ? verdict.cause : '';
    expect(cause).toHaveLength(32_768);
    expect(cause).toMatch(/…\[\d+ chars cut\]$/);
  });
});

describe('decideVerdict: CLOSER_FAIL_ON_ERRORS', () => {
  it('fails an absent status when $.errors is non-empty', () => {
    expect(verdictOf(closerInput({ errors: CAUGHT_ERRORS }), failOnErrors)).toMatchObject({
      message: 'FAILED',
      error: 'SubStep.Failed',
    });
  });

  it('fails a re-run SUCCEEDED result when $.errors is non-empty', () => {
    const event = closerInput({ status: { message: 'SUCCEEDED' }, errors: CAUGHT_ERRORS });
    expect(verdictOf(event, failOnErrors).message).toBe('FAILED');
  });

  it('lets meta.status true override a non-empty $.errors', () => {
    expect(verdictOf(closerInput({ status: true, errors: CAUGHT_ERRORS }), failOnErrors)).toEqual({
      message: 'SUCCEEDED',
    });
  });

  it('succeeds when $.errors is empty', () => {
    expect(verdictOf(closerInput({ errors: {} }), failOnErrors)).toEqual({ message: 'SUCCEEDED' });
  });

  it('ignores $.errors when the switch is off', () => {
    expect(verdictOf(closerInput({ errors: CAUGHT_ERRORS }))).toEqual({ message: 'SUCCEEDED' });
  });
});

describe('hasErrors', () => {
  it.each([
    [undefined, false],
    [null, false],
    [{}, false],
    [[], false],
    [{ A: {} }, true],
    [['x'], true],
    ['oops', true],
  ])('says %j is %s', (errors, expected) => {
    expect(hasErrors(errors)).toBe(expected);
  });
});
