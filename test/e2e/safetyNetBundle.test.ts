import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LambdaContext } from '../../src/LambdaContext.ts';
import { CHILD_EXECUTION_ARN, PARENT_TOKEN } from '../fixtures/payloads.ts';
import { executionStatusChange } from '../fixtures/statusChangeEvents.ts';
import { captureLogs } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';
import { useFakeSfnEndpoint } from '../support/sdkEnvironment.ts';
import { unzipRelease } from '../support/unzipHandler.ts';

type AnyHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

// The release zip, extracted as Lambda does, with the real bundled SDK against 127.0.0.1.
const sfn = useFakeSfnEndpoint({ AWS_MAX_ATTEMPTS: '2' });
let folder: string;
let handler: AnyHandler;

beforeAll(async () => {
  folder = unzipRelease();
  const module = (await import(pathToFileURL(join(folder, 'index.mjs')).href)) as {
    handler: AnyHandler;
  };
  handler = module.handler;
});

beforeEach(() => {
  sfn.endpoint().reset();
  captureLogs();
});

describe('the safety net in the built zip', () => {
  it('routes an execution status change to the safety net, which tells the parent', async () => {
    await expect(
      handler(executionStatusChange({ status: 'ABORTED' }), lambdaContext()),
    ).resolves.toEqual({
      safetyNet: 'NOTIFIED',
      execution: CHILD_EXECUTION_ARN,
      error: 'SubStep.Aborted',
    });
    expect(sfn.endpoint().requests.map((r) => [r.operation, r.body['taskToken']])).toEqual([
      ['SendTaskFailure', PARENT_TOKEN],
    ]);
  });

  it('ignores a SUCCEEDED event without a request', async () => {
    await expect(
      handler(executionStatusChange({ status: 'SUCCEEDED' }), lambdaContext()),
    ).resolves.toMatchObject({ safetyNet: 'IGNORED' });
    expect(sfn.endpoint().requests).toEqual([]);
  });

  it('loads no SDK module before a call: the entry statically reaches no @aws-sdk or @smithy code', () => {
    // esbuild's metafile names outputs by the staging folder the build used: key them by suffix.
    const meta = JSON.parse(readFileSync('dist/lambda-meta.json', 'utf8')) as {
      outputs: Record<
        string,
        { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }
      >;
    };
    const bySuffix = new Map(
      Object.entries(meta.outputs).map(([path, output]) => [
        path.replace(/^.*?\/(?=index\.mjs$|chunks\/)/, ''),
        output,
      ]),
    );
    const reached = new Set<string>();
    const visit = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      for (const edge of bySuffix.get(name)?.imports ?? []) {
        if (edge.kind === 'import-statement') visit(edge.path.replace(/^.*?\/(?=chunks\/)/, ''));
      }
    };
    visit('index.mjs');
    const inputs = [...reached].flatMap((name) => Object.keys(bySuffix.get(name)?.inputs ?? {}));
    expect(inputs).toContain('src/safety-net/handleStatusChange.ts');
    expect(inputs.filter((input) => /node_modules\/@(aws-sdk|smithy)\//.test(input))).toEqual([]);
  });
});
