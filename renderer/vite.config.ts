/**
 * Vite config for the renderer on its own: `npm run dev:renderer` (fake bridge, normal browser)
 * and `vite build --mode e2e` for Playwright. electron-vite builds the same root for the app.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server injects an inline React refresh preamble and <style> tags, which the strict CSP
 * forbids; built pages keep the CSP so tests exercise it.
 */
function dropCspInDevServer(): Plugin {
  return {
    name: 'brimline-drop-csp-in-dev',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>\s*/, '');
    },
  };
}

export default defineConfig(({ mode }) => ({
  root,
  base: './',
  plugins: [react(), dropCspInDevServer()],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: mode === 'e2e' ? '../out/renderer-e2e' : '../out/renderer-web',
    emptyOutDir: true,
    target: 'chrome130',
    reportCompressedSize: false,
  },
}));
