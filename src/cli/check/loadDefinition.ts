import { readFile } from 'node:fs/promises';
import { validateDisposableDefinition } from './validateDefinition.ts';

/** A definition read from disk, or the reasons it cannot be used. */
export type LoadedDefinition =
  | { readonly ok: true; readonly definition: object }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface LoadOptions {
  /**
   * The caller only reads the definition's states, so it may get the object asl-validator
   * validated, with a `QueryLanguage` written into every state that had none: the value the state
   * inherits anyway (tested on every fixture). Commands that print the definition, like `wrap`,
   * must leave this off.
   */
  readonly readOnly?: boolean;
}

/**
 * Reads a definition file, parses it as JSON and validates it with asl-validator. Every failure
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
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`Cannot read ${file}: ${reason}`] };
  }
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`${file} is not valid JSON: ${reason}`] };
  }
  // asl-validator writes into what it validates. A caller that only reads shares the one copy
  // (on 50,000 states a second parse and its garbage cost about 0.35 s); otherwise asl-validator
  // gets a copy of its own, and a second parse is cheaper than a deep copy.
  const validation = validateDisposableDefinition(
    options.readOnly === true ? definition : JSON.parse(text),
  );
  if (!validation.valid) {
    return {
      ok: false,
      problems: [`${file} is not a valid state machine definition:`, ...validation.errors],
    };
  }
  return { ok: true, definition: definition as object };
}
