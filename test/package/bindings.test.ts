import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BUILT_ASSEMBLY, ROOT, readAssembly, repositoryPackageJson, runJsiiTool, stageModule, tempDir } from './support/jsii';
import { RunResult } from './support/run';

/**
 * The Python, Java, .NET and Go bindings jsii-pacmak generates from the assembly `npm run build`
 * wrote (`.jsii` at the repository root). Code only (`--code-only`): packaging them needs pip, Maven,
 * dotnet and go with their registries, which these machines cannot reach (README, "Release").
 *
 * pacmak loads a module directory and first runs `npm pack` in it; in the repository that would run
 * the `prepack` script (a jsii compile that rewrites `.jsii`). So it runs on a copy (package.json,
 * `.jsii`, dist/lib) in a temporary directory with npm's lifecycle scripts off and npm offline, and
 * writes into another (`--outdir`): the repository is only read. Examples in doc comments that no
 * rosetta tablet translates are kept as written (`--rosetta-unknown-snippets verbatim`): translating
 * them live is slower (13.5 s instead of 8 s on the 2-core machine) and checks the docs, not the bindings.
 */

const TARGETS = ['python', 'java', 'dotnet', 'go'] as const;

/** The public classes every binding must carry. */
const KEY_CLASSES = ['EcrRepository', 'EcsCluster', 'EksCluster', 'CostEstimator', 'PlacementSimulator', 'InstanceTypeCatalog', 'ContainerErrors'];

const work = tempDir('bindings');
const out = path.join(work, 'out');
let pacmak: RunResult;
let version: string;

/**
 * Whether pacmak can run in a network namespace of its own, with no interface but loopback
 * (`unshare -rn`: Linux with unprivileged user namespaces): then it does, and proves it needs no network.
 */
const ISOLATED = spawnSync('unshare', ['-rn', 'true']).status === 0;

/** A generated file's text, relative to the output directory. */
function generated(file: string): string {
  return fs.readFileSync(path.join(out, file), 'utf8');
}

/** Every file under `dir` (relative to the output directory) whose name ends with `ext`. */
function filesUnder(dir: string, ext: string): string[] {
  return (fs.readdirSync(path.join(out, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext)).map((f) => path.join(dir, f));
}

/** A top-level Python class, from `class` to the next top-level statement (its header's `):` excluded). */
function pythonClass(source: string, name: string): string {
  const start = source.search(new RegExp(`^class ${name}\\b`, 'm'));
  expect(start).toBeGreaterThanOrEqual(0);
  const header = source.indexOf('\n', start) + 1;
  const end = source.slice(header).search(/^[^\s)]/m);
  return source.slice(start, end < 0 ? undefined : header + end);
}

