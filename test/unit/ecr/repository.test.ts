import { App, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { EcrEncryption, EcrLifecycle, EcrRepository, ImageTagMutability, ValidationError } from '../../../lib';
import { newStack } from '../../support/stack';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';

function lifecycleRules(template: Template): Array<Record<string, unknown>> {
  const repos = template.findResources('AWS::ECR::Repository');
  const text = Object.values(repos)[0].Properties.LifecyclePolicy.LifecyclePolicyText as string;
  return JSON.parse(text).rules;
}

describe('EcrRepository defaults', () => {
  let stack: Stack;
  let repo: EcrRepository;
  let template: Template;

  beforeAll(() => {
    // GIVEN / WHEN
    stack = newStack();
    repo = new EcrRepository(stack, 'Images');
    template = Template.fromStack(stack);
  });

  test('images are scanned on push, tags are immutable and images are KMS-encrypted at rest', () => {
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageScanningConfiguration: { ScanOnPush: true },
      ImageTagMutability: 'IMMUTABLE',
      EncryptionConfiguration: { EncryptionType: 'KMS' },
    });
  });

  test('the repository is retained when the stack is deleted or the resource replaced', () => {
    template.hasResource('AWS::ECR::Repository', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::ECR::Repository', { EmptyOnDelete: Match.absent() });
  });

  test('untagged images expire after 7 days and the newest 100 tagged images are kept', () => {
    expect(lifecycleRules(template)).toEqual([
      expect.objectContaining({
        rulePriority: 1,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' },
        action: { type: 'expire' },
      }),
      expect.objectContaining({
        rulePriority: 2,
        selection: { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 100 },
      }),
    ]);
  });

  test('the name is always set, derived from the stack name and construct path', () => {
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: Match.stringLikeRegexp('^stack/images-[0-9a-f]{8}$') });
    expect(stack.resolve(repo.repositoryName)).toEqual({ Ref: expect.stringMatching(/^Images/) });
  });

  test('the derived name is the same on every synth and differs between constructs', () => {
    const names = [0, 1].map(() => {
      const s = newStack();
      new EcrRepository(s, 'Images');
      new EcrRepository(s, 'Images_2');
      return Object.values(Template.fromStack(s).findResources('AWS::ECR::Repository')).map((r) => r.Properties.RepositoryName);
    });
    expect(names[0]).toEqual(names[1]);
    expect(new Set(names[0]).size).toBe(2);
    expect(names[0][1]).toMatch(/^stack\/images-2-[0-9a-f]{8}$/);
  });

  test('a derived name fits ECR\'s 256 characters for the longest stack name and a long path, and is stable', () => {
    // GIVEN: a 128-character stack name (CloudFormation's maximum) and construct ids of 149 characters
    const stackName = `Platform-${'Very-Long-Stack-Name-'.repeat(6)}`.slice(0, 128);
    const longId = `Images${'AndMoreImages'.repeat(11)}`;
    const synth = () => {
      const s = new Stack(new App(), 'Stack', { stackName });
      const group = new Construct(s, longId);
      new EcrRepository(group, longId);
      new EcrRepository(group, `${longId}2`);
      return Object.values(Template.fromStack(s).findResources('AWS::ECR::Repository')).map((r) => r.Properties.RepositoryName as string);
    };

    // WHEN
    const names = [synth(), synth()];

    // THEN
    expect(stackName).toHaveLength(128);
    expect(names[0]).toEqual(names[1]);
    expect(new Set(names[0]).size).toBe(2);
    for (const name of names[0]) {
      expect(name.length).toBeLessThanOrEqual(256);
      expect(name).toMatch(/^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/);
      expect(name).toMatch(/\/imagesandmoreimages[a-z]*-[0-9a-f]{8}$/);
      expect(name.startsWith(`${stackName.toLowerCase()}/`)).toBe(true);
    }
  });

  test('no resource policy, no custom resource, no Lambda', () => {
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryPolicyText: Match.absent() });
    expect(Object.keys(template.toJSON().Resources)).toHaveLength(1);
  });

  test('snapshot of the default repository', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcrRepository options', () => {
  test('tag exclusions keep matching tags mutable', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { tagMutability: ImageTagMutability.immutableExcept(['latest', 'dev-*']) });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' },
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'dev-*' },
      ],
    });
  });

  test('mutable tags are possible, with a warning', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { tagMutability: ImageTagMutability.mutable() });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { ImageTagMutability: 'MUTABLE' });
    Annotations.fromStack(stack).hasWarning('/Stack/Images', Match.stringLikeRegexp('mutable'));
  });

  test('scan on push can be turned off (for registry-level enhanced scanning)', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { scanOnPush: false });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { ImageScanningConfiguration: { ScanOnPush: false } });
  });

  test('a customer managed key encrypts the images', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const repo = new EcrRepository(stack, 'Images', { encryption: EcrEncryption.customerKey(key) });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
      EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } },
    });
    expect(repo.encryptionKey).toBe(key);
  });

  test('AES-256 encryption is available', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { encryption: EcrEncryption.aes256() });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { EncryptionConfiguration: { EncryptionType: 'AES256' } });
  });

  test('explicit names are kept as given', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { repositoryName: 'shop/api-v2_beta.1' });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'shop/api-v2_beta.1' });
  });

  test('DESTROY with emptyOnDelete deletes the repository and its images, natively', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::ECR::Repository', { DeletionPolicy: 'Delete', Properties: Match.objectLike({ EmptyOnDelete: true }) });
    expect(Object.keys(template.findResources('Custom::ECRAutoDeleteImages'))).toHaveLength(0);
  });

  test('custom lifecycle settings', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', {
      lifecycle: EcrLifecycle.standard({
        expireUntaggedAfter: Duration.days(1),
        keepTaggedImages: 20,
        additionalRules: [{ description: 'PR images', tagPrefixList: ['pr-'], maxImageCount: 5 }],
      }),
    });
    const rules = lifecycleRules(Template.fromStack(stack));
    expect(rules.map((r) => r.selection)).toEqual([
      { tagStatus: 'tagged', tagPrefixList: ['pr-'], countType: 'imageCountMoreThan', countNumber: 5 },
      { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 1, countUnit: 'days' },
      { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 20 },
    ]);
  });

  test('cross-account pull lists each account and never a wildcard principal', () => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { pullAccounts: ['111111111111', '222222222222'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Statement: [{
          Sid: 'CrossAccountPull',
          Effect: 'Allow',
          Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
          Principal: { AWS: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] },
          ] },
        }],
      },
    });
    expect(JSON.stringify(template.toJSON())).not.toMatch(/"AWS":"\*"/);
  });

  test('addPullAccounts after pullAccounts, and twice, keeps one CrossAccountPull statement listing each account once', () => {
    // GIVEN
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images', { pullAccounts: ['111111111111'] });

    // WHEN
    repo.addPullAccounts(['222222222222', '111111111111']);
    repo.addPullAccounts(['333333333333', '222222222222', '333333333333']);

    // THEN
    const repos = Template.fromStack(stack).findResources('AWS::ECR::Repository');
    const statements = Object.values(repos)[0].Properties.RepositoryPolicyText.Statement as Array<{ Sid?: string; Principal: { AWS: unknown } }>;
    const sids = statements.map((st) => st.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids).toEqual(['CrossAccountPull']);
    const accounts = JSON.stringify(statements[0].Principal.AWS).match(/:iam::\d{12}:root/g);
    expect(accounts).toEqual([':iam::111111111111:root', ':iam::222222222222:root', ':iam::333333333333:root']);
  });

  test('addPullAccounts with only known accounts, or none, changes nothing', () => {
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images');
    repo.addPullAccounts([]);
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { RepositoryPolicyText: Match.absent() });

    const other = newStack();
    const shared = new EcrRepository(other, 'Images', { pullAccounts: ['111111111111'] });
    shared.addPullAccounts(['111111111111']);
    Template.fromStack(other).hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: { Statement: [Match.objectLike({
        Sid: 'CrossAccountPull',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } },
      })] },
    });
  });

  test('grantPull, grantPush and grantPullPush grant the ECR actions on the repository', () => {
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images');
    const puller = new iam.Role(stack, 'Puller', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    const pusher = new iam.Role(stack, 'Pusher', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    const both = new iam.Role(stack, 'Both', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    repo.grantPull(puller);
    repo.grantPush(pusher);
    repo.grantPullPush(both);
    const template = Template.fromStack(stack);
    const repoArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Images'), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Puller') }],
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: repoArn }),
        Match.objectLike({ Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
      ]) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Pusher') }],
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Action: Match.arrayWith(['ecr:CompleteLayerUpload', 'ecr:PutImage']), Resource: repoArn }),
      ]) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Both') }],
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage', 'ecr:PutImage']), Resource: repoArn }),
      ]) },
    });
  });

  test('imageUri renders tags with ":" and digests with "@"', () => {
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images', { repositoryName: 'shop/api' });
    const digest = `sha256:${'a'.repeat(64)}`;
    const uri = (tagOrDigest: string) => JSON.stringify(stack.resolve(repo.imageUri(tagOrDigest)));
    expect(uri('1.4.2')).toMatch(/\.dkr\.ecr\..*"\/",\{"Ref":"Images[0-9A-F]+"\},":1\.4\.2"\]\]\}$/);
    expect(uri(digest)).toMatch(new RegExp(`\\{"Ref":"Images[0-9A-F]+"\\},"@${digest}"\\]\\]\\}$`));
  });

  test('containerImage plugs the repository into an ECS task and grants the execution role pull', () => {
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images', { repositoryName: 'shop/api' });
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('app', { image: repo.containerImage('1.0.0') });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Image: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':1.0.0'])] }) })],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^TaskExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
    });
  });

  test('kubernetesImage grants a node role pull and returns the image URI', () => {
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images', { repositoryName: 'shop/api' });
    const nodeRole = new iam.Role(stack, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const uri = repo.kubernetesImage(nodeRole, '2.0.0');
    expect(JSON.stringify(stack.resolve(uri))).toMatch(/\{"Ref":"Images[0-9A-F]+"\},":2\.0\.0"\]\]\}$/);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^NodeRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
    });
  });

  test('fromRepositoryName and fromRepositoryArn import existing repositories', () => {
    const stack = newStack();
    const byName = EcrRepository.fromRepositoryName(stack, 'ByName', 'shop/api');
    const byArn = EcrRepository.fromRepositoryArn(stack, 'ByArn', 'arn:aws:ecr:eu-west-1:111111111111:repository/shop/web');
    expect(byName.repositoryName).toBe('shop/api');
    expect(byArn.repositoryName).toBe('shop/web');
  });

  test('changing ordinary props keeps the logical id and the name (no replacement, no lost images)', () => {
    const ids = [{}, { scanOnPush: false, lifecycle: EcrLifecycle.standard({ keepTaggedImages: 5 }), pullAccounts: ['111111111111'] }].map((props) => {
      const stack = newStack();
      new EcrRepository(stack, 'Images', props);
      const repos = Template.fromStack(stack).findResources('AWS::ECR::Repository');
      return Object.entries(repos).map(([id, r]) => [id, r.Properties.RepositoryName]);
    });
    expect(ids[0]).toEqual(ids[1]);
  });
});

