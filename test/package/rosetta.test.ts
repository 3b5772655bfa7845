import * as fs from 'fs';
import * as path from 'path';
import { Assembly, BUILT_ASSEMBLY, ROOT, readAssembly, readJson, repositoryPackageJson, stageModule, tempDir } from './support/jsii';
import { childEnv, run, RunResult } from './support/run';

/**
 * The examples in every language: `jsii-rosetta extract --strict` compiles every TypeScript example
 * of the assembly `npm run compile` wrote (the README's ```ts blocks and the `@example` blocks of the
 * TSDoc in lib/), with the fixtures in rosetta/, and translates each to Python, Java, C# and Go.
 * Strict: one example that does not compile fails the command.
 *
 * It runs on a copy of the module (package.json, `.jsii`, dist/lib, rosetta/) in a temporary
 * directory, so the tablet rosetta writes next to the assembly (`.jsii.tabl.json`) lands there and
 * the repository is only read. rosetta compiles in a directory of its own, whose dependencies it
 * links with `npm install` of local folders only (npm offline here).
 */

const LANGUAGES = ['python', 'java', 'csharp', 'go'] as const;
const ROSETTA = path.join(ROOT, 'node_modules', '.bin', 'jsii-rosetta');
/** The example of the can-fail proof: `base` was renamed `baseTasks`. */
const BROKEN_EXAMPLE = 'ClusterCapacity.fargate({ base: 1 });';

/** One example of a tablet (`.jsii.tabl.json`, schema 2) as this test reads it. */
interface TabletSnippet {
  /** `$` is the TypeScript source; then one entry per language. */
  readonly translations: Record<string, { readonly source: string }>;
  readonly location: {
    readonly api: { readonly api: string; readonly fqn?: string; readonly memberName?: string };
    readonly field?: { readonly field: string; readonly line?: number };
  };
  readonly didCompile?: boolean;
}

interface Tablet {
  readonly toolVersion: string;
  readonly snippets: Record<string, TabletSnippet>;
}

const work = tempDir('rosetta');
let assembly: Assembly;
let extract: RunResult;
let extractBroken: RunResult;
let snippets: TabletSnippet[];

/** Where an example came from, for messages: `README.md:76` or `cdk-containers.EcrRepository (example)`. */
function where(snippet: TabletSnippet): string {
  const { api, field } = snippet.location;
  if (api.api === 'moduleReadme') return `README.md:${field?.line}`;
  return `${api.fqn}${api.memberName ? `#${api.memberName}` : ''} (${field?.field ?? api.api})`;
}

/** The README example whose TypeScript contains `text` (exactly one). */
function readmeSnippet(text: string): TabletSnippet {
  const found = snippets.filter((s) => s.location.api.api === 'moduleReadme' && s.translations.$!.source.includes(text));
  expect(found.map(where)).toHaveLength(1);
  return found[0]!;
}

