import { vi } from 'vitest';

/**
 * Captures what the handler writes to stdout (its structured log lines) for the current test.
 * `restoreMocks` in vitest.config.ts puts stdout back after each test.
 */
export function captureLogs(): { lines: () => string[]; records: () => Record<string, unknown>[] } {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const lines = () =>
    written
      .join('')
      .split('\n')
      .filter((line) => line !== '');
  return {
    lines,
    records: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
