import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The staff console (index.html) into web/dist, which `npm start` serves
 * beside the API (the workers' page builds with its own config into
 * web/dist/h5: `npm run build:web` runs both, this one first). Each role's screens are lazy routes, so Rollup
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
      input: { console: here('index.html') },
    },
  },
});
