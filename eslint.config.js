// ESLint for ocpp-station (`npm run lint`). Besides ESLint's and typescript-eslint's recommended rules:
// files of at most 400 lines, no import cycles (type-only imports too; eslint/rules/no-import-cycle.js) and
// the layers of src/ (eslint/layers.js). typescript-eslint runs without type information: its type-checked
// rule set made the lint 2-3 times slower on two cores (about 26 s instead of 12) and flagged some 2,000
// places, nearly all node:test's describe/it calls as floating promises.
import { fileURLToPath } from 'node:url';
import { defineConfig, globalIgnores } from 'eslint/config';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import local from './eslint/plugin.js';
import { layerConfigs } from './eslint/layers.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(
  // Generated message types and validators (npm run gen:types, gen:validators) and build output.
  globalIgnores(['dist/', 'src/messages/generated/', 'src/validation/generated/', '.tmp/']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'ocpp-station/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'ocpp-station/all',
    plugins: { local },
    rules: {
      'max-lines': ['error', { max: 400 }],
      'local/no-import-cycle': 'error',
      eqeqeq: ['error', 'smart'],
      'no-throw-literal': 'error',
      // `typeof import('x')` stays allowed: it types a module that is required on demand (ajv, pino).
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // As tsc's noUnusedLocals/noUnusedParameters: a leading underscore marks a name unused on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'ocpp-station/tests',
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    // Payloads from the CSMS peer (ocpp-rpc) and JSON read back from logs are untyped by nature.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'ocpp-station/src',
    files: ['src/**/*.ts'],
    // The stack logs through its Logger; only the CLI writes to the terminal, through process.stdout/stderr.
    rules: { 'no-console': 'error' },
  },
  layerConfigs(root),
);
