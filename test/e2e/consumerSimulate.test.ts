import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  installPackedPackage,
  type ProjectRun,
  runInProject,
  userEnvironment,
} from '../support/installPackedPackage.ts';

// A user's own test suite importing `sub-step-closer/simulate` from the installed tarball: the
// test that runs is the example of docs/simulate.md ("From your own tests"), so the doc cannot
// drift from the package. It runs on this repository's vitest and typescript, as a user's would.
const ROOT = join(import.meta.dirname, '..', '..');
const NODE_MODULES = join(ROOT, 'node_modules');

/** The first `ts` block of the doc's "From your own tests" section. */
function docExample(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'simulate.md'), 'utf8');
  const section = /^#### From your own tests\n([\s\S]*?)(?=^#### )/m.exec(doc)?.[1];
  const block = section === undefined ? undefined : /^```ts\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (block === undefined)
    throw new Error('docs/simulate.md: no ts block in "From your own tests"');
  return block;
}

/** A tool of this repository run on the test's Node (22) in the user's project, any exit code. */
function runTool(project: string, script: string, args: readonly string[]): Promise<ProjectRun> {
  // This suite runs inside vitest: its worker variables must not reach the nested vitest.
  const env = Object.fromEntries(
    Object.entries(userEnvironment()).filter(([name]) => !name.startsWith('VITEST')),
  );
  return runInProject(project, process.execPath, [script, ...args], env);
}

/** The part of vitest's JSON report (Jest's format) read here. */
interface VitestReport {
  readonly numPassedTests: number;
  readonly testResults: readonly {
    readonly assertionResults: readonly {
      readonly fullName: string;
      readonly status: string;
      readonly failureMessages: readonly string[];
    }[];
  }[];
}

let project: string;

beforeAll(() => {
  project = installPackedPackage({ type: 'module' });
  mkdirSync(join(project, 'test'));
  writeFileSync(join(project, 'test', 'subStep.test.ts'), docExample());
  // A decoy where a path resolved from the working directory would look: simulate must run the
  // zip inside the installed package instead.
  mkdirSync(join(project, 'dist'));
  writeFileSync(join(project, 'dist', 'sub-step-closer.zip'), 'not a zip\n');
  // Stand-ins for the user's own devDependencies (the example imports vitest and node:fs).
  mkdirSync(join(project, 'node_modules', '@types'), { recursive: true });
  symlinkSync(join(NODE_MODULES, 'vitest'), join(project, 'node_modules', 'vitest'));
  symlinkSync(
    join(NODE_MODULES, '@types', 'node'),
    join(project, 'node_modules', '@types', 'node'),
  );
  // Fails (an unused directive) if the declarations did not type the options.
  writeFileSync(
    join(project, 'test', 'typed.ts'),
    "import { simulate } from 'sub-step-closer/simulate';\n// @ts-expect-error `parent` is required\nvoid simulate({});\n",
  );
  // No skipLibCheck: the shipped .d.ts files are checked as well.
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
      },
      include: ['test'],
    }),
  );
}, 120_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('a user project that installed the tarball', () => {
  it('installs no AWS SDK: the simulator brings its own', () => {
    expect(existsSync(join(project, 'node_modules', 'sub-step-closer'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', '@aws-sdk'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', '@smithy'))).toBe(false);
  });

  it("passes the doc's example test with vitest", async () => {
    const report = join(project, 'vitest-report.json');

    const outcome = await runTool(project, join(NODE_MODULES, '.bin', 'vitest'), [
      'run',
      '--root',
      project,
      '--reporter=json',
      `--outputFile=${report}`,
    ]);

    expect(existsSync(report), `vitest wrote no report:\n${outcome.stderr}`).toBe(true);
    const results = JSON.parse(readFileSync(report, 'utf8')) as VitestReport;
    const failed = results.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status !== 'passed')
      .map((test) => `${test.fullName}: ${test.failureMessages.join('\n')}`);
    expect(failed).toEqual([]);
    expect(results.numPassedTests).toBeGreaterThan(0);
    expect(outcome.code).toBe(0);
  }, 60_000);

  it("type-checks the doc's example against the shipped declarations", async () => {
    const outcome = await runTool(project, join(NODE_MODULES, 'typescript', 'bin', 'tsc'), [
      '-p',
      project,
    ]);

    expect(outcome.stdout).toBe('');
    expect(outcome.code, outcome.stderr).toBe(0);
  }, 60_000);
});
