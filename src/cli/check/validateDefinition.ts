import { definitionSizeProblem } from './validation/definitionSizeProblem.ts';
import { definitionProblems } from './validation/machineProblems.ts';

export { definitionSizeProblem };

/** The outcome of `validateDefinition`. */
export type Validation =
  | { readonly valid: true }
  | { readonly valid: false; readonly errors: readonly string[] };

/**
 * Validates a definition as Step Functions would: our own reading of its structure, transitions
 * and paths, with asl-validator's JSON Schemas (corrected where they refuse what Step Functions
 * accepts) for each state's fields. Never throws, never changes the definition; one line per
 * problem, naming the state, the field, what is wrong and the fix.
 *
 * @example
 * const validation = validateDefinition(JSON.parse(text));
 * if (!validation.valid) console.error(validation.errors.join('\n'));
 */
export function validateDefinition(definition: unknown): Validation {
  let errors: string[];
  try {
    errors = definitionProblems(definition);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    errors = [
      `The definition could not be validated (${reason}). Fix: check it against the Amazon States Language specification.`,
    ];
  }
  // CreateStateMachine refuses a definition over 1 MB. Measured as compact JSON, the smallest
  // form it can be sent in: a file with more whitespace is not refused for its formatting.
  const size = sizeProblem(definition);
  if (size !== undefined) errors = [...errors, size];
  return errors.length === 0 ? { valid: true } : { valid: false, errors };
}

function sizeProblem(definition: unknown): string | undefined {
  try {
    const text = JSON.stringify(definition);
    return text === undefined ? undefined : definitionSizeProblem(text);
  } catch {
    return undefined;
  }
}

/** `validateDefinition`; kept for callers written when the validator changed its input. */
export const validateDisposableDefinition = validateDefinition;
