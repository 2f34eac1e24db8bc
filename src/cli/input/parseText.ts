import type { Document } from 'yaml';
import { describeError, InputError } from './InputError.ts';
import { displayName } from './readText.ts';

/** A parsed input, with the form it was written in (wrap answers in the same form). */
export type ParsedText =
  | { readonly format: 'json'; readonly value: unknown }
  | { readonly format: 'yaml'; readonly value: unknown; readonly document: Document };

const YAML_NAME = /\.ya?ml$/i;
const JSON_NAME = /\.json$/i;

/**
 * Parses an input as JSON or YAML. A `.yaml`/`.yml` file is YAML; a `.json` file is JSON; any other
 * name (standard input among them) is read as JSON first, then as YAML when it is not JSON. The
 * YAML parser is loaded only when YAML is tried.
 *
 * @example
 * const { format, value } = await parseText(text, 'machine.asl.yaml');
 */
export async function parseText(text: string, file: string): Promise<ParsedText> {
  const name = displayName(file);
  let jsonError: unknown;
  if (!YAML_NAME.test(file)) {
    try {
      return { format: 'json', value: JSON.parse(text) };
    } catch (error) {
      jsonError = error;
    }
    if (JSON_NAME.test(file)) throw notJson(name, jsonError);
  }
  const { parseYaml } = await import('./yamlDocument.ts');
  try {
    const { document, value } = parseYaml(text);
    return { format: 'yaml', value, document };
  } catch (error) {
    // Text that opens like JSON was meant as JSON: its JSON error is the one worth reading.
    if (jsonError !== undefined && /^\s*[[{]/.test(text)) throw notJson(name, jsonError);
    throw new InputError(`${name} is not valid YAML: ${describeError(error)}`, { cause: error });
  }
}

function notJson(name: string, error: unknown): InputError {
  return new InputError(`${name} is not valid JSON: ${describeError(error)}`, { cause: error });
}
