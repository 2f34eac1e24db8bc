import { readFile } from 'node:fs/promises';
import { describeError, InputError } from './InputError.ts';

/** The name `-` stands for standard input, as in most command-line tools. */
export const STDIN = '-';

/** How standard input is named in messages and reports. */
export const STDIN_NAME = '<stdin>';

/** Where text comes from: a file path, or `-` for standard input. */
export type ReadStdin = () => Promise<string>;

/**
 * Reads a file (or standard input for `-`) as UTF-8 and drops a leading byte-order mark, which
 * editors on Windows write and which neither `JSON.parse` nor a YAML parser accepts as content.
 *
 * @example
 * const text = await readText('machine.asl.yaml');
 */
export async function readText(
  file: string,
  readStdin: ReadStdin = readProcessStdin,
): Promise<string> {
  let text: string;
  try {
    text = file === STDIN ? await readStdin() : await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read ${displayName(file)}: ${describeError(error)}`, {
      cause: error,
    });
  }
  return stripByteOrderMark(text);
}

/**
 * Drops a leading U+FEFF (the UTF-8 byte-order mark, EF BB BF, decoded).
 *
 * @example
 * stripByteOrderMark('\uFEFF{}'); // '{}'
 */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A file's name as messages print it: `<stdin>` for `-`. */
export function displayName(file: string): string {
  return file === STDIN ? STDIN_NAME : file;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
