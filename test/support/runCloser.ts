import type { CloserResult } from '../../src/closer/CloserResult.ts';
import { closeSubStep } from '../../src/closeSubStep.ts';
import type { LambdaContext } from '../../src/LambdaContext.ts';
import type { SfnApi } from '../../src/parent/SfnApi.ts';
import { lambdaContext } from './lambdaContext.ts';

/** How one Closer invocation ended, and the log lines it wrote, parsed. */
export interface CloserRun {
  readonly settled:
    | { readonly kind: 'returned'; readonly result: CloserResult }
    | { readonly kind: 'threw'; readonly error: unknown };
  readonly records: Record<string, unknown>[];
}

/**
 * Runs `closeSubStep` from the sources with a given port (no SDK) and environment, capturing
 * its log lines instead of writing them to stdout.
 */
export async function runCloser(
  event: unknown,
  options: {
    readonly api?: SfnApi;
    readonly loadApi?: () => Promise<SfnApi>;
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly context?: LambdaContext;
    /** The backoff's sleep; by default one that returns at once. */
    readonly sleep?: (ms: number) => Promise<void>;
  } = {},
): Promise<CloserRun> {
  const lines: string[] = [];
  const settled = await closeSubStep(event, options.context ?? lambdaContext(), {
    env: options.env ?? {},
    loadApi:
      options.loadApi ??
      (async () => {
        if (options.api === undefined) throw new Error('this test expected no Step Functions call');
        return options.api;
      }),
    writeLog: (line) => lines.push(line),
    sleep: options.sleep ?? (async () => undefined),
  }).then(
    (result) => ({ kind: 'returned' as const, result }),
    (error: unknown) => ({ kind: 'threw' as const, error }),
  );
  return { settled, records: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
