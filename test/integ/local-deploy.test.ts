/**
 * The shipped local deploy, used as a user would: `cdk-containers-local deploy` (the built
 * dist/local/cli.js) and `require('cdk-containers/local')` in an app shaped like a fresh
 * `cdk init app --language typescript` (its cdk.json with the recommended feature flags, `npx tsx`,
 * the app's own aws-cdk CLI), with two stacks: a tagged KMS key, an ACM certificate, a library
 * EcrRepository encrypted with the key; the other stack's ALB listener uses the certificate through a
 * weak reference (Fn::GetStackOutput, the flags' default) and SSM parameters hold the key ARN through a
 * strong one (export/import). Deployed through change sets, read back, destroyed, checked for leftovers.
 * Needs `npm run build` first (it runs the built JavaScript) and python3 with moto.
 */
import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeListenersCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { KMSClient, ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { CURRENTLY_RECOMMENDED_FLAGS, NEW_PROJECT_DEFAULT_CONTEXT } from 'aws-cdk-lib/cx-api';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as local from '../../local';

const ROOT = path.join(__dirname, '..', '..');
const SHARED = 'LocalSharedStack';
const SERVICE = 'LocalServiceStack';
const FAILING = 'LocalFailingStack';
const REPOSITORY = 'local-app/web';

/** bin/local-app.ts of the app, as `cdk init` lays it out. */
const BIN = `#!/usr/bin/env node
import * as cdk from 'aws-cdk-lib';
import { FailingStack, ServiceStack, SharedStack } from '../lib/local-app-stack';

const app = new cdk.App();
const shared = new SharedStack(app, '${SHARED}');
new ServiceStack(app, '${SERVICE}', { shared });
new FailingStack(app, '${FAILING}');
cdk.Tags.of(app).add('project', 'local-app');
`;

/** lib/local-app-stack.ts: the app's stacks, built with aws-cdk-lib and the package's public API. */
const STACKS = `import * as cdk from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { EcrEncryption, EcrRegistrySettings, EcrRepository, PullThroughUpstream } from 'cdk-containers';

export class SharedStack extends cdk.Stack {
  public readonly key: kms.Key;
  public readonly certificate: acm.Certificate;
  public readonly repository: EcrRepository;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, 'Key', { enableKeyRotation: true, removalPolicy: cdk.RemovalPolicy.DESTROY, pendingWindow: cdk.Duration.days(7) });
    cdk.Tags.of(this.key).add('data-class', 'internal');
    // The recommended flags make cross-stack references weak (Fn::GetStackOutput); the key's are strong (export/import).
    cdk.CrossStackReferences.of(this.key).produce(cdk.ReferenceStrength.STRONG);
    this.certificate = new acm.Certificate(this, 'Certificate', { domainName: 'app.example.com', validation: acm.CertificateValidation.fromDns() });
    this.repository = new EcrRepository(this, 'Images', { repositoryName: '${REPOSITORY}', encryption: EcrEncryption.customerKey(this.key) });
    // Two types the emulator cannot hold (known gaps): reported as skipped, with the reason.
    new EcrRegistrySettings(this, 'Registry').addPullThroughCache('Public', { prefix: 'ecr-public', upstream: PullThroughUpstream.ecrPublic() });
  }
}

export interface ServiceStackProps extends cdk.StackProps {
  readonly shared: SharedStack;
}

export class ServiceStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    // restrictDefaultSecurityGroup would add a custom resource whose Lambda leaves its log group behind on destroy.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2, natGateways: 0, restrictDefaultSecurityGroup: false, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }],
    });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    alb.addListener('Https', {
      port: 443,
      certificates: [props.shared.certificate],
      defaultAction: elbv2.ListenerAction.fixedResponse(200, { contentType: 'text/plain', messageBody: 'ok' }),
    });
    new ssm.StringParameter(this, 'KeyArn', { parameterName: '/local-app/key-arn', stringValue: props.shared.key.keyArn });
    new ssm.StringParameter(this, 'RepositoryUri', { parameterName: '/local-app/repository-uri', stringValue: props.shared.repository.repositoryUri });
  }
}

/** Deployed only on its own: a parameter name SSM refuses (it may not begin with "aws"), after one it accepts. */
export class FailingStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const ok = new ssm.StringParameter(this, 'Accepted', { parameterName: '/local-app/accepted', stringValue: 'yes' });
    const refused = new ssm.CfnParameter(this, 'Refused', { name: 'aws-refused', type: 'String', value: 'no' });
    refused.node.addDependency(ok);
  }
}
`;

interface CliReport {
  ok: boolean;
  error?: string;
  unexplained?: string[];
  stacks?: Array<{ stackName: string; declared: number; created: number; types: Array<{ type: string; created: number; skipped: number; reason?: string }> }>;
  destroy?: { leftovers: string[]; missingRetained: string[]; retained: Array<{ type: string; id: string }> };
}

/** The built files the test runs, each newer than its source: the test runs what `npm run build` made. */
function expectBuilt(): void {
  const stale: string[] = [];
  for (const file of fs.readdirSync(path.join(ROOT, 'local')).filter((f) => f.endsWith('.ts'))) {
    const built = path.join(ROOT, 'dist', 'local', file.replace(/\.ts$/, '.js'));
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < fs.statSync(path.join(ROOT, 'local', file)).mtimeMs) stale.push(built);
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'lib', 'index.js'))) stale.push('dist/lib/index.js');
  if (stale.length) throw new Error(`missing or older than their sources (run \`npm run compile:local\`): ${stale.join(', ')}`);
}

