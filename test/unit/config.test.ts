import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig, loadConfigOrDefault } from '../../src/config.ts';
import { InvalidConfigurationError } from '../../src/errors.ts';

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    [' false ', false],
    ['', false],
  ])('reads CLOSER_FAIL_ON_ERRORS=%j as %s', (value, expected) => {
    expect(loadConfig({ CLOSER_FAIL_ON_ERRORS: value }).failOnErrors).toBe(expected);
  });

  it('reads CLOSER_DEADLINE_MARGIN_MS', () => {
    expect(loadConfig({ CLOSER_DEADLINE_MARGIN_MS: '1500' }).deadlineMarginMs).toBe(1500);
  });

  it('publishes the metrics to the SubStepCloser namespace by default', () => {
    expect(loadConfig({}).metricsNamespace).toBe('SubStepCloser');
  });

  it.each([
    ['Orders/SubSteps', 'Orders/SubSteps'],
    ['  Orders SubSteps  ', 'Orders SubSteps'],
    ['', 'SubStepCloser'],
    ['   ', 'SubStepCloser'],
  ])('reads CLOSER_METRICS_NAMESPACE=%j as %j', (value, expected) => {
    expect(loadConfig({ CLOSER_METRICS_NAMESPACE: value }).metricsNamespace).toBe(expected);
  });

  it.each([
    ['CLOSER_FAIL_ON_ERRORS', 'yes'],
    ['CLOSER_DEADLINE_MARGIN_MS', '-1'],
    ['CLOSER_DEADLINE_MARGIN_MS', '1.5'],
    ['CLOSER_DEADLINE_MARGIN_MS', 'soon'],
    ['CLOSER_METRICS_NAMESPACE', 'x'.repeat(256)],
    ['CLOSER_METRICS_NAMESPACE', 'Orders$'],
    ['CLOSER_METRICS_NAMESPACE', 'AWS/Lambda'],
    ['CLOSER_METRICS_NAMESPACE', ':Orders'],
  ])('names %s when its value %j cannot be used', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      expect.objectContaining({
        name: 'Closer.InvalidConfiguration',
        message: expect.stringContaining(name),
      }),
    );
    expect(() => loadConfig({ [name]: value })).toThrow(InvalidConfigurationError);
  });

  it('falls back to every default, the namespace too, and reports an unusable namespace', () => {
    const { config, configProblem } = loadConfigOrDefault({
      CLOSER_METRICS_NAMESPACE: 'AWS/Lambda',
      CLOSER_FAIL_ON_ERRORS: 'true',
    });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(configProblem?.message).toContain('CLOSER_METRICS_NAMESPACE');
  });
});
