import { afterEach, describe, expect, it, vi } from 'vitest';
import { fingerprintToken, invocationLog } from '../../src/log.ts';
import { readRuntimeFields } from '../../src/metrics/readRuntimeFields.ts';
import { lambdaContext } from '../support/lambdaContext.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('readRuntimeFields: headers as Lambda may write them', () => {
  it('finds the Root after a space that follows a semicolon', () => {
    const header = 'Parent=557abcec3ee5a047; Root=1-5759e988-bd862e3fe1be46a994272793; Sampled=1';
    expect(readRuntimeFields({ _X_AMZN_TRACE_ID: header }, lambdaContext()).xrayTraceId).toBe(
      '1-5759e988-bd862e3fe1be46a994272793',
    );
  });

  it('trims the trace id', () => {
    const header = 'Root= 1-5759e988-bd862e3fe1be46a994272793 ;Sampled=1';
    expect(readRuntimeFields({ _X_AMZN_TRACE_ID: header }, lambdaContext()).xrayTraceId).toBe(
      '1-5759e988-bd862e3fe1be46a994272793',
    );
  });

  it('has no trace id for a Root field without a value', () => {
    expect(
      readRuntimeFields({ _X_AMZN_TRACE_ID: 'Sampled=1;Root' }, lambdaContext()),
    ).not.toHaveProperty('xrayTraceId');
  });

  it('names the function from the context when AWS_LAMBDA_FUNCTION_NAME is empty', () => {
    const context = { ...lambdaContext(), functionName: 'FromContext' };
    expect(readRuntimeFields({ AWS_LAMBDA_FUNCTION_NAME: '' }, context).functionName).toBe(
      'FromContext',
    );
  });

  it('names the function "unknown" when the context name is empty too', () => {
    const context = { ...lambdaContext(), functionName: '' };
    expect(readRuntimeFields({ AWS_LAMBDA_FUNCTION_NAME: '' }, context).functionName).toBe(
      'unknown',
    );
  });
});

describe('invocationLog: durationMs', () => {
  it('is the time from the start of the invocation to the line', () => {
    vi.useFakeTimers({ now: 1_764_099_741_000 });
    const lines: string[] = [];
    const log = invocationLog({
      fields: {},
      startedAt: Date.now() - 1_234,
      coldStart: false,
      namespace: 'SubStepCloser',
      source: 'Closer',
      env: {},
      context: lambdaContext(),
      write: (line) => lines.push(line),
    });
    log('INFO', 'sub step closed', {}, {});
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      durationMs: 1_234,
      timestamp: '2025-11-25T19:42:21.000Z',
    });
  });
});

describe('fingerprintToken at 64 characters', () => {
  it('shows the last 6 characters of a token of exactly 64', () => {
    const token = `${'a'.repeat(58)}xyz789`;
    expect(fingerprintToken(token)).toBe('len=64;…xyz789');
  });

  it('shows only the length of a token of 63', () => {
    expect(fingerprintToken('a'.repeat(63))).toBe('len=63');
  });
});
