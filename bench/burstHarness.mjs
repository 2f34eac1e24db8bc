// A burst of children closing at once against a Step Functions endpoint that throttles like AWS.
// Each child has its own Lambda container (a worker thread running the built zip's handler, so its
// own SDK client) and runs `Closer:Send` as Step Functions does: the Retry read from the Closer
// section (`closerStates()`, what `sub-step-closer states` prints), with its jitter and delay cap,
// then Closer:Choice, or the dead-letter state when the retries run out. A child that ends FAILED
// (Closer:Fail or the dead letter) emits a status event, which invokes the safety net, as the
// EventBridge rule does. Used by `npm run bench -- --only burst` and by the burst test.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { matchingRetrier, retryDelayMs } from './burstRetry.mjs';
import { theoreticalDrainMs, tokenBucket } from './burstTokenBucket.mjs';

const { startFakeSfnEndpoint } = await import('../test/support/fakeSfnEndpoint.ts');
const { startLambdaContainer } = await import('../src/cli/simulate/lambdaContainer.ts');
const { closerStates } = await import('../src/cli/wrap/closerStates.ts');
const { FAKE_SDK_ENV } = await import('../test/support/fakeCredentials.ts');

const REGION_ARN = 'arn:aws:states:us-east-1:123456789012';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:SubStepCloser';

/** The Retry of `Closer:Send` as the Closer section writes it. */
export function closerSendRetry() {
  return closerStates({ closerArn: FUNCTION_ARN })['Closer:Send'].Retry;
}

/**
 * Runs one burst and returns what happened to every parent.
 *
 * @param {object} options
 * @param {string} options.lambdaDir   folder of the extracted release zip (`index.mjs`)
 * @param {string} options.home        an empty folder for the containers' HOME
 * @param {number} options.children    how many children close at once
 * @param {number} options.bucket      the SendTask* bucket (AWS: 3,000)
 * @param {number} options.refillPerSecond  its refill (AWS: 500)
 * @param {object[]} [options.retry]   Closer:Send's Retry (default: the Closer section's)
 * @param {number} [options.failingEvery]  every n-th child marks itself failed (0: none)
 * @param {number} [options.timeoutMs] the function's timeout (the example stack's: 10 s)
 */
export async function runBurst(options) {
  const {
    lambdaDir,
    home,
    children,
    bucket,
    refillPerSecond,
    retry = closerSendRetry(),
    failingEvery = 0,
    timeoutMs = 10_000,
  } = options;
  const endpoint = await startFakeSfnEndpoint();
  const throttle = tokenBucket({ bucket, refillPerSecond });
  /** token -> the first signal that closed its parent task, and when. */
  const delivered = new Map();
  const calls = { signal: 0, throttled: 0, gone: 0 };
  let startedAt = 0;
  endpoint.respondWith((operation, body) => {
    if (operation !== 'SendTaskSuccess' && operation !== 'SendTaskFailure') return { kind: 'ok' };
    calls.signal += 1;
    // Every call takes a token, a late one for a closed task too; a throttled one takes none.
    if (!throttle.take()) {
      calls.throttled += 1;
      return { kind: 'error', type: 'ThrottlingException', message: 'Rate exceeded' };
    }
    const token = body.taskToken;
    if (delivered.has(token)) {
      calls.gone += 1;
      return { kind: 'error', type: 'TaskTimedOut', message: 'Task Timed Out' };
    }
    delivered.set(token, { operation, body, atMs: performance.now() - startedAt });
    return { kind: 'ok' };
  });

  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    ...FAKE_SDK_ENV,
    AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
    AWS_ENDPOINT_URL_SFN: endpoint.url,
  };
  const childList = Array.from({ length: children }, (_, index) =>
    childOf(index, failingEvery > 0 && index % failingEvery === failingEvery - 1),
  );
  const containers = childList.map(() =>
    startLambdaContainer({
      handlerFile: join(lambdaDir, 'index.mjs'),
      env,
      timeoutMs,
      functionName: 'SubStepCloser',
      functionArn: FUNCTION_ARN,
      onLog: () => {},
    }),
  );
  const tally = { invocations: 0, safetyNetInvocations: 0, deferredSafetyNet: [] };
  try {
    startedAt = performance.now();
    const ends = await Promise.all(
      childList.map((child, index) => runChild(child, containers[index], retry, tally)),
    );
    const drainMs = Math.max(0, ...[...delivered.values()].map((entry) => entry.atMs));
    // A safety-net invocation that threw is retried by Lambda a minute later (asynchronous
    // invocation), after the burst: run those retries now, outside the measured drain.
    for (const { child, container } of tally.deferredSafetyNet) {
      await invokeSafetyNet(child, container, tally, { deferAllowed: false });
    }
    return summarize({
      childList,
      ends,
      delivered,
      calls,
      tally,
      drainMs,
      theoreticalMs: theoreticalDrainMs({ count: children, bucket, refillPerSecond }),
      options: { children, bucket, refillPerSecond, failingEvery },
    });
  } finally {
    await Promise.all(containers.map((container) => container.close()));
    await endpoint.close();
  }
}

