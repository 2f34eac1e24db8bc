import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end suites run the built zip and CLI: build them once, before any suite starts.
    globalSetup: ['test/support/buildOnce.ts'],
    setupFiles: ['test/support/setupMatchers.ts'],
    // Tests stub the environment with vi.stubEnv; undo it after every test.
    unstubEnvs: true,
    restoreMocks: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env['CI'] === 'true' ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
