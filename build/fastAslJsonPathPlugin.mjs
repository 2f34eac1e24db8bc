// jsonpath-plus was ~1.5 s (plus most of ~1 s of GC) of `check` on a 50,000-state definition:
// asl-validator runs its fixed queries through jsonpath-plus's general interpreter. This plugin
// resolves `jsonpath-plus` to build/aslJsonPath.mjs for asl-validator's and asl-path-validator's
// own modules only (and the asl-validator copy aws-local-stepfunctions nests); every other
// package keeps the real library.
// aslJsonPath.mjs gives jsonpath-plus's exact results, and hands it any query it does not know.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rewritePublished } from './rewritePublished.mjs';

const SHIM = fileURLToPath(new URL('./aslJsonPath.mjs', import.meta.url));
const ENTRY_POINT = 'module.exports = function validator(definition, opts) {';
// asl-path-validator (which asl-validator uses for every path field) asks the same kind of
// queries, `$..[func]` and the like, once per path: about 0.3 s of a 50,000-state check.
const ASL_VALIDATOR = /[\\/]node_modules[\\/]asl-(path-)?validator[\\/]/;
const ASL_VALIDATOR_MAIN =
  /[\\/]node_modules[\\/]asl-validator[\\/]dist[\\/]src[\\/]validator\.js$/;

/**
 * esbuild plugin: asl-validator's `require('jsonpath-plus')` gets the fast, equivalent
 * build/aslJsonPath.mjs, and each call of asl-validator shares its walks of the definition
 * between queries. The build fails if asl-validator is bundled but no longer imports
 * jsonpath-plus, or if its entry point no longer reads as expected, so a dead plugin does not
 * linger after an upgrade. Register it after any plugin that only notes asl-validator's entry
 * point (its load callback returns the file, so later ones for that file do not run).
 *
 * @example
 * import { fastAslJsonPathPlugin } from './build/fastAslJsonPathPlugin.mjs';
 * await build({ ...cliOptions, plugins: [linearAslTransitionsPlugin, precompiledAslSchemaPlugin, fastAslJsonPathPlugin] });
 */
export const fastAslJsonPathPlugin = {
  name: 'fast-asl-jsonpath',
  setup(build) {
    let validatorLoaded = false;
    let redirected = 0;
    build.onStart(() => {
      validatorLoaded = false;
      redirected = 0;
    });
    build.onResolve({ filter: /^jsonpath-plus$/ }, (args) => {
      if (!ASL_VALIDATOR.test(args.importer)) return undefined;
      redirected++;
      return { path: SHIM };
    });
    // asl-validator's entry point, with each validation's queries sharing their walks of the
    // definition (see withSharedWalks in aslJsonPath.mjs). Registered after
    // precompiledAslSchemaPlugin, whose callback for this file only takes note and returns nothing.
    build.onLoad({ filter: ASL_VALIDATOR_MAIN }, async (args) => {
      validatorLoaded = true;
      const source = await readFile(args.path, 'utf8');
      const unshared = rewritePublished('fast-asl-jsonpath', args.path, source, [
        [ENTRY_POINT, 'var validateUnshared = function validator(definition, opts) {'],
      ]);
      return {
        contents: `${unshared}
module.exports = function validator(definition, opts) {
  return require(${JSON.stringify(SHIM)}).withSharedWalks(function () { return validateUnshared(definition, opts); });
};
`,
        loader: 'js',
      };
    });
    build.onEnd(() => {
      if (!validatorLoaded || redirected > 0) return undefined;
      return {
        errors: [
          {
            text: 'fast-asl-jsonpath: asl-validator no longer imports jsonpath-plus; remove the plugin or update build/aslJsonPath.mjs',
          },
        ],
      };
    });
  },
};
