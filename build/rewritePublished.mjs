import { basename } from 'node:path';

/**
 * Replaces text in a file of a published package (asl-validator, asl-path-validator,
 * `@smithy/core`) with a build plugin's rewrite of it. Every plugin that patches a package goes
 * through here, so a package that changed stops the build, naming the file and the text, rather
 * than ship its code unpatched or patched in the wrong place.
 *
 * Each `[published, replacement]` pair is applied in turn, to the text the pairs before it left.
 * The replacement is inserted as it is: no `$&`-style patterns, as `String.replace` would read.
 *
 * @throws Error `<plugin>: <path> no longer contains the line it rewrites exactly once (…)` when
 *   a published text is missing or appears more than once.
 * @example
 * rewritePublished('simple-asl-paths', args.path, source, [[PUBLISHED, SHORTCUT]]);
 */
export function rewritePublished(plugin, path, source, rewrites) {
  let contents = source;
  for (const [published, replacement] of rewrites) {
    const at = contents.indexOf(published);
    if (at === -1 || contents.indexOf(published, at + published.length) !== -1) {
      throw new Error(
        `${plugin}: ${path} no longer contains the line it rewrites exactly once (${basename(path)} no longer has: ${published})`,
      );
    }
    contents = contents.slice(0, at) + replacement + contents.slice(at + published.length);
  }
  return contents;
}
