/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The kiorex binary serves dist/ at "/" (SPA fallback to index.html, assets under /assets/).
// In development, `npm run dev` proxies the API to a locally running `kiorex serve`.
const apiTarget = process.env.KIOREX_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: false,
    // dist/.vite/manifest.json: which chunks each page needs (scripts/web-bundle-sizes.mjs sums the landing route's).
    manifest: true,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: false, ws: true },
      '/.well-known': { target: apiTarget, changeOrigin: false },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
