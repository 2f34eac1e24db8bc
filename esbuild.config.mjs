// Builds the artefacts of this package:
//   dist/sub-step-closer.zip  the Lambda: index.mjs (handler `index.handler`) and its lazy chunks
//   dist/cli/sub-step-closer.mjs  the CLI (check, wrap, states, simulate); never in the zip
//   dist/cli/simulate.mjs  the test API (`sub-step-closer/simulate`), sharing the CLI's chunks
//   dist/types/  its type declarations, emitted by tsc (tsconfig.types.json)
// Usage: node esbuild.config.mjs [--lambda-only | --cli-only]

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import ts from 'typescript';
import { lazyNodeBuiltinsPlugin } from './build/lazyNodeBuiltinsPlugin.mjs';
import { omitSdkModulesPlugin } from './build/omitSdkModulesPlugin.mjs';

const DIST = 'dist';
const LAMBDA_DIR = join(DIST, 'lambda');
const ZIP = join(DIST, 'sub-step-closer.zip');
// Every entry gets this fixed time so the same sources give a byte-identical zip (reproducible builds).
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

const only = process.argv[2];

// Node 22 only: lazyNodeBuiltinsPlugin lists each built-in's exports as the building Node has them, and Lambda runs nodejs22.x.
const RUNTIME_MAJOR = 22;
if (Number(process.versions.node.split('.')[0]) !== RUNTIME_MAJOR) {
  console.error(
    `Build with Node ${RUNTIME_MAJOR} (the Lambda runtime), not ${process.version}: use \`npm run build\`.`,
  );
  process.exit(1);
}

