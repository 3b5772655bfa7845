import * as fs from 'fs';
import * as path from 'path';
import { Assembly, AssemblyType, BUILT_ASSEMBLY, ROOT, readAssembly, repositoryPackageJson, runJsiiTool, stageModule, tempDir } from './support/jsii';

/**
 * API stability: jsii-diff compares the released API, the checked-in baseline assembly
 * (api/baseline.jsii, refreshed at each release by `npm run api:baseline`), with the assembly
 * `npm run build` wrote (`.jsii`). A breaking change fails the test unless package.json's version is
 * a breaking bump of the baseline's: during 0.x the minor (0.1.x -> 0.2.0), from 1.0.0 the major.
 *
 * jsii-diff loads each side as a module directory (a bare file leaves the dependencies' assemblies,
 * aws-cdk-lib and constructs, unresolved), so each is staged in a temporary directory. Experimental
 * APIs count too (the whole package is marked experimental during 0.x): the version says what may break.
 */

const BASELINE = path.join(ROOT, 'api', 'baseline.jsii');
const WRITES_BASELINE = '`npm run api:baseline` (at a release: it copies the built .jsii)';

/** A version `major.minor.patch`, an optional `-prerelease` and `+build` ignored by the rule. */
function parseVersion(version: string): [number, number, number] {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(version);
  if (!match) {
    throw new Error(`'${version}' is not a semver version`);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Whether `to` may break the API of `from`: a new major from 1.0.0, a new minor (or 1.0.0) during 0.x. */
function isBreakingBump(from: string, to: string): boolean {
  const [fromMajor, fromMinor] = parseVersion(from);
  const [toMajor, toMinor] = parseVersion(to);
  return fromMajor === 0 ? toMajor > 0 || toMinor > fromMinor : toMajor > fromMajor;
}

/** -1, 0 or 1 as version `a` is below, the same as (prerelease and build ignored) or above `b`. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  const i = x.findIndex((n, k) => n !== y[k]);
  return i < 0 ? 0 : Math.sign(x[i] - y[i]);
}

/** What jsii-diff said: its exit code (0 compatible, 1 breaking, else it failed) and its report. */
interface ApiDiff {
  readonly status: number | null;
  readonly report: string;
}

/** Runs jsii-diff from one assembly to another, each staged as a module directory. */
async function apiDiff(original: Assembly | string, updated: Assembly | string): Promise<ApiDiff> {
  const work = tempDir('api-diff');
  try {
    const from = stageModule(path.join(work, 'original'), original);
    const to = stageModule(path.join(work, 'updated'), updated);
    // --error-on all: package.json's "stability": "experimental" marks every API experimental, and the
    // default (prod) would only warn on those; the versioning rule holds for the whole API.
    const run = await runJsiiTool('jsii-diff', ['--error-on', 'all', '--default-stability', 'stable', from, to], { cwd: work });
    return { status: run.code, report: run.stdout + run.stderr };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The rule applied: undefined when the change is allowed, else why not. */
function violation(baselineVersion: string, version: string, diff: ApiDiff): string | undefined {
  if (diff.status === 0) {
    return undefined;
  }
  if (diff.status !== 1) {
    return `jsii-diff failed (exit ${diff.status}):\n${diff.report}`;
  }
  if (isBreakingBump(baselineVersion, version)) {
    return undefined;
  }
  const [major, minor] = parseVersion(baselineVersion);
  const next = major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`;
  return `breaking changes since the released API ${baselineVersion} (api/baseline.jsii), but package.json's version ${version} `
    + `is not a breaking bump: restore the API, or release it as ${next}.\n${diff.report}`;
}

/** A copy of an assembly with `change` applied to it. */
function changed(assembly: Assembly, change: (types: Record<string, AssemblyType>) => void): Assembly {
  const copy = structuredClone(assembly);
  change(copy.types);
  return copy;
}

/** A type of the assembly, by its name in cdk-containers. */
function typeOf(types: Record<string, AssemblyType>, name: string): AssemblyType {
  const type = types[`cdk-containers.${name}`];
  expect(type).toBeDefined();
  return type;
}

describe('the versioning rule', () => {
  test.each([
    ['0.1.0', '0.1.1', false],
    ['0.1.0', '0.1.0', false],
    ['0.1.3', '0.2.0', true],
    ['0.1.0', '1.0.0', true],
    ['0.9.0', '1.0.0-rc.1', true],
    ['1.2.3', '1.3.0', false],
    ['1.2.3', '1.2.4', false],
    ['1.2.3', '2.0.0', true],
    ['1.2.3', '2.0.0-alpha.0', true],
  ])('from %s, %s may break the API: %s', (from, to, breaking) => {
    expect(isBreakingBump(from, to)).toBe(breaking);
  });

  test('a version that is not semver is refused', () => {
    expect(() => isBreakingBump('0.1', '0.2.0')).toThrow(/not a semver version/);
  });
});

describe('the API against the released baseline', () => {
  test('package.json, the built assembly and the baseline agree on the package; its version is not below the baseline', () => {
    const pkg = repositoryPackageJson();
    const built = readAssembly(BUILT_ASSEMBLY);
    const baseline = readAssembly(BASELINE, WRITES_BASELINE);
    expect(built.name).toBe(pkg.name);
    expect(baseline.name).toBe(pkg.name);
    expect(built.version).toBe(pkg.version); // else the .jsii is stale: npm run compile
    expect(compareVersions(pkg.version, baseline.version)).toBeGreaterThanOrEqual(0);
  });

  test('no breaking change, unless package.json\'s version is a breaking bump', async () => {
    const baseline = readAssembly(BASELINE, WRITES_BASELINE);
    const built = readAssembly(BUILT_ASSEMBLY);
    expect(violation(baseline.version, built.version, await apiDiff(BASELINE, BUILT_ASSEMBLY))).toBeUndefined();
  });
});

describe('the check fails on a breaking change to the baseline', () => {
  // One changed copy of the baseline carries three breaking changes and one addition: one jsii-diff
  // run (each loads aws-cdk-lib's assembly twice, some seconds) instead of one per change.
  let diff: ApiDiff;
  let baselineVersion: string;

  beforeAll(async () => {
    const baseline = readAssembly(BASELINE, WRITES_BASELINE);
    baselineVersion = baseline.version;
    diff = await apiDiff(baseline, changed(baseline, (types) => {
      delete types['cdk-containers.CostEstimator'];
      const capacity = typeOf(types, 'ClusterCapacity');
      capacity.properties = capacity.properties?.filter((p) => p.name !== 'baseTasks');
      const baseTasks = typeOf(types, 'CapacityStrategyOptions').properties?.find((p) => p.name === 'baseTasks');
      expect(baseTasks?.optional).toBe(true);
      delete baseTasks?.optional;
      types['cdk-containers.AddedThing'] = { ...structuredClone(typeOf(types, 'InstanceTypeCatalog')), fqn: 'cdk-containers.AddedThing', name: 'AddedThing' };
    }));
  });

  test('jsii-diff exits 1', () => {
    expect(diff.status).toBe(1);
  });

  test.each([
    ['a class removed', /^err {2}- CLASS cdk-containers\.CostEstimator: has been removed$/m],
    ['a property removed', /^err {2}- PROP cdk-containers\.ClusterCapacity\.baseTasks: has been removed$/m],
    // CapacityStrategyOptions is the base of the options the capacity factories take.
    ['an optional input property made required', /^err {2}- IFACE cdk-containers\.FargateClusterCapacityOptions: newly required property 'baseTasks' used to be optional/m],
  ])('it reports %s as an error', (_name, message) => {
    expect(diff.report).toMatch(message);
  });

  test('an added class is no breaking change', () => {
    expect(diff.report).not.toContain('AddedThing');
  });

  test('the rule: a patch release may not carry it, the next breaking version may', () => {
    const [major, minor, patch] = parseVersion(baselineVersion);
    expect(violation(baselineVersion, `${major}.${minor}.${patch + 1}`, diff)).toMatch(/is not a breaking bump: restore the API, or release it as /);
    expect(violation(baselineVersion, major === 0 ? `0.${minor + 1}.0` : `${major + 1}.0.0`, diff)).toBeUndefined();
  });

  test('a jsii-diff that fails (not a verdict) is never accepted', () => {
    expect(violation(baselineVersion, '9.0.0', { status: 100, report: 'Error: Assembly "constructs" not found' })).toMatch(/jsii-diff failed \(exit 100\)/);
  });
});
