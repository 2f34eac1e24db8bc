/**
 * The rules `check` applies, with their severity. Errors break the Closer contract (exit 1);
 * warnings name risks that do not fail the check. `closer-reads-payload-link` is the one rule
 * whose severity depends on the case: an error when a state on the way to the Closer can drop
 * `meta`, a warning (the table's value is its worst) when none can yet.
 */
export const RULES = {
  'closer-missing': 'error',
  'missing-catch-all': 'error',
  'escapes-closer': 'error',
  'choice-without-default': 'error',
  'parent-wait-without-timeout': 'error',
  'closer-reads-payload-link': 'error',
  'result-path-type-mismatch': 'error',
  'runtime-error-risk': 'warning',
  'data-limit-risk': 'warning',
  'catch-replaces-payload': 'warning',
  'shim-dropped': 'warning',
  'parent-sync-without-token': 'warning',
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
 * Builds a finding with the rule's severity, or with `severity` for a rule whose severity
 * depends on the case (see `RULES`).
 *
 * @example
 * finding('choice-without-default', 'Route', 'Choice has no Default.', 'Add a Default.');
 */
export function finding(
  rule: RuleId,
  state: string,
  message: string,
  fix: string,
  severity: Severity = RULES[rule],
): Finding {
  return { rule, severity, state, message, fix };
}
