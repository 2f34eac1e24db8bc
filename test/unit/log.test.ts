import { describe, expect, it } from 'vitest';
import { fingerprintToken, writeLog } from '../../src/log.ts';
import { PARENT_TOKEN } from '../fixtures/payloads.ts';

describe('fingerprintToken', () => {
  it('shows the length and the last 6 characters of a long token', () => {
    expect(fingerprintToken(PARENT_TOKEN)).toBe(
      `len=${PARENT_TOKEN.length};…${PARENT_TOKEN.slice(-6)}`,
    );
  });

  it('shows only the length of a short token, which 6 characters would reveal', () => {
    expect(fingerprintToken('abc123')).toBe('len=6');
  });
});

describe('writeLog', () => {
  it('writes one JSON line with level, service and fields', () => {
    const lines: string[] = [];
    writeLog('WARN', 'hello', { verdict: 'FAILED' }, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'WARN',
      service: 'sub-step-closer',
      message: 'hello',
      verdict: 'FAILED',
      timestamp: expect.any(String),
    });
  });
});
