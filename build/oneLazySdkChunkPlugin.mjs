import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';

const LAZY_SDK = 'sub-step-closer:lazy-sdk';

/**
 * Lists every dynamic `import()` inside node_modules, from the metafile of a pass over the same
 * modules that was not written (any splitting or minifying: the imports are the same). Pass the
 * result to `oneLazySdkChunkPlugin`.
 *
 * @example
 * const { metafile } = await build({ ...options, write: false, metafile: true });
 * await build({ ...options, plugins: [...options.plugins, oneLazySdkChunkPlugin(dynamicImportsIn(metafile))] });
 */
export function dynamicImportsIn(metafile) {
  const found = [];
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    if (!/(^|[\\/])node_modules[\\/]/.test(importer)) continue;
    for (const record of input.imports) {
      if (record.kind !== 'dynamic-import' || record.original === undefined) continue;
      const builtin = isBuiltin(record.original);
      // A module another plugin replaced (it lives in that plugin's namespace) is left alone.
      if (!builtin && record.path.includes(':')) continue;
      found.push({
        importer: resolve(importer),
        specifier: record.original,
        target: builtin ? undefined : resolve(record.path),
      });
    }
  }
  return found;
}

/**
 * Routes the SDK's lazy imports through one module, so they all land in one lazy chunk.
 *
 * Why: the SDK loads its rarely used parts with `import()`: the credential sources after the
 * environment (SSO, ini files, `credential_process`, web identity, container and instance
 * metadata) and the STS, SSO and sign-in clients they use. With code splitting, every such import
 * is an entry point, and esbuild cuts the code shared between them into many small chunks: the
 * Step Functions path ended up importing 7 files. Each file costs a cold start a resolution, a
 * read and a compile, and the many resolutions were enough to get Node's path functions
 * optimised mid-start (more CPU, and 5 MB more of Node's own code paged in). With one lazy entry,
 * the Step Functions path is its own chunk plus the code it shares with that entry.
 *
 * What changes at run time: the first time the SDK needs any of these modules, it loads all of
 * them (one chunk instead of a few). With credentials in the environment, as in Lambda, it never
 * does. A dynamic import of a Node built-in becomes `process.getBuiltinModule()` (no chunk, no
 * ESM facade; see lazyNodeBuiltinsPlugin).
 *
 * @example
 * plugins: [oneLazySdkChunkPlugin(dynamicImportsIn(firstPass.metafile))]
 */
export function oneLazySdkChunkPlugin(dynamicImports) {
  const targets = [...new Set(dynamicImports.flatMap(({ target }) => target ?? []))].sort();
  const byImporter = new Map();
  for (const entry of dynamicImports) {
    const known = byImporter.get(entry.importer) ?? [];
    // One rewrite per specifier: a file may import the same module in several places.
    if (!known.some(({ specifier }) => specifier === entry.specifier)) {
      byImporter.set(entry.importer, [...known, entry]);
    }
  }
  return {
    name: 'one-lazy-sdk-chunk',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^sub-step-closer:lazy-sdk$/ }, () => ({
        path: LAZY_SDK,
        namespace: 'lazy-sdk',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-sdk' }, () => ({
        contents: lazySdkSource(targets),
        loader: 'js',
        resolveDir: process.cwd(),
      }));
      pluginBuild.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
        const imports = byImporter.get(args.path);
        if (imports === undefined) return undefined;
        let contents = await readFile(args.path, 'utf8');
        for (const { specifier, target } of imports) {
          const pattern = new RegExp(
            `import\\(\\s*(["'])${escapeRegExp(specifier)}\\1\\s*\\)`,
            'g',
          );
          if (!contents.match(pattern)) {
            throw new Error(`${args.path}: expected import("${specifier}") to rewrite`);
          }
          contents = contents.replace(pattern, () =>
            target === undefined
              ? builtinImport(specifier)
              : `import(${JSON.stringify(LAZY_SDK)}).then((sdk) => sdk.lazyModule(${targets.indexOf(target)}))`,
          );
        }
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

function lazySdkSource(targets) {
  const imports = targets.map(
    (target, index) => `import * as m${index} from ${JSON.stringify(target)};`,
  );
  const list = targets.map((_, index) => `m${index}`).join(', ');
  return `${imports.join('\n')}\nconst modules = [${list}];\nexport const lazyModule = (index) => modules[index];\n`;
}

/** What `import('node:x')` resolves to: the built-in's exports, with `default` as well. */
function builtinImport(specifier) {
  const id = JSON.stringify(specifier.startsWith('node:') ? specifier : `node:${specifier}`);
  return `Promise.resolve().then(() => { const m = process.getBuiltinModule(${id}); return Object.create(m, { default: { value: m, enumerable: true } }); })`;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
