// Builds the two artefacts of this package:
//   dist/sub-step-closer.zip  the Lambda: index.mjs (handler `index.handler`) and its lazy chunks
//   dist/cli/sub-step-closer.mjs  the CLI (check, wrap, states, simulate); never in the zip
// Usage: node esbuild.config.mjs [--lambda-only | --cli-only]

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { fastAslJsonPathPlugin } from './build/fastAslJsonPathPlugin.mjs';
import { keepOnlyAwsJsonProtocolPlugin } from './build/keepOnlyAwsJsonProtocolPlugin.mjs';
import { lazyNodeBuiltinsPlugin } from './build/lazyNodeBuiltinsPlugin.mjs';
import { linearAslTransitionsPlugin } from './build/linearAslTransitionsPlugin.mjs';
import { omitSdkModulesPlugin } from './build/omitSdkModulesPlugin.mjs';
import { dynamicImportsIn, oneLazySdkChunkPlugin } from './build/oneLazySdkChunkPlugin.mjs';
import { precompiledAslSchemaPlugin } from './build/precompiledAslSchemaPlugin.mjs';
import { simpleAslPathsPlugin } from './build/simpleAslPathsPlugin.mjs';
import { sparedBuiltinsPlugin } from './build/sparedBuiltinsPlugin.mjs';
import { READABLE_PASS, usedBuiltinNamesIn } from './build/usedBuiltinNames.mjs';

const DIST = 'dist';
const LAMBDA_DIR = join(DIST, 'lambda');
const ZIP = join(DIST, 'sub-step-closer.zip');
// Every entry gets this fixed time so the same sources give a byte-identical zip (reproducible builds).
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

const only = process.argv[2];

// lazyNodeBuiltinsPlugin reads the built-ins' export names from the Node running the build, and
// Lambda runs nodejs22.x: a build on another major would differ (run it through `npm run build`,
// which uses the node@22 devDependency).
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
  const sdkPlugins = [
    omitSdkModulesPlugin(),
    keepOnlyAwsJsonProtocolPlugin(),
    sparedBuiltinsPlugin(),
  ];
  const options = {
    entryPoints: { index: 'src/handler.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Splitting moves the SDK into a chunk that only `import()` loads: a pass-through never reads it.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    // The SDK's package.json "browser"/"react-native" fields must not win over Node's entry points.
    mainFields: ['module', 'main'],
    // Each plugin's comment says what it saves; README "Performance" has the measurements.
    plugins: [lazyNodeBuiltinsPlugin(), ...sdkPlugins],
    metafile: true,
    logLevel: 'warning',
  };
  // One unwritten pass over the same modules first tells the build where the SDK imports lazily
  // and which exports of each built-in the bundle reads.
  const firstPass = await build({ ...options, ...READABLE_PASS });
  const dynamicImports = dynamicImportsIn(firstPass.metafile);
  const usedNames = usedBuiltinNamesIn(firstPass);
  const result = await build({
    ...options,
    plugins: [
      lazyNodeBuiltinsPlugin({ usedNames }),
      ...sdkPlugins,
      oneLazySdkChunkPlugin(dynamicImports),
    ],
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
  writeSbom();
}

// CycloneDX SBOM of the runtime dependencies (what the zip bundles). `npm sbom` reads only the
// lock file, so it works offline. `npm sbom --omit dev` is not used: it also drops production
// packages that a dev dependency shares (npm/cli#7909), which here left only @aws-sdk/client-sfn
// of the twenty packages the zip bundles. The full SBOM is cut down to the production tree instead.
function writeSbom() {
  const npm = (args) =>
    execFileSync('npm', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  try {
    const sbom = JSON.parse(npm(['sbom', '--sbom-format', 'cyclonedx']));
    const runtime = new Set();
    const walk = (dependencies = {}) => {
      for (const [name, dependency] of Object.entries(dependencies)) {
        runtime.add(`${name}@${dependency.version}`);
        walk(dependency.dependencies);
      }
    };
    walk(JSON.parse(npm(['ls', '--omit', 'dev', '--all', '--json'])).dependencies);
    const root = sbom.metadata.component['bom-ref'];
    sbom.components = sbom.components.filter((component) => runtime.has(component['bom-ref']));
    sbom.dependencies = sbom.dependencies
      .filter((dependency) => dependency.ref === root || runtime.has(dependency.ref))
      .map((dependency) => ({
        ...dependency,
        dependsOn: (dependency.dependsOn ?? []).filter((ref) => runtime.has(ref)),
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
  await build({
    // asl-validator as published recompiles its schemas on every call and runs general JSONPath
    // queries and a quadratic check; these keep its results and make it quick and linear. Each
    // plugin's comment has its measurements.
    // fastAslJsonPathPlugin last: it rewrites asl-validator's entry point, which the others only note.
    plugins: [
      linearAslTransitionsPlugin,
      precompiledAslSchemaPlugin,
      simpleAslPathsPlugin,
      fastAslJsonPathPlugin,
    ],
    entryPoints: { 'sub-step-closer': 'src/cli/bin.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Each command is its own chunk (main.ts imports them on demand): `check` loads asl-validator
    // but not the simulator's engine, and `--help` loads neither. The chunks sit beside the entry,
    // so paths resolved from `import.meta.url` (the Lambda zip at `../sub-step-closer.zip`) hold.
    splitting: true,
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // Bundled CommonJS dependencies (asl-validator, the ASL engine) still call require().
    banner: {
      js: "import { createRequire as __ssc_createRequire } from 'node:module'; const require = __ssc_createRequire(import.meta.url);",
    },
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const entry = join(staging, 'sub-step-closer.mjs');
  chmodSync(entry, 0o755);
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  const files = listFiles(outdir);
  const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
  console.log(`${join(outdir, 'sub-step-closer.mjs')}: ${files.length} files, ${bytes} bytes`);
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
if (only !== '--lambda-only') await buildCli();
