// The jest test sequencer of `npm run test:mutation` (stryker.config.mjs), not of `npm test`.
//
// Stryker runs jest once per mutant with --findRelatedTests <the mutated file>, which selects every
// test file that imports it, however indirectly: lib/private/validate.ts alone brings in every test
// file that builds a construct. This sequencer keeps, of those, the unit test that mirrors the
// mutated file (lib/<path>.ts -> test/unit/<path>.test.ts): each file's mutants must be killed by
// its own tests, and a mutant costs one test file's run instead of eight.
import * as path from 'node:path';
import Sequencer from '@jest/test-sequencer';

export default class MirroredTestSequencer extends Sequencer {
  constructor(options) {
    super(options);
    const { rootDir, nonFlagArgs } = options.globalConfig;
    this.rootDir = rootDir;
    /** The mirrored test of each file jest was asked about (none outside lib/: every related test runs). */
    this.mirrors = new Set((nonFlagArgs ?? [])
      .map((file) => path.relative(rootDir, path.resolve(rootDir, file)).split(path.sep).join('/'))
      .filter((file) => /^lib\/.+\.ts$/.test(file))
      .map((file) => file.replace(/^lib\//, 'test/unit/').replace(/\.ts$/, '.test.ts')));
  }

  sort(tests) {
    const relative = (test) => path.relative(this.rootDir, test.path).split(path.sep).join('/');
    const mirrored = this.mirrors.size === 0 ? tests : tests.filter((test) => this.mirrors.has(relative(test)));
    return super.sort(mirrored);
  }
}
