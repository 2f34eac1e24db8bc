import { readFile } from 'node:fs/promises';
import { validateDisposableDefinition } from './validateDefinition.ts';

/** A definition read from disk, or the reasons it cannot be used. */
export type LoadedDefinition =
  | { readonly ok: true; readonly definition: object }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads a definition file, parses it as JSON and validates it with asl-validator. Every failure
 * is returned, never thrown, so that commands can map it to exit code 2.
 *
 * @example
 * const loaded = await loadDefinition('machine.asl.json');
 * if (!loaded.ok) io.stderr(loaded.problems.join('\n'));
 */
export async function loadDefinition(file: string): Promise<LoadedDefinition> {
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
  // asl-validator changes what it validates; a second parse is cheaper than a deep copy.
  const validation = validateDisposableDefinition(JSON.parse(text));
  if (!validation.valid) {
    return {
      ok: false,
      problems: [`${file} is not a valid state machine definition:`, ...validation.errors],
    };
  }
  return { ok: true, definition: definition as object };
}