async function buildLambda() {
  // Build beside the old output and swap it in at the end, so a test reading dist/ mid-build
  // never sees half a bundle.
  const staging = `${LAMBDA_DIR}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { index: 'src/handler.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Splitting moves the SDK into chunks that only `import()` loads: a pass-through never reads them.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    legalComments: 'none',
    // The SDK's package.json "browser"/"react-native" fields must not win over Node's entry points.
    mainFields: ['module', 'main'],
    // Measured with `npm run bench -- --only cold --rounds 10 --before <zip without the plugin>`:
    plugins: [
      lazyNodeBuiltinsPlugin(), // cold signal 110.9 -> 96.4 ms, peak RSS 66.1 -> 61.8 MiB (+4.4 KiB zip)
      omitSdkModulesPlugin(), // zip 129.1 -> 114.5 KiB; cold signal unchanged within noise
    ],
    metafile: true,
    logLevel: 'warning',
  });
  writeAtomically(join(DIST, 'lambda-meta.json'), JSON.stringify(result.metafile));

  const files = listFiles(staging).sort();
  const entries = Object.fromEntries(
    files.map((file) => [
      relative(staging, file),
      [readFileSync(file), { mtime: ZIP_MTIME, level: 9 }],
    ]),
  );
  const zip = zipSync(entries);
  const unzipped = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
  const entry = readFileSync(join(staging, 'index.mjs')).length;
  rmSync(LAMBDA_DIR, { recursive: true, force: true });
  renameSync(staging, LAMBDA_DIR);
  writeAtomically(ZIP, zip);
  const sha256 = createHash('sha256').update(zip).digest('hex');
  writeAtomically(`${ZIP}.sha256`, `${sha256}  sub-step-closer.zip\n`);

  console.log(
    `${ZIP}: ${zip.length} bytes zipped (${(zip.length / 1024).toFixed(1)} KiB); ` +
      `index.mjs ${entry} bytes, ${files.length} files ${unzipped} bytes unzipped`,
  );
  writeSbom(result.metafile);
}

// CycloneDX SBOM of what the zip bundles: the packages esbuild read (from its metafile), as `npm
// sbom` lists them from the lock file (offline). They are devDependencies of the npm package (its
// users install none of them), so the SBOM is cut down to the bundled names, not to a dependency type.
function writeSbom(metafile) {
  const bundled = new Set(
    Object.keys(metafile.inputs).flatMap(
      (input) => [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1)?.[1] ?? [],
    ),
  );
  try {
    const sbom = JSON.parse(
      execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
    const root = sbom.metadata.component['bom-ref'];
    // A package installed twice (two versions) is listed twice; both stay, as either may be bundled.
    sbom.components = sbom.components.filter((component) => bundled.has(component.name));
    const kept = new Set(sbom.components.map((component) => component['bom-ref']));
    sbom.dependencies = sbom.dependencies
      .filter((dependency) => dependency.ref === root || kept.has(dependency.ref))
      .map((dependency) => ({
        ...dependency,
        dependsOn: (dependency.dependsOn ?? []).filter((ref) => kept.has(ref)),
      }));
    writeAtomically(join(DIST, 'sbom.cdx.json'), `${JSON.stringify(sbom, null, 2)}\n`);
  } catch (error) {
    console.error(`npm sbom failed: ${error.message}`);
    process.exitCode = 1;
  }
}

async function buildCli() {
  const outdir = join(DIST, 'cli');
  const staging = `${outdir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    // The test API is a second entry of the same build: it shares the simulator's chunks with the
    // `simulate` command instead of shipping the engine twice, and the CLI entry still imports none
    // of them statically (test/e2e/cli-lazy-commands.test.ts).
    entryPoints: { 'sub-step-closer': 'src/cli/bin.ts', simulate: 'src/cli/simulate/index.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Plain esbuild, no plugins. Each command is its own chunk (main.ts imports them on demand):
    // `check` loads its validator but not the simulator's engine, and `--help` loads neither. The chunks sit beside the entry,
    // so paths resolved from `import.meta.url` (the Lambda zip at `../sub-step-closer.zip`) hold
    // from either entry.
    splitting: true,
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // Bundled CommonJS dependencies (Ajv, the ASL engine) still call require().
    banner: {
      js: "import { createRequire as __ssc_createRequire } from 'node:module'; const require = __ssc_createRequire(import.meta.url);",
    },
    mainFields: ['module', 'main'],
    // Whitespace only: names stay readable in stack traces, and the generated state validators
    // (src/cli/check/validation/generated/) take 0.6 MB instead of 1.2 MB.
    minifyWhitespace: true,
    legalComments: 'none',
    // What each chunk bundles, for the tests that check which command loads what.
    metafile: true,
    logLevel: 'warning',
  });
  writeAtomically(join(DIST, 'cli-meta.json'), JSON.stringify(result.metafile));
  const entry = join(staging, 'sub-step-closer.mjs');
  chmodSync(entry, 0o755);
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  const files = listFiles(outdir);
  const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
  console.log(`${join(outdir, 'sub-step-closer.mjs')}: ${files.length} files, ${bytes} bytes`);
}

// Declarations of the test API, from the sources (no hand-written .d.ts to drift). They keep the
// sources' `.ts` import specifiers, which TypeScript resolves to the `.d.ts` beside them.
const TYPES_ENTRY = join('cli', 'simulate', 'index.d.ts');

function buildTypes() {
  const outdir = join(DIST, 'types');
  const emitted = `${outdir}.tsc.${process.pid}`;
  const staging = `${outdir}.${process.pid}`;
  rmSync(emitted, { recursive: true, force: true });
  rmSync(staging, { recursive: true, force: true });
  const tsc = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json', '--outDir', emitted],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  // Exit 2 is "errors found, files emitted": like esbuild, the build leaves type errors to
  // `npm run typecheck` (which CI runs before it), so a half-edited tree still builds.
  if (tsc.status === 2) console.error('tsc reported type errors; declarations were emitted anyway');
  else if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.types.json exited ${tsc.status}`);
  // tsc emits one file per source in the program; ship only those the entry's types reach.
  const reached = reachedDeclarations(emitted, join(emitted, TYPES_ENTRY));
  for (const file of reached) {
    const target = join(staging, relative(emitted, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  rmSync(emitted, { recursive: true, force: true });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  console.log(`${join(outdir, TYPES_ENTRY)}: ${reached.size} declaration files`);
}

/** The declaration files `entry` imports, directly or through others, itself included. */
function reachedDeclarations(root, entry) {
  const reached = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8')).importedFiles) {
      if (fileName.startsWith('node:')) continue;
      // The package has no dependencies: a type from another package would not resolve for users.
      if (!fileName.startsWith('.')) {
        throw new Error(`${relative(root, file)} imports ${fileName}: users do not install it`);
      }
      const declaration = join(dirname(file), fileName.replace(/\.ts$/, '.d.ts'));
      if (!declaration.startsWith(root) || !existsSync(declaration)) {
        throw new Error(
          `${relative(root, file)} imports ${fileName}: no declaration was emitted for it`,
        );
      }
      pending.push(declaration);
    }
  }
  return reached;
}

function writeAtomically(file, data) {
  const staging = `${file}.${process.pid}`;
  writeFileSync(staging, data);
  renameSync(staging, file);
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

mkdirSync(DIST, { recursive: true });
if (only !== '--cli-only') await buildLambda();
if (only !== '--lambda-only') {
  await buildCli();
  buildTypes();
}
