import { isBuiltin } from 'node:module';

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
 * @example
 * await build({ ..., plugins: [lazyNodeBuiltinsPlugin()] });
 */
export function lazyNodeBuiltinsPlugin() {
  return {
    name: 'lazy-node-builtins',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) =>
        isBuiltin(args.path)
          ? {
              path: args.path.startsWith('node:') ? args.path : `node:${args.path}`,
              namespace: 'lazy-node-builtin',
            }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'lazy-node-builtin' }, (args) => ({
        contents: lazyModuleSource(args.path),
        loader: 'js',
      }));
    },
  };
}

function lazyModuleSource(id) {
  const names = Object.keys(process.getBuiltinModule(id)).filter((name) => name !== 'default');
  return `let builtin;
const load = () => (builtin ??= process.getBuiltinModule(${JSON.stringify(id)}));
for (const name of ${JSON.stringify(names.join(','))}.split(',')) {
  Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });
}`;
}
