import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to static files: Electron loads them from disk, web mode serves them.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../build/renderer', emptyOutDir: true, sourcemap: true },
});
