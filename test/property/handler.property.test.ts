// Property-based tests of the whole handler path (closeSubStep, what `handler` calls), over
// arbitrary JSON events and arbitrary Step Functions answers, through the dependencies seam: the
// SfnApi is a scripted fake, and the log writer is captured. A smaller run drives the exported
// `handler` with the SDK client mocked by aws-sdk-client-mock.
import {
  SendTaskFailureCommand,
  type SendTaskFailureCommandInput,
  SendTaskSuccessCommand,
  type SendTaskSuccessCommandInput,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { CAUSE_MAX_CHARS, ERROR_MAX_CHARS, OUTPUT_MAX_BYTES } from '../../src/closer/apiLimits.ts';
import type { CloserResult } from '../../src/closer/CloserResult.ts';
import { closeSubStep } from '../../src/closeSubStep.ts';
import { handler } from '../../src/handler.ts';
import type { SfnApi } from '../../src/parent/SfnApi.ts';
import {
  anyEventValue,
  distinctiveToken,
  isDistinctiveToken,
  objectFromEntries,
  payloadShaped,
} from '../support/closerArbitraries.ts';
import { captureStdout } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';

const THROWN = new Set(['Closer.ParentUnreachable', 'Closer.ParentRejected']);
/** Failures whose cause is a sentence, not the Closer's JSON document. */
const PROSE_CAUSES = new Set([
  'SubStep.InvalidOutput',
  'SubStep.OutputNotEncrypted',
  'Closer.InvalidConfiguration',
]);
const GONE_NAMES = new Set(['TaskTimedOut', 'TaskDoesNotExist']);

/** Every name SendTaskSuccess/SendTaskFailure can answer with, plus transport-level names. */
const ERROR_NAMES = [
  'TaskTimedOut',
  'TaskDoesNotExist',
  'InvalidToken',
  'InvalidOutput',
  'KmsAccessDeniedException',
  'KmsInvalidStateException',
  'KmsThrottlingException',
  'AccessDeniedException',
  'ValidationException',
  'UnrecognizedClientException',
  'ThrottlingException',
  'ServiceUnavailable',
  'TimeoutError',
  'AbortError',
  'Unknown',
  'SomethingNew',
];

/** How the fake SfnApi answers one call: resolve, or throw what `make(token)` builds. */
type Answer =
  | { readonly kind: 'ok' }
  | { readonly kind: 'throw'; readonly make: (token: string) => unknown };

const answer: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Answer>({ kind: 'ok' }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...ERROR_NAMES),
        fc.option(fc.constantFrom(200, 400, 403, 429, 500, 503), { nil: undefined }),
        fc.boolean(),
      )
      .map(
        ([name, status, echoToken]): Answer => ({
          kind: 'throw',
          // A service message that echoes the token must not carry it into a log or an error.
          make: (token) =>
            Object.assign(new Error(echoToken ? `bad token ${token}` : `${name} happened`), {
              name,
              ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }),
            }),
        }),
      ),
  },
  fc
    .constantFrom<unknown>('a string', 42, undefined, null, { message: 'plain object' })
    .map((thrown): Answer => ({ kind: 'throw', make: () => thrown })),
);

interface RecordedCall {
  readonly operation: 'sendTaskSuccess' | 'sendTaskFailure' | 'describeExecution';
  readonly input: Readonly<Record<string, unknown>>;
  readonly resolved: boolean;
  readonly thrownName?: string;
}

function scriptedApi(answers: readonly Answer[]): { api: SfnApi; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  let next = 0;
  const call = async (operation: RecordedCall['operation'], input: Record<string, unknown>) => {
    const reply = answers[next] ?? { kind: 'ok' };
    next += 1;
    if (reply.kind === 'ok') {
      calls.push({ operation, input, resolved: true });
      return;
    }
    const thrown = reply.make(String(input['taskToken'] ?? ''));
    calls.push({
      operation,
      input,
      resolved: false,
      ...(thrown instanceof Error ? { thrownName: thrown.name } : {}),
    });
    throw thrown;
  };
  return {
    calls,
    api: {
      sendTaskSuccess: (input) => call('sendTaskSuccess', input),
      sendTaskFailure: (input) => call('sendTaskFailure', input),
      describeExecution: async (input) => {
        await call('describeExecution', input);
        return {};
      },
    },
  };
}

