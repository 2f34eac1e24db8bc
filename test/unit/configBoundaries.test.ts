import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigOrDefault } from '../../src/config.ts';

describe('CLOSER_DEADLINE_MARGIN_MS at its bounds', () => {
  it.each([
    ['0', 0],
    ['60000', 60_000],
    [' 250 ', 250],
    // Unset and empty alike mean the default: an empty value is not read as 0.
    ['', 500],
    ['   ', 500],
  ])('reads %j as %d', (value, expected) => {
    expect(loadConfig({ CLOSER_DEADLINE_MARGIN_MS: value }).deadlineMarginMs).toBe(expected);
  });

  it('refuses a margin above 60,000 ms, naming the range and the value', () => {
    expect(() => loadConfig({ CLOSER_DEADLINE_MARGIN_MS: '60001' })).toThrow(
      expect.objectContaining({
        name: 'Closer.InvalidConfiguration',
        message:
          'CLOSER_DEADLINE_MARGIN_MS must be a whole number of milliseconds from 0 to 60000, got "60001"',
      }),
    );
  });
});

describe('what an unusable setting says', () => {
  it('quotes the value of CLOSER_FAIL_ON_ERRORS as it was set', () => {
    expect(() => loadConfig({ CLOSER_FAIL_ON_ERRORS: ' Yes ' })).toThrow(
      expect.objectContaining({
        message: 'CLOSER_FAIL_ON_ERRORS must be "true" or "false", got " Yes "',
      }),
    );
  });

  it('says why CLOSER_METRICS_NAMESPACE cannot be a namespace', () => {
    expect(() => loadConfig({ CLOSER_METRICS_NAMESPACE: 'AWS/Lambda' })).toThrow(
      expect.objectContaining({
        message:
          'CLOSER_METRICS_NAMESPACE must be a CloudWatch namespace, but it may not begin with "AWS/" (reserved for AWS): got "AWS/Lambda"',
      }),
    );
  });

  it('reports the problem rather than throwing it from loadConfigOrDefault', () => {
    const { configProblem } = loadConfigOrDefault({ CLOSER_DEADLINE_MARGIN_MS: '-5' });
    expect(configProblem).toMatchObject({ name: 'Closer.InvalidConfiguration' });
  });

  it('lets an error that is not about a setting through loadConfigOrDefault', () => {
    const failing = new Proxy(
      {},
      {
        get() {
          throw new TypeError('the environment cannot be read');
        },
      },
    );
    expect(() => loadConfigOrDefault(failing)).toThrow(TypeError);
  });
});
