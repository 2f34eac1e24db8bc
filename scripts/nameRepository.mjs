// Names the repository a release is built from in package.json: `repository`, `bugs` and
// `homepage`, from the GitHub repository the release workflow runs in.
// Usage (the release workflow, in the package's directory): node scripts/nameRepository.mjs
//
// Why at release time: npm provenance signs the repository the workflow ran in, and the registry
// refuses the publish (E422 "repository.url ... expected to match ... from provenance") unless
// package.json's `repository.url` names that same repository
// (https://docs.npmjs.com/generating-provenance-statements). Writing it from the workflow's own
// context names the right repository in any fork, and a checkout needs no remote to build.
// A `repository` already in package.json is kept when it names this repository; when it names
// another, this fails before anything is published, rather than at the last step.
import { readFileSync, writeFileSync } from 'node:fs';

const PACKAGE_JSON = 'package.json';

/** `https://github.com/owner/name`, from the variables GitHub Actions sets in every job. */
function workflowRepository(env) {
  const server = env.GITHUB_SERVER_URL;
  const repository = env.GITHUB_REPOSITORY;
  if (!/^https:\/\/[^/\s]+$/.test(server ?? '') || !/^[\w.-]+\/[\w.-]+$/.test(repository ?? '')) {
    throw new UsageError(
      `GITHUB_SERVER_URL (${JSON.stringify(server ?? null)}) and GITHUB_REPOSITORY ` +
        `(${JSON.stringify(repository ?? null)}) must name a repository, as GitHub Actions sets them`,
    );
  }
  return `${server}/${repository}`;
}

/**
 * A repository as npm compares it: the `owner/name` and `github:owner/name` shorthands expanded,
 * then no `git+`, no trailing slash, no `.git`, any case.
 */
function normalize(repository) {
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(repository)?.[1];
  const url = shorthand === undefined ? repository : `https://github.com/${shorthand}`;
  return url
    .replace(/^git\+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .toLowerCase();
}

class UsageError extends Error {
  name = 'UsageError';
}

function main() {
  const home = workflowRepository(process.env);
  const manifest = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8'));
  const declared =
    typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (manifest.repository !== undefined && typeof declared !== 'string') {
    console.error('package.json has a "repository" without a URL: npm provenance needs one.');
    return 1;
  }
  if (declared !== undefined && normalize(declared) !== normalize(home)) {
    console.error(
      `package.json names the repository ${declared}, but this release runs in ${home}: npm ` +
        'provenance would refuse the publish. Correct or remove "repository" in package.json.',
    );
    return 1;
  }
  manifest.repository ??= { type: 'git', url: `git+${home}.git` };
  manifest.bugs ??= { url: `${home}/issues` };
  manifest.homepage ??= `${home}#readme`;
  writeFileSync(PACKAGE_JSON, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`package.json: repository, bugs and homepage name ${home}`);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
