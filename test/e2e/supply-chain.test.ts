// Supply chain of the release zip: what it holds, which npm packages esbuild bundled into it (pinned
// to a committed allow-list), and the CycloneDX SBOM the build writes beside it. Reads dist/ as
// `npm run build` leaves it (vitest's global setup rebuilds it when sources changed).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import allowlist from '../fixtures/bundle-allowlist.json' with { type: 'json' };

const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url);

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<
    string,
    { imports: ReadonlyArray<{ path: string; kind: string; external?: boolean }> }
  >;
}

interface CycloneDx {
  bomFormat: string;
  specVersion: string;
  components: ReadonlyArray<{ name: string; version: string; purl?: string }>;
}

const zipEntries = () => Object.keys(unzipSync(readFileSync(dist('sub-step-closer.zip')))).sort();
const metafile = () => JSON.parse(readFileSync(dist('lambda-meta.json'), 'utf8')) as Metafile;

/** The npm package a bundled file came from: the last `node_modules/<name>` in its path. */
function packageOf(input: string): string | undefined {
  const matches = [...input.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
  return matches.at(-1)?.[1];
}

/** The bundled npm packages, by name, from esbuild's metafile inputs. */
function bundledPackages(): string[] {
  const names = Object.keys(metafile().inputs).map(packageOf);
  return [...new Set(names.filter((name) => name !== undefined))].sort();
}

/**
 * esbuild's outputs and the imports between them, as paths inside the zip (the build writes to a
 * staging folder, so the metafile's paths start with `dist/lambda.<pid>/`).
 */
function outputsByZipPath(): Map<string, ReadonlyArray<{ path: string; external: boolean }>> {
  const outputs = Object.entries(metafile().outputs).filter(([path]) => !path.endsWith('.map'));
  const root = posix.dirname(outputs.find(([path]) => path.endsWith('/index.mjs'))?.[0] ?? '');
  const inZip = (path: string) => posix.relative(root, path);
  return new Map(
    outputs.map(([path, { imports }]) => [
      inZip(path),
      imports.map((entry) =>
        entry.external === true
          ? { path: entry.path, external: true }
          : { path: inZip(entry.path), external: false },
      ),
    ]),
  );
}

describe('the release zip', () => {
  it('holds index.mjs and its chunks, nothing else', () => {
    const entries = zipEntries();

    expect(entries).toContain('index.mjs');
    for (const entry of entries) expect(entry).toMatch(/^(index|chunks\/[\w-]+)\.mjs$/);
  });

  it('holds exactly the files esbuild wrote, each import resolving inside the zip or to Node', () => {
    const entries = zipEntries();
    const outputs = outputsByZipPath();
    const builtins = new Set(builtinModules);

    expect([...outputs.keys()].sort()).toEqual(entries);
    for (const imports of outputs.values()) {
      for (const { path, external } of imports) {
        // The runtime gives only Node itself: every package must be bundled.
        if (external) expect(builtins.has(path.replace(/^node:/, ''))).toBe(true);
        else expect(entries).toContain(path);
      }
    }
  });

  it('bundles only the npm packages on the allow-list', () => {
    // A new runtime dependency (or an SDK update that pulls in one) must be a deliberate change:
    // update test/fixtures/bundle-allowlist.json in the same commit.
    expect(bundledPackages()).toEqual(allowlist.packages);
  });
});

describe('the SBOM beside the zip', () => {
  const sbom = () => JSON.parse(readFileSync(dist('sbom.cdx.json'), 'utf8')) as CycloneDx;

  it('is a CycloneDX JSON document that lists @aws-sdk/client-sfn', () => {
    expect(existsSync(dist('sbom.cdx.json'))).toBe(true);
    expect(sbom()).toMatchObject({ bomFormat: 'CycloneDX', specVersion: expect.any(String) });
    expect(sbom().components).toContainEqual(
      expect.objectContaining({ name: '@aws-sdk/client-sfn', version: expect.any(String) }),
    );
  });

  it('lists exactly the packages the zip bundles', () => {
    // They are devDependencies of the npm package (its users install none of them), so the SBOM
    // follows the bundle, not a dependency type.
    const listed = [...new Set(sbom().components.map((component) => component.name))].sort();

    expect(listed).toEqual(bundledPackages());
  });
});
