import * as fs from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { addComplianceTools, addPeerDependencies, addTarball, APP_NAME, PinnedDependency, pinToRepositoryLock, readmeQuickStart, STACK_NAME, STACK_SOURCE, TEST_SOURCE, type PackageJson } from './support/consumer-app';
import { copyFreshClone, expectedPackageFiles, PackedTarball, parsePackOutput } from './support/fresh-clone';
import { readJson, tempDir } from './support/jsii';
import { childEnv, run, RunResult, succeeded } from './support/run';

/**
 * The package as a user gets it. A fresh clone of the working tree, in a directory of its own, is
 * packed with the real `npm pack` (its prepack script compiles with jsii from a tree with no dist/),
 * and the tarball is installed into an app that `cdk init app --language typescript` generated
 * outside the repository. The app type-checks against the package's .d.ts, synthesizes with the CDK
 * CLI and runs its own jest test. Nothing here reads or writes the repository's dist/ or .jsii.
 *
 * Offline: the app's packages are pinned to the versions of the repository's package-lock.json, whose
 * tarballs `npm ci` put in the npm cache, and `npm install --offline` installs them from there.
 * KEEP_PACKAGE_TEST_DIR=1 keeps the temporary directory for a look afterwards.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ENV = childEnv(ROOT);
const INSTALL = ['install', '--offline', '--no-audit', '--no-fund'];

const work = tempDir('package');
const clone = path.join(work, 'clone');
const packDir = path.join(work, 'pack');
const app = path.join(work, APP_NAME);
const installed = path.join(app, 'node_modules', 'cdk-containers');

/** Every command run, for the timing summary. */
const steps: RunResult[] = [];
async function step(command: string, args: readonly string[], cwd: string): Promise<RunResult> {
  const result = await run(command, args, cwd, ENV);
  steps.push(result);
  return result;
}

let cloneHadBuildOutput: { dist: boolean; jsii: boolean };
/** cdk init's dependencies with the range it asked for and the version the app was given. */
let pinned: PinnedDependency[];
/** The package's peer dependencies the app was given besides cdk init's (the README's install command names them). */
let peersAdded: string[];
let packed: PackedTarball;
/** Started once the app is installed and run side by side: each test below awaits its own. */
let typeCheck: Promise<RunResult>;
/** cdk.json's `app`, as cdk init wrote it. */
let appCommand: string;
let synth: Promise<RunResult>;
let appTests: Promise<RunResult>;
/** The README's Quick start, as bin/quick-start.ts of the app, synthesized by the CDK CLI into its own directory. */
let quickStart: Promise<RunResult>;
const QUICK_START_OUT = 'cdk.out.quick-start';
/** An EKS workload with a patch the API refuses, synthesized by the installed package: the schema check reads its definitions from the package. */
let eksSchemaCheck: Promise<RunResult>;
const EKS_SCHEMA_CHECK = `import { App, Stack } from 'aws-cdk-lib';
import { ApiObject, JsonPatch } from 'cdk8s';
import { EksCluster, EksNamespace, EksWorkload, WorkloadImage } from 'cdk-containers';

const app = new App();
const stack = new Stack(app, 'Eks');
const cluster = new EksCluster(stack, 'Cluster');
const web = new EksWorkload(stack, 'Web', {
  kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web',
  containers: [{ name: 'web', image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }],
});
ApiObject.of(web.chart.node.findChild('Deployment')).addJsonPatch(JsonPatch.replace('/spec/replicas', 'two'));
try {
  app.synth();
  console.log('synthesized');
} catch (error) {
  console.log((error as Error).message);
}
`;

beforeAll(async () => {
  copyFreshClone(ROOT, clone);
  cloneHadBuildOutput = { dist: fs.existsSync(path.join(clone, 'dist')), jsii: fs.existsSync(path.join(clone, '.jsii')) };
  fs.mkdirSync(packDir);
  fs.mkdirSync(app);

  // Packing (jsii) and setting up the app (npm install of aws-cdk-lib and the tools) overlap.
  const [pack, setup] = await Promise.allSettled([
    step('npm', ['pack', '--json', '--pack-destination', packDir], clone),
    (async () => {
      succeeded(await step(path.join(ROOT, 'node_modules', '.bin', 'cdk'), ['init', 'app', '--language', 'typescript', '--generate-only'], app));
      addComplianceTools(app, readJson<PackageJson>(path.join(ROOT, 'package.json')));
      peersAdded = addPeerDependencies(app, readJson<PackageJson>(path.join(ROOT, 'package.json')));
      pinned = pinToRepositoryLock(app, path.join(ROOT, 'package-lock.json'));
      fs.writeFileSync(path.join(app, 'lib', `${APP_NAME}-stack.ts`), STACK_SOURCE);
      fs.writeFileSync(path.join(app, 'test', `${APP_NAME}.test.ts`), TEST_SOURCE);
      fs.writeFileSync(path.join(app, 'bin', 'quick-start.ts'), readmeQuickStart(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')));
      succeeded(await step('npm', INSTALL, app));
    })(),
  ]);
  if (pack.status === 'rejected') throw pack.reason;
  if (setup.status === 'rejected') throw setup.reason;
  packed = parsePackOutput(succeeded(pack.value).stdout);

  // The user's `npm install cdk-containers`, here of the tarball.
  addTarball(app, path.join(packDir, packed.filename), packed.integrity, readJson<PackageJson>(path.join(clone, 'package.json')));
  succeeded(await step('npm', INSTALL, app));

  // cdk init's cdk.json runs `npx tsc && npx tsx bin/<app>.ts`: the type-check and the synth of the
  // app run here as two commands, side by side, so the app is type-checked once, not twice.
  appCommand = readJson<{ app: string }>(path.join(app, 'cdk.json')).app;
  typeCheck = step('npx', ['tsc', '--noEmit', '--listFiles'], app);
  // --no-notices: the machines have no internet to fetch the CLI's notices from.
  synth = step('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--app', appCommand.replace(/^npx tsc && /, '')], app);
  appTests = step('npx', ['jest'], app);
  quickStart = step('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--app', 'npx tsx bin/quick-start.ts', '--output', QUICK_START_OUT], app);
  fs.writeFileSync(path.join(app, 'bin', 'eks-schema-check.ts'), EKS_SCHEMA_CHECK);
  eksSchemaCheck = step('npx', ['tsx', 'bin/eks-schema-check.ts'], app);
});

