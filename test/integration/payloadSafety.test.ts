// Hostile and large payloads: the handler from src/ with the real SDK client over HTTP to a fake
// Step Functions endpoint on 127.0.0.1. A payload's "__proto__", "constructor" and "prototype"
// keys are data to forward, never a way into a prototype; a 256 KiB payload is serialized once
// for the output and never deep-copied.
import { describe, expect, it, vi } from 'vitest';
import { succeededEvent, taskToken } from '../fixtures/closerEvents.ts';
import { expectCloserContract } from '../support/expectCloserContract.ts';
import { freshSourceHandler } from '../support/freshSourceHandler.ts';
import { invokeCloser } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useStubbedSfnEndpoint } from '../support/useStubbedSfnEndpoint.ts';

/** Step Functions' limit for a state input, and SendTaskSuccess's limit for its output. */
const STATE_INPUT_MAX_BYTES = 262_144;

const endpoint = useStubbedSfnEndpoint();

const ownNames = (value: object) => Object.getOwnPropertyNames(value).sort();

describe('a payload with __proto__, constructor and prototype keys', () => {
  it('changes no prototype, and reaches the parent with those keys as data', async () => {
    // Arrange: built by JSON.parse, as Lambda builds events, so "__proto__" is an own key.
    const token = taskToken('prototype-keys');
    const event: unknown = JSON.parse(`{
      "data": {
        "__proto__": { "polluted": "data.__proto__", "status": false },
        "constructor": { "prototype": { "polluted": "data.constructor.prototype" } },
        "prototype": { "polluted": "data.prototype" }
      },
      "meta": {
        "__proto__": { "status": false, "outputPath": "$.nothing" },
        "parent": { "__proto__": { "token": "not-the-token" }, "token": ${JSON.stringify(token)} }
      }
    }`);
    const before = {
      object: ownNames(Object.prototype),
      array: ownNames(Array.prototype),
      fn: ownNames(Function.prototype),
    };

    // Act
    const invocation = await invokeCloser(await freshSourceHandler(), event, lambdaContext());

    // Assert: no prototype gained or lost a property ...
    expectCloserContract(invocation, endpoint().requests, token);
    expect(ownNames(Object.prototype)).toEqual(before.object);
    expect(ownNames(Array.prototype)).toEqual(before.array);
    expect(ownNames(Function.prototype)).toEqual(before.fn);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // ... the "__proto__" under meta was not read as meta.status or meta.outputPath ...
    expect(invocation.settlement).toEqual({
      kind: 'returned',
      result: { message: 'SUCCEEDED', parent: 'NOTIFIED' },
    });
    // ... and the parent received every key as data, minus the token alone.
    const [request] = endpoint().requests;
    expect(request?.body['taskToken']).toBe(token);
    const output = JSON.parse(String(request?.body['output'])) as Record<string, unknown>;
    const expected = JSON.parse(JSON.stringify(event)) as { meta: { parent: object } };
    delete (expected.meta.parent as { token?: string }).token;
    expect(JSON.stringify(output)).toBe(JSON.stringify(expected));
    expect(Object.hasOwn(output['data'] as object, '__proto__')).toBe(true);
  });
});

describe('a 256 KiB payload', () => {
  it('is serialized once for the output and once to measure it for the log, never cloned', async () => {
    // Arrange: a state input of exactly 262,144 bytes; its output (without the token) fits.
    const token = taskToken('large-payload');
    const items = Array.from({ length: 2_000 }, (_, index) => ({ index, text: 'x'.repeat(100) }));
    const data = { items, filler: '' };
    const event = succeededEvent(token, data);
    data.filler = '€'.repeat((STATE_INPUT_MAX_BYTES - byteLength(JSON.stringify(event))) / 3);
    data.filler += 'x'.repeat(STATE_INPUT_MAX_BYTES - byteLength(JSON.stringify(event)));
    expect(byteLength(JSON.stringify(event))).toBe(STATE_INPUT_MAX_BYTES);
    const handler = await freshSourceHandler();
    const stringify = vi.spyOn(JSON, 'stringify');

    // Act
    const invocation = await invokeCloser(handler, event, lambdaContext());

    // Assert: the payload's items were serialized twice in all (the event, for the log's size;
    // the selection, for the output), and the selection shares them with the event: no copy.
    const calls = [...stringify.mock.calls];
    stringify.mockRestore();
    expect(invocation.settlement).toMatchObject({
      kind: 'returned',
      result: { parent: 'NOTIFIED' },
    });
    const payloadPasses = calls
      .map(([value]) => value as { data?: { items?: unknown } } | undefined)
      .filter((value) => value === event || value?.data?.items === items);
    expect(payloadPasses).toHaveLength(2);
    const [selection] = payloadPasses.filter((value) => value !== event);
    expect(payloadPasses).toContain(event);
    expect(selection?.data).toBe(data);
    // The parent got that one output string, under the limit and without the token.
    const output = String(endpoint().requests[0]?.body['output']);
    expect(byteLength(output)).toBeLessThan(STATE_INPUT_MAX_BYTES);
    expect(output).not.toContain(token);
    expect((JSON.parse(output) as { data: unknown }).data).toEqual(data);
  });
});

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
