// electron-vite: main → out/main (ESM, the package is "type": "module"), preload → out/preload/index.cjs
// (one self-contained CommonJS file: a sandboxed preload cannot load ES modules or node_modules),
// renderer → out/renderer (served on app://relay by main/app/protocol.ts).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const here = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(here, 'out/main'),
      lib: { entry: resolve(here, 'main/app/index.ts'), formats: ['es'], fileName: () => 'index.js' },
    },
  },
  preload: {
    build: {
      outDir: resolve(here, 'out/preload'),
      // Everything inlined (contract, zod): the sandbox's preload `require` knows only electron and a few
      // Node built-ins, never node_modules.
      externalizeDeps: false,
      isolatedEntries: true,
      lib: { entry: resolve(here, 'preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  renderer: {
    root: resolve(here, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(here, 'out/renderer'),
      rolldownOptions: { input: resolve(here, 'renderer/index.html') },
    },
  },
});