function childOf(index, fails) {
  const name = `burst-child-${index}`;
  return {
    index,
    fails,
    name,
    arn: `${REGION_ARN}:execution:Child:${name}`,
    // Real task tokens run to hundreds of characters; this one only has to be unique.
    token: `AQB${'x'.repeat(120)}-burst-token-${index}`,
  };
}

/** The framed request `Closer:Send` builds for this child (see `closerStates`). */
function framedRequest(child) {
  return {
    closerRequestVersion: 1,
    payload: { child: child.index, meta: child.fails ? { status: false } : {} },
    execution: { id: child.arn, name: child.name },
    parent: {
      name: `parent-of-${child.name}`,
      arn: `${REGION_ARN}:execution:Parent:p-${child.index}`,
      token: child.token,
    },
    failed: false,
    failure: null,
    errors: null,
  };
}

/** Closer:Send with its Retry, then the state the child ends in. */
async function runChild(child, container, retry, tally) {
  const retries = new Map();
  for (;;) {
    tally.invocations += 1;
    const outcome = await container.invoke(framedRequest(child), randomUUID());
    if (outcome.ok) {
      const end = outcome.result.message === 'SUCCEEDED' ? 'Closer:Success' : 'Closer:Fail';
      // Closer:Fail fails the execution, so EventBridge sends a FAILED event: the safety net runs.
      if (end === 'Closer:Fail') await invokeSafetyNet(child, container, tally);
      return { end, result: outcome.result };
    }
    const retrier = matchingRetrier(retry, outcome.errorType);
    const used = retrier === undefined ? 0 : (retries.get(retrier) ?? 0);
    if (retrier === undefined || used >= (retrier.MaxAttempts ?? 3)) {
      // Catch States.ALL -> Closer:DeadLetter: the execution fails, and the safety net runs.
      await invokeSafetyNet(child, container, tally);
      return { end: 'Closer:DeadLetter', error: outcome.errorType };
    }
    retries.set(retrier, used + 1);
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs(retrier, used + 1)));
  }
}

/** The EventBridge status event of a failed child, as the safety-net rule delivers it. */
function failedEvent(child) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [child.arn],
    detail: {
      executionArn: child.arn,
      stateMachineArn: `${REGION_ARN}:stateMachine:Child`,
      name: child.name,
      status: 'FAILED',
      input: JSON.stringify({ meta: { parent: { token: child.token } } }),
      inputDetails: { included: true },
      error: child.fails ? 'SubStep.Failed' : 'Closer.DeadLetter',
      cause: 'burst',
    },
  };
}

async function invokeSafetyNet(child, container, tally, { deferAllowed = true } = {}) {
  tally.safetyNetInvocations += 1;
  const outcome = await container.invoke(failedEvent(child), randomUUID());
  if (!outcome.ok && deferAllowed) tally.deferredSafetyNet.push({ child, container });
}

function summarize({ childList, ends, delivered, calls, tally, drainMs, theoreticalMs, options }) {
  let correct = 0;
  let turnedIntoFailure = 0;
  let lost = 0;
  childList.forEach((child) => {
    const signal = delivered.get(child.token);
    const expected = child.fails ? 'SendTaskFailure' : 'SendTaskSuccess';
    if (signal === undefined) {
      lost += 1;
      return;
    }
    const own =
      signal.operation === expected &&
      (!child.fails ? JSON.parse(signal.body.output).child === child.index : true);
    if (own) correct += 1;
    else turnedIntoFailure += 1;
  });
  const count = childList.length;
  return {
    ...options,
    correct,
    turnedIntoFailure,
    lost,
    deadLetters: ends.filter((end) => end.end === 'Closer:DeadLetter').length,
    drainMs: Math.round(drainMs),
    theoreticalMs: Math.round(theoreticalMs),
    drainRatio: theoreticalMs === 0 ? null : Number((drainMs / theoreticalMs).toFixed(3)),
    invocationsPerChild: Number(
      ((tally.invocations + tally.safetyNetInvocations) / count).toFixed(2),
    ),
    closerInvocationsPerChild: Number((tally.invocations / count).toFixed(2)),
    safetyNetInvocations: tally.safetyNetInvocations,
    signalCallsPerChild: Number((calls.signal / count).toFixed(2)),
    throttledCalls: calls.throttled,
    lateCalls: calls.gone,
  };
}
