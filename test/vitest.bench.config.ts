import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Benchmarks are ordinary test files that print their figures beside a baseline
// measured in the same run; they are not part of `npm test`.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // Paths below are from the repository root, whatever folder this file is in.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/bench/**/*.bench.spec.ts'],
    pool: 'forks',
    fileParallelism: false,
    // As `npm start` runs the service: a 64 MB young generation, so a 100,000-enterprise dry
    // run's short-lived objects die young instead of being promoted into the snapshot's heap.
    execArgv: ['--max-semi-space-size=64'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
  },
});
