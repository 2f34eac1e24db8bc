/** What a failed evaluation can carry: jsonata throws plain objects, not Error instances. */
interface JsonataFailure {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly position?: unknown;
}

/**
 * The cause of the `States.QueryEvaluationError` a failed JSONata expression raises, written as
 * AWS writes it: a sentence naming the expression and the field, then `. <code>: <message>` for a
 * JSONata error, or `: <message>` for one without a code (measured over 101 failing expressions,
 * floci-io/floci#2736 and #2783). A syntax error (code S0...) also gives its position: AWS refuses
 * such a definition before it runs, so there is no run-time text to match, and the position is
 * what finds the typo.
 *
 * @param source The expression, without `{%` and `%}`.
 * @param field The field's path in the state (`Output/total`, `Arguments/Input/x`).
 * @example
 * queryEvaluationCause({ code: 'T2001', message: 'The left side of the "+" operator must evaluate to a number' }, '$x + 1', 'Output');
 * // "The JSONata expression '$x + 1' specified for the field 'Output' threw an error during
 * //  evaluation. T2001: The left side of the \"+\" operator must evaluate to a number"
 */
export function queryEvaluationCause(error: unknown, source: string, field: string): string {
  const sentence = `The JSONata expression '${source}' specified for the field '${field}' threw an error during evaluation`;
  const failure: JsonataFailure = typeof error === 'object' && error !== null ? error : {};
  const message = describe(error);
  if (typeof failure.code !== 'string') return `${sentence}: ${message}`;
  const position =
    failure.code.startsWith('S0') && typeof failure.position === 'number'
      ? ` (at position ${failure.position})`
      : '';
  return `${sentence}. ${failure.code}: ${message}${position}`;
}

/** A readable message for anything thrown, never `[object Object]`. */
function describe(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = (error as JsonataFailure | null)?.message;
  if (typeof message === 'string' && message !== '') return message;
  if (error instanceof Error) return error.name;
  try {
    // A jsonata error object carries a `stack` of the library's frames, which helps nobody here.
    return (
      JSON.stringify(error, (key, value: unknown) => (key === 'stack' ? undefined : value)) ??
      String(error)
    );
  } catch {
    return String(error);
  }
}
