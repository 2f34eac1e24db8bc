import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { SimulationInputError } from './errors.ts';

/** A Lambda zip unpacked into a temporary folder. */
export interface UnpackedLambda {
  /** Absolute path of `index.mjs`. */
  readonly handlerFile: string;
  /** Removes the folder. */
  remove(): Promise<void>;
}

/**
 * Where the built zip is looked for when no path is given: beside the bundled CLI and test API,
 * which share `dist/cli/` (`dist/cli/../sub-step-closer.zip`: in an installed package, the zip it
 * ships, whatever the working directory), then in the repository's `dist/` when running from source.
 */
export function defaultLambdaZipCandidates(): string[] {
  return [
    fileURLToPath(new URL('../sub-step-closer.zip', import.meta.url)),
    fileURLToPath(new URL('../../../dist/sub-step-closer.zip', import.meta.url)),
  ];
}

/**
 * Unpacks the SubStepCloser zip (`index.mjs` and its `chunks/`) into a fresh temporary folder, so
 * the simulator runs exactly what would be deployed.
 *
 * @throws SimulationInputError when no zip exists (build it with `npm run build`) or it has no
 *   `index.mjs`.
 * @example
 * const lambda = await unpackLambdaZip();
 * // new Worker(...) importing lambda.handlerFile
 * await lambda.remove();
 */
export async function unpackLambdaZip(zipPath?: string): Promise<UnpackedLambda> {
  const candidates = zipPath === undefined ? defaultLambdaZipCandidates() : [zipPath];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found === undefined) {
    throw new SimulationInputError(
      `The SubStepCloser zip was not found (looked for ${candidates.join(', ')}). Build it with \`npm run build\`.`,
    );
  }
  const entries = unzipSync(new Uint8Array(await readFile(found)));
  if (entries['index.mjs'] === undefined) {
    throw new SimulationInputError(`${found} has no index.mjs at its root.`);
  }
  const folder = await mkdtemp(join(tmpdir(), 'sub-step-closer-sim-'));
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith('/')) continue;
    const target = normalize(join(folder, name));
    // A zip entry must not write outside the folder ("zip slip").
    if (isAbsolute(name) || !target.startsWith(folder + sep)) {
      throw new SimulationInputError(`${found} holds an entry outside its root: ${name}`);
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, data);
  }
  return {
    handlerFile: join(folder, 'index.mjs'),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
