import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type LambdaContainer,
  startLambdaContainer,
} from '../../src/cli/simulate/lambdaContainer.ts';

const STANDIN = fileURLToPath(new URL('../fixtures/lambda/standin.mjs', import.meta.url));
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';

let container: LambdaContainer | undefined;

afterEach(async () => {
  await container?.close();
  container = undefined;
});

function start(
  options: { timeoutMs?: number; onLog?: (line: string) => void } = {},
): LambdaContainer {
  container = startLambdaContainer({
    handlerFile: STANDIN,
    env: { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:1' },
    timeoutMs: options.timeoutMs ?? 30_000,
    functionName: 'SubStepCloser',
    functionArn: ARN,
    ...(options.onLog === undefined ? {} : { onLog: options.onLog }),
  });
  return container;
}

describe('simulated Lambda container', () => {
  it('calls the handler with the event and a Lambda-like context', async () => {
    const outcome = await start().invoke({}, 'request-1');

    expect(outcome).toMatchObject({
      ok: true,
      requestId: 'request-1',
      result: { requestId: 'request-1', functionName: 'SubStepCloser' },
    });
    const remaining = outcome.ok ? (outcome.result as { remaining: number }).remaining : 0;
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(30_000);
  });

  it('gives the handler exactly the environment it was started with', async () => {
    const outcome = await start().invoke({});

    expect(outcome.ok && outcome.result).toMatchObject({
      env: { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', home: null },
    });
  });

  it('keeps one module instance warm across invocations', async () => {
    const warm = start();

    await warm.invoke({});
    const second = await warm.invoke({});

    expect(second.ok && second.result).toMatchObject({ invocations: 2 });
  });

  it("reports a thrown error by its name, as Lambda's errorType", async () => {
    const outcome = await start().invoke({ action: 'throw' });

    expect(outcome).toMatchObject({
      ok: false,
      errorType: 'Closer.ParentRejected',
      errorMessage: 'asked to throw',
    });
  });

  it('reports a timed-out invocation as Lambda.Unknown and starts a fresh container after it', async () => {
    const cold = start({ timeoutMs: 200 });

    const timedOut = await cold.invoke({ action: 'hang' });
    const next = await cold.invoke({});

    expect(timedOut).toMatchObject({
      ok: false,
      errorType: 'Lambda.Unknown',
      errorMessage: 'Task timed out after 0.20 seconds',
    });
    expect(next.ok && next.result).toMatchObject({ invocations: 1 });
  });

  it('hands every line the handler writes to onLog, before the result', async () => {
    const lines: string[] = [];
    const outcome = await start({ onLog: (line) => lines.push(line) }).invoke(
      { action: 'log' },
      'request-7',
    );

    expect(outcome.ok).toBe(true);
    expect(lines).toEqual([
      '{"level":"INFO","message":"hello","requestId":"request-7"}',
      'a raw line',
    ]);
  });
});
