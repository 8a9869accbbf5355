// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

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