describe('EcrRepository bad input', () => {
  const cases: Array<[string, (stack: Stack) => void, RegExp]> = [
    ['upper-case name', (s) => new EcrRepository(s, 'Images', { repositoryName: 'My_Repo' }), /\[Stack\/Images\] repositoryName: got "My_Repo"; allowed: 2 to 256 characters of lower-case.*did you mean "my-repo"/],
    ['one-character name', (s) => new EcrRepository(s, 'Images', { repositoryName: 'a' }), /repositoryName: got "a"; allowed: 2 to 256/],
    ['name over 256 characters', (s) => new EcrRepository(s, 'Images', { repositoryName: 'a'.repeat(257) }), /repositoryName: got "a{257}"; allowed/],
    ['mixed separators', (s) => new EcrRepository(s, 'Images', { repositoryName: 'shop._api' }), /repositoryName: got "shop._api"/],
    ['three underscores', (s) => new EcrRepository(s, 'Images', { repositoryName: 'shop___api' }), /repositoryName: got "shop___api"/],
    ['snapshot removal policy', (s) => new EcrRepository(s, 'Images', { removalPolicy: RemovalPolicy.SNAPSHOT }),
      /\[Stack\/Images\] removalPolicy: got "snapshot"; allowed: RemovalPolicy\.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY/],
    ['trailing slash', (s) => new EcrRepository(s, 'Images', { repositoryName: 'shop/' }), /repositoryName: got "shop\/"/],
    ['emptyOnDelete without DESTROY', (s) => new EcrRepository(s, 'Images', { emptyOnDelete: true }), /\[Stack\/Images\] emptyOnDelete: got "true with removalPolicy retain"; allowed: emptyOnDelete only together with removalPolicy: RemovalPolicy.DESTROY/],
    ['wildcard pull principal', (s) => new EcrRepository(s, 'Images', { pullAccounts: ['*'] }), /\[Stack\/Images\] pullAccounts: got "\*"; allowed: 12-digit AWS account ids; "\*" and other wildcards are never allowed/],
    ['short account id', (s) => new EcrRepository(s, 'Images', { pullAccounts: ['12345'] }), /pullAccounts: got "12345"/],
    ['no tag exclusions', (s) => new EcrRepository(s, 'Images', { tagMutability: ImageTagMutability.immutableExcept([]) }), /tagMutability: got \[\]; allowed: 1 to 5 exclusion filters/],
    ['six tag exclusions', (s) => new EcrRepository(s, 'Images', { tagMutability: ImageTagMutability.immutableExcept(['a', 'b', 'c', 'd', 'e', 'f']) }), /allowed: 1 to 5 exclusion filters/],
    ['bad tag exclusion', (s) => new EcrRepository(s, 'Images', { tagMutability: ImageTagMutability.immutableExcept(['v1/latest']) }), /tagMutability: got "v1\/latest"/],
    ['bad image tag', (s) => new EcrRepository(s, 'Images').imageUri('-bad tag'), /tagOrDigest: got "-bad tag"; allowed: a tag of 1 to 128/],
    ['bad digest', (s) => new EcrRepository(s, 'Images').containerImage('sha256:xyz'), /tagOrDigest: got "sha256:xyz"/],
    ['bad imported name', (s) => EcrRepository.fromRepositoryName(s, 'Imported', 'Shop/API'), /\[Stack\] repositoryName: got "Shop\/API".*did you mean "shop\/api"/],
    ['bad imported ARN', (s) => EcrRepository.fromRepositoryArn(s, 'Imported', 'arn:aws:s3:::bucket'), /repositoryArn: got "arn:aws:s3:::bucket"; allowed: an ECR repository ARN/],
    ['asymmetric customer key', (s) => new EcrRepository(s, 'Images', {
      encryption: EcrEncryption.customerKey(new kms.Key(s, 'Key', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY })),
    }), /\[Stack\/Images\] encryption: got "a key with keySpec ECC_NIST_P256 and keyUsage SIGN_VERIFY"; allowed: a symmetric encryption key/],
    ['customer key of another region', (s) => {
      const regional = new Stack(s.node.root as App, 'Regional', { env: { account: '111111111111', region: 'eu-west-1' } });
      const key = kms.Key.fromKeyArn(regional, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      new EcrRepository(regional, 'Images', { encryption: EcrEncryption.customerKey(key) });
    }, /\[Regional\/Images\] encryption: got "a key in us-east-1"; allowed: a KMS key in the repository's region \(eu-west-1\)/],
  ];

  test.each([
    ['a double underscore', 'shop/a__b'],
    ['a run of hyphens', 'shop/a---b'],
  ])('names with %s, which ECR accepts and aws-cdk-lib would refuse, are rendered as given', (_name, repositoryName) => {
    const stack = newStack();
    new EcrRepository(stack, 'Images', { repositoryName });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { RepositoryName: repositoryName });
  });

  test('a token tag exclusion filter is written to the template as given', () => {
    const stack = newStack();
    const filter = new CfnParameter(stack, 'Filter').valueAsString;
    new EcrRepository(stack, 'Images', { tagMutability: ImageTagMutability.immutableExcept(['latest', filter]) });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutabilityExclusionFilters: [
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' },
        { ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: { Ref: 'Filter' } },
      ],
    });
  });

  test.each(cases)('%s throws a ValidationError naming path, value and allowed values', (_name, build, message) => {
    const stack = newStack();
    expect(() => build(stack)).toThrow(ValidationError);
    expect(() => build(newStack())).toThrow(message);
  });

  test('values that are tokens are not checked at synth', () => {
    const stack = newStack();
    const name = new CfnParameter(stack, 'RepoName').valueAsString;
    const account = new CfnParameter(stack, 'Account').valueAsString;
    const tag = new CfnParameter(stack, 'Tag').valueAsString;
    const repo = new EcrRepository(stack, 'Images', { repositoryName: name, pullAccounts: [account] });
    expect(() => repo.imageUri(tag)).not.toThrow();
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', { RepositoryName: { Ref: 'RepoName' } });
  });

  test('the wrapped L2 stays reachable as an escape hatch', () => {
    const stack = newStack();
    const repo = new EcrRepository(stack, 'Images');
    expect(repo.repository).toBeInstanceOf(ecr.Repository);
    expect(repo.repository.node.id).toBe('Resource');
  });
});

