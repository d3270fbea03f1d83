import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { PWA_MANIFEST } from './src/offline/manifest.js';

export default defineConfig({
  root: 'web',
  plugins: [
    react(),
    // Installable on a phone; the service worker (src/offline/sw.ts) keeps the app and the
    // agent's working data available in cellars and car parks.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/offline',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: PWA_MANIFEST,
      // The glob below already precaches the icons.
      includeManifestIcons: false,
      // The map library's chunk is over workbox's default 2 MB limit.
      injectManifest: { rollupFormat: 'iife', globPatterns: ['**/*.{js,css,html,png,svg}'], maximumFileSizeToCacheInBytes: 5_000_000 },
    }),
  ],
  // MapLibre's worker is an ES module.
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      checks: { pluginTimings: false },
      // Libraries in their own chunks: cached across releases of the app's code.
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
