/** Test tiers share one TypeScript transform (swc: no type-check here; `npm run build` type-checks). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 600_000,
  // Both cores: jest's default on a 2-core machine is one worker.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/tooling/**/*.test.ts',
        '<rootDir>/test/app/**/*.test.ts', '<rootDir>/test/examples/**/*.test.ts', '<rootDir>/test/validation/**/*.test.ts',
      ],
      // The import-rule fixtures have test-named files of their own: they are cruised, never run.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/tooling/fixtures/'],
      setupFiles: ['<rootDir>/test/support/unit-setup.ts'],
    },
    { ...common, displayName: 'compliance', testMatch: ['<rootDir>/test/compliance/**/*.test.ts'] },
    // Integration deploys: the real CDK CLI against a local AWS emulator (or INTEG_TARGET=aws).
    // A real account is bootstrapped once per run (test/integ/global-setup.ts); each test's phases have their own timeouts.
    { ...common, displayName: 'integ', testMatch: ['<rootDir>/test/integ/**/*.test.ts'], globalSetup: '<rootDir>/test/integ/global-setup.ts' },
    // The package as published (test/package/): npm pack of a fresh clone installed into a `cdk init` app, the jsii bindings, the README in every language, API.md, the API against the released baseline.
    { ...common, displayName: 'package', testMatch: ['<rootDir>/test/package/**/*.test.ts'] },
  ],
};
