import { describe, expect, it } from 'vitest';
import { type Finding, finding } from '../../../src/cli/check/Finding.ts';
import { formatFindings } from '../../../src/cli/check/formatFindings.ts';

const findings: Finding[] = [
  finding('missing-catch-all', 'Work', 'Task has no States.ALL catcher.', 'Add one.'),
  finding('runtime-error-risk', 'Fan/Branch[0]/Shape', 'Pass reads $.a.', 'Guard it.'),
];
const ESCAPE = '\u001b[';

describe('formatFindings', () => {
  it('prints { findings } as JSON with rule, severity, state, message and fix', () => {
    const text = formatFindings(findings, { format: 'json', colour: true, source: 'm.json' });
    expect(JSON.parse(text)).toEqual({
      findings: [
        {
          rule: 'missing-catch-all',
          severity: 'error',
          state: 'Work',
          message: 'Task has no States.ALL catcher.',
          fix: 'Add one.',
        },
        {
          rule: 'runtime-error-risk',
          severity: 'warning',
          state: 'Fan/Branch[0]/Shape',
          message: 'Pass reads $.a.',
          fix: 'Guard it.',
        },
      ],
    });
    expect(text).not.toContain(ESCAPE);
  });

  it('prints one line per finding and a summary, without colour off a terminal', () => {
    const text = formatFindings(findings, { format: 'text', colour: false, source: 'm.json' });
    expect(text.split('\n')).toEqual([
      'error   missing-catch-all Work: Task has no States.ALL catcher. Fix: Add one.',
      'warning runtime-error-risk Fan/Branch[0]/Shape: Pass reads $.a. Fix: Guard it.',
      'm.json breaks the Closer contract: 1 error, 1 warning.',
      '',
    ]);
  });

  it('colours severities on a terminal', () => {
    const text = formatFindings(findings, { format: 'text', colour: true, source: 'm.json' });
    expect(text).toContain(`${ESCAPE}31merror  ${ESCAPE}39m missing-catch-all`);
    expect(text).toContain(`${ESCAPE}33mwarning${ESCAPE}39m runtime-error-risk`);
  });

  it('says a definition with warnings only follows the contract', () => {
    const text = formatFindings(findings.slice(1), {
      format: 'text',
      colour: false,
      source: 'm.json',
    });
    expect(text).toContain('m.json follows the Closer contract (0 errors, 1 warning).\n');
  });

  it('prints an empty findings list as JSON', () => {
    expect(formatFindings([], { format: 'json', colour: false, source: 'm.json' })).toBe(
      '{\n  "findings": []\n}\n',
    );
  });
});
