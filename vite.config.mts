import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The renderer: built to dist/renderer with relative paths, loaded by Electron from file:// or by the browser shell. */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // React as one ES module (renderer/vendor/react.mjs says why)
  resolve: { alias: [{ find: /^react$/, replacement: fileURLToPath(new URL('./renderer/vendor/react.mjs', import.meta.url)) }] },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
