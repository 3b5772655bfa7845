import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { readJson } from './jsii';

/**
 * The user's app of test/package/consumer.test.ts: `cdk init app --language typescript` names its
 * files after the app's folder (bin/platform-app.ts, lib/platform-app-stack.ts,
 * test/platform-app.test.ts, class PlatformAppStack, stack PlatformAppStack).
 */
export const APP_NAME = 'platform-app';
export const STACK_NAME = 'PlatformAppStack';

/**
 * lib/platform-app-stack.ts, in place of cdk init's empty stack: a small platform built only from the
 * package's public API, imported from 'cdk-containers' as the README shows. It is a string, not a file
 * of the repository, because it only compiles where 'cdk-containers' is installed.
 */
export const STACK_SOURCE = `import * as cdk from 'aws-cdk-lib/core';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import {
  ClusterCapacity, ContainersCompliance, EcrRepository, EcsCluster, EcsService, EcsTaskDefinition, PlatformNetwork, ServiceCapacity,
} from 'cdk-containers';

export class PlatformAppStack extends cdk.Stack {
  public readonly repository: EcrRepository;
  public readonly cluster: EcsCluster;
  public readonly service: EcsService;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // The README's gate: every cdk-nag pack and Control Tower rule folder, and the library's checks.
    const app = cdk.Stage.of(this)!;
    ContainersCompliance.addChecks(app, [
      new AwsSolutionsChecks(app), new HIPAASecurityChecks(app), new NIST80053R4Checks(app),
      new NIST80053R5Checks(app), new PCIDSS321Checks(app), new ServerlessChecks(app),
      new CfnGuardValidator({ controlTowerRulesEnabled: true }),
    ]);

    const network = new PlatformNetwork(this, 'Network');
    this.repository = new EcrRepository(this, 'Images', { repositoryName: 'platform-app/web' });
    this.cluster = new EcsCluster(this, 'Cluster', {
      vpc: network.vpc,
      capacity: [ClusterCapacity.fargate({ baseTasks: 1 })],
    });
    const web = new EcsTaskDefinition(this, 'Web', {
      containers: [{
        name: 'web',
        image: ecs.ContainerImage.fromEcrRepository(this.repository.repository, '1.0.0'),
        user: '1000',
        portMappings: [{ containerPort: 8080 }],
      }],
    });
    this.service = new EcsService(this, 'WebService', {
      cluster: this.cluster.cluster,
      taskDefinition: web,
      capacity: ServiceCapacity.fargate(),
    });
    new cdk.CfnOutput(this, 'RepositoryUri', { value: this.repository.repositoryUri });
  }
}
`;

/** The validation plugins the app's gate uses, as the README says to install them: dev dependencies of the app. */
export const COMPLIANCE_TOOLS = ['cdk-nag', '@cdklabs/cdk-validator-cfnguard'];

/**
 * Adds {@link COMPLIANCE_TOOLS} to the app's dev dependencies, at the versions the repository uses
 * (so {@link pinToRepositoryLock} finds them in its lock and the npm cache).
 */
export function addComplianceTools(app: string, repositoryPackageJson: PackageJson): void {
  const manifest = readJson<PackageJson>(path.join(app, 'package.json'));
  const repositoryDev = (repositoryPackageJson as { devDependencies?: Record<string, string> }).devDependencies ?? {};
  const added = Object.fromEntries(COMPLIANCE_TOOLS.map((name) => [name, repositoryDev[name]!]));
  manifest.devDependencies = { ...manifest.devDependencies, ...added };
  writeJson(path.join(app, 'package.json'), manifest);
}

/**
 * The package's peer dependencies that `cdk init` does not add (cdk8s and cdk8s-plus-33; it has
 * aws-cdk-lib and constructs), with the package's ranges, as the README's install command adds them:
 * `pinToRepositoryLock` then pins them like the rest, so the offline install finds them in the cache.
 */
export function addPeerDependencies(app: string, packageManifest: PackageJson): string[] {
  const manifest = readJson<PackageJson>(path.join(app, 'package.json'));
  const present = { ...manifest.dependencies, ...manifest.devDependencies };
  const added = Object.entries(packageManifest.peerDependencies ?? {}).filter(([name]) => present[name] === undefined);
  manifest.dependencies = { ...manifest.dependencies, ...Object.fromEntries(added) };
  writeJson(path.join(app, 'package.json'), manifest);
  return added.map(([name]) => name);
}

