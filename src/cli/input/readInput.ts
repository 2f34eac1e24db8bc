import { type ParsedText, parseText } from './parseText.ts';
import { type ReadStdin, readText } from './readText.ts';

/**
 * Reads and parses one input (a path, or `-` for standard input) as JSON or YAML. Throws an
 * `InputError` naming the file.
 *
 * @example
 * const { format, value } = await readInput('machine.asl.yaml');
 */
export async function readInput(file: string, readStdin?: ReadStdin): Promise<ParsedText> {
  return parseText(await readText(file, readStdin), file);
}
