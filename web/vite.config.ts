import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The bundle is built into the api's assets and embedded in its binary; the
// api serves it at `/` (same origin as `/graphql`).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../api/assets/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
