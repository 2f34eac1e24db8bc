import { vi } from 'vitest';
import type { CloserResult } from '../../src/closer/CloserResult.ts';
import type { LambdaContext } from '../../src/LambdaContext.ts';

/**
 * The handler's signature, for the sources and for the built `index.mjs` alike. The suites send
 * `Closer:Send` inputs only, so a returned value is a `CloserResult`.
 */
export type CloserHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** How one invocation ended. */
export type Settlement =
  | { readonly kind: 'returned'; readonly result: CloserResult }
  | { readonly kind: 'threw'; readonly name: string; readonly message: string };

export interface Invocation {
  readonly settlement: Settlement;
  /**
   * `context.getRemainingTimeInMillis()` when the handler settled. Above zero means it answered
   * before Lambda would have killed it, so Step Functions sees its named error, not `Lambda.Unknown`.
   */
  readonly remainingAtSettlementMs: number;
  /** The lines the handler wrote to stdout: its structured log. */
  readonly logLines: readonly string[];
}

/** Runs one invocation, capturing its log lines and how much Lambda time was left at the end. */
export async function invokeCloser(
  handler: CloserHandler,
  event: unknown,
  context: LambdaContext,
): Promise<Invocation> {
  const { value: settlement, lines } = await captureStdout(() => settle(handler, event, context));
  return {
    settlement,
    remainingAtSettlementMs: context.getRemainingTimeInMillis(),
    logLines: lines,
  };
}

async function settle(
  handler: CloserHandler,
  event: unknown,
  context: LambdaContext,
): Promise<Settlement> {
  try {
    return { kind: 'returned', result: (await handler(event, context)) as CloserResult };
  } catch (error) {
    return error instanceof Error
      ? { kind: 'threw', name: error.name, message: error.message }
      : { kind: 'threw', name: typeof error, message: String(error) };
  }
}

/**
 * Captures what `run` writes to `process.stdout` (the handler logs there, as Lambda expects), one
 * entry per line, and keeps it out of the test output.
 */
export async function captureStdout<T>(
  run: () => Promise<T>,
): Promise<{ value: T; lines: string[] }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    return true;
  });
  try {
    const value = await run();
    return {
      value,
      lines: chunks
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
    };
  } finally {
    spy.mockRestore();
  }
}
