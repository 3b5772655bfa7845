// Mutation testing of the library's core logic: `npm run test:mutation` (not part of `npm test`).
//
// Stryker copies the repository into .stryker-tmp/, mutates the files of `mutate` there and, per
// mutant, runs only the unit tests that cover it (coverageAnalysis perTest) among the test files of
// TEST_FILES that jest relates to the mutated file (findRelatedTests). Reports go to reports/mutation/.
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
/** The repository's jest config: its `unit` project gives the transform, setup files and serializers. */
const jestConfig = require('./jest.config.js');
const unit = jestConfig.projects.find((p) => p.displayName === 'unit');
if (unit === undefined) throw new Error('jest.config.js has no "unit" project');

/** The unit tests of the mutated files: the only ones Stryker runs. */
const TEST_FILES = [
  'test/unit/ecs/private/task-sizes.test.ts',
  'test/unit/ecs/placement.test.ts',
  'test/unit/ecs/placement-check.test.ts',
  'test/unit/private/validate.test.ts',
  'test/unit/private/cidr.test.ts',
  'test/unit/cost/*.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    'lib/ecs/private/task-sizes.ts',
    'lib/ecs/placement.ts',
    'lib/ecs/placement-check.ts',
    'lib/private/validate.ts',
    'lib/private/cidr.ts',
    'lib/cost/*.ts',
    '!lib/cost/index.ts',
  ],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: true,
    // One project instead of the repository's four tiers: the unit project's settings, limited to TEST_FILES.
    config: {
      // [] rather than undefined: the config reaches jest as JSON, on top of jest.config.js's own projects
      projects: [],
      displayName: undefined,
      testEnvironment: unit.testEnvironment,
      transform: unit.transform,
      moduleFileExtensions: unit.moduleFileExtensions,
      snapshotSerializers: unit.snapshotSerializers,
      setupFiles: unit.setupFiles,
      // Only what the tests load: jest maps the files of its roots on every run, once per mutant.
      roots: ['<rootDir>/lib', '<rootDir>/test/unit', '<rootDir>/test/support'],
      testMatch: TEST_FILES.map((f) => `<rootDir>/${f}`),
      testPathIgnorePatterns: ['/node_modules/'],
      // Of the related test files, only the mirrored one runs (see the sequencer).
      testSequencer: '<rootDir>/stryker.jest-sequencer.mjs',
    },
  },
  coverageAnalysis: 'perTest',
  // Compile errors are caught before any test runs; the library's own tsconfig (lib/ only) keeps it quick.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.lib.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  // Two cores, shared: two test-runner processes.
  concurrency: 2,
  // A mutant that loops forever is cut off this long after the covering tests' own time (x1.5).
  timeoutMS: 10_000,
  // The sandbox holds only what the unit tests load: lib/, test/ (less the other tiers) and the configs;
  // anything else at the top of the working tree (build output, docs, scratch files) is left out.
  ignorePatterns: [
    '/*', '!/lib', '!/test', '!/package.json', '!/tsconfig.json', '!/tsconfig.lib.json', '!/jest.config.js', '!/stryker.jest-sequencer.mjs',
    '/test/*', '!/test/unit', '!/test/support',
    '**/cdk.out', '*.tsbuildinfo',
  ],
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 98, low: 95, break: 95 },
  // Outside the repository, so that jest runs of the repository meanwhile see no second copy of it.
  tempDirName: path.join(os.tmpdir(), 'cdk-containers-stryker'),
};
