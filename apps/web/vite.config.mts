// The web app's build (into dist/web, served by the platform at `/`) and its component tests.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  resolve: {
    // The signal vocabulary (categories, subcategories, grading) of the domain, shared as-is:
    // pure constants, so the form offers exactly what the API accepts.
    alias: {
      '@weerbaar/vocabulary': fileURLToPath(
        new URL('../../libs/domain/src/signal/signal.values.ts', import.meta.url),
      ),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // The map (d3-geo, topojson) loads only on the screens that draw it.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      onwarn(warning, warn) {
        // "use client" directives of React libraries mean nothing outside server components.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite apps/web` during development: the API of a running `npm start`.
    proxy: { '/api': 'http://localhost:3000' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
