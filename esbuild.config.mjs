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
  await build({
    entryPoints: { 'sub-step-closer': 'src/cli/bin.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Plain esbuild, no plugins. Each command is its own chunk (main.ts imports them on demand):
    // `check` loads its validator but not the simulator's engine, and `--help` loads neither. The chunks sit beside the entry,
    // so paths resolved from `import.meta.url` (the Lambda zip at `../sub-step-closer.zip`) hold.
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
