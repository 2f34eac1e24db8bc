import { describeError } from '../input/InputError.ts';
import { readInput } from '../input/readInput.ts';
import { displayName } from '../input/readText.ts';
import { validateDisposableDefinition } from './validateDefinition.ts';

/** A definition read from disk, or the reasons it cannot be used. */
export type LoadedDefinition =
  | { readonly ok: true; readonly definition: object }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface LoadOptions {
  /**
   * The caller only reads the definition. The validator never writes into what it validates, so
   * this changes nothing today; it is kept so callers say what they do with the result.
   */
  readonly readOnly?: boolean;
}

/**
 * Reads a definition file (JSON or YAML, `-` for standard input) and validates it. Every failure
 * is returned, never thrown, so that commands can map it to exit code 2.
 *
 * @example
 * const loaded = await loadDefinition('machine.asl.json');
 * if (!loaded.ok) io.stderr(loaded.problems.join('\n'));
 */
export async function loadDefinition(
  file: string,
  options: LoadOptions = {},
): Promise<LoadedDefinition> {
  try {
    const { value } = await readInput(file);
    return validateLoaded(value, displayName(file), options);
  } catch (error) {
    return { ok: false, problems: [describeError(error)] };
  }
}

/**
 * Validates a parsed definition; `name` labels the problems (`file` or `file#LogicalId`). An
 * exception inside the validator becomes a problem too, never a crash.
 *
 * @example
 * const loaded = validateLoaded(JSON.parse(text), 'machine.asl.json', { readOnly: true });
 */
export function validateLoaded(
  definition: unknown,
  name: string,
  _options: LoadOptions = {},
): LoadedDefinition {
  let validation: ReturnType<typeof validateDisposableDefinition>;
  try {
    // The validator reads only: no copy is needed, whatever the caller does with the result.
    validation = validateDisposableDefinition(definition);
  } catch (error) {
    return {
      ok: false,
      problems: [`${name} cannot be validated: the validator failed (${describeError(error)}).`],
    };
  }
  if (!validation.valid) {
    return {
      ok: false,
      problems: [`${name} is not a valid state machine definition:`, ...validation.errors],
    };
  }
  return { ok: true, definition: definition as object };
}
