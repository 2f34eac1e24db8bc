import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The release workflow's step that names the repository in package.json before `npm publish
// --provenance`, run as the workflow runs it: a process in the package's directory.
const SCRIPT = resolve('scripts/nameRepository.mjs');
const GITHUB = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/sub-step-closer',
};

function run(manifest: Record<string, unknown>, env: Record<string, string> = GITHUB) {
  const dir = mkdtempSync(join(tmpdir(), 'name-repository-'));
  const file = join(dir, 'package.json');
  const before = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(file, before);
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd: dir,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
  });
  const after = readFileSync(file, 'utf8');
  return {
    ...result,
    manifest: JSON.parse(after) as Record<string, unknown>,
    changed: after !== before,
  };
}

describe('scripts/nameRepository.mjs', () => {
  it('writes repository, bugs and homepage from the workflow repository, keeping every other field', () => {
    const result = run({ name: 'sub-step-closer', version: '1.2.3', keywords: ['aws'] });

    expect(result.status).toBe(0);
    expect(result.manifest).toEqual({
      name: 'sub-step-closer',
      version: '1.2.3',
      keywords: ['aws'],
      repository: { type: 'git', url: 'git+https://github.com/acme/sub-step-closer.git' },
      bugs: { url: 'https://github.com/acme/sub-step-closer/issues' },
      homepage: 'https://github.com/acme/sub-step-closer#readme',
    });
    expect(result.stdout).toContain('https://github.com/acme/sub-step-closer');
  });

  it('uses the server the workflow runs on (GitHub Enterprise)', () => {
    const result = run(
      { name: 'x' },
      { GITHUB_SERVER_URL: 'https://git.example.com', GITHUB_REPOSITORY: 'team/x' },
    );

    expect(result.status).toBe(0);
    expect(result.manifest['repository']).toEqual({
      type: 'git',
      url: 'git+https://git.example.com/team/x.git',
    });
  });

  it.each([
    'git+https://github.com/acme/sub-step-closer.git',
    'https://github.com/Acme/Sub-Step-Closer/',
    'github:acme/sub-step-closer',
    'acme/sub-step-closer',
  ])('keeps a repository that already names this one (%s) and its own bugs and homepage', (url) => {
    const result = run({
      name: 'x',
      repository: { type: 'git', url },
      homepage: 'https://example.com/docs',
    });

    expect(result.status).toBe(0);
    expect(result.manifest['repository']).toEqual({ type: 'git', url });
    expect(result.manifest['homepage']).toBe('https://example.com/docs');
    expect(result.manifest['bugs']).toEqual({
      url: 'https://github.com/acme/sub-step-closer/issues',
    });
  });

  it('accepts the string form of repository', () => {
    const result = run({ name: 'x', repository: 'github:acme/sub-step-closer' });

    expect(result.status).toBe(0);
    expect(result.manifest['repository']).toBe('github:acme/sub-step-closer');
  });

  it('fails, changing nothing, when package.json names another repository', () => {
    const result = run({
      name: 'x',
      repository: { type: 'git', url: 'git+https://github.com/someone/fork.git' },
    });

    expect(result.status).toBe(1);
    expect(result.changed).toBe(false);
    expect(result.stderr).toContain(
      'package.json names the repository git+https://github.com/someone/fork.git, but this release runs in https://github.com/acme/sub-step-closer',
    );
  });

  it('fails, changing nothing, when repository has no URL', () => {
    const result = run({ name: 'x', repository: { type: 'git' } });

    expect(result.status).toBe(1);
    expect(result.changed).toBe(false);
    expect(result.stderr).toContain('"repository" without a URL');
  });

  it.each([
    [{}],
    [{ GITHUB_SERVER_URL: 'https://github.com' }],
    [{ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'no-slash' }],
    [{ GITHUB_SERVER_URL: 'github.com', GITHUB_REPOSITORY: 'acme/x' }],
  ])('exits 2, changing nothing, outside a GitHub Actions job (%j)', (env) => {
    const result = run({ name: 'x' }, env);

    expect(result.status).toBe(2);
    expect(result.changed).toBe(false);
    expect(result.stderr).toContain('must name a repository, as GitHub Actions sets them');
  });
});
