import { vi } from 'vitest';
import type { CloserHandler } from './invokeCloser.ts';

/**
 * The handler from `src/` in a fresh module graph: a cold container with no SDK client yet. The
 * SDK's retry quota lives in the client, so each fault test gets its own and counts its own retries.
 */
export async function freshSourceHandler(): Promise<CloserHandler> {
  vi.resetModules();
  const { handler } = await import('../../src/handler.ts');
  // Closer payloads only: for those the handler resolves to a CloserResult (the safety net's
  // EventBridge events are what widen its return type).
  return handler as CloserHandler;
}

/**
 * Loads the SDK package once, as a warm Lambda would have it in memory, so a test's short Lambda
 * timeout measures the signal, not the first read of the SDK from disk.
 */
export async function preloadSdk(): Promise<void> {
  await import('@aws-sdk/client-sfn');
}
