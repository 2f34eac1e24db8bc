/**
 * The rules `check` applies. Errors break the Closer contract (exit 1); warnings name failures
 * that no `Catch` can see and do not fail the check.
 */
export const RULES = {
  'closer-missing': 'error',
  'missing-catch-all': 'error',
  'escapes-closer': 'error',
  'choice-without-default': 'error',
  'parent-wait-without-timeout': 'error',
  'runtime-error-risk': 'warning',
  'data-limit-risk': 'warning',
  'catch-replaces-payload': 'warning',
  'closer-result-path': 'warning',
} as const;

/** A rule id, as printed in findings and matched by `--format json` consumers. */
export type RuleId = keyof typeof RULES;

/** `error` fails the check; `warning` is advice. */
export type Severity = (typeof RULES)[RuleId];

/** One problem `check` found in a definition. */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Path of the state: `Work`, or `Parallel1/Branch[0]/Inner` for a nested one. */
  readonly state: string;
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly fix: string;
}

/**
 * Builds a finding with the rule's severity.
 *
 * @example
 * finding('choice-without-default', 'Route', 'Choice has no Default.', 'Add a Default.');
 */
export function finding(rule: RuleId, state: string, message: string, fix: string): Finding {
  return { rule, severity: RULES[rule], state, message, fix };
}
