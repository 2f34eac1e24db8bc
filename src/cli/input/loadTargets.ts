import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isJsonObject } from '../check/Json.ts';
import { describeError } from './InputError.ts';
import { isTemplate, looksLikeDefinition } from './isTemplate.ts';
import { readInput } from './readInput.ts';
import { displayName, type ReadStdin, STDIN } from './readText.ts';
import type { Target } from './Target.ts';
import { templateMachines } from './templateMachines.ts';

/** Files a directory contributes whatever they hold: problems reading them are reported. */
const DEFINITION_NAME = /\.asl\.(json|ya?ml)$/i;
/** Files a directory contributes when they hold a definition or a template with a state machine. */
const CANDIDATE_NAME = /\.(json|ya?ml)$/i;
/** Folders a directory search does not enter: dependencies, and build copies such as `.aws-sam`. */
const SKIPPED_FOLDER = (name: string) => name === 'node_modules' || name.startsWith('.');

/**
 * Every state machine definition in the inputs, in the order given: a file or `-` (standard input)
 * gives its definition, or each state machine of its template; a directory gives those of its
 * files, searched recursively (see `DEFINITION_NAME` and `CANDIDATE_NAME`). Nothing is thrown:
 * an input that cannot be used is a target with a problem.
 *
 * @example
 * const targets = await loadTargets(['a.json', 'templates/', '-']);
 */
export async function loadTargets(
  inputs: readonly string[],
  readStdin?: ReadStdin,
): Promise<Target[]> {
  const targets: Target[] = [];
  for (const input of inputs) {
    const files = input === STDIN ? undefined : await filesOfDirectory(input);
    if (files === undefined) {
      targets.push(...(await targetsOfFile(input, true, readStdin)));
      continue;
    }
    for (const file of files)
      targets.push(...(await targetsOfFile(file, DEFINITION_NAME.test(file))));
  }
  return targets;
}

async function targetsOfFile(
  file: string,
  given: boolean,
  readStdin?: ReadStdin,
): Promise<Target[]> {
  const name = displayName(file);
  let value: unknown;
  try {
    ({ value } = await readInput(file, readStdin));
  } catch (error) {
    return given ? [{ file: name, ok: false, problem: describeError(error) }] : [];
  }
  if (isTemplate(value) && isJsonObject(value)) {
    const targets = await templateMachines(
      value,
      file,
      async (path) => (await readInput(path)).value,
    );
    if (targets.length > 0 || !given) return targets;
    const problem = `${name} is a template without an AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource.`;
    return [{ file: name, ok: false, problem }];
  }
  if (given || looksLikeDefinition(value)) return [{ file: name, ok: true, definition: value }];
  return [];
}

/** The candidate files under `path`, sorted, or undefined when `path` is not a directory. */
async function filesOfDirectory(path: string): Promise<string[] | undefined> {
  try {
    if (!(await stat(path)).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const files: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDER(entry.name)) await walk(full);
      } else if (entry.isFile() && CANDIDATE_NAME.test(entry.name)) {
        files.push(full);
      }
    }
  };
  await walk(path);
  return files;
}
