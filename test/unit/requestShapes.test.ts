import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler } from '../../src/handler.ts';
import {
  asFramed,
  CAUGHT_ERRORS,
  CHILD_EXECUTION_ARN,
  closerInput,
  framedRequest,
  OTHER_TOKEN,
  PARENT_EXECUTION_ARN,
  PARENT_LINK,
  PARENT_TOKEN,
} from '../fixtures/payloads.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';

// The two request shapes: the plain payload the original Closer:Send passes, and the framed
// request the current one builds (payload + the execution input's parent link). For the same
// child state both must reach the same verdict and send the same signal.

const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
});

/** The signals sent, as `operation error` or `operation`, in order. */
function signals(): string[] {
  return sfn.calls().map((call) => {
    const command = call.args[0];
    const input = command.input as { error?: string };
    return [command.constructor.name.replace('Command', ''), input.error].filter(Boolean).join(' ');
  });
}

const TABLE: ReadonlyArray<readonly [string, Record<string, unknown>, string, string[]]> = [
  ['no meta.status', closerInput({ withParent: true }), 'SUCCEEDED', ['SendTaskSuccess']],
  [
    'meta.status true',
    closerInput({ withParent: true, status: true }),
    'SUCCEEDED',
    ['SendTaskSuccess'],
  ],
  [
    'meta.status false',
    closerInput({ withParent: true, status: false, errors: CAUGHT_ERRORS }),
    'FAILED',
    ['SendTaskFailure SubStep.Failed'],
  ],
  [
    'a re-run result SUCCEEDED',
    closerInput({ withParent: true, status: { message: 'SUCCEEDED' } }),
    'SUCCEEDED',
    ['SendTaskSuccess'],
  ],
  [
    'a re-run result FAILED with its error',
    closerInput({ withParent: true, status: { message: 'FAILED', error: 'Order.Lost' } }),
    'FAILED',
    ['SendTaskFailure Order.Lost'],
  ],
  [
    'an invalid meta.status',
    closerInput({ withParent: true, status: 'done' }),
    'FAILED',
    ['SendTaskFailure SubStep.InvalidPayload'],
  ],
  [
    'meta.error and meta.cause',
    closerInput({ withParent: true, status: false, meta: { error: 'Orders.Bad', cause: 'why' } }),
    'FAILED',
    ['SendTaskFailure Orders.Bad'],
  ],
  [
    'an outputPath that selects nothing',
    closerInput({ withParent: true, meta: { outputPath: '$.missing' } }),
    'FAILED',
    ['SendTaskFailure SubStep.InvalidPayload'],
  ],
  [
    'an output over 262,144 bytes',
    closerInput({ withParent: true, initial: { blob: 'x'.repeat(262_144) } }),
    'FAILED',
    ['SendTaskFailure SubStep.OutputTooLarge'],
  ],
  ['no parent', closerInput({ status: false }), 'FAILED', []],
];

describe('the handler reads both request shapes the same way', () => {
  it.each(TABLE)('%s: the plain payload', async (_case, plain, verdict, sent) => {
    captureLogs();
    await expect(handler(plain, lambdaContext())).resolves.toMatchObject({ message: verdict });
    expect(signals()).toEqual(sent);
  });

  it.each(TABLE)('%s: the framed request', async (_case, plain, verdict, sent) => {
    captureLogs();
    await expect(handler(asFramed(plain), lambdaContext())).resolves.toMatchObject({
      message: verdict,
    });
    expect(signals()).toEqual(sent);
  });

  it('sends the same success output for both shapes: the payload without the token', async () => {
    captureLogs();
    const plain = closerInput({ withParent: true });
    await handler(plain, lambdaContext());
    await handler(asFramed(plain), lambdaContext());
    const [first, second] = sfn
      .commandCalls(SendTaskSuccessCommand)
      .map((call) => JSON.parse(call.args[0].input.output ?? ''));
    expect(first).toEqual({
      initial: { orderId: 'o-42' },
      meta: {
        name: 'child-run-1',
        arn: CHILD_EXECUTION_ARN,
        parent: { name: 'parent-run-1', arn: PARENT_EXECUTION_ARN },
      },
    });
    expect(second).toEqual(first);
  });
});