const environment = fc.record(
  {
    CLOSER_FAIL_ON_ERRORS: fc.constantFrom('true', 'false', 'TRUE', '', 'yes'),
    CLOSER_DEADLINE_MARGIN_MS: fc.constantFrom('500', '0', '-1', 'soon', '120000'),
  },
  { requiredKeys: [] },
);

/** The token the event carries where the Closer reads it, if it is well-formed (1 to 2,048). */
function wellFormedToken(event: unknown): string | undefined {
  const own = (value: unknown, key: string): unknown =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.hasOwn(value, key)
      ? (value as Record<string, unknown>)[key]
      : undefined;
  const token = own(own(own(event, 'meta'), 'parent'), 'token');
  return typeof token === 'string' && token.length >= 1 && token.length <= 2_048
    ? token
    : undefined;
}

/** The event's token when a leak of it can be told from chance (see `isDistinctiveToken`). */
function searchableToken(event: unknown): string | undefined {
  const token = wellFormedToken(event);
  return token !== undefined && isDistinctiveToken(token) ? token : undefined;
}

/** The `meta.cause` or re-run `meta.status.cause` the child supplied: then the cause is theirs. */
function childSuppliedCause(event: unknown): boolean {
  const meta =
    typeof event === 'object' && event !== null
      ? Object.getOwnPropertyDescriptor(event, 'meta')?.value
      : undefined;
  if (typeof meta !== 'object' || meta === null) return false;
  const cause = Object.getOwnPropertyDescriptor(meta, 'cause')?.value;
  const status = Object.getOwnPropertyDescriptor(meta, 'status')?.value;
  const statusCause =
    typeof status === 'object' && status !== null
      ? Object.getOwnPropertyDescriptor(status, 'cause')?.value
      : undefined;
  return typeof cause === 'string' || typeof statusCause === 'string';
}

function expectJson(text: string): void {
  expect(() => JSON.parse(text)).not.toThrow();
}

/** SendTaskFailure's limits, and valid JSON when the cause is the Closer's own document. */
function expectFailureWithinLimits(error: unknown, cause: unknown, event: unknown): void {
  if (error !== undefined) {
    expect(typeof error).toBe('string');
    expect((error as string).length).toBeLessThanOrEqual(ERROR_MAX_CHARS);
  }
  if (cause !== undefined) {
    expect(typeof cause).toBe('string');
    expect((cause as string).length).toBeLessThanOrEqual(CAUSE_MAX_CHARS);
    if (!childSuppliedCause(event) && !PROSE_CAUSES.has(String(error))) expectJson(cause as string);
  }
}

function expectResultShape(result: CloserResult, event: unknown): void {
  expect(['SUCCEEDED', 'FAILED']).toContain(result.message);
  expect(['NOTIFIED', 'NONE', 'GONE']).toContain(result.parent);
  if (result.message === 'SUCCEEDED') {
    expect(Object.keys(result).sort()).toEqual(['message', 'parent']);
  } else {
    expect(Object.keys(result).sort()).toEqual(['cause', 'error', 'message', 'parent']);
    expectFailureWithinLimits(result.error, result.cause, event);
  }
}

const prototypeNames = (prototype: object) => Object.getOwnPropertyNames(prototype).sort();
const OBJECT_PROTOTYPE = prototypeNames(Object.prototype);
const ARRAY_PROTOTYPE = prototypeNames(Array.prototype);

