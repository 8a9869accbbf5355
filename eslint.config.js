// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '/data/',
      '/keys/',
      'web/dist/',
      'coverage/',
      '.scratch/',
      '.test-artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', URL: 'readonly', console: 'readonly' },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An un-awaited promise can swallow an audit write or a rollback: never allowed.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/test return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'test', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: [
      'src/cli/**',
      'src/main.ts',
      'bench/**',
      'scripts/**',
      'bin/**',
      'e2e/run.ts',
      'web/build/**',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // The server's layers (DESIGN.md, "Layout"): the entry points (main.ts, cli/) may import
    // anything; the composition root (server/) wires features over the platform; a feature
    // imports the platform, its own files, and other features only through their index.ts;
    // the platform imports nothing above it. Test code (tests, fixtures, testing/) is exempt.
    files: ['src/**/*.ts'],
    // The plugin's own type declarations do not match typescript-eslint's Plugin type.
    plugins: {
      boundaries: /** @type {import('eslint').ESLint.Plugin} */ (
        /** @type {unknown} */ (boundaries)
      ),
    },
    settings: {
      'boundaries/elements': [
        { type: 'entry', pattern: 'src/cli' },
        { type: 'server', pattern: 'src/server' },
        { type: 'platform', pattern: 'src/platform' },
        { type: 'testing', pattern: 'src/testing' },
        { type: 'feature', pattern: 'src/*', capture: ['name'] },
      ],
      'boundaries/files': [
        { category: 'entry', pattern: 'src/main.ts' },
        {
          category: 'test',
          pattern: ['**/*.test.ts', '**/fixture.ts', '**/test-fixtures.ts', '**/testing/**'],
        },
      ],
    },
    rules: {
      // An import of a file outside every layer (a new loose file in src/) is refused too.
      'boundaries/no-unknown-dependencies': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { allow: { dependency: { relationship: { to: 'internal' } } } },
            { from: { element: { type: 'entry' } }, allow: { to: { element: { type: '*' } } } },
            { from: { element: { type: 'testing' } }, allow: { to: { element: { type: '*' } } } },
            {
              from: { file: { categories: { anyOf: ['test', 'entry'] } } },
              allow: { to: { element: { type: '*' } } },
            },
            {
              from: { element: { type: 'server' } },
              allow: { to: { element: { type: 'platform' } } },
            },
            {
              from: { element: { types: { anyOf: ['server', 'feature'] } } },
              allow: { to: { element: { type: 'feature', internalPath: 'index.ts' } } },
            },
            {
              from: { element: { type: 'feature' } },
              allow: { to: { element: { type: 'platform' } } },
            },
          ],
        },
      ],
    },
  },
  {
    // The browser application.
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // These write <style> elements at run time, which the CSP blocks (ADR 0014): lay out
      // with the CSS in web/src/styles instead.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@mantine/core',
              importNames: ['AppShell', 'Grid', 'SimpleGrid', 'ColorSchemeScript', 'InlineStyles'],
              message: 'It injects a <style> element that the CSP blocks; see docs/decisions/0014.',
            },
          ],
        },
      ],
    },
  },
);
