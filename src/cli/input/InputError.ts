/**
 * An input `check` or `wrap` cannot use: unreadable, not JSON or YAML, or a template whose state
 * machine definition cannot be found. Its message names the file (and machine) already, so a
 * command prints it as it is and exits 2.
 */
export class InputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputError';
  }
}

/**
 * The message of anything thrown, for a one-line report (never a stack trace).
 *
 * @example
 * `Cannot read ${file}: ${describeError(error)}`
 */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
