// Lint rules of the house: typescript-eslint's recommended set, React's hooks rules in the
// renderer, and the layers (which folder may import which) as import restrictions, so an editor
// shows a wrong arrow as it is typed. test/unit/architecture/ (layering, renderer-layers) pins the same rules.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The layers of docs/ARCHITECTURE.md §4, lowest first; a renderer file may import its own layer or a lower one.
const RENDERER_LAYERS = [
  ['bridge', 'i18n', 'navigation', 'styles'],
  ['kit'],
  ['accounts', 'account-detail', 'access-review', 'bulk', 'connections', 'invitations', 'queue', 'settings'],
  ['palette'],
  ['shell'],
];
const above = (layer) => RENDERER_LAYERS.slice(layer + 1).flat();

/** The renderer runs in a browser page: nothing of main, the server or Node may reach it. */
const RENDERER_OUTSIDE = {
  paths: ['fs', 'path', 'child_process', 'keytar', 'better-sqlite3', 'axios'].map((name) => ({
    name,
    message: 'The renderer runs in a browser page and talks to main only through bridge/ (docs/ARCHITECTURE.md §4).',
  })),
  patterns: [
    { regex: '(^|/)(src-main|src-server)(/|$)', message: 'The renderer talks to main only through bridge/ (docs/ARCHITECTURE.md §4).' },
    { regex: '^node:', message: 'The renderer runs in a browser page, without Node built-ins.' },
  ],
};

/** The import rule of a renderer folder: nothing outside the renderer, nor the folders above it, nor App. */
function rendererImports(folders, extra = []) {
  const upward = folders.length > 0 ? `^\\.\\./(${folders.join('|')})/|` : '';
  return [
    'error',
    {
      paths: RENDERER_OUTSIDE.paths,
      patterns: [
        ...RENDERER_OUTSIDE.patterns,
        { regex: `${upward}^\\.\\./(App|main)\\.js$`, message: 'A renderer import runs sideways or down the layers, never up (docs/ARCHITECTURE.md §4).' },
        ...extra,
      ],
    },
  ];
}

const rendererLayerRules = RENDERER_LAYERS.flatMap((folders, layer) => ({
  files: folders.map((folder) => `src-renderer/${folder}/**/*.{ts,tsx}`),
  rules: { 'no-restricted-imports': rendererImports(above(layer)) },
}));

const ELECTRON = 'Only src-main/app imports electron; the core runs without it (docs/ARCHITECTURE.md §1).';

/**
 * The import rule of a src-main folder: electron only in app/ (the shell), the provider side only
 * in demo/ (the demo provider), and whatever else the folder must not reach.
 */
function mainImports({ electron = false, server = false, extra = [] } = {}) {
  return [
    'error',
    {
      paths: electron ? [] : [{ name: 'electron', message: ELECTRON }],
      patterns: [
        ...(electron ? [] : [{ regex: '^electron/', message: ELECTRON }]),
        ...(server ? [] : [{ regex: '(^|/)src-server/', message: 'src-main reaches the provider side only through the demo provider (src-main/demo/).' }]),
        ...extra,
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Control characters are matched on purpose: that is how untrusted text is cleaned.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests and benchmarks read untyped JSON from the servers they drive.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', RENDERER_OUTSIDE] },
  },
  ...rendererLayerRules,
  {
    // Only palette-sources.ts reads a view's store, so the palette has one way into the views.
    files: ['src-renderer/palette/**/*.{ts,tsx}'],
    ignores: ['src-renderer/palette/palette-sources.ts'],
    rules: {
      'no-restricted-imports': rendererImports(above(3), [
        { regex: `^\\.\\./(${RENDERER_LAYERS[2].join('|')})/.*-store\\.js$`, message: 'The palette reads the views through palette-sources.ts.' },
      ]),
    },
  },
  { files: ['src-main/**/*.ts'], rules: { 'no-restricted-imports': mainImports() } },
  { files: ['src-main/app/**/*.ts'], rules: { 'no-restricted-imports': mainImports({ electron: true }) } },
  { files: ['src-main/demo/**/*.ts'], rules: { 'no-restricted-imports': mainImports({ server: true }) } },
  {
    files: ['src-main/sync/**/*.ts', 'src-main/queue/**/*.ts'],
    rules: {
      'no-restricted-imports': mainImports({
        extra: [{ regex: '(^|/)connectors/[^/]+/', message: 'Generic sync and queue code speaks only the connector interface, never one connector.' }],
      }),
    },
  },
);
