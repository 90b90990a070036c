import { defineConfig } from 'vitest/config';

// Three groups (design §8): unit = the pure core; integration = commands in-process or the built
// binary with a temporary NECKCOACH_HOME; e2e = the built binary in tmux and against real dunst.
export default defineConfig({
  test: {
    projects: [
      // Property tests run hundreds of cases; on a loaded 2-core machine they need more than 5 s.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file drives its own tmux server or X display; two at once only compete for 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
