import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The command-center console: built into dist/web/console, served by the service at /console/. */
export default defineConfig({
  root: here('.'),
  base: '/console/',
  plugins: [vue()],
  // No inline script in index.html: the CSP allows scripts from this origin only.
  build: {
    outDir: here('../../../dist/web/console'),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // One cacheable vendor chunk for the framework; Element Plus and ECharts parts go with the routes that use them.
        codeSplitting: { groups: [{ name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/ }] },
      },
    },
  },
});