describe('the framed request', () => {
  it.each([
    ['an array', [1, { a: 2 }]],
    ['an empty array', []],
    ['a string', 'done'],
    ['a number', 42],
    ['null', null],
    ['false', false],
  ])('succeeds and sends the payload as it is when it is %s', async (_case, payload) => {
    captureLogs();
    const result = await handler(framedRequest(payload, { parent: PARENT_LINK }), lambdaContext());
    expect(result).toEqual({ message: 'SUCCEEDED', parent: 'NOTIFIED' });
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, {
      taskToken: PARENT_TOKEN,
      output: JSON.stringify(payload),
    });
  });

  it('takes the link from the execution input, not from the payload', async () => {
    captureLogs();
    const payload = { meta: { parent: { token: OTHER_TOKEN } } };
    await handler(framedRequest(payload, { parent: PARENT_LINK }), lambdaContext());
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, { taskToken: PARENT_TOKEN });
    // The payload's own token does not travel on to the parent either.
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input.output).not.toContain(
      OTHER_TOKEN,
    );
  });

  it('signals a parent whose link the payload no longer carries', async () => {
    captureLogs();
    const result = await handler(
      framedRequest({ replaced: true }, { parent: PARENT_LINK }),
      lambdaContext(),
    );
    expect(result).toEqual({ message: 'SUCCEEDED', parent: 'NOTIFIED' });
  });

  it('passes through when the execution input has no link', async () => {
    captureLogs();
    await expect(handler(framedRequest(['a']), lambdaContext())).resolves.toEqual({
      message: 'SUCCEEDED',
      parent: 'NONE',
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('fails a child the mark-failed step marked, whatever the payload, with the caught errors in the cause', async () => {
    captureLogs();
    const result = await handler(
      framedRequest([1, 2], { parent: PARENT_LINK, failed: true, errors: CAUGHT_ERRORS }),
      lambdaContext(),
    );
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.Failed',
    });
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'SubStep.Failed',
      cause: JSON.stringify({
        execution: { name: 'child-run-1', arn: CHILD_EXECUTION_ARN },
        errors: CAUGHT_ERRORS,
      }),
    });
  });

  it('marks failed a payload whose meta.status is true, as the mark-failed step always did', async () => {
    captureLogs();
    const result = await handler(
      framedRequest({ meta: { status: true } }, { failed: true }),
      lambdaContext(),
    );
    expect(result).toMatchObject({ message: 'FAILED', error: 'SubStep.Failed' });
  });

  it("sends a routed Fail state's Error and Cause to the parent", async () => {
    captureLogs();
    await handler(
      framedRequest('text', {
        parent: PARENT_LINK,
        failed: true,
        failure: { Error: 'Order.Rejected', Cause: 'no stock' },
      }),
      lambdaContext(),
    );
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, {
      error: 'Order.Rejected',
      cause: 'no stock',
    });
  });

  it("prefers the payload's meta.error over a routed Fail state's Error", async () => {
    captureLogs();
    await handler(
      framedRequest(
        { meta: { error: 'Orders.Own' } },
        { parent: PARENT_LINK, failed: true, failure: { Error: 'Order.Rejected' } },
      ),
      lambdaContext(),
    );
    expect(sfn).toHaveReceivedCommandWith(SendTaskFailureCommand, { error: 'Orders.Own' });
  });

  it("keeps the payload's own errors and the caught ones in the cause", async () => {
    captureLogs();
    await handler(
      framedRequest(
        { errors: { Own: { Error: 'A' } } },
        { parent: PARENT_LINK, failed: true, errors: CAUGHT_ERRORS },
      ),
      lambdaContext(),
    );
    const cause = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input.cause ?? '';
    expect(JSON.parse(cause).errors).toEqual({ Own: { Error: 'A' }, ...CAUGHT_ERRORS });
  });

  it('fails on caught errors with CLOSER_FAIL_ON_ERRORS=true, for a payload that is not an object', async () => {
    captureLogs();
    vi.stubEnv('CLOSER_FAIL_ON_ERRORS', 'true');
    const result = await handler(framedRequest(7, { errors: CAUGHT_ERRORS }), lambdaContext());
    expect(result).toMatchObject({ message: 'FAILED', error: 'SubStep.Failed' });
  });

  it('selects from the payload with meta.outputPath', async () => {
    captureLogs();
    await handler(
      framedRequest(
        { result: { id: 'r-1' }, meta: { outputPath: '$.result' } },
        { parent: PARENT_LINK },
      ),
      lambdaContext(),
    );
    expect(sfn).toHaveReceivedCommandWith(SendTaskSuccessCommand, {
      output: JSON.stringify({ id: 'r-1' }),
    });
  });

  it('tells the parent SubStep.InvalidPayload for a version it does not know', async () => {
    captureLogs();
    const result = await handler(
      framedRequest({}, { parent: PARENT_LINK, version: 2 }),
      lambdaContext(),
    );
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.InvalidPayload',
    });
    const cause = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input.cause ?? '';
    expect(JSON.parse(cause).problems).toEqual([
      expect.stringContaining('closerRequestVersion must be 1'),
    ]);
  });

  it('tells the parent SubStep.InvalidPayload for a payload that is undefined (possible from JavaScript only)', async () => {
    // JSON has no undefined: Step Functions never sends it, but a direct call of the handler can.
    // Read as a missing payload, the parent is told rather than left waiting.
    captureLogs();
    const frame = { ...framedRequest({}, { parent: PARENT_LINK }), payload: undefined };
    const result = await handler(frame, lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NOTIFIED',
      error: 'SubStep.InvalidPayload',
    });
    const cause = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input.cause ?? '';
    expect(JSON.parse(cause).problems).toEqual(['the framed request has no payload']);
  });

  it('makes no call for a malformed token in the execution input', async () => {
    captureLogs();
    const result = await handler(framedRequest({}, { parent: { token: 7 } }), lambdaContext());
    expect(result).toMatchObject({
      message: 'FAILED',
      parent: 'NONE',
      error: 'SubStep.InvalidPayload',
    });
    expect(sfn.calls()).toHaveLength(0);
  });

  it('names the execution from the context object in the cause', async () => {
    captureLogs();
    const result = await handler(framedRequest(null, { failed: true }), lambdaContext());
    expect(JSON.parse(('cause' in result && result.cause) || '')).toEqual({
      execution: { name: 'child-run-1', arn: CHILD_EXECUTION_ARN },
    });
  });
});
