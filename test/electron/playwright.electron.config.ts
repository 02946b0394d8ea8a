// Playwright for the Electron smoke test only (test/electron/run.ts builds first and calls this).
// The browser end-to-end suite has its own config; this one launches Electron, never a browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1, // one Electron at a time: each holds the single-instance lock for its user-data dir
  retries: 0,
  reporter: [['list']],
});
