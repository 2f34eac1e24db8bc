import { describe, expect, it } from 'vitest';
import { readCloseRequest } from '../../src/closer/readCloseRequest.ts';
import { closerInput, framedRequest, PARENT_TOKEN } from '../fixtures/payloads.ts';

// The problems are what the parent receives in the cause of SubStep.InvalidPayload: each names the
// field and the type of what it found, never the value itself.
describe('the problems a plain payload reports', () => {
  it.each([
    [null, 'null'],
    [[1, 2], 'an array'],
    ['done', 'a string of 4 characters'],
    [{ state: 'done' }, 'an object'],
    [1.5, '1.5'],
    ['', 'a string of 0 characters'],
  ])('names meta.status %j as %s', (status, described) => {
    expect(readCloseRequest(closerInput({ status })).problems).toEqual([
      `meta.status must be absent, true, false or a Closer result ({"message":"SUCCEEDED"|"FAILED"}), got ${described}`,
    ]);
  });

  it.each([
    [true, 'true'],
    [false, 'false'],
    [10n, 'bigint'],
  ])('names a shim value %s as %s', (value, described) => {
    expect(readCloseRequest(closerInput({ meta: { error: value } })).problems).toEqual([
      `meta.error must be a string, got ${described}`,
    ]);
  });

  it.each([
    ['cause', 7],
    ['outputPath', ['$']],
  ])('names meta.%s when it is not a string', (key, value) => {
    expect(readCloseRequest(closerInput({ meta: { [key]: value } })).problems).toEqual([
      `meta.${key} must be a string, got ${typeof value === 'number' ? '7' : 'an array'}`,
    ]);
  });

  it('reads an event that is not an object as a failed, standalone run', () => {
    expect(readCloseRequest('finished')).toStrictEqual({
      payload: undefined,
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'invalid' },
      errors: undefined,
      problems: ['the event must be a JSON object, got a string of 8 characters'],
    });
  });

  it('names an undefined event by its type', () => {
    expect(readCloseRequest(undefined).problems).toEqual([
      'the event must be a JSON object, got undefined',
    ]);
  });

  it('reads a payload without meta as a standalone run with its errors', () => {
    expect(readCloseRequest({ errors: ['e'] })).toStrictEqual({
      payload: { errors: ['e'] },
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'absent' },
      errors: ['e'],
      problems: [],
    });
  });

  it('reads a meta that is not an object as invalid', () => {
    expect(readCloseRequest({ meta: 'x', errors: null })).toStrictEqual({
      payload: { meta: 'x', errors: null },
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'invalid' },
      errors: null,
      problems: ['meta must be an object, got a string of 1 characters'],
    });
  });

  it('reads an absent shim as absent, not as a field holding undefined', () => {
    expect(readCloseRequest({ meta: { status: true } })).toStrictEqual({
      payload: { meta: { status: true } },
      execution: {},
      parent: { kind: 'none' },
      status: { kind: 'true' },
      errors: undefined,
      problems: [],
    });
  });

  it('keeps the shims it reads', () => {
    const request = readCloseRequest({
      meta: { status: false, error: 'E', cause: 'C', outputPath: '$.a' },
    });
    expect(request).toMatchObject({ error: 'E', cause: 'C', outputPath: '$.a' });
  });

  it('keeps only the string ids of the child execution', () => {
    expect(readCloseRequest({ meta: { name: 5, arn: false } }).execution).toStrictEqual({});
  });
});

describe('the parent link a plain payload names', () => {
  it('keeps only the string ids of a parent', () => {
    expect(
      readCloseRequest({ meta: { parent: { token: PARENT_TOKEN, name: 1, arn: null } } }).parent,
    ).toStrictEqual({ kind: 'token', token: PARENT_TOKEN });
  });

  it('reads a parent that is not an object as none, and reports it', () => {
    const request = readCloseRequest({ meta: { parent: ['p'] } });
    expect(request.parent).toStrictEqual({ kind: 'none' });
    expect(request.problems).toEqual(['meta.parent must be an object, got an array']);
  });

  it('names the type of a token that is not a string', () => {
    expect(readCloseRequest(closerInput({ token: 12_345 })).problems).toEqual([
      'meta.parent.token must be a string, got 12345',
    ]);
  });

  it('names the length of a token out of bounds', () => {
    expect(readCloseRequest(closerInput({ token: '' })).problems).toEqual([
      'meta.parent.token must be 1 to 2048 characters, got 0',
    ]);
  });

  it('keeps the ids of a parent whose token is malformed', () => {
    expect(
      readCloseRequest({ meta: { parent: { token: 1, name: 'p', arn: 'arn:p' } } }).parent,
    ).toStrictEqual({ kind: 'malformed', name: 'p', arn: 'arn:p' });
  });
});

