// asl-validator checks every path field (InputPath, ResultPath, ItemsPath, a Choice's Variable…)
// with asl-path-validator, which parses it with a Peggy parser. That parser builds its constants,
// expectations and rule closures inside `peg$parse`, on every call: about 10 KB of garbage per
// path: 0.44 GB of the 1.42 GB a `check` of 50,000 states allocated. Skipping it for plain paths
// took that check from 2.37 s to about 2.07 s. Most paths are plain `$` or `$.name.name`, which are valid in every context
// (no functions, a reference path, no variable). This plugin answers those before the parser;
// any other path still goes to it. CLI bundle only.
import { readFile } from 'node:fs/promises';
import { rewritePublished } from './rewritePublished.mjs';

const TARGET = /[\\/]node_modules[\\/]asl-path-validator[\\/]dist[\\/]index\.js$/;

const PUBLISHED = 'const validatePath = (path, context) => {\n    let ast = null;';

/**
 * `$` or `$.a.b…` with names of letters, digits and `_` not starting with a digit: the shapes
 * the published validator accepts in all four contexts (test/property/simpleAslPaths.property.test.ts
 * compares them over generated paths). The four contexts are AslPathContext's values; any other
 * context still reaches the validator's own `throw`.
 */
export const SIMPLE_PATH_SOURCE = '^\\$(?:\\.[A-Za-z_][A-Za-z0-9_]*)*$';

const SHORTCUT = `const simplePath = new RegExp(${JSON.stringify(SIMPLE_PATH_SOURCE)});
const contextsWithSimplePaths = new Set(["path", "reference_path", "result_path", "payload_template"]);
const validatePath = (path, context) => {
    // build/simpleAslPathsPlugin.mjs: a plain path is valid in every context; skip the parser.
    if (typeof path === "string" && simplePath.test(path) && contextsWithSimplePaths.has(context)) {
        return { isValid: true };
    }
    let ast = null;`;

/**
 * esbuild plugin: asl-path-validator's `validatePath` answers plain paths without parsing them.
 * The build fails if asl-path-validator's code no longer reads as expected, or if it is bundled
 * but its entry point never was.
 *
 * @example
 * await build({ ...cliOptions, plugins: [simpleAslPathsPlugin] });
 */
export const simpleAslPathsPlugin = {
  name: 'simple-asl-paths',
  setup(build) {
    let patched = false;
    let bundled = false;
    build.onStart(() => {
      patched = false;
      bundled = false;
    });
    build.onResolve({ filter: /^asl-path-validator$/ }, () => {
      bundled = true;
      return undefined;
    });
    build.onLoad({ filter: TARGET }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = rewritePublished('simple-asl-paths', args.path, source, [
        [PUBLISHED, SHORTCUT],
      ]);
      patched = true;
      return { contents, loader: 'js' };
    });
    build.onEnd(() => {
      if (!bundled || patched) return undefined;
      return {
        errors: [
          {
            text: 'simple-asl-paths: asl-path-validator is bundled but its dist/index.js was not; update or remove the plugin',
          },
        ],
      };
    });
  },
};
