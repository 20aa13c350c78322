import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The config lives in client/ but is run from the repo root (`vite build --config client/vite.config.ts`),
// so every path is anchored to this file rather than to the working directory.
const clientDir = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: clientDir,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; it is loaded lazily with the map page, so the warning is noise.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    // In development the Express API runs separately; in production it serves client/dist on the same origin.
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