describe('a Closer result in meta.status (a re-run Closer)', () => {
  it('keeps its error and cause when they are non-empty strings', () => {
    expect(
      readCloseRequest({ meta: { status: { message: 'FAILED', error: 'E', cause: 'C' } } }).status,
    ).toStrictEqual({ kind: 'result', message: 'FAILED', error: 'E', cause: 'C' });
  });

  it('drops an empty or non-string error and cause', () => {
    expect(
      readCloseRequest({ meta: { status: { message: 'FAILED', error: '', cause: 5 } } }).status,
    ).toStrictEqual({ kind: 'result', message: 'FAILED' });
    expect(
      readCloseRequest({ meta: { status: { message: 'FAILED', error: 5, cause: '' } } }).status,
    ).toStrictEqual({ kind: 'result', message: 'FAILED' });
  });

  it('reads an object without a Closer message as invalid', () => {
    expect(readCloseRequest({ meta: { status: { message: 'DONE' } } }).status).toStrictEqual({
      kind: 'invalid',
    });
  });
});

describe('the problems a framed request reports', () => {
  it('names a version it does not know, and what to do', () => {
    expect(readCloseRequest(framedRequest({}, { version: 2 })).problems).toEqual([
      'closerRequestVersion must be 1, got 2: the Closer section is newer than this function; deploy the matching release',
    ]);
  });

  it('names the execution input as the source of a bad parent link', () => {
    expect(readCloseRequest(framedRequest({}, { parent: 'p' })).problems).toEqual([
      'the execution input meta.parent must be an object, got a string of 1 characters',
    ]);
  });

  it('reports a frame without a payload', () => {
    const { payload: _payload, ...frame } = framedRequest({});
    expect(readCloseRequest(frame).problems).toEqual(['the framed request has no payload']);
  });

  it('reports a payload that is undefined as missing, and passes on null', () => {
    const frame = { ...framedRequest({}), payload: undefined };
    const request = readCloseRequest(frame);
    expect(request.problems).toEqual(['the framed request has no payload']);
    expect(request.payload).toBeNull();
  });

  it("reports a payload's meta that is not an object", () => {
    const request = readCloseRequest(framedRequest({ meta: 5 }));
    expect(request.problems).toEqual(['meta must be an object, got 5']);
    expect(request.status).toStrictEqual({ kind: 'invalid' });
  });

  it("reads a payload's null meta as no shims", () => {
    const request = readCloseRequest(framedRequest({ meta: null }));
    expect(request.problems).toEqual([]);
    expect(request.status).toStrictEqual({ kind: 'absent' });
  });

  it('keeps an invalid status invalid when the mark-failed step ran', () => {
    expect(
      readCloseRequest(framedRequest({ meta: { status: 'x' } }, { failed: true })).status,
    ).toStrictEqual({ kind: 'invalid' });
  });

  it('reads any valid status as false when the mark-failed step ran', () => {
    expect(
      readCloseRequest(framedRequest({ meta: { status: true } }, { failed: true })).status,
    ).toStrictEqual({ kind: 'false' });
  });
});

describe('what a framed request carries', () => {
  it('reads the Error and Cause of a routed Fail state', () => {
    const request = readCloseRequest(
      framedRequest({}, { failed: true, failure: { Error: 'Orders.Bad', Cause: 'why' } }),
    );
    expect(request).toMatchObject({ error: 'Orders.Bad', cause: 'why' });
  });

  it('drops an empty or non-string Error and Cause, leaving no field behind', () => {
    const request = readCloseRequest(
      framedRequest({ a: 1 }, { failed: true, failure: { Error: '', Cause: 42 } }),
    );
    expect(Object.keys(request).sort()).toEqual(
      ['errors', 'execution', 'parent', 'payload', 'problems', 'status'].sort(),
    );
    const other = readCloseRequest(
      framedRequest({ a: 1 }, { failed: true, failure: { Error: 42, Cause: '' } }),
    );
    expect(other).not.toHaveProperty('error');
    expect(other).not.toHaveProperty('cause');
  });

  it("keeps the payload's outputPath", () => {
    expect(readCloseRequest(framedRequest({ meta: { outputPath: '$.a' } }))).toMatchObject({
      outputPath: '$.a',
    });
  });

  it('reads an execution that is not an object as unnamed', () => {
    const frame = { ...framedRequest({}), execution: null };
    expect(readCloseRequest(frame).execution).toStrictEqual({});
  });

  it('keeps only the string ids of the execution', () => {
    const frame = { ...framedRequest({}), execution: { id: 5, name: 7 } };
    expect(readCloseRequest(frame).execution).toStrictEqual({});
  });

  it("keeps the payload's errors when the frame has no errors field at all", () => {
    const { errors: _errors, ...frame } = framedRequest({ errors: { A: 1 } });
    expect(readCloseRequest(frame).errors).toEqual({ A: 1 });
  });

  it.each([
    ['only the payload has errors', { A: 1 }, null, { A: 1 }],
    ['only the Closer section caught errors', null, { B: 2 }, { B: 2 }],
    ['both are objects', { A: 1 }, { B: 2 }, { A: 1, B: 2 }],
    ['the payload errors are a list', ['a'], { B: 2 }, { payload: ['a'], caught: { B: 2 } }],
    ['the caught errors are a list', { A: 1 }, ['b'], { payload: { A: 1 }, caught: ['b'] }],
  ])('merges the errors when %s', (_case, fromPayload, caught, merged) => {
    const request = readCloseRequest(framedRequest({ errors: fromPayload }, { errors: caught }));
    expect(request.errors).toEqual(merged);
  });
});
