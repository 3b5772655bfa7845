import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // test/tooling/fixtures/: the import-rule fixtures break the import rules on purpose.
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', '**/cdk.out/', 'coverage/', 'test/tooling/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // CommonJS config files (jest.config.js, .dependency-cruiser.cjs): `module` and `require` are defined there.
  { files: ['**/*.cjs', 'jest.config.js'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
);