// The notes on container services the project was born from (shared/SEED-container-services-notes.md), ECR part.
describe('EcrRepository lifecycle policy length', () => {
  const longRule = (i: number): ecr.LifecycleRule => ({ tagStatus: ecr.TagStatus.TAGGED, tagPrefixList: [`p${i}`.padEnd(700, 'x')], maxImageCount: 1 });

  test('a policy over 30,720 characters, reached by rules added after construction, fails at synth with its length', () => {
    // GIVEN
    const stack = newStack('Test');
    const repo = new EcrRepository(stack, 'Images', { lifecycle: EcrLifecycle.custom(Array.from({ length: 30 }, (_, i) => longRule(i))) });
    // WHEN
    for (let i = 30; i < 40; i++) repo.repository.addLifecycleRule(longRule(i));
    // THEN
    expect(() => Template.fromStack(stack)).toThrow(ValidationError);
    expect(() => Template.fromStack(stack)).toThrow(/^\[Test\/Images\] lifecycle: got "a lifecycle policy of \d+ characters"; allowed: at most 30720 characters of policy text\./);
  });

  test('a policy that fits is written whole', () => {
    const stack = newStack('Test');
    new EcrRepository(stack, 'Images', { lifecycle: EcrLifecycle.custom(Array.from({ length: 35 }, (_, i) => longRule(i))) });
    const repo = Object.values(Template.fromStack(stack).findResources('AWS::ECR::Repository'))[0]!;
    const text = repo.Properties.LifecyclePolicy.LifecyclePolicyText as string;
    expect(text.length).toBeLessThanOrEqual(30720);
    expect((JSON.parse(text) as { rules: unknown[] }).rules).toHaveLength(35);
  });
});

