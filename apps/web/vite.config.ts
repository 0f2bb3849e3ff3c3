import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** `npm run dev`: the console with hot reload, the API from a hub running on HUB_URL (port 8001). */
const hub = process.env.HUB_URL ?? 'http://localhost:8001';
const proxied = ['/api', '/docs', '/health', '/ready'];

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(
      proxied.map((prefix) => [prefix, { target: hub, changeOrigin: false, xfwd: true }]),
    ),
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    chunkSizeWarningLimit: 600,
    // dist/.vite/manifest.json: chunk graph for scripts/bundle-size.ts (not served: dot-directories are skipped).
    manifest: true,
  },
});
