// One lint configuration for the whole monorepo: typescript-eslint's recommended rules,
// plus the one architectural rule we care most about: core does no I/O.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.liaison/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'os', 'crypto'], message: 'core is pure: no Node built-ins or I/O (see DESIGN.md).' },
          { group: ['@liaison/*'], message: 'core imports nothing of ours.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'core reads no environment: pass values in.' },
        { name: 'fetch', message: 'core does no network I/O.' },
      ],
    },
  },
  {
    // Build scripts, benchmarks and the CLI launcher run in Node.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
