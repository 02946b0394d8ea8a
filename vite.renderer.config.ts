// The renderer built for the preview host (out/preview): the same React app as the desktop window,
// plus preview-bridge.js, which defines window.relay over the loopback WebSocket. Electron's own build
// (electron.vite.config.ts → out/renderer) never contains the bridge.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = resolve(import.meta.dirname, 'renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [
    react(),
    {
      // The bridge must define window.relay before the app's module runs: module scripts run in order.
      name: 'relay-preview-bridge',
      transformIndexHtml: () => [{ tag: 'script', attrs: { type: 'module', src: './preview-bridge.js' }, injectTo: 'head-prepend' }],
    },
  ],
  build: {
    outDir: resolve(import.meta.dirname, 'out/preview'),
    emptyOutDir: true,
    minify: true,
    rollupOptions: {
      input: {
        index: resolve(root, 'index.html'),
        'preview-bridge': resolve(import.meta.dirname, 'preload/preview-bridge.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'preview-bridge' ? 'preview-bridge.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
});
