/**
 * Import rules between the project's rooms, checked by `npm run lint:imports`.
 *
 * - `lib/index.ts` is the package root (barrel); `lib/errors.ts` is the shared public error class.
 * - `lib/<module>/` is one module (`ecr`, `ecs`, `eks`, ...); `lib/<module>/private/` holds that module's leaf helpers.
 * - `lib/private/` holds leaf helpers shared by two or more modules.
 * - `bin/`, `examples/` and `bench/` use the library as a user would: through `lib/index.ts` only.
 * - `test/unit/<module>/` mirrors `lib/<module>/` and may reach into that module's `private/`
 *   (`test/unit/private/` mirrors `lib/private/`).
 * - `local/` is the shipped local-deploy room (`cdk-containers/local`, `cdk-containers-local`): plain
 *   TypeScript with node APIs, compiled by tsc into dist/local/, standalone (node, npm and its own files
 *   only); the jsii module lib/ never imports it. The integ harness (test/integ/harness/) builds on it.
 *
 * Paths are relative to the directory the cruise runs from (the repository root), so every rule is
 * written against `^lib/...`, `^test/...`: test/tooling/import-rules.test.ts runs these same rules over
 * the fixture trees in test/tooling/fixtures/, each laid out like the repository.
 * `$1` in a `to` pattern is the first capture group of that rule's `from.path` (the module's name).
 */

/** Any module folder of lib/ (`lib/private/` is not a module). */
const MODULE = '(?!private/)[^/]+';
/**
 * What a leaf helper may always import besides its siblings: npm packages (options.exclude already drops them
 * from the graph; `(^|/)` because a fixture's packages resolve to the repository's node_modules, above it) and
 * the shared public error class. Node built-ins are dependency type `core`.
 */
const LEAF_MAY_IMPORT = '(^|/)node_modules/|^lib/errors\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports included) ties files into one unit that cannot be loaded, tested or moved on its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-private-is-leaf',
      severity: 'error',
      comment: "A module's private helpers are leaves: npm, node, lib/errors.ts, lib/private/ and their own private/ only, so a module's files can use them without cycles.",
      from: { path: `^lib/(${MODULE})/private/` },
      to: {
        couldNotResolve: false,
        dependencyTypesNot: ['core'],
        pathNot: [LEAF_MAY_IMPORT, '^lib/private/', '^lib/$1/private/'],
      },
    },
    {
      name: 'shared-private-is-leaf',
      severity: 'error',
      comment: 'lib/private/ is shared by several modules, so it may import npm, node, lib/errors.ts and its siblings only: never a module file.',
      from: { path: '^lib/private/' },
      to: {
        couldNotResolve: false,
        dependencyTypesNot: ['core'],
        pathNot: [LEAF_MAY_IMPORT, '^lib/private/'],
      },
    },
    {
      name: 'module-private-only-in-module',
      severity: 'error',
      comment: "lib/<m>/private/ is an implementation detail of module <m>: only <m>'s own files and its unit tests under test/unit/<m>/ may import it.",
      // The leaves are checked by module-private-is-leaf and shared-private-is-leaf.
      from: { path: '^(?:lib|test/unit)/([^/]+)/', pathNot: ['^lib/[^/]+/private/', '^lib/private/'] },
      to: { path: `^lib/${MODULE}/private/`, pathNot: '^lib/$1/private/' },
    },
    {
      name: 'module-private-not-outside-modules',
      severity: 'error',
      comment: "lib/<m>/private/ is an implementation detail of module <m>: the package root, lib/errors.ts and tests outside test/unit/<m>/ must not import it.",
      // bin/, examples/ and bench/ are checked by apps-use-package-root.
      from: { path: ['^lib/[^/]+$', '^test/'], pathNot: '^test/unit/[^/]+/' },
      to: { path: `^lib/${MODULE}/private/` },
    },
    {
      name: 'shared-private-not-in-tests',
      severity: 'error',
      comment: 'lib/private/ is not public API: only its own unit tests under test/unit/private/ may import it; other tests go through the modules.',
      from: { path: '^test/', pathNot: '^test/unit/private/' },
      to: { path: '^lib/private/' },
    },
    {
      name: 'apps-use-package-root',
      severity: 'error',
      comment: 'bin/, examples/ and bench/ use the library as a user would, so the only lib/ file they may import is the package root lib/index.ts.',
      from: { path: '^(?:bin|examples|bench)/' },
      to: { path: '^lib/', pathNot: '^lib/index\\.ts$' },
    },
    {
      name: 'local-is-standalone',
      severity: 'error',
      comment: 'local/ ships compiled on its own (tsc, rootDir local/) and deploys any app: it imports node, npm packages and its own files only, never lib/, test/ or an app.',
      from: { path: '^local/' },
      to: { couldNotResolve: false, dependencyTypesNot: ['core'], pathNot: ['(^|/)node_modules/', '^local/'] },
    },
    {
      name: 'lib-not-local',
      severity: 'error',
      comment: 'lib/ is the jsii module (no node APIs, no free functions, every language): it never imports the node-only local-deploy room local/.',
      from: { path: '^lib/' },
      to: { path: '^local/' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // `import type` and type-only re-exports count as dependencies too.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    // The fixtures of test/tooling/import-rules.test.ts break the rules on purpose.
    exclude: { path: ['(^|/)node_modules/', '^dist/', '(^|/)cdk\\.out/', '^test/tooling/fixtures/'] },
  },
};