/** One property run: the checks every invocation owes, whatever the event and the answers. */
async function checkInvocation(
  event: unknown,
  answers: readonly Answer[],
  env: Readonly<Record<string, string>>,
  failToLoad: boolean,
): Promise<void> {
  const { api, calls } = scriptedApi(answers);
  const lines: string[] = [];
  let settled: { result: CloserResult } | { error: unknown };
  try {
    settled = {
      result: await closeSubStep(event, lambdaContext(10_000), {
        env,
        loadApi: failToLoad ? () => Promise.reject(new Error('import failed')) : async () => api,
        writeLog: (line) => lines.push(line),
        sleep: async () => {},
      }),
    };
  } catch (error) {
    settled = { error };
  }

  const token = wellFormedToken(event);
  const secret = searchableToken(event);
  // Returns a Closer result, or throws one of the two named errors.
  if ('error' in settled) {
    expect(settled.error).toBeInstanceOf(Error);
    expect(THROWN.has((settled.error as Error).name)).toBe(true);
    if (secret !== undefined) expect((settled.error as Error).message).not.toContain(secret);
  } else {
    expectResultShape(settled.result, event);
  }

  // Every call respects the API limits and carries the event's own token.
  for (const call of calls) {
    expect(call.operation).not.toBe('describeExecution');
    expect(call.input['taskToken']).toBe(token);
    if (call.operation === 'sendTaskSuccess') {
      const output = String(call.input['output']);
      expect(Buffer.byteLength(output, 'utf8')).toBeLessThanOrEqual(OUTPUT_MAX_BYTES);
      expectJson(output);
      // The token is a credential for the parent's task: it never travels on in the output.
      if (secret !== undefined) expect(output).not.toContain(secret);
    } else {
      expectFailureWithinLimits(call.input['error'], call.input['cause'], event);
    }
  }

  // At most one signal lands; a returned result says truthfully what happened to the parent.
  const landed = calls.filter((call) => call.resolved);
  expect(landed.length).toBeLessThanOrEqual(1);
  if ('result' in settled) {
    const { result } = settled;
    switch (result.parent) {
      case 'NOTIFIED':
        expect(landed).toHaveLength(1);
        expect(landed[0]?.operation).toBe(
          result.message === 'SUCCEEDED' ? 'sendTaskSuccess' : 'sendTaskFailure',
        );
        break;
      case 'GONE':
        expect(landed).toHaveLength(0);
        expect(GONE_NAMES.has(calls.at(-1)?.thrownName ?? '')).toBe(true);
        break;
      case 'NONE':
        // No parent is left hanging: NONE only when there is no well-formed token to call with.
        expect(token).toBeUndefined();
        expect(calls).toHaveLength(0);
        break;
      default:
        throw new TypeError(`unexpected parent ${String(result.parent)}`);
    }
  } else {
    expect(landed).toHaveLength(0);
  }

  // One log line, valid JSON, never the token; and no prototype was touched.
  expect(lines).toHaveLength(1);
  const line = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  expect(line).toMatchObject({ service: 'sub-step-closer', durationMs: expect.any(Number) });
  // Sizes, never the payload: the byte count, or null when the event cannot be serialized.
  expect(line['payloadBytes'] === null || typeof line['payloadBytes'] === 'number').toBe(true);
  if (secret !== undefined) expect(lines[0]).not.toContain(secret);
  expect(prototypeNames(Object.prototype)).toEqual(OBJECT_PROTOTYPE);
  expect(prototypeNames(Array.prototype)).toEqual(ARRAY_PROTOTYPE);
}

/** Arbitrary events: mostly payload-shaped, also fully arbitrary JSON at the top. */
const event = distinctiveToken.chain((token) =>
  fc.oneof({ weight: 4, arbitrary: payloadShaped(token) }, { weight: 1, arbitrary: anyEventValue }),
);

