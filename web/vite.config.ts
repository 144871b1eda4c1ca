import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * One build for the web: the staff console (index.html) and, once it exists,
 * the workers' H5 page (h5/index.html), into web/dist, which `npm start`
 * serves beside the API. Each role's screens are lazy routes, so Rollup
 * splits them into chunks of their own; the heavy libraries get named chunks
 * so the operator's first load does not wait for the report's charts.
 */
export default defineConfig({
  root: here('.'),
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        console: here('index.html'),
        ...(existsSync(here('h5/index.html')) ? { h5: here('h5/index.html') } : {}),
      },
    },
  },
});