afterAll(async () => {
  // Let commands a failed test did not wait for finish before their directory goes.
  await Promise.allSettled([typeCheck, synth, appTests, quickStart, eksSchemaCheck]);
  console.log([
    `package test in ${work}${process.env.KEEP_PACKAGE_TEST_DIR ? ' (kept)' : ''}:`,
    ...steps.map((s) => `  ${s.seconds.toFixed(1).padStart(5)} s  exit ${s.code}  ${path.relative(work, s.cwd) || '.'}$ ${s.command.replace(ROOT, '<repo>')}`),
  ].join('\n'));
  if (!process.env.KEEP_PACKAGE_TEST_DIR) fs.rmSync(work, { recursive: true, force: true });
});

describe('npm pack of a fresh clone', () => {
  test('the clone starts with no build output, and prepack compiles it with jsii', () => {
    expect(cloneHadBuildOutput).toEqual({ dist: false, jsii: false });
    expect(fs.existsSync(path.join(clone, 'dist', 'lib', 'index.js'))).toBe(true);
    expect(readJson<{ schema: string; name: string }>(path.join(clone, '.jsii'))).toMatchObject({ schema: 'jsii/0.10.0', name: 'cdk-containers' });
  });

  test('the tarball holds the compiled library and local-deploy tooling, their declarations, the emulator, the Kubernetes API schemas, the jsii assembly, README, LICENSE and package.json only', () => {
    const stray = packed.files.filter((file) => /^(test|bench|bin|examples|docs|lib|node_modules|cdk\.out)\//.test(file)
      || (file.endsWith('.ts') && !file.endsWith('.d.ts')) || /(^|\/)tsconfig[^/]*\.json$|\.tsbuildinfo$/.test(file));
    expect(stray).toEqual([]);
    expect(packed.files).toEqual(expect.arrayContaining(['dist/lib/index.js', 'dist/lib/index.d.ts', '.jsii', 'README.md', 'LICENSE', 'package.json']));
    expect(packed.files).toEqual(expectedPackageFiles(clone));
  });
});

