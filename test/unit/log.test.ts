import { describe, expect, it } from 'vitest';
import {
  fingerprintToken,
  invocationLog,
  METRICS_ONLY_MESSAGE,
  readLogLevel,
  writeLog,
} from '../../src/log.ts';
import { PARENT_TOKEN } from '../fixtures/payloads.ts';
import { embeddedMetrics } from '../support/captureLogs.ts';
import { lambdaContext } from '../support/lambdaContext.ts';

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

describe('invocationLog', () => {
  const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1';
  const METRICS = { ParentNotified: 1, ParentGone: 0 };

  /** One invocation's log, writing to an array; `env` as Lambda would set it. */
  function logInto(
    lines: string[],
    env: Record<string, string | undefined> = { AWS_LAMBDA_FUNCTION_NAME: 'SubStepCloser' },
  ) {
    return invocationLog({
      fields: { requestId: 'req-7', execution: 'arn:child' },
      startedAt: Date.now(),
      coldStart: true,
      namespace: 'SubStepCloser',
      source: 'Closer',
      env,
      context: lambdaContext(),
      write: (line) => lines.push(line),
    });
  }

  function onlyRecord(lines: readonly string[]): Record<string, unknown> {
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  }

  it('writes one line that is both the log record and an EMF document', () => {
    const lines: string[] = [];
    logInto(lines)('INFO', 'sub step closed', { verdict: 'SUCCEEDED' }, METRICS);
    const record = onlyRecord(lines);
    expect(record).toMatchObject({
      level: 'INFO',
      service: 'sub-step-closer',
      message: 'sub step closed',
      requestId: 'req-7',
      execution: 'arn:child',
      verdict: 'SUCCEEDED',
      durationMs: expect.any(Number),
      coldStart: true,
    });
    expect(embeddedMetrics(record)).toEqual({
      timestamp: Date.parse(String(record['timestamp'])),
      namespace: 'SubStepCloser',
      dimensionSets: [['FunctionName', 'Source']],
      dimensions: { FunctionName: 'SubStepCloser', Source: 'Closer' },
      values: METRICS,
      units: { ParentNotified: 'Count', ParentGone: 'Count' },
    });
  });

  it('lets no field shadow a metric, a dimension or the _aws directive', () => {
    const lines: string[] = [];
    const fields = { ParentNotified: 'no', Source: 'forged', _aws: null };
    logInto(lines)('INFO', 'sub step closed', fields, METRICS);
    expect(embeddedMetrics(onlyRecord(lines))).toMatchObject({
      dimensions: { Source: 'Closer' },
      values: METRICS,
    });
  });

  it('adds the X-Ray trace id when Lambda set _X_AMZN_TRACE_ID', () => {
    const lines: string[] = [];
    logInto(lines, { _X_AMZN_TRACE_ID: TRACE_HEADER })('INFO', 'm', {}, METRICS);
    expect(onlyRecord(lines)['xrayTraceId']).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('has no xrayTraceId field without _X_AMZN_TRACE_ID', () => {
    const lines: string[] = [];
    logInto(lines, {})('INFO', 'm', {}, METRICS);
    expect(onlyRecord(lines)).not.toHaveProperty('xrayTraceId');
  });

  describe('AWS_LAMBDA_LOG_LEVEL', () => {
    it.each([
      [undefined, 'INFO'],
      ['INFO', 'INFO'],
      ['DEBUG', 'INFO'],
      ['TRACE', 'INFO'],
      ['WARN', 'WARN'],
      ['warn', 'ERROR'],
      ['ERROR', 'ERROR'],
      ['VERBOSE', 'INFO'],
    ] as const)('at %s writes a %s line as it is', (logLevel, level) => {
      const lines: string[] = [];
      logInto(lines, { AWS_LAMBDA_LOG_LEVEL: logLevel })(level, 'the line', { a: 1 }, METRICS);
      expect(onlyRecord(lines)).toMatchObject({ level, message: 'the line', a: 1 });
    });

    it.each([
      ['WARN', 'INFO'],
      ['ERROR', 'INFO'],
      ['ERROR', 'WARN'],
      ['FATAL', 'ERROR'],
    ] as const)(
      'at %s replaces a %s line by its metrics, at the level Lambda keeps',
      (logLevel, level) => {
        const lines: string[] = [];
        const env = { AWS_LAMBDA_LOG_LEVEL: logLevel, _X_AMZN_TRACE_ID: TRACE_HEADER };
        logInto(lines, env)(level, 'sub step closed', { verdict: 'SUCCEEDED' }, METRICS);
        const record = onlyRecord(lines);
        expect(record).toMatchObject({
          level: logLevel,
          message: METRICS_ONLY_MESSAGE,
          suppressedLevel: level,
          requestId: 'req-7',
          durationMs: expect.any(Number),
          coldStart: true,
          xrayTraceId: '1-5759e988-bd862e3fe1be46a994272793',
        });
        expect(record).not.toHaveProperty('verdict');
        expect(embeddedMetrics(record).values).toEqual(METRICS);
      },
    );
  });
});

describe('readLogLevel', () => {
  it.each([
    ['TRACE', 'TRACE'],
    ['debug', 'DEBUG'],
    [' Info ', 'INFO'],
    ['WARN', 'WARN'],
    ['ERROR', 'ERROR'],
    ['FATAL', 'FATAL'],
  ])('reads %j as %s', (value, level) => {
    expect(readLogLevel({ AWS_LAMBDA_LOG_LEVEL: value })).toBe(level);
  });

  it.each([undefined, '', 'WARNING', 'CRITICAL'])('reads %j as no filtering', (value) => {
    expect(readLogLevel({ AWS_LAMBDA_LOG_LEVEL: value })).toBeUndefined();
  });
});
