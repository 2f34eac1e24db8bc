import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../support/importBundle.ts';

const ROOT = join(import.meta.dirname, '..', '..');

type UsedNames = Map<string, ReadonlySet<string> | 'all'>;
const { findUsedBuiltinNames, usedBuiltinNames } = (await import(
  pathToFileURL(join(ROOT, 'build', 'usedBuiltinNames.mjs')).href
)) as {
  findUsedBuiltinNames: (options: BuildOptions) => Promise<UsedNames>;
  usedBuiltinNames: (text: string) => UsedNames;
};
const { lazyNodeBuiltinsPlugin } = (await import(
  pathToFileURL(join(ROOT, 'build', 'lazyNodeBuiltinsPlugin.mjs')).href
)) as { lazyNodeBuiltinsPlugin: (options?: { usedNames?: UsedNames }) => Plugin };

/** Modules a fixture imports by bare name (`fixture:cjs`), so one test holds all its sources. */
function virtualModules(modules: Readonly<Record<string, string>>): Plugin {
  return {
    name: 'fixture-modules',
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /^fixture:/ }, (args) => ({
        path: args.path,
        namespace: 'fixture',
      }));
      pluginBuild.onLoad({ filter: /.*/, namespace: 'fixture' }, (args) => ({
        contents: modules[args.path] ?? '',
        loader: 'js',
      }));
    },
  };
}