/**
 * A fresh app, as `cdk init app --language typescript` lays it out, with the package installed as
 * npm would (its package.json, the files it ships) and the app's tools linked from the repository.
 */
function createApp(): string {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'local-app-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    fs.writeFileSync(path.join(app, file), text);
  };
  write('package.json', JSON.stringify({ name: 'local-app', version: '0.1.0', bin: { 'local-app': 'bin/local-app.js' }, private: true }, null, 2));
  write('cdk.json', JSON.stringify({ app: 'npx tsx bin/local-app.ts', context: { ...NEW_PROJECT_DEFAULT_CONTEXT, ...CURRENTLY_RECOMMENDED_FLAGS } }, null, 2));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true } }));
  write('bin/local-app.ts', BIN);
  write('lib/local-app-stack.ts', STACKS);
  const modules = path.join(app, 'node_modules');
  fs.mkdirSync(path.join(modules, '.bin'), { recursive: true });
  for (const dependency of ['aws-cdk-lib', 'constructs', 'aws-cdk', 'tsx']) {
    fs.symlinkSync(path.join(ROOT, 'node_modules', dependency), path.join(modules, dependency));
  }
  for (const bin of ['cdk', 'tsx']) fs.symlinkSync(path.join(ROOT, 'node_modules', '.bin', bin), path.join(modules, '.bin', bin));
  // The package: its own package.json (exports, bin) and the folders its "files" ship from.
  const pkg = path.join(modules, 'cdk-containers');
  fs.mkdirSync(pkg);
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  for (const shipped of ['dist', 'local']) fs.symlinkSync(path.join(ROOT, shipped), path.join(pkg, shipped));
  return app;
}

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `cdk-containers-local` as the package's "bin" names it, in the app. Asynchronous, so the
 * tests' emulators (each its own server on its own port) run side by side.
 */