/**
 * The README's Quick start as a user copies it: the first TypeScript block under `## Quick start`,
 * a whole app in one file. Throws when the README has no such block.
 */
export function readmeQuickStart(readme: string): string {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Quick start\n'));
  const block = section && /^```ts[^\n]*\n([\s\S]*?)^```$/m.exec(section);
  if (!block) throw new Error('README.md has no TypeScript block under "## Quick start"');
  return block[1];
}

/** test/platform-app.test.ts, in place of cdk init's commented-out example: the app's own test. */
export const TEST_SOURCE = `import * as cdk from 'aws-cdk-lib/core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ContainerErrors, EcrRepository, ValidationError } from 'cdk-containers';
import * as PlatformApp from '../lib/platform-app-stack';

test('the platform has a scanned, immutable ECR repository and an ECS cluster on Fargate', () => {
  const app = new cdk.App();
  const stack = new PlatformApp.PlatformAppStack(app, 'MyTestStack');
  const template = Template.fromStack(stack);

  template.hasResourceProperties('AWS::ECR::Repository', {
    RepositoryName: 'platform-app/web',
    ImageTagMutability: 'IMMUTABLE',
    ImageScanningConfiguration: { ScanOnPush: true },
  });
  template.resourceCountIs('AWS::ECS::Cluster', 1);
  template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
    DefaultCapacityProviderStrategy: [Match.objectLike({ CapacityProvider: 'FARGATE', Base: 1 })],
  });
  template.hasResourceProperties('AWS::ECS::Service', {
    LaunchType: 'FARGATE',
    NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
  });
  template.resourceCountIs('AWS::EC2::VPC', 1);
});

test("bad input throws the package's ValidationError, naming the construct path", () => {
  const stack = new cdk.Stack(new cdk.App(), 'Bad');
  let thrown: unknown;
  try {
    new EcrRepository(stack, 'Images', { repositoryName: 'Not A Valid Name' });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect(ContainerErrors.isValidationError(thrown)).toBe(true);
  expect((thrown as Error).message).toMatch(/^\\[Bad\\/Images\\] repositoryName: got "Not A Valid Name"/);
});
`;

/** One entry of a lock file's `packages`: the fields read here, and whatever else npm wrote. */
interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>;
  readonly [field: string]: unknown;
}

interface LockFile {
  readonly name?: string;
  readonly version?: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: Record<string, LockEntry>;
}

/** The fields of a package.json read or written here. */
export interface PackageJson {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

const writeJson = (file: string, value: unknown): void => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * Where the repository installs the tools cdk init asks for that are newer than its own (TypeScript 7,
 * @types/node 24): a `file:` devDependency whose dependencies npm nests in its folder, so they never
 * replace the repository's `tsc`.
 */
const TOOLCHAIN = 'test/package/cdk-init-toolchain';

/** One dependency of the app, as pinned: cdk init's range, the version installed, and where the repository's lock has it. */
export interface PinnedDependency {
  readonly name: string;
  readonly range: string;
  readonly version: string;
  readonly location: string;
}

/**
 * Pins every dependency cdk init's package.json lists to a version the repository's lock file
 * installs that satisfies the range cdk init asks for: the toolchain folder's (see {@link TOOLCHAIN})
 * where it has one, else the repository's own. It then writes the app a lock file of just those
 * packages and what they need, copied from the repository's (the toolchain's at the top level, where
 * the app has them). The npm cache `npm ci` filled holds every tarball, so `npm install --offline`
 * installs the app with no network. Throws when the repository installs no version in cdk init's
 * range, naming the range and the versions it has.
 */
export function pinToRepositoryLock(app: string, repositoryLockFile: string): PinnedDependency[] {
  const repository = readJson<LockFile>(repositoryLockFile).packages;
  const manifest = readJson<PackageJson>(path.join(app, 'package.json'));
  const pinned: PinnedDependency[] = [];
  const pin = (deps: Record<string, string> = {}): Record<string, string> => Object.fromEntries(Object.entries(deps).map(([name, range]) => {
    const candidates = [`${TOOLCHAIN}/node_modules/${name}`, `node_modules/${name}`]
      .flatMap((location) => (repository[location]?.version ? [{ location, version: repository[location].version }] : []));
    const chosen = candidates.find((c) => semver.satisfies(c.version, range));
    if (!chosen) {
      throw new Error(`cdk init's package.json asks for ${name}@${range}; ${repositoryLockFile} installs ${candidates.map((c) => c.version).join(', ') || 'no version'}: `
        + `add ${name} in that range to ${TOOLCHAIN}/package.json and run npm install`);
    }
    pinned.push({ name, range, ...chosen });
    return [name, chosen.version];
  }));
  manifest.dependencies = pin(manifest.dependencies);
  manifest.devDependencies = pin(manifest.devDependencies);
  writeJson(path.join(app, 'package.json'), manifest);

  const packages: Record<string, LockEntry> = {
    '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
  };
  for (const location of closure(repository, pinned)) {
    const fromToolchain = location.startsWith(`${TOOLCHAIN}/`);
    const appLocation = fromToolchain ? location.slice(TOOLCHAIN.length + 1) : location;
    // Where a toolchain package and the repository's copy land on the same location (node_modules/@types/node),
    // the app gets the toolchain's: the version cdk init asked for.
    if (packages[appLocation] && !fromToolchain) continue;
    // Whether a package is a dev dependency is the app's to say, not the repository's: npm works it out again.
    packages[appLocation] = Object.fromEntries(Object.entries(repository[location]!).filter(([field]) => !['dev', 'devOptional', 'peer'].includes(field)));
  }
  writeJson(path.join(app, 'package-lock.json'), {
    name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true,
    packages: Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b))),
  });
  return pinned;
}