/** The `@example` of a type (or of one of its members). */
function docExample(fqn: string, memberName?: string): TabletSnippet {
  const found = snippets.find((s) => s.location.api.fqn === fqn && s.location.api.memberName === memberName && s.location.field?.field === 'example');
  if (!found) throw new Error(`no @example of ${fqn}${memberName ? `#${memberName}` : ''} in the tablet`);
  return found;
}

/** The lines of rosetta's output that report a diagnostic (compiler errors and warnings, rosetta's own). */
function diagnosticLines(output: string): string[] {
  return output.split('\n').filter((line) => / - (error|warning) TS\d+|\[(ERROR|WARN)\]/.test(line));
}

/** The `@example` blocks of the assembly: one per documented type or member that has one. */
function assemblyExamples(spec: Assembly): string[] {
  const found: string[] = [];
  for (const type of Object.values(spec.types) as Array<Record<string, unknown> & { fqn: string }>) {
    if ((type.docs as { example?: string } | undefined)?.example) found.push(type.fqn);
    for (const kind of ['methods', 'properties'] as const) {
      for (const member of (type[kind] as Array<{ name: string; docs?: { example?: string } }> | undefined) ?? []) {
        if (member.docs?.example) found.push(`${type.fqn}#${member.name}`);
      }
    }
  }
  return found.sort();
}

/** `jsii-rosetta extract --strict` (all examples compiled in one TypeScript program: `--batch`) over a staged module. */
function extractStrict(dir: string): Promise<RunResult> {
  return run(ROSETTA, ['extract', '--strict', '--batch', '1000', dir], path.dirname(dir), {
    ...childEnv(ROOT),
    // rosetta links the package and its dependencies into its compile directory with `npm install` of
    // local folders: nothing to fetch, no lifecycle scripts.
    npm_config_offline: 'true', npm_config_ignore_scripts: 'true', npm_config_audit: 'false', npm_config_fund: 'false',
  });
}

beforeAll(async () => {
  assembly = readAssembly(BUILT_ASSEMBLY);
  // The assembly carries the README as it was at the last compile; an edit since then would go unchecked.
  const readme = (assembly.readme as { markdown: string } | undefined)?.markdown;
  if (readme !== fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')) {
    throw new Error('README.md changed since .jsii was built: run `npm run compile` first');
  }
  const pkg = repositoryPackageJson();
  const staged = stageModule(path.join(work, 'current', 'cdk-containers'), BUILT_ASSEMBLY, { packageJson: pkg, copy: ['dist/lib', 'rosetta'] });
  // The can-fail proof: the same module whose only example is a README block using a property that
  // was renamed (ClusterCapacity's `base`, now `baseTasks`), as a stale README would.
  const broken = readAssembly(BUILT_ASSEMBLY);
  for (const type of Object.values(broken.types) as Array<Record<string, unknown>>) {
    delete (type.docs as { example?: string } | undefined)?.example;
    for (const member of [...(type.methods as object[] | undefined) ?? [], ...(type.properties as object[] | undefined) ?? []]) {
      delete (member as { docs?: { example?: string } }).docs?.example;
    }
  }
  (broken as { readme?: { markdown: string } }).readme = { markdown: `# ${broken.name}\n\n\`\`\`ts\n${BROKEN_EXAMPLE}\n\`\`\`\n` };
  const stagedBroken = stageModule(path.join(work, 'broken', 'cdk-containers'), broken, { packageJson: pkg, copy: ['dist/lib', 'rosetta'] });

  [extract, extractBroken] = await Promise.all([extractStrict(staged), extractStrict(stagedBroken)]);
  const tabletFile = path.join(staged, '.jsii.tabl.json');
  const tablet = fs.existsSync(tabletFile) ? readJson<Tablet>(tabletFile) : { toolVersion: '', snippets: {} };
  snippets = Object.values(tablet.snippets);
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test('jsii-rosetta extract --strict compiles every example, with no diagnostics', () => {
  const output = `${extract.stdout}\n${extract.stderr}`;
  if (extract.code !== 0) throw new Error(`${extract.command} exited ${extract.code} after ${extract.seconds.toFixed(1)} s:\n${output.trim()}`);
  expect(diagnosticLines(output)).toEqual([]);
  expect(snippets.length).toBeGreaterThan(0);
  expect(snippets.filter((s) => s.didCompile !== true).map(where)).toEqual([]);
});

test('it fails on an example that does not compile, naming the error', () => {
  const output = `${extractBroken.stdout}\n${extractBroken.stderr}`;
  expect(extractBroken.code).not.toBe(0);
  expect(output).toMatch(/cdk-containers-README-L3\.ts:\d+:\d+ - error TS2353: Object literal may only specify known properties, and 'base' does not exist/);
  expect(output).toMatch(/1 diagnostics encountered in 1 snippets/);
});

test('the tablet holds every README ```ts block and every @example of the TSDoc', () => {
  const readme = (assembly.readme as { markdown: string }).markdown;
  const fences = [...readme.matchAll(/^```ts\b.*$/gm)].map((m) => readme.slice(0, m.index).split('\n').length);
  const readmeLines = snippets.filter((s) => s.location.api.api === 'moduleReadme').map((s) => s.location.field!.line!);
  expect(fences.length).toBeGreaterThanOrEqual(10);
  expect(readmeLines.sort((a, b) => a - b)).toEqual(fences);

  const examples = snippets.filter((s) => s.location.field?.field === 'example')
    .map((s) => `${s.location.api.fqn}${s.location.api.memberName ? `#${s.location.api.memberName}` : ''}`);
  expect(examples.sort()).toEqual(assemblyExamples(assembly));
  expect(examples.length).toBeGreaterThan(0);
});

test('every example has a Python, Java, C# and Go translation', () => {
  const missing = snippets.flatMap((s) => LANGUAGES.filter((l) => !s.translations[l]?.source.trim()).map((l) => `${where(s)}: ${l}`));
  expect(missing).toEqual([]);
});

test("the README's EcrRepository example in Python, Java, C# and Go uses each language's names", () => {
  const ecr = readmeSnippet("new EcrRepository(stack, 'Api', { repositoryName: 'shop/api' })");
  const { python, java, csharp, go } = ecr.translations;
  expect(python!.source).toContain('repo = EcrRepository(stack, "Api", repository_name="shop/api")');
  expect(python!.source).toContain('repo.grant_pull(task_role)');
  expect(python!.source).toContain('repo.add_pull_accounts(["111111111111", "222222222222"])');
  // No camelCase name is left in the code (comments are carried over as written).
  expect(python!.source.replace(/#.*$/gm, '')).not.toMatch(/repositoryName|grantPull|taskRole|addPullAccounts/);
  expect(java!.source).toContain('EcrRepository.Builder.create(stack, "Api").repositoryName("shop/api").build()');
  expect(csharp!.source).toContain('new EcrRepository(stack, "Api", new EcrRepositoryProps { RepositoryName = "shop/api" })');
  expect(go!.source).toContain('cdkcontainers.NewEcrRepository(stack, jsii.String("Api"), &EcrRepositoryProps{');
});

test('the README examples that import from cdk-containers translate the import (fixture=imports)', () => {
  const network = readmeSnippet("import { NatMode, PlatformNetwork, VpcEndpointSet } from 'cdk-containers';");
  expect(network.translations.python!.source).toContain('from cdk_containers import NatMode, PlatformNetwork, VpcEndpointSet');
  expect(network.translations.python!.source).toContain('nat_mode=NatMode.NONE');
  expect(network.translations.java!.source).toContain('import io.github.cdkcontainers.PlatformNetwork;');
});

test('the TSDoc examples translate too (this becomes self)', () => {
  const eks = docExample('cdk-containers.EksCluster');
  expect(eks.translations.python!.source).toContain('platform.add_pod_identity("Api", service_account_namespace="shop", service_account="api")');
  expect(eks.translations.python!.source).toContain('EksCluster(self, "Platform"');
  const cost = docExample('cdk-containers.CostEstimator', 'estimate');
  expect(cost.translations.python!.source).toContain('print(CostEstimator.format_report(estimate))');
});
