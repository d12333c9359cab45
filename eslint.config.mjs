// Layering is a lint rule, not a hope (docs/architecture.md):
//   pure core  src/{domain,validation,tables,engine,api}  no I/O, no Node built-ins, no UI
//   src/ (rest: io, cli, services, reports) and db/       Node allowed; never electron, React or DOM
//   renderer/                                             never db/, Node built-ins or Node-side src/
//   electron/                                             the only place that imports electron
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const UI = ['electron', 'react', 'react-dom', 'react-dom/*', 'antd', 'antd/*', '@ant-design/*', 'zustand', 'zustand/*', 'echarts', 'echarts/*'];
// Node built-ins: `node:*` as a pattern, bare names (fs, path, fs/promises…) as exact paths,
// since a pattern like `domain/*` would also catch a relative `../domain/rules`.
const NODE_PATHS = (message) => builtinModules.map((name) => ({ name, message }));
const PURE = '纯核心（规则、评分表、引擎、接口约定）不做 I/O：不得引用 Node 内置模块';
const RENDERER_NODE = '渲染进程不得引用 Node 内置模块：一切经 window.api';
const uiMessage = 'src/ 与 db/ 是核心层：不得引用 electron、React 或界面库（见 docs/architecture.md）';

const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { patterns, paths }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'coverage/', 'bench/out/', 'bench/tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'db/**/*.ts'],
    rules: {
      ...restrict([
        { group: UI, message: uiMessage },
        { group: ['**/renderer/**', '**/electron/**'], message: uiMessage },
      ]),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/validation/**/*.ts', 'src/tables/**/*.ts', 'src/engine/**/*.ts', 'src/api/**/*.ts'],
    rules: {
      ...restrict([
        { group: UI, message: uiMessage },
        { group: ['**/renderer/**', '**/electron/**'], message: uiMessage },
        { group: ['node:*'], message: PURE },
        { group: ['better-sqlite3', 'exceljs', 'pdfmake', 'pdfmake/*', '**/db/**', '**/io/**', '**/cli/**', '**/services/**', '**/reports/**'], message: '纯核心不得依赖数据库、文件或报表层' },
      ], NODE_PATHS(PURE)),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', location: 'readonly' } },
    rules: {
      // typescript-eslint's version, so that the renderer may import the API's *types* from the
      // Node side (erased at build time) but never its code.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: RENDERER_NODE },
            { group: ['electron', 'better-sqlite3', '**/db/**', '**/src/io/**', '**/src/cli/**', '**/src/reports/**', '**/src/packages/**', '**/src/host/**'], message: '渲染进程只通过 window.api 访问数据，不得引用 db/ 或 Node 端代码' },
            { group: ['**/src/services/**'], message: '渲染进程只通过 window.api 访问数据（可引用其类型）', allowTypeImports: true },
          ],
          paths: NODE_PATHS(RENDERER_NODE),
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