describe('closeSubStep over arbitrary events and Step Functions answers', () => {
  it('returns a Closer result or throws a named error, signals within the API limits, and never logs the token', async () => {
    await fc.assert(
      fc.asyncProperty(event, fc.array(answer, { maxLength: 3 }), async (input, answers) =>
        checkInvocation(input, answers, {}, false),
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the same promises under any configuration and when the SDK cannot be loaded', async () => {
    await fc.assert(
      fc.asyncProperty(
        event,
        fc.array(answer, { maxLength: 2 }),
        environment,
        fc.boolean(),
        async (input, answers, env, failToLoad) => checkInvocation(input, answers, env, failToLoad),
      ),
      { numRuns: 150 },
    );
  });

  it('delivers an output of up to 262,144 UTF-8 bytes and fails a larger one as SubStep.OutputTooLarge', async () => {
    // The data string is sized to land the output just under, at, or just over the limit.
    const sized = fc.tuple(
      distinctiveToken,
      fc.integer({ min: -6, max: 6 }),
      fc.constantFrom('x', 'é', '€', '😀'),
    );
    await fc.assert(
      fc.asyncProperty(sized, async ([token, delta, unit]) => {
        const withoutData = JSON.stringify({ data: '', meta: { parent: {} } });
        const unitBytes = Buffer.byteLength(unit, 'utf8');
        const dataBytes = OUTPUT_MAX_BYTES - Buffer.byteLength(withoutData) + delta * unitBytes;
        const data = unit.repeat(Math.floor(dataBytes / unitBytes));
        const outputBytes = Buffer.byteLength(withoutData) + Buffer.byteLength(data);
        const { api, calls } = scriptedApi([]);

        const result = await closeSubStep(
          { data, meta: { parent: { token } } },
          lambdaContext(10_000),
          { env: {}, loadApi: async () => api, writeLog: () => {} },
        );

        const fits = outputBytes <= OUTPUT_MAX_BYTES;
        expect(result).toMatchObject(
          fits
            ? { message: 'SUCCEEDED', parent: 'NOTIFIED' }
            : { message: 'FAILED', parent: 'NOTIFIED', error: 'SubStep.OutputTooLarge' },
        );
        expect(calls.map((call) => call.operation)).toEqual([
          fits ? 'sendTaskSuccess' : 'sendTaskFailure',
        ]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('handler with the SDK client mocked', () => {
  const sfn = mockClient(SFNClient);
  afterEach(() => sfn.reset());

  it('passes exactly the planned token, output, error and cause to the SDK commands', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (input) => {
        sfn.reset();
        sfn.on(SendTaskSuccessCommand).resolves({}).on(SendTaskFailureCommand).resolves({});
        const token = wellFormedToken(input);

        // Closer:Send inputs only (no EventBridge shape), so the result is a CloserResult.
        const { value, lines } = await captureStdout(() => handler(input, lambdaContext(10_000)));
        const result = value as CloserResult;

        const successes = sfn.commandCalls(SendTaskSuccessCommand);
        const failures = sfn.commandCalls(SendTaskFailureCommand);
        expect(successes.length + failures.length).toBe(token === undefined ? 0 : 1);
        expectResultShape(result, input);
        expect(result.parent).toBe(token === undefined ? 'NONE' : 'NOTIFIED');
        const success: SendTaskSuccessCommandInput | undefined = successes[0]?.args[0].input;
        const failure: SendTaskFailureCommandInput | undefined = failures[0]?.args[0].input;
        if (success !== undefined) {
          expect(result.message).toBe('SUCCEEDED');
          expect(success.taskToken).toBe(token);
          expect(Buffer.byteLength(success.output ?? '', 'utf8')).toBeLessThanOrEqual(
            OUTPUT_MAX_BYTES,
          );
        }
        if (failure !== undefined) {
          // The parent receives exactly the error and cause the result reports.
          expect(failure).toEqual({ taskToken: token, error: result.error, cause: result.cause });
        }
        expect(lines).toHaveLength(1);
        const secret = searchableToken(input);
        if (secret !== undefined) expect(lines[0]).not.toContain(secret);
      }),
      { numRuns: 100 },
    );
  });

  it('preserves __proto__, constructor and prototype keys as data in the output', async () => {
    const keyed = fc.tuple(
      distinctiveToken,
      fc.subarray(['__proto__', 'constructor', 'prototype'], { minLength: 1 }),
      fc.jsonValue({ maxDepth: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(keyed, async ([token, keys, value]) => {
        sfn.reset();
        sfn.on(SendTaskSuccessCommand).resolves({});
        const data = objectFromEntries(keys.map((key) => [key, { polluted: value }]));

        await captureStdout(() => handler({ data, meta: { parent: { token } } }, lambdaContext()));

        const output = sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output ?? '';
        const received = JSON.parse(output) as { data: object };
        expect(Object.keys(received.data).sort()).toEqual([...keys].sort());
        expect(Object.getPrototypeOf(received.data)).toBe(Object.prototype);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(prototypeNames(Object.prototype)).toEqual(OBJECT_PROTOTYPE);
      }),
      { numRuns: 50 },
    );
  });
});
