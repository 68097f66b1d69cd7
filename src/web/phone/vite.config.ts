import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * Vant's icon font (a 60 KB inline woff2, plus a CDN copy the CSP would refuse) is dropped:
 * the pages use no icon whose meaning is not also written out, and phones on a poor network
 * load a third less. phone.css hides the glyphs that would otherwise show as boxes.
 */
function noIconFont(): Plugin {
  return {
    name: 'hazeops-no-icon-font',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.css') || !code.includes('@font-face')) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*\}/g, ''), map: null };
    },
  };
}

/**
 * The phone pages (inspector's /inspect, enterprise's /ack/<token>) as one multi-page build
 * into dist/web/phone. The server serves the HTML at those URLs and the assets under
 * /phone/assets; nothing is inlined, so the pages run under `script-src 'self'`.
 */
export default defineConfig({
  root: here('.'),
  base: '/phone/',
  plugins: [noIconFont(), vue()],
  build: {
    outDir: here('../../../dist/web/phone'),
    emptyOutDir: true,
    // Inline assets would need data: in more CSP directives; keep every asset a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2020',
    rolldownOptions: {
      input: { inspector: here('inspector.html'), ack: here('ack.html'), 'inspector-sw': here('inspector/offline-worker.ts') },
      output: {
        // The service worker needs a fixed URL (the server serves it at /inspect-sw.js); the rest is named by content.
        entryFileNames: (chunk) => (chunk.name === 'inspector-sw' ? 'inspector-sw.js' : 'assets/[name]-[hash].js'),
        // What both pages load (Vue, Vant, the shared components) in one chunk named for what it is.
        chunkFileNames: 'assets/phone-common-[hash].js',
        assetFileNames: 'assets/phone-[hash][extname]',
      },
    },
  },
});
