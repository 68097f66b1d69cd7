import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Benchmarks are ordinary test files that print their figures beside a baseline
// measured in the same run; they are not part of `npm test`.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['test/bench/**/*.bench.spec.ts'],
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 600_000,
  },
});
