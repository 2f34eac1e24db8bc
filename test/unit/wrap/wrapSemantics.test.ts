import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { isJsonObject, type JsonObject } from '../../../src/cli/check/Json.ts';
import { wrapDefinition } from '../../../src/cli/wrap/wrapDefinition.ts';
import { CLOSER_ARN, definitionFixture } from '../../support/definitionFixtures.ts';

// Runs wrapped definitions in aws-local-stepfunctions (JSONPath only: it has no JSONata) with a
// stand-in Closer that follows the handler contract's verdict, to show that every route wrap adds
// reaches the Closer with the payload, meta.error/meta.cause and meta.status it needs.

type Handler = (input: unknown) => unknown;

/** The verdict part of the handler contract (DESIGN section 3), enough to drive the chain. */
function fakeCloser(seen: JsonObject[]): Handler {
  return (input) => {
    const payload = isJsonObject(input) ? input : {};
    seen.push(payload);
    const meta = isJsonObject(payload['meta']) ? payload['meta'] : {};
    if (meta['status'] === false) {
      return {
        message: 'FAILED',
        parent: 'NONE',
        error: typeof meta['error'] === 'string' ? meta['error'] : 'SubStep.Failed',
        cause: typeof meta['cause'] === 'string' ? meta['cause'] : '{}',
      };
    }
    return { message: 'SUCCEEDED', parent: 'NONE' };
  };
}

async function runWrapped(
  fixture: string,
  input: JsonObject,
  handlers: Record<string, Handler>,
): Promise<{ output?: unknown; error?: Error }> {
  const definition = wrapDefinition(definitionFixture(fixture), { closerArn: CLOSER_ARN });
  const states = definition['States'] as Record<string, JsonObject>;
  // aws-local-stepfunctions 3.0.0 ignores a falsy Pass `Result` (`if (state.Result)`), so
  // `Result: false` passes the input through; Step Functions writes false. Run the mark-failed
  // step as a local Task that returns false instead, with the same ResultPath and Next.
  const markFailed = states['Closer:MarkFailed'];
  if (markFailed !== undefined) {
    expect(markFailed).toMatchObject({ Type: 'Pass', Result: false, ResultPath: '$.meta.status' });
    states['Closer:MarkFailed'] = {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:MarkFailed',
      ResultPath: '$.meta.status',
      Next: 'Closer:Send',
    };
  }
  const machine = new StateMachine(
    definition as unknown as ConstructorParameters<typeof StateMachine>[0],
    {
      validationOptions: { checkArn: false },
    },
  );
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers: { 'Closer:MarkFailed': () => false, ...handlers } as never,
      retryIntervalOverrides: { 'Closer:Send': 0 },
    },
  });
  try {
    return { output: await execution.result };
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    return { error: error.cause as Error };
  }
}

const input: JsonObject = {
  initial: {},
  meta: { name: 'child-1', parent: { name: 'parent-1', token: 'token-1' } },
};

describe('a wrapped definition, run', () => {
  it('sends a caught Task error to the Closer with meta intact and the error under $.errors', async () => {
    const seen: JsonObject[] = [];
    const result = await runWrapped('broken/missing-catch-all-task.json', input, {
      Work: () => {
        const error = new Error('card declined');
        error.name = 'Payment.Declined';
        throw error;
      },
      'Closer:Send': fakeCloser(seen),
    });
    expect(seen).toEqual([
      {
        initial: {},
        meta: { ...(input['meta'] as JsonObject), status: false },
        errors: { Work: { Error: 'Payment.Declined', Cause: 'card declined' } },
      },
    ]);
    expect(result.error?.name).toBe('SubStep.Failed');
  });

  it("sends a former Fail state's Error and Cause to the Closer and fails with that Error", async () => {
    const seen: JsonObject[] = [];
    const result = await runWrapped('broken/escapes-closer-fail.json', input, {
      Work: () => ({}),
      'Closer:Send': fakeCloser(seen),
    });
    expect(seen[0]?.['meta']).toMatchObject({
      error: 'Order.Missing',
      cause: 'The input has no order.',
      status: false,
      parent: { token: 'token-1' },
    });
    expect(result.error?.name).toBe('Order.Missing');
    expect(result.error?.message).toBe('The input has no order.');
  });

  it('passes a former Succeed through the Closer and succeeds', async () => {
    const seen: JsonObject[] = [];
    const result = await runWrapped('broken/escapes-closer-succeed.json', input, {
      Work: () => ({ done: true }),
      'Closer:Send': fakeCloser(seen),
    });
    expect(seen).toHaveLength(1);
    expect(result.output).toMatchObject({
      results: { Work: { done: true } },
      meta: { status: { message: 'SUCCEEDED' } },
    });
  });

  it('records States.NoChoiceMatched when no Choice rule matches', async () => {
    const seen: JsonObject[] = [];
    const result = await runWrapped('broken/choice-without-default-top.json', input, {
      Work: () => ({}),
      'Closer:Send': fakeCloser(seen),
    });
    expect(seen[0]?.['meta']).toMatchObject({ error: 'States.NoChoiceMatched', status: false });
    expect(result.error?.name).toBe('States.NoChoiceMatched');
  });

  it('retries an unreachable parent, then succeeds', async () => {
    let calls = 0;
    const closer = fakeCloser([]);
    const result = await runWrapped('broken/escapes-closer-succeed.json', input, {
      Work: () => ({}),
      'Closer:Send': (payload) => {
        calls++;
        if (calls === 1) {
          const error = new Error('throttled');
          error.name = 'Closer.ParentUnreachable';
          throw error;
        }
        return closer(payload);
      },
    });
    expect(calls).toBe(2);
    expect(result.output).toMatchObject({ meta: { status: { message: 'SUCCEEDED' } } });
  });

  it('fails into the dead letter, without a retry, when the parent rejects the signal', async () => {
    let calls = 0;
    const result = await runWrapped('broken/escapes-closer-succeed.json', input, {
      Work: () => ({}),
      'Closer:Send': () => {
        calls++;
        const error = new Error('access denied');
        error.name = 'Closer.ParentRejected';
        throw error;
      },
    });
    expect(calls).toBe(1);
    expect(result.error?.name).toBe('Closer.DeadLetter');
  });
});
