import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The bundle is built into the api's assets and embedded in its binary; the
// api serves it at `/` (same origin as `/graphql`).
const api = process.env.API ?? 'http://127.0.0.1:8080';

/**
 * Writes the service worker (sw/sw.js) to the bundle's root as /sw.js with
 * the list of files to keep offline: the page at `/`, every built file and
 * the public ones. Its version is a hash of that list and of the page (the
 * built names carry their content's hash), so the same source builds the
 * same bytes and any change makes a new cache.
 */
function serviceWorker(): Plugin {
  const source = fileURLToPath(new URL('./sw/sw.js', import.meta.url));
  const publicDir = fileURLToPath(new URL('./public/', import.meta.url));
  return {
    name: 'aftersales-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const built = Object.keys(bundle).filter((file) => !file.endsWith('.html') && !file.endsWith('.map'));
      const files = [...built, ...readdirSync(publicDir)].map((file) => `/${file}`).sort();
      const precache = ['/', ...new Set(files)];
      const hash = createHash('sha256').update(JSON.stringify(precache));
      // The page itself too: a change to it alone is a new release.
      const page = bundle['index.html'];
      if (page?.type === 'asset') hash.update(page.source);
      const version = hash.digest('hex').slice(0, 16);
      const code = readFileSync(source, 'utf8')
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('/*__PRECACHE__*/ []', JSON.stringify(precache));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
    },
  };
}

/** What the dev server passes to the api: GraphQL (and its socket), downloads and uploads. */
function apiRoutes() {
  return {
    '/graphql': { target: api, ws: true },
    '/exports': { target: api },
    // Only the stored reports' files (`/reports/12.xlsx`): the console's own
    // report screens live under /reports/ too.
    '^/reports/[^/]+\\.\\w+': { target: api },
    '/imports': { target: api },
  };
}

export default defineConfig({
  plugins: [react(), serviceWorker()],
  build: {
    outDir: '../api/assets/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  // `npm run dev` (and `vite preview`) in front of a running api: API=http://127.0.0.1:PORT.
  server: { proxy: apiRoutes() },
  preview: { proxy: apiRoutes() },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
