import { isBuiltin } from 'node:module';
import { LAZY_BUILTIN_NAMESPACE } from './usedBuiltinNames.mjs';

/**
 * Bundles each Node built-in as a lazy stand-in: an object with one getter per export, which loads
 * the built-in with `process.getBuiltinModule()` (Node >= 22.3) the first time any export is read.
 *
 * Why, measured on a cold signal:
 * - An ESM `import ... from 'node:http'` makes Node build a module facade that reads every export
 *   of the built-in, and reading `http.WebSocket` (and its siblings) runs a lazy getter that loads
 *   Node's bundled undici: about 10 ms, for a WebSocket the SDK never uses.
 * - The SDK imports built-ins it needs only on paths the Closer never takes (zlib for request
 *   compression, child_process for `credential_process`, ...). Loading a built-in costs
 *   milliseconds (https about 8, crypto about 4, zlib about 3 on the benchmark machine).
 * esbuild's CommonJS interop copies the getters without calling them, so a built-in loads when the
 * code that uses it first runs, as it would with `require` inside a function.
 *
 * The export names are read from the Node that runs the build (the same major as the runtime);
 * a name missing there reads as `undefined`, as it would on a Node that lacks it.
 *
 * `usedNames` (from `findUsedBuiltinNames`) narrows each stand-in to the names the bundle reads.
 * A stand-in with every export costs a getter per name twice over (its own, and the copy esbuild's
 * `__toESM` makes): for the built-ins a signal loads, about 400 names and 0.5 MB of allocations,
 * which on a cold signal meant one more young-generation collection. A built-in missing from the
 * map, or mapped to `'all'`, keeps every name.
 *
 * @example
 * await build({ ..., plugins: [lazyNodeBuiltinsPlugin({ usedNames: await findUsedBuiltinNames(options) })] });
 */
export function lazyNodeBuiltinsPlugin({ usedNames = new Map() } = {}) {
  return {
    name: 'lazy-node-builtins',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
        isBuiltin(args.path)
          ? {
              path: args.path.startsWith('node:') ? args.path : `node:${args.path}`,
              namespace: LAZY_BUILTIN_NAMESPACE,
            }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: LAZY_BUILTIN_NAMESPACE }, (args) => ({
        contents: lazyModuleSource(args.path, usedNames.get(args.path) ?? 'all'),
        loader: 'js',
      }));
    },
  };
}

function lazyModuleSource(id, used) {
  const names = Object.keys(process.getBuiltinModule(id)).filter(
    (name) => name !== 'default' && (used === 'all' || used.has(name)),
  );
  return `let builtin;
const load = () => (builtin ??= process.getBuiltinModule(${JSON.stringify(id)}));
for (const name of ${JSON.stringify(names)}) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });
}`;
}
