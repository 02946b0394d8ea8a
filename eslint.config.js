// Lint rules, and the second half of the layering (the first is a tsconfig per process):
// only main/app imports electron; renderer and preload never import main or sim; contract imports no process.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectron = { name: 'electron', message: 'Only main/app/ may import electron: use a port from main/ports.ts.' };
const pattern = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['main/**/*.ts', 'sim/**/*.ts', 'contract/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['main/app/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // Inside main/app only the entry imports electron at run time; the shell takes it as a parameter
    // (types only), so unit tests run it with a fake under plain Node, where electron cannot load.
    files: ['main/app/**/*.ts', 'test/unit/**/*.ts'],
    ignores: ['main/app/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', allowTypeImports: true, message: 'Only main/app/index.ts imports electron at run time; take it as a parameter and use `import type`.' }] },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            pattern(['**/main/**', '**/renderer/**', '**/preload/**', '**/sim/**'], 'The contract imports no process code.'),
            pattern(['node:*'], 'The contract runs in every process: no Node APIs.'),
          ],
        },
      ],
    },
  },
  {
    files: ['sim/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [pattern(['**/main/**', '**/renderer/**'], 'The simulator stands alone: it is the server, not the app.')] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['**/main/**', '**/sim/**'], 'renderer/ and preload/ never import main/ or sim/: share types through contract/.'),
            pattern(['node:*'], 'No Node APIs outside main.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            pattern(['**/main/**', '**/sim/**', '**/preload/**'], 'The renderer talks to window.relay only; it imports main through no path.'),
            { group: ['**/contract/**'], allowTypeImports: true, message: 'The renderer imports the contract as types only.' },
            pattern(['node:*'], 'No Node APIs in the renderer.'),
          ],
        },
      ],
    },
  },
);
