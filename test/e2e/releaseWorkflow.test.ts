import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The release workflow, read as text (no YAML parser is a dependency), against what the build
// really writes to dist/ (vitest's global setup builds it).
const workflow = readFileSync('.github/workflows/release.yml', 'utf8');
const lines = workflow.split('\n');
const commands = lines
  .map((line) => /^\s+- run: (.+)$/.exec(line)?.[1] ?? /^\s+- uses: (.+)$/.exec(line)?.[1])
  .filter((command): command is string => command !== undefined);

describe('.github/workflows/release.yml', () => {
  it('runs on version tags only', () => {
    expect(workflow).toMatch(/^on:\n {2}push:\n {4}tags: \['v\*'\]\n\n/m);
    expect(workflow).not.toMatch(/pull_request|branches:|workflow_dispatch/);
  });

  it('asks for contents: write and id-token: write, and no other permission', () => {
    const block = /^permissions:\n((?: {2}.+\n)+)/m.exec(workflow)?.[1];
    expect(block).toBe('  contents: write\n  id-token: write\n');
    expect(workflow.match(/permissions:/g)).toHaveLength(1);
  });

  it('checks out, names the repository, installs on Node 22, builds, tests, audits and publishes, in that order', () => {
    expect(commands).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'node scripts/nameRepository.mjs',
      'npm ci',
      'npm run build',
      'npm test',
      'npm audit --audit-level high',
      'npm publish --provenance --access public',
    ]);
    expect(workflow).toMatch(/node-version: 22\n/);
  });

  it('attaches the zip, its checksum and the SBOM, which the build writes', () => {
    const attached = [...workflow.matchAll(/^\s+(dist\/\S+)$/gm)].map((match) => match[1]);
    expect(attached).toEqual([
      'dist/sub-step-closer.zip',
      'dist/sub-step-closer.zip.sha256',
      'dist/sbom.cdx.json',
    ]);
    for (const file of attached)
      expect(existsSync(file ?? ''), `${file} after npm run build`).toBe(true);
    expect(workflow.indexOf('gh release create')).toBeGreaterThan(
      workflow.indexOf('sha256sum --check'),
    );
  });

  it('verifies a checksum file in the sha256sum format the build also writes', () => {
    const zip = readFileSync('dist/sub-step-closer.zip');
    const digest = createHash('sha256').update(zip).digest('hex');
    expect(readFileSync('dist/sub-step-closer.zip.sha256', 'utf8')).toBe(
      `${digest}  sub-step-closer.zip\n`,
    );
    expect(workflow).toContain('sha256sum sub-step-closer.zip > sub-step-closer.zip.sha256');
  });

  it('attaches an SBOM that is a CycloneDX document of what the zip bundles', () => {
    const sbom = JSON.parse(readFileSync('dist/sbom.cdx.json', 'utf8')) as {
      bomFormat?: string;
      components?: { name?: string }[];
    };
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.components?.map((c) => c.name)).toContain('@aws-sdk/client-sfn');
  });

  it('publishes to npm only after the GitHub release is created', () => {
    expect(workflow.indexOf('npm publish')).toBeGreaterThan(workflow.indexOf('gh release create'));
    expect(workflow).toMatch(/registry-url: https:\/\/registry\.npmjs\.org\n/);
  });
});

describe('the other workflows', () => {
  it('never publish the npm package', () => {
    const others = readdirSync('.github/workflows').filter((name) => name !== 'release.yml');

    expect(others).not.toEqual([]);
    for (const name of others) {
      expect(readFileSync(`.github/workflows/${name}`, 'utf8'), name).not.toMatch(
        /npm publish|id-token: write|NODE_AUTH_TOKEN/,
      );
    }
  });
});
