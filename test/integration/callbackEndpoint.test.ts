import {
  InvalidOutput,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  TaskTimedOut,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CallbackEndpoint,
  startCallbackEndpoint,
} from '../../src/cli/simulate/callbackEndpoint.ts';
import { describeToken, mintTaskToken } from '../../src/cli/simulate/taskToken.ts';

// The real SDK, signing with fake credentials, against the simulator's endpoint on 127.0.0.1.
let endpoint: CallbackEndpoint;
let client: SFNClient;

beforeEach(async () => {
  endpoint = await startCallbackEndpoint();
  client = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIASIMULATOR', secretAccessKey: 'simulated' },
    maxAttempts: 1,
  });
});

afterEach(async () => {
  client.destroy();
  await endpoint.close();
});

describe('callback endpoint', () => {
  it('closes the waiting task with the output of SendTaskSuccess', async () => {
    const token = mintTaskToken();
    const closed = endpoint.open(token);

    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":true}' }));

    await expect(closed).resolves.toEqual({ kind: 'success', output: '{"ok":true}' });
    expect(endpoint.signals).toEqual([
      {
        operation: 'SendTaskSuccess',
        token: describeToken(token),
        answer: 'accepted',
        signed: true,
        outputBytes: 11,
      },
    ]);
  });

  it('closes the waiting task with the error and cause of SendTaskFailure', async () => {
    const token = mintTaskToken();
    const closed = endpoint.open(token);

    await client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'SubStep.Failed', cause: 'it broke' }),
    );

    await expect(closed).resolves.toEqual({
      kind: 'failure',
      error: 'SubStep.Failed',
      cause: 'it broke',
    });
    expect(endpoint.signals[0]).toMatchObject({ error: 'SubStep.Failed', causeChars: 8 });
  });

  it('accepts a failure with neither error nor cause', async () => {
    const token = mintTaskToken();
    const closed = endpoint.open(token);

    await client.send(new SendTaskFailureCommand({ taskToken: token }));

    await expect(closed).resolves.toEqual({ kind: 'failure' });
  });

  it('answers TaskTimedOut to a second signal for the same token', async () => {
    const token = mintTaskToken();
    void endpoint.open(token);
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    const second = client.send(new SendTaskFailureCommand({ taskToken: token, error: 'X' }));

    await expect(second).rejects.toBeInstanceOf(TaskTimedOut);
    expect(endpoint.signals.map((signal) => signal.answer)).toEqual(['accepted', 'TaskTimedOut']);
    expect(endpoint.outcomeOf(token)).toEqual({ kind: 'success', output: '{}' });
  });

  it('answers TaskTimedOut to a token it never opened', async () => {
    const send = client.send(
      new SendTaskSuccessCommand({ taskToken: mintTaskToken(), output: '{}' }),
    );

    await expect(send).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('answers TaskTimedOut once the task has expired', async () => {
    const token = mintTaskToken();
    void endpoint.open(token);
    endpoint.expire(token);

    const send = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    await expect(send).rejects.toBeInstanceOf(TaskTimedOut);
    expect(endpoint.outcomeOf(token)).toBeUndefined();
  });

  it('accepts a heartbeat for an open task without closing it', async () => {
    const token = mintTaskToken();
    const closed = endpoint.open(token);

    await client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '1' }));

    await expect(closed).resolves.toEqual({ kind: 'success', output: '1' });
    expect(endpoint.signals.map((signal) => signal.operation)).toEqual([
      'SendTaskHeartbeat',
      'SendTaskSuccess',
    ]);
  });

  it('answers InvalidOutput to an output that is not JSON and keeps the task open', async () => {
    const token = mintTaskToken();
    void endpoint.open(token);

    const send = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{not json' }));

    await expect(send).rejects.toBeInstanceOf(InvalidOutput);
    expect(endpoint.outcomeOf(token)).toBeUndefined();
  });

  it('answers InvalidOutput to an output over 262,144 bytes', async () => {
    const token = mintTaskToken();
    void endpoint.open(token);
    const output = JSON.stringify('x'.repeat(262_144));

    const send = client.send(new SendTaskSuccessCommand({ taskToken: token, output }));

    await expect(send).rejects.toBeInstanceOf(InvalidOutput);
  });

  it('answers ValidationException to an error name over 256 characters', async () => {
    const token = mintTaskToken();
    void endpoint.open(token);

    const send = client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'E'.repeat(257) }),
    );

    await expect(send).rejects.toBeInstanceOf(ValidationException);
  });

  it('answers InvalidToken to a token over 2,048 characters', async () => {
    const send = client.send(
      new SendTaskSuccessCommand({ taskToken: 'T'.repeat(2049), output: '{}' }),
    );

    await expect(send).rejects.toBeInstanceOf(InvalidToken);
  });

  it('answers scripted faults before processing requests', async () => {
    await endpoint.close();
    endpoint = await startCallbackEndpoint({ faults: [{ type: 'ThrottlingException' }] });
    client = new SFNClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIASIMULATOR', secretAccessKey: 'simulated' },
      maxAttempts: 1,
    });
    const token = mintTaskToken();
    void endpoint.open(token);

    const first = client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));

    await expect(first).rejects.toMatchObject({ name: 'ThrottlingException' });
    await client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }));
    expect(endpoint.signals.map((signal) => signal.answer)).toEqual([
      'ThrottlingException',
      'accepted',
    ]);
  });

  it('refuses a request without a signature', async () => {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSStepFunctions.SendTaskSuccess',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ taskToken: mintTaskToken(), output: '{}' }),
    });

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await response.json()).toMatchObject({
      __type: 'com.amazonaws.swf.service.v2.model#MissingAuthenticationToken',
    });
    expect(endpoint.signals[0]).toMatchObject({
      signed: false,
      answer: 'MissingAuthenticationToken',
    });
  });
});
