// The Vitest config Stryker runs for one folder: only that folder's tests (test/mutation/folders.ts).
// The tests are chosen here rather than with Stryker's `testFiles` option because, with that option,
// Stryker 10.1 switches on a module-level ("static") mutant only after its module has loaded, so every
// such mutant would survive whatever the tests assert.
import { defineConfig } from 'vitest/config';
import { folderVariable, mutationFolders } from './folders.ts';

const name = process.env[folderVariable] ?? '';
const folder = mutationFolders[name];
if (!folder) throw new Error(`${folderVariable} must name a folder of test/mutation/folders.ts, not "${name}"`);

export default defineConfig({
  test: {
    name: `mutation ${name}`,
    include: folder.tests,
    exclude: folder.exclude ?? [],
    environment: 'node',
    // As the integration project of vitest.config.ts: a test that starts the simulator may take a while.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
