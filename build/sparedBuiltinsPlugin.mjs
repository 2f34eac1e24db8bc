import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { rewritePublished } from './rewritePublished.mjs';

/**
 * Rewrites three lines of `@smithy/core` so that a call to Step Functions no longer loads Node
 * modules it touches only in passing. Each rewrite gives the same answer as the original for
 * every value the SDK passes it; `test/unit/sparedBuiltinsPlugin.test.ts` runs both side by side.
 *
 * Measured on the benchmark machine (Node 22, after stream, crypto and https are loaded):
 * - `isReadableStream` reads the global `ReadableStream`, which loads web streams, perf_hooks and
 *   worker messaging (1.7 ms, 640–768 KiB), only to learn that the response body (always a Node
 *   `http.IncomingMessage`) is not a web stream. A Node `Readable` is never a web
 *   `ReadableStream`, so it is answered first, without the global.
 * - The shared config file reader (`~/.aws/config`, read for FIPS, dual-stack and retry settings
 *   even when the environment sets the region) uses `readFile` from `fs/promises`, which loads
 *   readline, file watchers and directory handles (1.5–1.8 ms, 384–512 KiB). The callback
 *   `fs.readFile`, promisified, reads the same file into the same string and rejects with the
 *   same error.
 * - The invocation id (a v4 UUID) comes from the global `crypto`, which loads WebCrypto
 *   (0.5 ms, 128 KiB); `node:crypto`'s `randomUUID` is the same generator, already loaded for
 *   signing.
 *
 * If `@smithy/core` changes one of these lines, the build stops with an error that names the file,
 * rather than ship a bundle that silently loads the modules again.
 *
 * @example
 * await build({ ..., plugins: [sparedBuiltinsPlugin()] });
 */
export function sparedBuiltinsPlugin() {
  return {
    name: 'spared-builtins',
    setup(build) {
      for (const rewrite of REWRITES) {
        build.onLoad({ filter: rewrite.file }, async (args) => ({
          contents: applyRewrite(rewrite, await readFile(args.path, 'utf8'), args.path),
          loader: 'js',
          resolveDir: dirname(args.path),
        }));
      }
    },
  };
}

/** One exact replacement in one `@smithy/core` file. */
export const REWRITES = [
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]stream-type-check\.js$/,
    find: 'export const isReadableStream = (stream) => typeof ReadableStream === "function" &&',
    // A Node stream subclass named `ReadableStream` still takes the original path, so even the
    // SDK's check by constructor name answers as before.
    replace: `import { Readable as NodeReadable } from "node:stream";
export const isReadableStream = (stream) => !(stream instanceof NodeReadable && stream.constructor?.name !== "ReadableStream") && typeof ReadableStream === "function" &&`,
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]config[\\/]shared-ini-file-loader[\\/]readFile\.js$/,
    find: 'import { readFile as fsReadFile } from "node:fs/promises";',
    replace: `import { readFile as readFileWithCallback } from "node:fs";
import { promisify } from "node:util";
const fsReadFile = promisify(readFileWithCallback);`,
  },
  {
    file: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]uuid[\\/]v4\.js$/,
    find: `    if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") {
        return () => crypto.randomUUID();
    }`,
    replace: `    return () => randomUUID();`,
    prepend: 'import { randomUUID } from "node:crypto";\n',
  },
];

/**
 * @throws Error naming the file when the text to replace is not in it exactly once.
 */
export function applyRewrite(rewrite, source, path) {
  const rewritten = rewritePublished('spared-builtins', path, source, [
    [rewrite.find, rewrite.replace],
  ]);
  return (rewrite.prepend ?? '') + rewritten;
}
