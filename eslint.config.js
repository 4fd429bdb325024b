// ESLint: JavaScript and TypeScript rules, plus Astro components. Style is Prettier's, not ESLint's.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.cache/', '.astro/', 'node_modules/', 'src/core/schemas/types.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are mistakes; a leading underscore marks one kept on purpose (a destructured rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: 'error',
      // The validator and the feeds look for control characters on purpose.
      'no-control-regex': 'off',
      // French typography puts no-break spaces in page text.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipRegExps: true }],
    },
  },
  {
    // Tests edit deep copies of records freely; the trust boundary they exercise is typed in src/.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
);
