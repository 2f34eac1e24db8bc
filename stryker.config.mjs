// Mutation testing of the Lambda's code (`npm run mutate`), outside `.ci/run`: it takes minutes, not
// seconds. Mutated sources run under `vitest.mutate.config.ts`: the unit, property and source-level
// integration suites, quickest first, in one fork at a time.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: {
    configFile: 'vitest.mutate.config.ts',
    // The forks pool: with threads, the handler property test ran about 7 times slower.
    pool: 'forks',
    // The integration suites import the handler with a dynamic import() in a fresh module graph;
    // related mode could miss them. Per-test coverage chooses each mutant's tests instead.
    related: false,
  },
  mutate: [
    'src/closer/**/*.ts',
    'src/parent/**/*.ts',
    'src/safety-net/**/*.ts',
    'src/metrics/**/*.ts',
    'src/closeSubStep.ts',
    'src/config.ts',
    'src/log.ts',
  ],
  // Each mutant runs only the tests that executed its code in the initial run.
  coverageAnalysis: 'perTest',
  // Results are kept in reports/ (git-ignored): a re-run tests only the mutants whose code or
  // covering tests changed. `npm run mutate -- --force` runs every mutant again.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  thresholds: { high: 90, low: 80, break: 90 },
  // The machines have 2 CPUs, shared; raise it with `--concurrency 2` on a machine of your own.
  concurrency: 1,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowEmojis: false, logTests: false, reportScoreTable: true },
  // The sandbox needs the sources and the tests, not the build or earlier reports.
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench/results.json'],
  tempDirName: '.stryker-tmp',
};
