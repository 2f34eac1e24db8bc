import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** In-process suites: unit and property tests, which mock the SDK client or need no client. */
const IN_PROCESS_FILES = [
  'test/unit/classifySignalError.test.ts',
  'test/unit/signalParentFallbacks.test.ts',
  'test/unit/signalParentKmsBackoff.test.ts',
  'test/unit/signalParentErrors.test.ts',
  'test/unit/classifyThrottlingNames.test.ts',
  'test/unit/deadline.test.ts',
  'test/unit/planSafetyNetSignal.test.ts',
  'test/unit/readParentLink.test.ts',
  'test/unit/readCloseRequest.test.ts',
  'test/unit/contractProblems.test.ts',
  'test/unit/config.test.ts',
  'test/unit/configBoundaries.test.ts',
  'test/unit/planClose.test.ts',
  'test/unit/undeliverableOutput.test.ts',
  'test/unit/selectOutput.test.ts',
  'test/unit/outputPathIndices.test.ts',
  'test/unit/readStatusChange.test.ts',
  'test/unit/statusChangeShapes.test.ts',
  'test/unit/metrics.test.ts',
  'test/unit/log.test.ts',
  'test/unit/runtimeFieldsEdges.test.ts',
  'test/unit/decideVerdict.test.ts',
  'test/unit/fitToLimits.test.ts',
  'test/unit/fitCauseKeepsValues.test.ts',
  'test/unit/fitToLimitsEdges.test.ts',
  'test/unit/metricsPerOutcome.test.ts',
  'test/unit/handleStatusChange.test.ts',
  'test/unit/safetyNetDescribeExecution.test.ts',
  'test/unit/safetyNetLogLine.test.ts',
  'test/unit/requestShapes.test.ts',
  'test/unit/closeSubStepLogLine.test.ts',
  'test/unit/closeSubStepEdges.test.ts',
  'test/unit/sfnClientPort.test.ts',
  'test/unit/handler.test.ts',
  'test/property/safetyNet.test.ts',
  'test/property/fitToLimits.property.test.ts',
  'test/property/handler.property.test.ts',
];

/** The real SDK over HTTP against a fake endpoint on 127.0.0.1: slower, and last. */
const INTEGRATION_FILES = [
  'test/integration/payloadSafety.test.ts',
  'test/integration/faultsConnections.test.ts',
  'test/integration/concurrency.test.ts',
  'test/integration/safetyNetOverHttp.test.ts',
  'test/integration/faultsRetries.test.ts',
  'test/integration/closerOverHttp.test.ts',
  'test/integration/faultsTimeouts.test.ts',
];

/**
 * The test files a mutation run uses (`npm run mutate`, `stryker.config.mjs`), quickest first.
 *
 * Only suites that import `src/` belong here: the end-to-end suites and the ones that run the built
 * zip (`burst`, `faultsNamedErrors`) never see a mutated source, so they could only slow the run.
 * The order is what makes the run feasible: a mutant runs only the tests that cover it, and stops
 * at the first failure (Stryker's bail), so the quick unit files kill most mutants before the
 * property and HTTP suites start.
 */
export const MUTATION_TEST_FILES = [...IN_PROCESS_FILES, ...INTEGRATION_FILES];

/** Runs the files in the order of `MUTATION_TEST_FILES` rather than vitest's slowest-first. */
class ListedOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a.moduleId) - rank(b.moduleId));
  }
}

function rank(moduleId: string): number {
  const index = MUTATION_TEST_FILES.findIndex((file) => moduleId.endsWith(`/${file}`));
  return index === -1 ? MUTATION_TEST_FILES.length : index;
}

const shared = {
  // No globalSetup: these suites run the sources, never dist/, so nothing needs building.
  setupFiles: ['test/support/setupMatchers.ts'],
  unstubEnvs: true,
  restoreMocks: true,
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    ...shared,
    // One fork at a time (Stryker sets the pool and worker count too): with threads, the handler
    // property test ran about 7 times slower.
    pool: 'forks',
    maxWorkers: 1,
    sequence: { sequencer: ListedOrderSequencer },
    projects: [
      {
        test: {
          ...shared,
          name: 'in-process',
          include: IN_PROCESS_FILES,
          // One fork for all the in-process files of a run, rather than one per file: a mutant's
          // run costs one fork start and one load of the SDK instead of one per file (on a 2-CPU
          // machine, Stryker's initial run of these files took 11 s instead of 28 s). Safe for
          // Stryker: vitest shares a fork only within one run, and each mutant is one run, so a
          // mutant never sees modules loaded under another. The files reset the SDK mock and the
          // environment before each test.
          isolate: false,
        },
      },
      {
        test: {
          ...shared,
          name: 'integration',
          include: INTEGRATION_FILES,
          // Each in its own fork: the real SDK client must not meet the in-process files' mock.
          isolate: true,
        },
      },
    ],
  },
});