describe('notes: the container-services notes hold for ECR (SEED notes, ECR)', () => {
  let stack: Stack;
  let repo: EcrRepository;
  let template: Template;
  let nodeRole: iam.Role;

  beforeAll(() => {
    // GIVEN
    stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    repo = new EcrRepository(stack, 'Images', { repositoryName: 'shop/api' });
    new EcrRepository(stack, 'Sse', { repositoryName: 'shop/sse', encryption: EcrEncryption.aes256() });
    // WHEN: used from ECS and from EKS
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('api', { image: repo.containerImage('1.4.2') });
    nodeRole = new iam.Role(stack, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    repo.kubernetesImage(nodeRole, '1.4.2');
    template = Template.fromStack(stack);
  });

  test('notes: "integrates with ECS" and "you can also use ECR with EKS": task execution roles and node roles may pull', () => {
    for (const role of ['^TaskExecutionRole', '^NodeRole']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp(role) }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage']) })]) },
      });
    }
  });

  test('notes: "supports the Docker Registry HTTP API v2: use Docker CLI commands": images are addressed as registry/name:tag or @digest', () => {
    // <account>.dkr.ecr.<region>.<suffix>/<name>, then ":tag" or "@digest": what `docker pull` takes
    const parts = (uri: string): unknown[] => (stack.resolve(uri) as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const tagged = parts(repo.imageUri('1.4.2'));
    expect(tagged.filter((p) => typeof p === 'string')).toEqual(['.dkr.ecr.', '.', '/', ':1.4.2']);
    expect(tagged[tagged.length - 2]).toEqual(stack.resolve(repo.repository.repositoryName));
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parts(repo.imageUri(digest)).slice(-1)).toEqual([`@${digest}`]);
  });

  test('notes: "container images at rest are encrypted with S3 server-side encryption": every repository has an encryption setting (KMS by default, or AES-256)', () => {
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'shop/api', EncryptionConfiguration: { EncryptionType: 'KMS' } });
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'shop/sse', EncryptionConfiguration: { EncryptionType: 'AES256' } });
  });
});

describe(SAME_IDENTITIES, () => {
  test('EcrRepository: lifecycle, scanning, cross-account pull', () => {
    expectSameIdentities(
      (s) => new EcrRepository(s, 'Images'),
      (s) => new EcrRepository(s, 'Images', { scanOnPush: false, lifecycle: EcrLifecycle.standard({ keepTaggedImages: 5 }), pullAccounts: ['111111111111'] }),
      ['AWS::ECR::Repository'],
    );
  });
});

describe('ImageTagMutability lists', () => {
  test('exclusions are a copy of the filters given: changing the caller\'s array later changes nothing', () => {
    // GIVEN
    const filters = ['latest'];
    const mutability = ImageTagMutability.immutableExcept(filters);
    // WHEN
    filters.push('dev-*');
    const stack = new Stack(new App(), 'Stack');
    new EcrRepository(stack, 'Images', { repositoryName: 'team/app', tagMutability: mutability });
    // THEN
    expect(mutability.exclusions).toEqual(['latest']);
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' }],
    });
  });
});
