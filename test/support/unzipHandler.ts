import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { CloserResult } from '../../src/closer/CloserResult.ts';
import type { LambdaContext } from '../../src/LambdaContext.ts';

export const ZIP_PATH = 'dist/sub-step-closer.zip';

export type BuiltHandler = (event: unknown, context: LambdaContext) => Promise<CloserResult>;

/** Extracts the release zip into a fresh folder, as Lambda does, and returns the folder. */
export function unzipRelease(zipPath: string = ZIP_PATH): string {
  const folder = mkdtempSync(join(tmpdir(), 'sub-step-closer-'));
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  return folder;
}

/** Imports `index.handler` from a freshly extracted copy of the release zip. */
export async function importBuiltHandler(zipPath: string = ZIP_PATH): Promise<BuiltHandler> {
  const folder = unzipRelease(zipPath);
  const module = (await import(pathToFileURL(join(folder, 'index.mjs')).href)) as {
    handler: BuiltHandler;
  };
  return module.handler;
}
