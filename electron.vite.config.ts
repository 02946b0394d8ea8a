// electron-vite: main → out/main (ESM, the package is "type": "module"), preload → out/preload/index.cjs
// (one self-contained CommonJS file: a sandboxed preload cannot load ES modules or node_modules),
// renderer → out/renderer (served on app://relay by main/app/protocol.ts). In `electron-vite dev` the
// renderer comes from Vite's dev server instead, under the same CSP (devServerCsp below).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { devServerContentSecurityPolicy } from './main/security/csp.ts';

const here = import.meta.dirname;

/** React Refresh's preamble, which @vitejs/plugin-react puts inline in the dev page. */
const inlinePreamble = /<script type="module"[^>]*>\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>/;

/**
 * The dev server's page gets app://'s CSP (main/security/csp.ts), on every response. Vite puts the run's
 * nonce on the <style> elements its client injects (html.cspNonce); the inline React Refresh preamble
 * becomes a module script of the dev server (the plugin's own virtual preamble), so no inline script runs.
 */
export function devServerCsp(): Plugin {
  const nonce = randomBytes(18).toString('base64');
  return {
    name: 'relay-console:dev-server-csp',
    apply: 'serve',
    config: () => ({ html: { cspNonce: nonce } }),
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        res.setHeader('content-security-policy', devServerContentSecurityPolicy(req.headers.host, nonce));
        next();
      });
    },
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(inlinePreamble, '<script type="module" src="/@id/@vitejs/plugin-react/preamble"></script>'),
    },
  };
}

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
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(here, 'out/renderer'),
      rolldownOptions: { input: resolve(here, 'renderer/index.html') },
    },
  },
});
