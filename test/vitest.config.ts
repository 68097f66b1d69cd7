import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // Paths below are from the repository root, whatever folder this file is in.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/unit/**/*.spec.ts', 'test/integration/**/*.spec.ts', 'test/repositories/**/*.spec.ts', 'test/e2e/**/*.spec.ts'],
    pool: 'forks',
    // Each database test file creates its own database, so files may run side by side.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