describe('a cdk init app with the tarball installed', () => {
  test('the README\'s install command names every peer dependency with the package\'s range; cdk init adds all but cdk8s and cdk8s-plus-33', () => {
    const manifest = readJson<PackageJson>(path.join(ROOT, 'package.json'));
    const install = /^npm install cdk-containers .*$/m.exec(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))?.[0] ?? '';
    for (const [name, range] of Object.entries(manifest.peerDependencies ?? {})) expect(install.split(' ')).toContain(`${name}@${range}`);
    expect(peersAdded).toEqual(['cdk8s', 'cdk8s-plus-33']);
  });

  test('has what cdk init asked for: each dependency installed in the range of its package.json (TypeScript 7 among them)', () => {
    const installedVersions = pinned.map(({ name, range }) => {
      const { version } = readJson<PackageJson>(path.join(app, 'node_modules', name, 'package.json'));
      return { name, range, version, satisfies: semver.satisfies(version, range) };
    });
    expect(installedVersions.filter((d) => !d.satisfies)).toEqual([]);
    expect(installedVersions.map((d) => d.name)).toEqual(expect.arrayContaining(['aws-cdk-lib', 'constructs', 'aws-cdk', 'typescript', '@types/node', 'jest']));
    expect(semver.major(installedVersions.find((d) => d.name === 'typescript')!.version)).toBeGreaterThanOrEqual(7);
  });

  test('resolves cdk-containers to the compiled package in its node_modules, not to the repository', async () => {
    const probe = succeeded(await step('node', ['-e', `
      const lib = require('cdk-containers');
      console.log(JSON.stringify({ resolved: require.resolve('cdk-containers'), exports: Object.keys(lib), EcsCluster: typeof lib.EcsCluster }));`], app));
    const { resolved, exports, EcsCluster } = JSON.parse(probe.stdout) as { resolved: string; exports: string[]; EcsCluster: string };
    expect(resolved).toBe(path.join(fs.realpathSync(app), 'node_modules', 'cdk-containers', 'dist', 'lib', 'index.js'));
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(EcsCluster).toBe('function');
    expect(exports).toEqual(expect.arrayContaining(['EcrRepository', 'EcsCluster', 'EcsService', 'PlatformNetwork', 'ValidationError']));
    expect(readJson<PackageJson>(path.join(installed, 'package.json'))).toMatchObject({ name: 'cdk-containers', version: packed.version, main: 'dist/lib/index.js', types: 'dist/lib/index.d.ts' });
    expect(fs.existsSync(path.join(installed, 'lib'))).toBe(false);
    expect(fs.existsSync(path.join(installed, '.jsii'))).toBe(true);
  });

  test('type-checks (tsc --noEmit, cdk init\'s strict tsconfig) against the package\'s .d.ts files', async () => {
    const result = succeeded(await typeCheck);
    const files = result.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    expect(files).toContain(path.join(fs.realpathSync(installed), 'dist', 'lib', 'index.d.ts'));
    expect(files.filter((file) => file.startsWith(ROOT))).toEqual([]);
    // The README's Quick start is a file of the app, so the same tsc checks it.
    expect(files).toContain(path.join(fs.realpathSync(app), 'bin', 'quick-start.ts'));
  });

  test('an EKS workload is checked against the Kubernetes API schema the package ships: a bad patch fails the synth with the path', async () => {
    const { stdout } = succeeded(await eksSchemaCheck);
    expect(stdout).toMatch(/^\[Eks\/Web\] Kubernetes objects \(kubernetes\/EksCluster\w+\/shop\/web\.yaml\): Deployment "shop\/web" spec\.replicas: got "two"; allowed: an integer\./m);
  });

  test("the README's Quick start, copied into the app as it stands, synthesizes: repository, registry scanning, pull-through cache", async () => {
    succeeded(await quickStart);
    const template = readJson<{ Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }>(path.join(app, QUICK_START_OUT, 'Images.template.json'));
    const resources = Object.values(template.Resources);
    const ofType = (type: string) => resources.filter((r) => r.Type === type).map((r) => r.Properties);
    expect(ofType('AWS::ECR::Repository')).toEqual([expect.objectContaining({ RepositoryName: 'shop/api', ImageScanningConfiguration: { ScanOnPush: true } })]);
    expect(ofType('AWS::ECR::RegistryScanningConfiguration')).toEqual([expect.objectContaining({ ScanType: 'ENHANCED' })]);
    expect(ofType('AWS::ECR::PullThroughCacheRule')).toEqual([expect.objectContaining({ EcrRepositoryPrefix: 'ecr-public-cache', UpstreamRegistryUrl: 'public.ecr.aws' })]);
  });

  test('synthesizes with the CDK CLI (cdk synth --quiet) into a template with the platform', async () => {
    // What the split above relies on: cdk.json's app is the type-check, then the app.
    expect(appCommand).toBe(`npx tsc && npx tsx bin/${APP_NAME}.ts`);
    succeeded(await synth);
    const templateFile = path.join(app, 'cdk.out', `${STACK_NAME}.template.json`);
    expect(fs.existsSync(templateFile)).toBe(true);
    const resources = Object.values(readJson<{ Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }>(templateFile).Resources);
    const types = new Set(resources.map((r) => r.Type));
    for (const type of ['AWS::EC2::VPC', 'AWS::ECR::Repository', 'AWS::ECS::Cluster', 'AWS::ECS::ClusterCapacityProviderAssociations', 'AWS::ECS::TaskDefinition', 'AWS::ECS::Service']) {
      expect(types).toContain(type);
    }
    expect(resources.find((r) => r.Type === 'AWS::ECR::Repository')?.Properties).toMatchObject({ RepositoryName: 'platform-app/web', ImageTagMutability: 'IMMUTABLE' });
  });

  test('the README\'s compliance gate runs in the app: every pack and rule folder, and nothing left unacknowledged', async () => {
    succeeded(await synth);
    const report = readJson<{ pluginReports: Array<{ pluginName: string; conclusion: string; violations: unknown[] }> }>(path.join(app, 'cdk.out', 'validation-report.json'));
    // The report lists each plugin that found or accepted something (Serverless finds nothing to check here).
    expect(report.pluginReports.map((r) => r.pluginName)).toEqual(expect.arrayContaining(
      ['AwsSolutions', 'HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321', 'cdk-validator-cfnguard']));
    expect(report.pluginReports.filter((r) => r.violations.length > 0)).toEqual([]);
  });

  test("passes its own jest test, which asserts on the stack with aws-cdk-lib's Template", async () => {
    const result = succeeded(await appTests);
    // jest reports on stderr.
    expect(result.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(result.stderr).toContain(`PASS test/${APP_NAME}.test.ts`);
  });
});
