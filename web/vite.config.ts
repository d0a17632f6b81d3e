import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The bundle is built into the api's assets and embedded in its binary; the
// api serves it at `/` (same origin as `/graphql`).
const api = process.env.API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../api/assets/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  // `npm run dev` (and `vite preview`) in front of a running api: API=http://127.0.0.1:PORT.
  server: { proxy: { '/graphql': { target: api, ws: true } } },
  preview: { proxy: { '/graphql': { target: api, ws: true } } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
