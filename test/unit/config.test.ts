import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from '../../src/config.ts';
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

  it.each([
    ['CLOSER_FAIL_ON_ERRORS', 'yes'],
    ['CLOSER_DEADLINE_MARGIN_MS', '-1'],
    ['CLOSER_DEADLINE_MARGIN_MS', '1.5'],
    ['CLOSER_DEADLINE_MARGIN_MS', 'soon'],
  ])('names %s when its value %j cannot be used', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(
      expect.objectContaining({
        name: 'Closer.InvalidConfiguration',
        message: expect.stringContaining(name),
      }),
    );
    expect(() => loadConfig({ [name]: value })).toThrow(InvalidConfigurationError);
  });
});
