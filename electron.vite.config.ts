/**
 * electron-vite: main (ESM) → out/main/index.js, preload (CommonJS, as sandboxed preloads must be)
 * → out/preload/index.cjs, renderer (renderer/index.html) → out/renderer/.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: r('./out/main'),
      // `dependencies` are external by default; keytar is an optionalDependency (a native module) and must stay external too.
      externalizeDeps: { include: ['keytar'] },
      target: 'node22',
      rollupOptions: {
        input: { index: r('./electron/main.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: r('./out/preload'),
      // Sandboxed preloads can only require('electron'): everything else is bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: r('./electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: r('./renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: r('./out/renderer'),
      target: 'chrome140',
      // electron-vite does not minify the renderer by default; the popover's JS budget is 120 KB gzipped.
      minify: true,
      rollupOptions: { input: { index: r('./renderer/index.html') } },
    },
  },
});