/** The names found for an entry's source, bundled as the Lambda build bundles (ESM, Node 22). */
async function namesFor(
  entry: string,
  modules: Readonly<Record<string, string>> = {},
): Promise<Record<string, string[] | 'all'>> {
  const used = await findUsedBuiltinNames({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    outdir: join(ROOT, 'dist', 'never-written'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    plugins: [lazyNodeBuiltinsPlugin(), virtualModules(modules)],
  });
  return Object.fromEntries(
    [...used].map(([id, names]) => [id, names === 'all' ? 'all' : [...names].sort()]),
  );
}

describe('findUsedBuiltinNames', () => {
  it('lists the names read through named, namespace and default imports, per built-in', async () => {
    const names = await namesFor(`
      import { readFileSync, existsSync } from 'node:fs';
      import * as os from 'os';
      import path from 'node:path';
      export const read = () => [readFileSync, existsSync, os.platform(), path.join('a', 'b')];
    `);

    expect(names).toEqual({
      'node:fs': ['existsSync', 'readFileSync'],
      'node:os': ['platform'],
      'node:path': ['join'],
    });
  });

  it('joins the names read by every module that imports a built-in, lazily initialised ones too', async () => {
    // A module reached only by import() is wrapped for lazy initialisation: esbuild declares its
    // import variables first (`var import_os, ...;`) and assigns them when it first runs.
    const names = await namesFor(
      `import { cpus } from 'node:os';
       export const now = () => cpus();
       export const later = () => import('fixture:later');`,
      {
        'fixture:later': `import { freemem } from 'node:os'; export const free = () => freemem();`,
      },
    );

    expect(names['node:os']).toEqual(['cpus', 'freemem']);
  });

  it.each([
    [
      'a namespace passed on whole',
      `import * as util from 'node:util'; export const keys = () => Object.keys(util);`,
      'node:util',
    ],
    [
      'a destructured default import',
      `import crypto from 'node:crypto'; const { randomUUID } = crypto; export const id = randomUUID;`,
      'node:crypto',
    ],
    [
      'a default import passed on whole',
      `import events from 'node:events'; export const module = () => events;`,
      'node:events',
    ],
    ['an import()', `export const load = () => import('node:zlib');`, 'node:zlib'],
    ['an export *', `export * from 'node:path';`, 'node:path'],
    [
      'a require() from CommonJS',
      `import run from 'fixture:cjs'; export { run };`,
      'node:crypto',
      { 'fixture:cjs': `module.exports = () => require('node:crypto').randomUUID();` },
    ],
  ] as [string, string, string, Record<string, string>?][])(
    'keeps every name of a built-in it cannot follow: %s',
    async (_, entry, id, modules = {}) => {
      const names = await namesFor(entry, modules);

      expect(names[id]).toBe('all');
    },
  );

  it('stops the build when a bundled stand-in does not read as it expects', async () => {
    // Minified names stand in for a change in how esbuild prints its output.
    await expect(
      findUsedBuiltinNames({
        stdin: { contents: `import { cpus } from 'node:os'; export const n = cpus;`, loader: 'js' },
        write: false,
        bundle: true,
        format: 'esm',
        platform: 'node',
        minifyIdentifiers: true,
        plugins: [lazyNodeBuiltinsPlugin()],
      }),
    ).rejects.toThrow(/no longer shows the stand-in for lazy-node-builtin:node:os/);
  });

  it('never reads past the line that closes a stand-in', () => {
    // Closed in a way it does not expect: the text is not taken for a stand-in at all, rather than
    // blanked up to some later "});" along with the code that reads the built-in.
    const text = `
var require_node_fs = __commonJS({
  "lazy-node-builtin:node:fs"(exports, module) {}
}));
var import_node_fs = __toESM(require_node_fs());
var read = () => (0, import_node_fs.readFileSync)("a");
var other = __commonJS({
  "x.js"() {}
});
`;
    expect(usedBuiltinNames(text).has('node:fs')).toBe(false);
  });

  it('reads nothing into a name that only appears in a string or another identifier', () => {
    const text = `
var require_node_fs = __commonJS({
  "lazy-node-builtin:node:fs"(exports, module) {}
});
var import_node_fs = __toESM(require_node_fs());
var import_node_fs2 = { whole: 1 };
var read = () => (0, import_node_fs.readFileSync)("import_node_fs2");
`;
    expect([...(usedBuiltinNames(text).get('node:fs') as Set<string>)]).toEqual(['readFileSync']);
  });

  it("still reads a template literal line that looks like one of esbuild's path comments", () => {
    const text = `
// lazy-node-builtin:node:os
var require_node_os = __commonJS({
  "lazy-node-builtin:node:os"(exports, module) {
    var load = () => process.getBuiltinModule("node:os");
  }
});

// src/banner.ts
var os = __toESM(require_node_os());
var banner = \`
// \${os.hostname()}
\`;
var platform = os.platform();
`;
    expect([...(usedBuiltinNames(text).get('node:os') as Set<string>)].sort()).toEqual([
      'hostname',
      'platform',
    ]);
  });
});

describe('lazyNodeBuiltinsPlugin with the names found', () => {
  const entry = `
    import { readFileSync } from 'node:fs';
    import * as os from 'node:os';
    import path from 'node:path';
    export const results = () => ({
      text: readFileSync(${JSON.stringify(join(ROOT, 'package.json'))}, 'utf8'),
      platform: os.platform(),
      joined: path.join('a', 'b'),
    });
  `;
  const options = (plugins: Plugin[]): BuildOptions => ({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    plugins,
  });

  it('defines only those names in each stand-in', async () => {
    const usedNames = await findUsedBuiltinNames(options([lazyNodeBuiltinsPlugin()]));
    const narrowed = await build(options([lazyNodeBuiltinsPlugin({ usedNames })]));
    const full = await build(options([lazyNodeBuiltinsPlugin()]));
    const text = narrowed.outputFiles?.[0]?.text ?? '';

    expect(text).toContain('for (const name of ["readFileSync"])');
    expect(text).toContain('for (const name of ["platform"])');
    expect(text).toContain('for (const name of ["join"])');
    expect(text.length).toBeLessThan((full.outputFiles?.[0]?.text.length ?? 0) - 1000);
  });

  it('gives the bundle the same results as the full stand-ins', async () => {
    const usedNames = await findUsedBuiltinNames(options([lazyNodeBuiltinsPlugin()]));
    type Bundle = { results: () => Record<string, string> };

    const narrowed = await importBundle<Bundle>({ contents: entry }, [
      lazyNodeBuiltinsPlugin({ usedNames }),
    ]);
    const full = await importBundle<Bundle>({ contents: entry }, [lazyNodeBuiltinsPlugin()]);

    expect(narrowed.results()).toEqual(full.results());
    expect(narrowed.results()['joined']).toBe(join('a', 'b'));
  });
});
