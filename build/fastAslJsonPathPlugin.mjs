// jsonpath-plus was ~1.5 s (plus most of ~1 s of GC) of `check` on a 50,000-state definition:
// asl-validator runs its fixed queries through jsonpath-plus's general interpreter. This plugin
// resolves `jsonpath-plus` to build/aslJsonPath.mjs for asl-validator's and asl-path-validator's
// own modules only (and the asl-validator copy aws-local-stepfunctions nests); every other
// package keeps the real library.
// aslJsonPath.mjs gives jsonpath-plus's exact results, and hands it any query it does not know.
import { fileURLToPath } from 'node:url';

const SHIM = fileURLToPath(new URL('./aslJsonPath.mjs', import.meta.url));
// asl-path-validator (which asl-validator uses for every path field) asks the same kind of
// queries, `$..[func]` and the like, once per path: about 0.3 s of a 50,000-state check.
const ASL_VALIDATOR = /[\\/]node_modules[\\/]asl-(path-)?validator[\\/]/;
const ASL_VALIDATOR_MAIN =
  /[\\/]node_modules[\\/]asl-validator[\\/]dist[\\/]src[\\/]validator\.js$/;

/**
 * esbuild plugin: asl-validator's `require('jsonpath-plus')` gets the fast, equivalent
 * build/aslJsonPath.mjs. The build fails if asl-validator is bundled but no longer imports
 * jsonpath-plus, so a dead plugin does not linger after an upgrade.
 *
 * @example
 * import { fastAslJsonPathPlugin } from './build/fastAslJsonPathPlugin.mjs';
 * await build({ ...cliOptions, plugins: [linearAslTransitionsPlugin, fastAslJsonPathPlugin] });
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
    // Only notes that asl-validator is in the build; returns nothing so other plugins load it.
    build.onLoad({ filter: ASL_VALIDATOR_MAIN }, () => {
      validatorLoaded = true;
      return undefined;
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
