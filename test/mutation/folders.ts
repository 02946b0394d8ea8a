// The folders under mutation testing (`npm run test:mutation`): which files are mutated, and which tests
// are about them. Only a folder's own tests run against its mutants, so its score says how well those
// tests pin its behaviour down, and a run stays short.

export interface MutationFolder {
  /** The production files whose mutants count for this folder (globs, `!` excludes). */
  mutate: string[];
  /** The test files that are about this folder (globs). */
  tests: string[];
  /** Test files among those that are about something else (globs). */
  exclude?: string[];
}

export const mutationFolders: Record<string, MutationFolder> = {
  contract: {
    mutate: ['contract/**/*.ts'],
    tests: ['test/unit/contract/**/*.test.ts'],
  },
  'main/vault': {
    mutate: ['main/vault/**/*.ts'],
    tests: ['test/unit/vault/**/*.test.ts'],
  },
  'main/auth': {
    mutate: ['main/auth/**/*.ts'],
    // Unit tests only: the integration tests (test/integration/connections, a simulator each) cover far
    // more of this folder, but with them one run takes about four hours on two cores.
    tests: ['test/unit/auth/**/*.test.ts'],
    // It checks the contract's connection inputs through a whole core: a second of imports per mutant.
    exclude: ['test/unit/auth/inputs.test.ts'],
  },
  'main/poller': {
    mutate: ['main/poller/**/*.ts'],
    tests: ['test/unit/poller/**/*.test.ts', 'test/integration/poller/**/*.test.ts'],
  },
  'main/relay': {
    mutate: ['main/relay/**/*.ts'],
    tests: ['test/unit/relay/**/*.test.ts', 'test/integration/poller/**/*.test.ts'],
  },
};

/** The mutation score each folder must reach: killed or timed out, of all mutants not ignored. */
export const mutationTarget = 80;

/** The environment variable that tells the mutation Vitest config which folder's tests to run. */
export const folderVariable = 'RELAY_MUTATION_FOLDER';
