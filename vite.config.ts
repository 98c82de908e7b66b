import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * main.tsx imports the rest of the first script (mount.tsx) with `import()`, so that its own
 * requests leave before the rest is evaluated; this puts that chunk and the chunks it imports in
 * index.html as module preloads, so they are fetched and compiled beside the entry, not after it.
 */
function preloadMount(): Plugin {
  return {
    name: 'clientdeck-preload-mount',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
        const mount = chunks.find((c) => c.facadeModuleId?.endsWith('/src-renderer/mount.tsx'));
        if (!mount) throw new Error('vite.config.ts: no chunk for src-renderer/mount.tsx to preload');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const withImports = (names: string[], into = new Set<string>()): Set<string> => {
          for (const name of names) if (!into.has(name)) withImports(byName.get(name)?.imports ?? [], into.add(name));
          return into;
        };
        const entry = withImports(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
        const files = [...withImports([mount.fileName])].filter((file) => !entry.has(file));
        return files.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

// The renderer is built to static files: Electron loads them from disk, web mode serves them.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), preloadMount()],
  build: { outDir: '../build/renderer', emptyOutDir: true, sourcemap: true },
});
