// Lint enforces the layering, so it holds without anyone remembering it (VS Code style: code is grouped by
// where it may run). shared/ is pure; renderer/ reaches the rest only through window.curation; only the five
// Electron shell files import 'electron'.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const shellFiles = ['main', 'preload', 'security', 'protocol', 'ipc'].map((f) => `electron/shell/${f}.ts`);

const electronImport = { name: 'electron', message: "Only the Electron shell (electron/shell/{main,preload,security,protocol,ipc}.ts) imports 'electron'." };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'native/**', 'node_modules/**', 'e2e/artifacts/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-restricted-imports': ['error', { paths: [electronImport] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'bench/**', 'bin/**', 'electron/**', 'server/**', 'e2e/**', '*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // shared/: pure TypeScript. No platform modules, no DOM, no React, nothing from the other layers.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...nodeBuiltins.map((name) => ({ name, message: 'shared/ is pure: no Node modules (take bytes or chunks instead).' }))],
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'zustand', 'ag-grid-*', 'plotly.js*', 'better-sqlite3'], message: 'shared/ is pure: no UI or platform libraries.' },
            { group: ['**/electron/**', '**/renderer/**', '**/server/**', '**/bench/**', '**/e2e/**'], message: 'shared/ imports nothing from the other layers.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname', 'setImmediate'].map(
          (name) => ({ name, message: `shared/ is pure: ${name} is platform-specific.` }),
        ),
      ],
    },
  },
  {
    // renderer/: React in a sandboxed page. Talks to the rest only through window.curation.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: ask the service through window.curation.' }))],
          patterns: [{ group: ['**/electron/**', '**/server/**', 'better-sqlite3'], message: 'The renderer reaches the service only through window.curation.' }],
        },
      ],
    },
  },
  {
    // The five shell files are the only ones that may import 'electron'.
    files: shellFiles,
    rules: { 'no-restricted-imports': 'off' },
  },
);
