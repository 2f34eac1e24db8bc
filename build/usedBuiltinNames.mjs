import { build } from 'esbuild';

/** The namespace `lazyNodeBuiltinsPlugin` loads its stand-ins from. */
export const LAZY_BUILTIN_NAMESPACE = 'lazy-node-builtin';

/**
 * What a pass must look like for `usedBuiltinNamesIn` to read it: unminified, one file per entry
 * (so every use of a stand-in is in the text that declares it), not written, with its metafile.
 */
export const READABLE_PASS = {
  splitting: false,
  minify: false,
  write: false,
  metafile: true,
  logLevel: 'silent',
};

/**
 * Which exports of each Node built-in a bundle can read, so that `lazyNodeBuiltinsPlugin` defines
 * only those: bundles once more with the given options as a `READABLE_PASS` and reads that.
 *
 * @returns a Map from built-in id (`node:fs`) to the names read, or to `'all'`.
 * @example
 * const usedNames = await findUsedBuiltinNames(options);
 * await build({ ...options, plugins: [lazyNodeBuiltinsPlugin({ usedNames }), ...] });
 */
export async function findUsedBuiltinNames(options) {
  return usedBuiltinNamesIn(await build({ ...options, ...READABLE_PASS }));
}

/**
 * `usedBuiltinNames` over every output of a `READABLE_PASS` build result. Stops if a stand-in in
 * the output was not recognised: it would keep every name (safe, but the saving would go
 * unnoticed if esbuild ever printed stand-ins differently).
 */
export function usedBuiltinNamesIn({ outputFiles, metafile }) {
  const used = new Map();
  for (const file of outputFiles) {
    for (const [id, names] of usedBuiltinNames(file.text)) mergeInto(used, id, names);
  }
  const prefix = `${LAZY_BUILTIN_NAMESPACE}:`;
  const bundled = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input),
  );
  for (const input of bundled) {
    if (input.startsWith(prefix) && !used.has(input.slice(prefix.length))) {
      throw new Error(
        `usedBuiltinNames: esbuild's output no longer shows the stand-in for ${input} as ` +
          'build/usedBuiltinNames.mjs expects it',
      );
    }
  }
  return used;
}

/**
 * Reads, from esbuild's unminified ESM output, the names each lazy built-in stand-in is read by.
 *
 * esbuild turns `import { readFile } from 'node:fs'` (or `import * as fs`, or a default import)
 * into `var import_fs = __toESM(require_node_fs())` and every use into `import_fs.readFile` (or
 * `import_fs.default.readFile`). Any other use of either variable (passed on whole, destructured,
 * indexed, `export *`, a `require()` from CommonJS) means any name may be read, and that built-in
 * gets `'all'`. So a name can be read in the bundle only if it is listed: listing too much costs
 * bytes, listing too little would read `undefined`, and this errs only the first way.
 *
 * @returns a Map from built-in id to a Set of names, or to `'all'`.
 */
export function usedBuiltinNames(bundleText) {
  const used = new Map();
  const builtinOf = new Map();
  // `var require_node_fs = __commonJS({` and its indented body down to the `});` that closes it
  // at the start of a line: it can never reach into the top-level code after it.
  const standIn = new RegExp(
    `var (require_[\\w$]+) = __commonJS\\(\\{\\s*"${LAZY_BUILTIN_NAMESPACE}:([^"]+)"\\([^\\n]*(?:\\n[ \\t]+[^\\n]*)*\\n\\}\\);`,
    'g',
  );
  for (const [, requireName, id] of bundleText.matchAll(standIn)) {
    builtinOf.set(requireName, id);
    used.set(id, new Set());
  }
  // Blank out (keeping offsets) what never reads a stand-in but names built-ins all the same: the
  // stand-ins' own code (`getBuiltinModule("node:os")`) and esbuild's `// <module path>` lines.
  // A line that could be inside a template literal with `${...}` is kept.
  const text = bundleText.replace(standIn, blank).replace(/^\/\/ (?!.*\$\{).*$/gm, blank);

  // Where an import variable is declared or assigned, rather than read: `var import_fs, x;` (a
  // module esbuild wraps for lazy init declares first and assigns in its init function) and
  // `import_fs = __toESM(require_node_fs())`.
  const declarations = new Set();
  for (const match of text.matchAll(/\bvar ((?:[\w$]+, )*[\w$]+);/g)) {
    let at = match.index + 'var '.length;
    for (const name of match[1].split(', ')) {
      declarations.add(at);
      at += name.length + ', '.length;
    }
  }
  const importsOf = new Map([...builtinOf.keys()].map((requireName) => [requireName, []]));
  // esbuild names the variable `import_fs` for named and default imports, and keeps the local
  // name (`fs`) of a namespace import.
  const assignment = /(?<![\w$.])([A-Za-z_$][\w$]*) = __toESM\((require_[\w$]+)\(\)(?:, 1)?\)/g;
  for (const match of text.matchAll(assignment)) {
    const [, importName, requireName] = match;
    declarations.add(match.index);
    importsOf.get(requireName)?.push(importName);
  }

  for (const [requireName, id] of builtinOf) {
    const imports = importsOf.get(requireName) ?? [];
    // One call per recognised import; anything more is a use this scan cannot follow.
    if (occurrences(text, requireName).length !== imports.length) {
      used.set(id, 'all');
      continue;
    }
    for (const importName of imports) {
      const names = namesReadThrough(text, importName, declarations);
      mergeInto(used, id, names);
      if (names === 'all') break;
    }
  }
  return used;
}

function blank(match) {
  return match.replace(/[^\n]/g, ' ');
}

/** The names read as `importName.x` or `importName.default.x`; `'all'` for any other use. */
function namesReadThrough(text, importName, declarations) {
  const names = new Set();
  for (const at of occurrences(text, importName)) {
    if (declarations.has(at)) continue;
    const access = /^\.([A-Za-z_$][\w$]*)(?:\.([A-Za-z_$][\w$]*))?/.exec(
      text.slice(at + importName.length, at + importName.length + 200),
    );
    if (access === null) return 'all';
    const [, first, second] = access;
    if (first !== 'default') names.add(first);
    // `.default` is the stand-in itself (it has no __esModule): read on, or give up.
    else if (second !== undefined) names.add(second);
    else return 'all';
  }
  return names;
}

/**
 * Offsets of `name` as a whole identifier, except after a `.` (`a.fs` is a property, never the
 * variable). Occurrences in strings and comments are kept: they can only add names or give up.
 */
function occurrences(text, name) {
  const escaped = name.replaceAll('$', '\\$');
  return [...text.matchAll(new RegExp(`(?<![\\w$.])${escaped}(?![\\w$])`, 'g'))].map(
    (match) => match.index,
  );
}

function mergeInto(used, id, names) {
  const current = used.get(id);
  if (current === 'all' || names === 'all') {
    used.set(id, 'all');
    return;
  }
  used.set(id, new Set([...(current ?? []), ...names]));
}
