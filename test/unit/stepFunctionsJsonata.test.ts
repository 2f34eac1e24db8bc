import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../src/cli/check/Json.ts';
import { SimulatedTaskError } from '../../src/cli/simulate/errors.ts';
import { evaluateTemplate, type JsonataScope } from '../../src/cli/simulate/evaluateJsonata.ts';
import { simulate } from '../../src/cli/simulate/simulate.ts';
import { MAX_RANGE_NUMBERS } from '../../src/cli/simulate/stepFunctionsJsonataRange.ts';

// The JSONata functions Step Functions adds, through the simulator's public evaluation path.
// Expected values are AWS's: its documented examples, published test vectors for the hashes,
// `new java.util.Random(seed).nextDouble()` for seeded $random, and, for the edges AWS does not
// document, what AWS answered when measured (see src/cli/simulate/stepFunctionsJsonataArguments.ts).

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function scopeOf(input: Json = {}, context: JsonObject = {}): JsonataScope {
  return { states: { input, context }, variables: {} };
}

/** The value of one expression, evaluated as a state's `Output`. */
function evaluate(expression: string, input: Json = {}): Promise<Json> {
  return evaluateTemplate(`{% ${expression} %}`, scopeOf(input), 'Output');
}

/** The error an expression fails its state with. */
async function failure(expression: string, input: Json = {}): Promise<SimulatedTaskError> {
  const error: unknown = await evaluate(expression, input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SimulatedTaskError);
  return error as SimulatedTaskError;
}

/** What AWS writes when the field's expression returns nothing. */
function returnedNothing(expression: string): string {
  return `The JSONata expression '${expression}' specified for the field 'Output' returned nothing (undefined).`;
}

/** What AWS writes when the field's expression throws a JSONata error. */
function threw(expression: string, error: string): string {
  return `The JSONata expression '${expression}' specified for the field 'Output' threw an error during evaluation. ${error}`;
}