function runCli(app: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const manifest = JSON.parse(fs.readFileSync(path.join(app, 'node_modules', 'cdk-containers', 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const cli = path.join(app, 'node_modules', 'cdk-containers', manifest.bin['cdk-containers-local']!);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: app, env, timeout: 240_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.on('error', reject);
    child.on('close', (status) => {
      process.stdout.write(`$ cdk-containers-local ${args.join(' ')} (exit ${status})\n${stdout}${stderr}`);
      resolve({ status, stdout, stderr });
    });
  });
}

function readReport(file: string): CliReport {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CliReport;
}

describe('local deploys of a user\'s app (cdk-containers-local, cdk-containers/local)', () => {
  // Made while the tests are collected: the deploys run concurrently, and one app serves them all.
  expectBuilt();
  const app = createApp();
  afterAll(() => fs.rmSync(app, { recursive: true, force: true })); // the links into the repository go, not what they point at

  test.concurrent('deploy: created and skipped per type, each skip a known gap with its reason; destroy leaves only the retained repository', async () => {
    // WHEN
    const run = await runCli(app, ['deploy', '--stacks', SHARED, SERVICE, '--report', 'report.json']);
    // THEN
    expect(run.status).toBe(0);
    const report = readReport(path.join(app, 'report.json'));
    expect(report.ok).toBe(true);
    expect(report.unexplained).toEqual([]);
    const types = Object.fromEntries(report.stacks!.map((s) => [s.stackName, Object.fromEntries(s.types.map((t) => [t.type, [t.created, t.skipped]]))]));
    expect(types[SHARED]).toEqual({
      'AWS::KMS::Key': [1, 0], 'AWS::CertificateManager::Certificate': [1, 0], 'AWS::ECR::Repository': [1, 0],
      'AWS::ECR::PullThroughCacheRule': [0, 1], 'AWS::ECR::RepositoryCreationTemplate': [0, 1],
    });
    expect(types[SERVICE]).toMatchObject({
      'AWS::ElasticLoadBalancingV2::LoadBalancer': [1, 0], 'AWS::ElasticLoadBalancingV2::Listener': [1, 0], 'AWS::SSM::Parameter': [2, 0], 'AWS::EC2::VPC': [1, 0],
    });
    expect(report.stacks!.map((s) => [s.stackName, s.created, s.declared])).toEqual([[SHARED, 3, 5], [SERVICE, expect.any(Number), expect.any(Number)]]);
    const service = report.stacks![1]!;
    expect(service.created).toBe(service.declared);
    const rule = report.stacks![0]!.types.find((t) => t.type === 'AWS::ECR::PullThroughCacheRule')!;
    expect(rule.reason).toBe('known emulator gap: moto 5.2.1 has no ECR pull-through cache API (proven by test/unit/ecr/registry-settings.test.ts)');
    expect(run.stdout).toContain(`${SHARED}: created 3 of 5 resources`);
    expect(run.stdout).toMatch(/AWS::CertificateManager::Certificate\s+created 1\n/);
    expect(run.stdout).toMatch(/AWS::ECR::PullThroughCacheRule\s+created 0, skipped 1 \(RegistryPublicRule\w+\): known emulator gap: moto 5.2.1 has no ECR pull-through cache API/);
    expect(report.destroy).toEqual({ leftovers: [], missingRetained: [], retained: [expect.objectContaining({ type: 'AWS::ECR::Repository', id: REPOSITORY })] });
    expect(run.stdout).toContain(`retained (DeletionPolicy Retain): AWS::ECR::Repository ${REPOSITORY}`);
    expect(run.stdout).toContain('no leftovers');
  });

  test.concurrent('read-back in jest through cdk-containers/local: tags, the certificate on the listener, strong and weak references', async () => {
    // GIVEN the package's entry as the app resolves it (package.json "exports")
    const entry = require.resolve('cdk-containers/local', { paths: [app] });
    expect(entry).toBe(fs.realpathSync(path.join(app, 'node_modules', 'cdk-containers', 'dist', 'local', 'index.js')));
    const { startLocalDeploy } = await import(entry) as typeof local;
    // WHEN
    const deployment = await startLocalDeploy({ cwd: app, stacks: [SHARED, SERVICE] });
    let destroyed = false;
    try {
      // THEN
      expect(deployment.unexplained).toEqual([]);
      const ofType = async (stack: string, type: string) => (await deployment.resources(stack)).filter((r) => r.ResourceType === type).map((r) => r.PhysicalResourceId!);
      const [keyId] = await ofType(SHARED, 'AWS::KMS::Key');
      const [certificateArn] = await ofType(SHARED, 'AWS::CertificateManager::Certificate');
      const tags = (await new KMSClient(deployment.clientConfig).send(new ListResourceTagsCommand({ KeyId: keyId }))).Tags ?? [];
      expect(tags).toEqual(expect.arrayContaining([{ TagKey: 'data-class', TagValue: 'internal' }, { TagKey: 'project', TagValue: 'local-app' }]));

      const [listenerArn] = await ofType(SERVICE, 'AWS::ElasticLoadBalancingV2::Listener');
      const listener = (await new ElasticLoadBalancingV2Client(deployment.clientConfig).send(new DescribeListenersCommand({ ListenerArns: [listenerArn!] }))).Listeners![0]!;
      expect(listener.Certificates).toEqual([expect.objectContaining({ CertificateArn: certificateArn })]);

      const template = JSON.stringify((await new CloudFormationClient(deployment.clientConfig).send(new GetTemplateCommand({ StackName: SERVICE }))).TemplateBody);
      expect(template).toContain('Fn::GetStackOutput'); // the certificate: weak
      expect(template).toContain('Fn::ImportValue'); // the key: strong
      const ssm = new SSMClient(deployment.clientConfig);
      const keyArn = (await ssm.send(new GetParameterCommand({ Name: '/local-app/key-arn' }))).Parameter!.Value;
      expect(keyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:123456789012:key/${keyId}$`));
      const repository = (await new ECRClient(deployment.clientConfig).send(new DescribeRepositoriesCommand({ repositoryNames: [REPOSITORY] }))).repositories![0]!;
      expect((await ssm.send(new GetParameterCommand({ Name: '/local-app/repository-uri' }))).Parameter!.Value).toBe(repository.repositoryUri);
      expect(repository.encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: keyArn });

      const report = await deployment.destroy();
      destroyed = true;
      expect(report.leftovers).toEqual([]);
      expect(report.retained.map((r) => `${r.type} ${r.id}`)).toEqual([`AWS::ECR::Repository ${REPOSITORY}`]);
    } finally {
      if (!destroyed) await deployment.close();
    }
  });

  test.concurrent('a failed deploy exits 1 with the failed resource, and its stack is destroyed, not left stuck', async () => {
    // WHEN
    const run = await runCli(app, ['deploy', '--stacks', FAILING, '--report', 'failed.json']);
    // THEN
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Deploy failed: .*\n[^]*LocalFailingStack\/Refused \(AWS::SSM::Parameter\): /);
    const report = readReport(path.join(app, 'failed.json'));
    expect(report.ok).toBe(false);
    // The parameter created before the failure is gone again, and the stack with it.
    expect(report.destroy).toEqual({ leftovers: [], missingRetained: [], retained: [] });
    expect(run.stdout).toContain('The stacks were destroyed after the failed deploy.');
  });

  test.concurrent('without moto (python3 without its site packages) or without python3: a clear error with the install command', async () => {
    // GIVEN a python3 first on the PATH that cannot import moto, then a PATH without python3
    const bin = fs.mkdtempSync(path.join(app, 'no-moto-'));
    const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim();
    fs.writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\nexec ${python} -S "$@"\n`, { mode: 0o755 });
    const noPython = fs.mkdtempSync(path.join(app, 'no-python-'));
    fs.symlinkSync(process.execPath, path.join(noPython, 'node'));
    // WHEN
    const withoutMoto = await runCli(app, ['deploy'], { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    const withoutPython = await runCli(app, ['deploy'], { ...process.env, PATH: noPython });
    // THEN
    expect(withoutMoto.status).toBe(2);
    expect(withoutMoto.stderr).toContain("moto with its server extras, which `python3` cannot import. Run: pip install 'moto[server]==5.2.1'");
    expect(withoutPython.status).toBe(2);
    expect(withoutPython.stderr).toContain("needs Python 3 (`python3` could not be run");
    expect(withoutPython.stderr).toContain("pip install 'moto[server]==5.2.1'");
  });
});