beforeAll(async () => {
  const pkg = repositoryPackageJson();
  version = pkg.version;
  expect(readAssembly(BUILT_ASSEMBLY).version).toBe(version); // a .jsii from an older package.json is stale
  // A rosetta tablet next to the assembly (jsii-rosetta extract), when the build wrote one, gives pacmak
  // the examples' translations; without one they stay TypeScript.
  const tablets = ['.jsii.tabl.json', '.jsii.tabl.json.gz'].filter((f) => fs.existsSync(path.join(ROOT, f)));
  const staged = stageModule(path.join(work, 'cdk-containers'), BUILT_ASSEMBLY, { packageJson: pkg, copy: ['dist/lib', ...tablets] });
  pacmak = await runJsiiTool('jsii-pacmak', [
    staged, '--code-only', '--outdir', out, ...TARGETS.flatMap((t) => ['--target', t]),
    '--rosetta-unknown-snippets', 'verbatim', '--no-npmignore',
  ], { cwd: work, env: { npm_config_ignore_scripts: 'true', npm_config_offline: 'true' }, wrapper: ISOLATED ? ['unshare', '-rn'] : [] });
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test(`jsii-pacmak --code-only generates the four targets${ISOLATED ? ', with no network (unshare -rn)' : ''}`, () => {
  expect(pacmak.stderr).not.toMatch(/error/i);
  expect(pacmak.code).toBe(0);
  expect(fs.readdirSync(out)).toEqual(expect.arrayContaining([...TARGETS]));
});

describe('python', () => {
  const init = 'python/src/cdk_containers/__init__.py';

  test('one module, cdk_containers, with the key classes, packaged as cdk-containers', () => {
    const source = generated(init);
    for (const name of KEY_CLASSES) {
      expect(source).toMatch(new RegExp(`^class ${name}\\(`, 'm'));
      expect(source).toContain(`jsii_type="cdk-containers.${name}"`);
    }
    expect(generated('python/setup.py')).toMatch(/"name": "cdk-containers"/);
    // The npm tarball the jsii runtime loads: the JavaScript the Python classes proxy to.
    expect(fs.readdirSync(path.join(out, 'python/src/cdk_containers/_jsii'))).toContain(`cdk-containers@${version}.jsii.tgz`);
  });

  test('names are Python names: snake_case members over the jsii (camelCase) names', () => {
    const capacity = pythonClass(generated(init), 'ClusterCapacity');
    expect(capacity).toMatch(/def base_tasks\(self\) -> jsii\.Number:/);
    expect(capacity).toContain('jsii.get(self, "baseTasks")');
    expect(capacity).toMatch(/def fargate_spot\(/);
    expect(capacity).not.toMatch(/def (baseTasks|fargateSpot)\b/);
    expect(pythonClass(generated(init), 'CostEstimator')).toMatch(/def format_report\(/);
  });

  test('the generated module byte-compiles (python3 -m compileall)', () => {
    const run = spawnSync('python3', ['-m', 'compileall', '-q', path.join(out, 'python/src')], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'python/src/cdk_containers/__pycache__')).some((f) => f.startsWith('__init__.'))).toBe(true);
  });
});

describe('java', () => {
  const pkg = 'java/src/main/java/io/github/cdkcontainers';

  test('one file per key class in io.github.cdkcontainers, Maven coordinates from package.json', () => {
    for (const name of KEY_CLASSES) {
      expect(generated(`${pkg}/${name}.java`)).toMatch(new RegExp(`^package io\\.github\\.cdkcontainers;[\\s\\S]*public class ${name} extends`, 'm'));
    }
    expect(generated(`${pkg}/ClusterCapacity.java`)).toMatch(/java\.lang\.Number getBaseTasks\(\)/);
    expect(generated('java/pom.xml')).toMatch(/<groupId>io\.github\.cdk-containers<\/groupId>\s*<artifactId>cdk-containers<\/artifactId>/);
  });

  // javac cannot compile them offline (the jsii runtime and aws-cdk-lib jars come from Maven Central);
  // javac's hidden should-stop options stop it after parsing, which needs no class path: a syntax check.
  // A JDK is one of the tools the project's machines have (README, "Set up"): without one the check fails, it is not skipped.
  test('every generated .java file parses (javac, parse only)', () => {
    const version = spawnSync('javac', ['-version'], { encoding: 'utf8' });
    if (version.status !== 0) throw new Error(`javac is needed for this check: install a JDK (apt-get install default-jdk-headless). ${version.error?.message ?? version.stderr}`);
    const sources = filesUnder('java/src', '.java');
    expect(sources.length).toBeGreaterThan(KEY_CLASSES.length);
    const run = spawnSync('javac', ['-XDshould-stop.ifNoError=PARSE', '-XDshould-stop.ifError=PARSE', '-d', path.join(work, 'classes'), ...sources],
      { cwd: out, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('dotnet', () => {
  test('one file per key class in the CdkContainers namespace, package id from package.json', () => {
    for (const name of KEY_CLASSES) {
      expect(generated(`dotnet/CdkContainers/CdkContainers/${name}.cs`)).toMatch(new RegExp(`namespace CdkContainers\\s*\\{[\\s\\S]*public class ${name} :`));
    }
    expect(generated('dotnet/CdkContainers/CdkContainers/ClusterCapacity.cs')).toMatch(/public virtual double BaseTasks\b/);
    expect(generated('dotnet/CdkContainers/CdkContainers.csproj')).toContain('<PackageId>CdkContainers</PackageId>');
  });
});

describe('go', () => {
  test('one file per key class in package cdkcontainers, module path from package.json', () => {
    for (const name of KEY_CLASSES) {
      expect(generated(`go/cdkcontainers/${name}.go`)).toMatch(new RegExp(`^package cdkcontainers\\n[\\s\\S]*^type ${name} interface \\{`, 'm'));
    }
    expect(generated('go/cdkcontainers/EcsCluster.go')).toMatch(/^func NewEcsCluster\(scope constructs\.Construct, id \*string, props \*EcsClusterProps\) EcsCluster \{/m);
    expect(generated('go/cdkcontainers/ClusterCapacity.go')).toMatch(/^\tBaseTasks\(\) \*float64$/m);
    expect(generated('go/cdkcontainers/go.mod')).toMatch(/^module github\.com\/cdk-containers\/cdk-containers-go\/cdkcontainers$/m);
  });
});