describe('$partition', () => {
  it('splits an array into chunks of the given size, as in the AWS example', async () => {
    expect(await evaluate('$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)')).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
  });

  it('leaves the remainder in a shorter last chunk', async () => {
    expect(
      await evaluate('$partition($states.input.inputArray, 4)', {
        inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      }),
    ).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  });

  it('rounds a fractional chunk size towards zero', async () => {
    expect(await evaluate('$partition([1, 2, 3, 4, 5], 2.6)')).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('returns the whole array as one chunk when no chunk size is given', async () => {
    expect(await evaluate('$partition([1, 2, 3])')).toEqual([[1, 2, 3]]);
  });

  it('returns nothing for a chunk size that rounds to zero, which fails the field', async () => {
    const error = await failure('$partition([1, 2, 3], 0.5)');

    expect(error.name).toBe('States.QueryEvaluationError');
    expect(error.message).toBe(returnedNothing('$partition([1, 2, 3], 0.5)'));
  });

  it('returns nothing for an empty array', async () => {
    expect((await failure('$partition([], 2)')).message).toBe(returnedNothing('$partition([], 2)'));
  });

  it('fails with D3137 on a negative chunk size', async () => {
    const error = await failure('$partition([1, 2, 3], -1)');

    expect(error.name).toBe('States.QueryEvaluationError');
    expect(error.message).toBe(
      threw('$partition([1, 2, 3], -1)', 'D3137: Second argument must be zero or greater'),
    );
  });

  it('fails with T0412 when the first argument is not an array', async () => {
    expect((await failure("$partition('not-array', 2)")).message).toBe(
      threw(
        "$partition('not-array', 2)",
        'T0412: Argument 1 of function "partition" must be an array of undefined',
      ),
    );
  });

  it('fails with T0410 on a chunk size that is not a number', async () => {
    expect((await failure("$partition([1, 2, 3], '2')")).message).toBe(
      threw(
        "$partition([1, 2, 3], '2')",
        'T0410: Argument 2 of function "partition" does not match function signature',
      ),
    );
  });

  it('fails with T0410 on a third argument', async () => {
    expect((await failure('$partition([1, 2, 3], 2, 99)')).message).toContain(
      'T0410: Argument 3 of function "partition" does not match function signature',
    );
  });
});

describe('$range', () => {
  it('includes the end when a step lands on it, as in the AWS example', async () => {
    expect(await evaluate('$range(0, 10, 2)')).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('stops before an end that a step passes', async () => {
    expect(await evaluate('$range(1, 10, 4)')).toEqual([1, 5, 9]);
  });

  it('counts down with a negative step', async () => {
    expect(await evaluate('$range(10, 0, -5)')).toEqual([10, 5, 0]);
  });

  it('rounds each argument towards zero', async () => {
    expect(await evaluate('$range(-1.5, 2.5, 1)')).toEqual([-1, 0, 1, 2]);
  });

  it('returns a single number, not an array, when the range holds one', async () => {
    expect(await evaluate('$range(1, 9, 9)')).toBe(1);
    expect(await evaluate('[$range(1, 9, 9)]')).toEqual([1]);
  });

  it('returns nothing when the step points away from the end', async () => {
    expect((await failure('$range(3, 0, 1)')).message).toBe(returnedNothing('$range(3, 0, 1)'));
  });

  it('returns nothing for a step that rounds to zero', async () => {
    expect((await failure('$range(1, 10, 0.49)')).message).toBe(
      returnedNothing('$range(1, 10, 0.49)'),
    );
  });

  it('returns nothing without a step', async () => {
    expect((await failure('$range(1, 5)')).message).toBe(returnedNothing('$range(1, 5)'));
  });

  it('fails with T0410 naming the argument that is not a number', async () => {
    expect((await failure('$range(1, 5, null)')).message).toBe(
      threw(
        '$range(1, 5, null)',
        'T0410: Argument 3 of function "range" does not match function signature',
      ),
    );
  });

  it('fails with T0410 on a fourth argument', async () => {
    expect((await failure('$range(1, 5, 1, 99)')).message).toContain(
      'T0410: Argument 4 of function "range" does not match function signature',
    );
  });

  it('refuses a range larger than the simulator holds, naming its size', async () => {
    const error = await failure(`$range(1, ${MAX_RANGE_NUMBERS + 1}, 1)`);

    expect(error.name).toBe('States.QueryEvaluationError');
    expect(error.message).toContain(`would return ${MAX_RANGE_NUMBERS + 1} numbers`);
  });
});

describe('$hash', () => {
  // FIPS 180 and RFC 1321 test vectors for "abc".
  it.each([
    ['MD5', '900150983cd24fb0d6963f7d28e17f72'],
    ['SHA-1', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['SHA-256', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'SHA-384',
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    ],
    [
      'SHA-512',
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    ],
  ])('computes %s as lowercase hex', async (algorithm, digest) => {
    expect(await evaluate(`$hash('abc', '${algorithm}')`)).toBe(digest);
  });

  it('hashes the UTF-8 bytes of the text', async () => {
    // MD5 of C3 A9, "é" in UTF-8 (its Latin-1 byte E9 would give 3406877694691ddd1dfb0aca54681407).
    expect(await evaluate(`$hash('é', 'MD5')`)).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f');
  });

  it('returns what AWS returns for SHA-1 of "input"', async () => {
    expect(await evaluate(`$hash('input', 'SHA-1')`)).toBe(
      '140f86aae51ab9e1cda9b4254fe98a74eb54c1a1',
    );
  });

  it('fails with D3137 on an algorithm spelled another way, listing those AWS takes', async () => {
    expect((await failure("$hash('a', 'sha-256')")).message).toBe(
      threw(
        "$hash('a', 'sha-256')",
        "D3137: Hash algorithm 'sha-256' must be one of SHA-1, SHA-384, SHA-256, SHA-512, MD5",
      ),
    );
  });

  it('fails with D3137 on an undefined algorithm', async () => {
    expect((await failure("$hash('a', $states.input.missing)")).message).toContain(
      "D3137: Hash algorithm 'null' must be one of",
    );
  });

  it('returns nothing without an algorithm', async () => {
    expect((await failure("$hash('a')")).message).toBe(returnedNothing("$hash('a')"));
  });

  it('fails with T0410 on text that is not a string', async () => {
    expect((await failure("$hash(123, 'SHA-256')")).message).toBe(
      threw(
        "$hash(123, 'SHA-256')",
        'T0410: Argument 1 of function "hash" does not match function signature',
      ),
    );
  });

  it('fails with T0410 without arguments', async () => {
    expect((await failure('$hash()')).message).toContain(
      'T0410: Argument 1 of function "hash" does not match function signature',
    );
  });
});

describe('$random', () => {
  it('returns a number from 0 up to 1 without a seed', async () => {
    const value = await evaluate('$random()');

    expect(typeof value).toBe('number');
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThan(1);
  });

  it.each([
    // new java.util.Random(seed).nextDouble(), which AWS answers (42 measured on AWS).
    [42, 0.7275636800328681],
    [0, 0.730967787376657],
    [-1, 0.26894263088050496],
    [123456789012345, 0.6691460388561377],
  ])('returns with seed %d the number AWS returns', async (seed, expected) => {
    expect(await evaluate(`$random(${seed})`)).toBe(expected);
  });

  it('rounds a fractional seed towards zero', async () => {
    expect(await evaluate('$random(42.9)')).toBe(0.7275636800328681);
  });

  it('fails with T0410 on a seed that is not a number', async () => {
    expect((await failure("$random('seed')")).message).toBe(
      threw(
        "$random('seed')",
        'T0410: Argument 1 of function "random" does not match function signature',
      ),
    );
  });

  it('fails with T0410 on a null seed', async () => {
    expect((await failure('$random(null)')).message).toContain(
      'T0410: Argument 1 of function "random"',
    );
  });

  it('fails with T0410 on a second argument', async () => {
    expect((await failure('$random(77, 88)')).message).toContain(
      'T0410: Argument 2 of function "random"',
    );
  });
});

describe('$uuid', () => {
  it('returns a random version 4 UUID', async () => {
    const [first, second] = (await evaluate('[$uuid(), $uuid()]')) as [string, string];

    expect(first).toMatch(UUID_V4);
    expect(second).toMatch(UUID_V4);
    expect(first).not.toBe(second);
  });

  it('fails with T0410 when given an argument', async () => {
    expect((await failure("$uuid('x')")).message).toBe(
      threw("$uuid('x')", 'T0410: Argument 1 of function "uuid" does not match function signature'),
    );
  });
});

describe('$parse', () => {
  it('deserializes a JSON string, as in the AWS example', async () => {
    const input = { json_string: '{"order": {"id": 7, "lines": [1, 2]}, "note": null}' };

    expect(await evaluate('$parse($states.input.json_string)', input)).toEqual({
      order: { id: 7, lines: [1, 2] },
      note: null,
    });
  });

  it('lets the expression navigate into what it parsed', async () => {
    expect(await evaluate(`$parse('{"a": {"b": 2}}').a.b`)).toBe(2);
  });

  it('fails with D3137 on text that is not JSON', async () => {
    expect((await failure("$parse('{')")).message).toBe(
      threw("$parse('{')", 'D3137: Invalid JSON'),
    );
  });

  it('fails with T0410 on anything but a string', async () => {
    expect((await failure('$parse(123)')).message).toContain(
      'T0410: Argument 1 of function "parse" does not match function signature',
    );
  });

  it('returns nothing for an undefined argument', async () => {
    expect((await failure('$parse($states.input.missing)')).message).toBe(
      returnedNothing('$parse($states.input.missing)'),
    );
  });
});

describe('the JSONata functions Step Functions removes', () => {
  it('fails a call of $eval with T1006, as AWS does', async () => {
    expect((await failure('$eval("1 + 1")')).message).toBe(
      threw('$eval("1 + 1")', 'T1006: Attempted to invoke a non-function'),
    );
  });
});

describe('$now and $millis', () => {
  const entered = '2030-06-01T12:00:00.000Z';

  it("read the state's virtual EnteredTime, not the machine's clock", async () => {
    const scope = scopeOf({}, { State: { Name: 'S', EnteredTime: entered } });

    expect(
      await evaluateTemplate({ now: '{% $now() %}', millis: '{% $millis() %}' }, scope),
    ).toEqual({
      now: entered,
      millis: Date.parse(entered),
    });
  });

  it("read the scope's clock when it has one", async () => {
    const scope: JsonataScope = { ...scopeOf(), now: () => Date.parse('2031-01-02T03:04:05.006Z') };

    expect(await evaluateTemplate('{% $now() %}', scope)).toBe('2031-01-02T03:04:05.006Z');
  });

  it('format with a picture and a timezone as JSONata does', async () => {
    const scope = scopeOf({}, { State: { Name: 'S', EnteredTime: entered } });

    expect(await evaluateTemplate("{% $now('[Y0001]-[M01]-[D01] [H01]', '+0900') %}", scope)).toBe(
      '2030-06-01 21',
    );
  });

  it('give each evaluation of a cached expression its own clock', async () => {
    const at = (iso: string) => scopeOf({}, { State: { Name: 'S', EnteredTime: iso } });

    const [first, second] = await Promise.all([
      evaluateTemplate('{% $now() %}', at('2030-01-01T00:00:00.000Z')),
      evaluateTemplate('{% $now() %}', at('2030-01-02T00:00:00.000Z')),
    ]);

    expect([first, second]).toEqual(['2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z']);
  });
});

describe('the cause of a failed expression', () => {
  it("names the expression, the field and jsonata's error, never [object Object]", async () => {
    const error = await evaluateTemplate(
      { order: { total: '{% $states.input.a + 1 %}' } },
      scopeOf({ a: 'x' }),
      'Arguments',
    ).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );

    expect(error).toBeInstanceOf(SimulatedTaskError);
    expect((error as Error).name).toBe('States.QueryEvaluationError');
    expect((error as Error).message).toBe(
      "The JSONata expression '$states.input.a + 1' specified for the field 'Arguments/order/total' threw an error during evaluation. T2001: The left side of the \"+\" operator must evaluate to a number",
    );
  });

  it('gives the position of a syntax error', async () => {
    const message = (await failure('(1 + ')).message;

    expect(message).toMatch(/threw an error during evaluation\. S0\d{3}: .+ \(at position \d+\)$/);
    expect(message).not.toContain('[object Object]');
  });
});

describe('the Step Functions functions in a simulated execution', () => {
  it('runs a JSONata Pass that uses $uuid and $partition', async () => {
    const simulation = await simulate({
      parent: {
        QueryLanguage: 'JSONata',
        StartAt: 'Batch',
        States: {
          Batch: {
            Type: 'Pass',
            Output: {
              requestId: '{% $uuid() %}',
              batches: '{% $partition($states.input.items, 2) %}',
            },
            End: true,
          },
        },
      },
      input: { items: [1, 2, 3, 4, 5] },
    });

    expect(simulation.parent.status).toBe('SUCCEEDED');
    const output = simulation.parent.output as { requestId: string; batches: Json };
    expect(output.requestId).toMatch(UUID_V4);
    expect(output.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails the execution with States.QueryEvaluationError and a readable cause', async () => {
    const simulation = await simulate({
      parent: {
        QueryLanguage: 'JSONata',
        StartAt: 'Batch',
        States: {
          Batch: { Type: 'Pass', Output: '{% $partition($states.input.items, -2) %}', End: true },
        },
      },
      input: { items: [1, 2, 3] },
    });

    expect(simulation.parent).toMatchObject({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause:
        "The JSONata expression '$partition($states.input.items, -2)' specified for the field 'Output' threw an error during evaluation. D3137: Second argument must be zero or greater",
    });
  });
});
