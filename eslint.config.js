// Lint enforces the runtime layering described in ../shared/design.md:
//   common/   imports no runtime (no node:*, electron, DOM, React)
//   main/     never imports electron outside main/electron/, never the renderer
//   renderer/ imports only common/ and itself
//   preload/  imports electron and the contract names only
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeImports = { group: ['node:*'], message: 'Node built-ins are not available in this runtime.' };
const upTo = (dir) => [`**/${dir}/**`, `${dir}/**`];

const restrict = ({ paths = [], patterns = [] }) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export const layering = {
  common: restrict({
    paths: [
      ...nodeBuiltins.map((name) => ({ name, message: 'common/ runs anywhere: no Node built-ins.' })),
      { name: 'electron', message: 'common/ runs anywhere: no electron.' },
      { name: 'react', message: 'common/ runs anywhere: no React.' },
      { name: 'react-dom', message: 'common/ runs anywhere: no React.' },
      { name: 'leaflet', message: 'common/ runs anywhere: no DOM libraries.' },
      { name: 'mpegts.js', message: 'common/ runs anywhere: no DOM libraries.' },
      { name: 'flv.js', message: 'common/ runs anywhere: no DOM libraries.' },
      { name: 'ws', message: 'common/ runs anywhere: no Node libraries.' },
    ],
    patterns: [
      nodeImports,
      { group: [...upTo('main'), ...upTo('renderer'), ...upTo('preload')], message: 'common/ may not import from a runtime folder.' },
    ],
  }),
  main: restrict({
    paths: [{ name: 'electron', message: "Only main/electron/ imports 'electron'." }],
    patterns: [
      { group: ['electron/*'], message: "Only main/electron/ imports 'electron'." },
      { group: [...upTo('renderer'), ...upTo('preload')], message: 'main/ may not import the renderer or preload.' },
    ],
  }),
  mainElectron: restrict({
    patterns: [{ group: [...upTo('renderer'), ...upTo('preload')], message: 'main/ may not import the renderer or preload.' }],
  }),
  renderer: restrict({
    paths: [
      ...nodeBuiltins.map((name) => ({ name, message: 'The renderer has no Node: reach the app through WallApi.' })),
      { name: 'electron', message: 'The renderer has no electron: reach the app through WallApi.' },
      { name: 'ws', message: 'The renderer uses the browser WebSocket.' },
    ],
    patterns: [
      nodeImports,
      { group: [...upTo('main'), ...upTo('preload')], message: 'The renderer imports only common/ and itself.' },
    ],
  }),
  preload: restrict({
    patterns: [
      nodeImports,
      { group: [...upTo('main'), ...upTo('renderer')], message: 'The preload exposes the contract only.' },
    ],
  }),
};

export default tseslint.config(
  { ignores: ['.tmp/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['common/**/*.ts'], languageOptions: { globals: { ...globals.es2021 } }, rules: layering.common },
  { files: ['main/**/*.ts'], languageOptions: { globals: { ...globals.node } }, rules: layering.main },
  { files: ['main/electron/**/*.ts'], rules: layering.mainElectron },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...layering.renderer, 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['preload/**/*.ts'], languageOptions: { globals: { ...globals.browser } }, rules: layering.preload },
  { files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.ts', '*.config.{ts,js}'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
