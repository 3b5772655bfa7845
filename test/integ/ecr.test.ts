import {
  DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient, GetLifecyclePolicyCommand, GetRepositoryPolicyCommand, PutImageCommand, Repository,
} from '@aws-sdk/client-ecr';
import * as path from 'path';
import { CdkCli } from './harness/cdk';
import { expectCleanAccount } from './harness/expect-clean';
import { accountFor, unexplainedSkips } from './harness/resources';
import { IntegSession, openSession, PHASE_TIMEOUT } from './harness/session';
import { Target } from './harness/target';
import { STACK } from './integ.ecr';

const MANIFEST = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
  config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: 2, digest: `sha256:${'1'.repeat(64)}` },
  layers: [],
});
const V2 = { 'integ:variant': 'v2' };

describe('integ.ecr: deploy, update and destroy ECR repositories', () => {
  let session: IntegSession;
  let target: Target;
  let cdk: CdkCli;
  let ecr: ECRClient;
  let before: Repository;

  async function repository(name: string): Promise<Repository | undefined> {
    const all = await ecr.send(new DescribeRepositoriesCommand({}));
    return all.repositories?.find((r) => r.repositoryName === name);
  }

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.ecr.ts'));
    ({ target, cdk } = session);
    ecr = new ECRClient(target.clientConfig);
    await cdk.deploy([STACK]);
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('every declared resource was created', async () => {
    const account = await accountFor(target, STACK, cdk.templateFile(STACK));
    expect(unexplainedSkips(account)).toEqual([]);
    expect(account.created.map((r) => r.ResourceType).sort()).toEqual(['AWS::ECR::Repository', 'AWS::ECR::Repository', 'AWS::KMS::Key']);
  }, PHASE_TIMEOUT.readBack);

  test('the repositories exist with immutable tags, KMS encryption and the lifecycle policy', async () => {
    before = (await repository('integ/retained'))!;
    expect(before).toBeDefined();
    expect(before.imageTagMutability).toBe('IMMUTABLE_WITH_EXCLUSION');
    // KMS with ECR's AWS managed key (alias/aws/ecr: no key of the app's), scanned on push.
    expect(before.encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: expect.stringMatching(/^arn:aws:kms:[a-z0-9-]+:\d{12}:key\//) });
    expect(before.imageScanningConfiguration).toEqual({ scanOnPush: true });
    const policy = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'integ/retained' }));
    const rules = JSON.parse(policy.lifecyclePolicyText!).rules;
    expect(rules.map((r: { selection: { tagStatus: string; countNumber: number } }) => [r.selection.tagStatus, r.selection.countNumber]))
      .toEqual([['untagged', 7], ['tagged', 50]]);
    // The disposable repository is encrypted with the app's own key, not ECR's.
    const key = (await accountFor(target, STACK, cdk.templateFile(STACK))).created.find((r) => r.ResourceType === 'AWS::KMS::Key')!;
    const disposable = await repository('integ/disposable');
    expect(disposable?.encryptionConfiguration).toEqual({ encryptionType: 'KMS', kmsKey: expect.stringMatching(new RegExp(`:key/${key.PhysicalResourceId}$`)) });
    expect(disposable?.encryptionConfiguration?.kmsKey).not.toBe(before.encryptionConfiguration?.kmsKey);
  }, PHASE_TIMEOUT.readBack);

  test('an image pushed to the retained repository is stored', async () => {
    await ecr.send(new PutImageCommand({ repositoryName: 'integ/retained', imageManifest: MANIFEST, imageTag: '1.0.0' }));
    // moto 5.2.1 ignores EmptyOnDelete, so only a real account can show that DESTROY + emptyOnDelete deletes images.
    if (target.kind === 'aws') {
      await ecr.send(new PutImageCommand({ repositoryName: 'integ/disposable', imageManifest: MANIFEST, imageTag: '1.0.0' }));
    }
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'integ/retained' }));
    expect(images.imageDetails?.map((d) => d.imageTags)).toEqual([['1.0.0']]);
  }, PHASE_TIMEOUT.readBack);

  test('an update changes the settings in place: same repository, same images', async () => {
    await cdk.deploy([STACK], V2);
    const account = await accountFor(target, STACK, await cdk.template(STACK, V2));
    expect(unexplainedSkips(account)).toEqual([]);
    expect(account.created.map((r) => r.ResourceType).sort()).toEqual(['AWS::ECR::Repository', 'AWS::ECR::Repository', 'AWS::KMS::Key']);
    const after = (await repository('integ/retained'))!;
    expect(after.repositoryArn).toBe(before.repositoryArn);
    expect(after.createdAt?.getTime()).toBe(before.createdAt?.getTime());
    const policy = await ecr.send(new GetLifecyclePolicyCommand({ repositoryName: 'integ/retained' }));
    expect(JSON.parse(policy.lifecyclePolicyText!).rules[1].selection.countNumber).toBe(20);
    const repoPolicy = await ecr.send(new GetRepositoryPolicyCommand({ repositoryName: 'integ/retained' }));
    expect(repoPolicy.policyText).toContain('111111111111');
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'integ/retained' }));
    expect(images.imageDetails?.map((d) => d.imageTags)).toEqual([['1.0.0']]);
  }, PHASE_TIMEOUT.update);

  test('destroy deletes the disposable repository and keeps the retained one with its images', async () => {
    const report = await session.destroy([STACK], V2);
    expect(await repository('integ/disposable')).toBeUndefined();
    const kept = await repository('integ/retained');
    expect(kept?.repositoryArn).toBe(before.repositoryArn);
    const images = await ecr.send(new DescribeImagesCommand({ repositoryName: 'integ/retained' }));
    expect(images.imageDetails?.map((d) => d.imageTags)).toEqual([['1.0.0']]);
    // The account is as it was before the deploy, but for the retained repository (asserted, then deleted).
    expect(report.retained.map((r) => `${r.type} ${r.id}`)).toEqual(['AWS::ECR::Repository integ/retained']);
    await expectCleanAccount(session, report, ['AWS::ECR::Repository Retained969D0A36']);
    expect(await repository('integ/retained')).toBeUndefined();
  }, PHASE_TIMEOUT.destroy);
});
