import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The workers' page (H5): its own Vite app beside the staff console. Built to
 * web/dist/h5 and served under /h5/, from the same origin as the API (npm start,
 * the browser test) or next to it (the stack's CloudFront, see infra/static-site.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/h5/',
  plugins: [react()],
  // `npm run dev:h5` beside `npm start`: the page's API calls go to the local API, same origin as in production.
  server: { proxy: { '/public': `http://localhost:${process.env.PORT ?? 3000}` } },
  build: {
    outDir: fileURLToPath(new URL('../dist/h5', import.meta.url)),
    // The output lies outside the root, where Vite would not empty it by itself.
    emptyOutDir: true,
    // Phones on 3G: no source maps to fetch, one chunk per page load is fine at this size.
    sourcemap: false,
    // antd-mobile and React are most of the one chunk (about 170 kB gzipped); splitting would add round trips.
    chunkSizeWarningLimit: 600,
  },
});
