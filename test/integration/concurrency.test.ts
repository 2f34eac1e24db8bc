// 500 concurrent invocations in one container: the handler from src/ with the real SDK client over
// HTTP to a fake Step Functions endpoint on 127.0.0.1. One client serves them all, and each
// invocation sends its own token with its own output: no cross-talk between invocations.
import { SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it, vi } from 'vitest';
import { succeededEvent, taskToken } from '../fixtures/closerEvents.ts';
import { freshSourceHandler } from '../support/freshSourceHandler.ts';
import { captureStdout } from '../support/invokeCloser.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useStubbedSfnEndpoint } from '../support/useStubbedSfnEndpoint.ts';

const INVOCATIONS = 500;

const endpoint = useStubbedSfnEndpoint();

describe('when 500 invocations run at once in one container', () => {
  it('sends each token exactly once, with its own output, through one shared client', async () => {
    // Arrange
    const send = vi.spyOn(SFNClient.prototype, 'send');
    const handler = await freshSourceHandler();
    const tokens = Array.from({ length: INVOCATIONS }, (_, index) =>
      taskToken(`concurrent-${index}`),
    );

    // Act: all invocations start before any answer arrives.
    const { value: results, lines } = await captureStdout(() =>
      Promise.all(
        tokens.map((token, index) =>
          handler(
            succeededEvent(token, { invocation: index }),
            lambdaContext(10_000, `request-${index}`),
          ),
        ),
      ),
    );

    // Assert: every invocation notified its own parent ...
    expect(results).toEqual(tokens.map(() => ({ message: 'SUCCEEDED', parent: 'NOTIFIED' })));
    expect(endpoint().requests).toHaveLength(INVOCATIONS);
    const sent = new Map(
      endpoint().requests.map((request) => [
        request.body['taskToken'],
        JSON.parse(String(request.body['output'])) as { data: { invocation: number } },
      ]),
    );
    expect(sent.size).toBe(INVOCATIONS);
    tokens.forEach((token, index) => {
      expect(sent.get(token)?.data.invocation).toBe(index);
    });
    // ... through a single client, created once for the container ...
    expect(send).toHaveBeenCalledTimes(INVOCATIONS);
    expect(new Set(send.mock.contexts).size).toBe(1);
    // ... and logged one line each, with its own request id and no token.
    expect(lines).toHaveLength(INVOCATIONS);
    const requestIds = lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId);
    expect(new Set(requestIds).size).toBe(INVOCATIONS);
    const logText = lines.join('\n');
    expect(tokens.some((token) => logText.includes(token))).toBe(false);
  });
});