/**
 * The lock-file locations (`node_modules/a/node_modules/b`) of the given packages and of everything
 * they depend on, resolved the way Node looks packages up: the nearest `node_modules` on the way up
 * from the dependent. Optional dependencies npm did not lock (other platforms' binaries) are left out.
 */
function closure(packages: Readonly<Record<string, LockEntry>>, roots: ReadonlyArray<{ name: string; location: string }>): string[] {
  const resolve = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (packages[candidate]) return candidate;
      if (!dir) return undefined;
    }
  };
  const found = new Set<string>();
  const pending: Array<{ from: string; name: string; optional: boolean; location?: string }> = roots.map(({ name, location }) => ({ from: '', name, optional: false, location }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const location = next.location ?? resolve(next.from, next.name);
    if (!location) {
      if (next.optional) continue;
      throw new Error(`${next.name}, needed by ${next.from || 'the app'}, is not in the repository's lock file`);
    }
    if (found.has(location)) continue;
    found.add(location);
    const entry = packages[location]!;
    const add = (deps: Record<string, string> | undefined, optional: (name: string) => boolean) => {
      for (const name of Object.keys(deps ?? {})) pending.push({ from: location, name, optional: optional(name) });
    };
    add(entry.dependencies, () => false);
    add(entry.optionalDependencies, () => true);
    add(entry.peerDependencies, (name) => entry.peerDependenciesMeta?.[name]?.optional === true);
  }
  return [...found];
}

/**
 * Adds the packed tarball to the app as `npm install <tarball>` records it (a `file:` dependency),
 * with its lock entry, so `npm install --offline` needs no registry to check its peer dependencies.
 */
export function addTarball(app: string, tarball: string, integrity: string, packageManifest: PackageJson): void {
  const spec = `file:${path.relative(app, tarball).split(path.sep).join('/')}`;
  const manifest = readJson<PackageJson>(path.join(app, 'package.json'));
  manifest.dependencies = { ...manifest.dependencies, [packageManifest.name]: spec };
  writeJson(path.join(app, 'package.json'), manifest);

  const lock = readJson<LockFile>(path.join(app, 'package-lock.json'));
  const root = lock.packages['']!;
  lock.packages[''] = { ...root, dependencies: { ...root.dependencies, [packageManifest.name]: spec } };
  lock.packages[`node_modules/${packageManifest.name}`] = {
    version: packageManifest.version,
    resolved: spec,
    integrity,
    license: packageManifest.license,
    engines: packageManifest.engines,
    peerDependencies: packageManifest.peerDependencies,
  };
  writeJson(path.join(app, 'package-lock.json'), lock);
}
