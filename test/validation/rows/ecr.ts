import { App, CfnParameter, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  EcrEncryption, EcrLifecycle, EcrRegistrySettings, EcrRegistrySettingsProps, EcrRepository, EcrRepositoryProps,
  ImageTagMutability, PullThroughUpstream, RegistryScanning, ReplicationDestination, ScanFrequency,
} from '../../../lib';
import { error, free, typed, ValidationRow, warning } from '../table';

const REPOSITORY = 'lib/ecr/repository.ts';
const LIFECYCLE = 'lib/ecr/lifecycle.ts';
const REGISTRY = 'lib/ecr/registry-settings.ts';
const DIGEST = `sha256:${'a'.repeat(64)}`;

function repo(stack: Stack, props: EcrRepositoryProps = {}): EcrRepository {
  return new EcrRepository(stack, 'Repo', props);
}

/** A repository with exactly these lifecycle rules. */
function rules(stack: Stack, lifecycleRules: ecr.LifecycleRule[]): EcrRepository {
  return repo(stack, { lifecycle: EcrLifecycle.custom(lifecycleRules) });
}

function registry(stack: Stack, props: EcrRegistrySettingsProps = {}): EcrRegistrySettings {
  return new EcrRegistrySettings(stack, 'Registry', props);
}

/** A pull-through cache of ECR Public under `prefix`. */
function cache(stack: Stack, prefix: string): void {
  registry(stack).addPullThroughCache('Cache', { prefix, upstream: PullThroughUpstream.ecrPublic() });
}

/** A stack of the same app in a known region, for rules that compare regions. */
function regionalStack(stack: Stack, region: string): Stack {
  return new Stack(stack.node.root as App, 'Regional', { env: { account: '111111111111', region } });
}

/** A secret with this name, as a pull-through cache credential. */
function secret(stack: Stack, name: string): secretsmanager.ISecret {
  return secretsmanager.Secret.fromSecretNameV2(stack, 'Credential', name);
}

/** `n` destinations in eu-west-1, each in another account. */
function destinations(n: number): ReplicationDestination[] {
  return Array.from({ length: n }, (_, i) => ({ region: 'eu-west-1', account: String(100000000000 + i) }));
}

function replicate(stack: Stack, rule: { destinations?: ReplicationDestination[]; repositoryPrefixes?: string[] }): void {
  registry(stack, { replication: [{ destinations: rule.destinations ?? [{ region: 'eu-west-1' }], repositoryPrefixes: rule.repositoryPrefixes }] });
}

function scanFilters(stack: Stack, repositoryFilters: string[]): void {
  registry(stack, { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.CONTINUOUS, repositoryFilters }]) });
}

/** `count` rules of about 850 characters each (one 700-character tag prefix per rule). */
function longRules(count: number): ecr.LifecycleRule[] {
  return Array.from({ length: count }, (_, i) => ({ tagStatus: ecr.TagStatus.TAGGED, tagPrefixList: [`p${i}`.padEnd(700, 'x')], maxImageCount: 1 }));
}

/** The rows of ECR: repositories, lifecycle policies and registry settings. */
export const rows: ValidationRow[] = [
  // EcrRepositoryProps
  error({
    type: 'EcrRepositoryProps', property: 'repositoryName', rule: '2 to 256 characters', source: 'API ecr CreateRepository', where: REPOSITORY,
    bad: (s) => repo(s, { repositoryName: 'a'.repeat(257) }),
    edge: (s) => repo(s, { repositoryName: 'a'.repeat(256) }),
  }),
  error({
    type: 'EcrRepositoryProps', property: 'repositoryName', rule: 'at least 2 characters', source: 'API ecr CreateRepository', where: REPOSITORY,
    bad: (s) => repo(s, { repositoryName: 'a' }),
    edge: (s) => repo(s, { repositoryName: 'ab' }),
  }),
  error({
    type: 'EcrRepositoryProps', property: 'repositoryName',
    rule: 'lower-case letters and digits separated by ".", "_", "__" or one or more "-", in "/"-separated namespaces',
    source: 'API ecr CreateRepository', where: REPOSITORY,
    bad: (s) => repo(s, { repositoryName: 'team/app-' }),
    edge: (s) => repo(s, { repositoryName: 'team/a__b--c.d_e' }),
  }),
  warning({
    type: 'EcrRepositoryProps', property: 'tagMutability', rule: 'mutable tags are legal, but a tag then no longer identifies one image',
    source: 'library', where: REPOSITORY, warningId: 'cdk-containers:ecrMutableTags',
    bad: (s) => repo(s, { tagMutability: ImageTagMutability.mutable() }),
    edge: (s) => repo(s, { tagMutability: ImageTagMutability.immutableExcept(['latest']) }),
  }),
  ...typed('EcrRepositoryProps', 'a boolean', 'scanOnPush'),
  ...typed('EcrRepositoryProps', 'an EcrEncryption from its factories; the customer key is checked by EcrEncryption.customerKey', 'encryption'),
  error({
    type: 'EcrRepositoryProps', property: 'lifecycle', rule: 'the rendered policy text holds at most 30,720 characters (rules added later count too)',
    source: 'CFN AWS::ECR::Repository (LifecyclePolicyText)', where: 'lib/ecr/repository.ts',
    bad: (s) => rules(s, longRules(40)),
    edge: (s) => rules(s, longRules(35)),
  }),
  error({
    type: 'EcrRepositoryProps', property: 'lifecycle', rule: 'a lifecycle policy has at least one rule', source: 'API ecr PutLifecyclePolicy', where: LIFECYCLE,
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.custom([]) }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.custom([{ maxImageCount: 1 }]) }),
  }),
  warning({
    type: 'EcrRepositoryProps', property: 'lifecycle', rule: 'no lifecycle policy is legal, but images are stored and billed until deleted by hand',
    source: 'library', where: LIFECYCLE, warningId: 'cdk-containers:ecrNoLifecycle',
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.none() }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.standard() }),
  }),
  error({
    type: 'EcrRepositoryProps', property: 'pullAccounts', rule: '12-digit account ids; "*" is never granted', source: 'library', where: REPOSITORY,
    bad: (s) => repo(s, { pullAccounts: ['12345678901'] }),
    edge: (s) => repo(s, { pullAccounts: ['000000000000', new CfnParameter(s, 'Account').valueAsString] }),
  }),
  error({
    type: 'EcrRepositoryProps', property: 'removalPolicy', rule: 'Delete, Retain or RetainExceptOnCreate: CloudFormation cannot snapshot a repository',
    source: 'CFN AWS::ECR::Repository', where: REPOSITORY,
    bad: (s) => repo(s, { removalPolicy: RemovalPolicy.SNAPSHOT }),
    edge: (s) => repo(s, { removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE }),
  }),
  error({
    type: 'EcrRepositoryProps', property: 'emptyOnDelete', rule: 'only with removalPolicy DESTROY', source: 'library', where: REPOSITORY,
    bad: (s) => repo(s, { emptyOnDelete: true, removalPolicy: RemovalPolicy.RETAIN }),
    edge: (s) => repo(s, { emptyOnDelete: true, removalPolicy: RemovalPolicy.DESTROY }),
  }),

  // ImageTagMutability
  error({
    type: 'ImageTagMutability', property: 'immutableExcept(filters)', rule: '1 to 5 exclusion filters', source: 'CFN AWS::ECR::Repository',
    where: REPOSITORY, errorProperty: 'tagMutability',
    bad: (s) => repo(s, { tagMutability: ImageTagMutability.immutableExcept(['a', 'b', 'c', 'd', 'e', 'f']) }),
    edge: (s) => repo(s, { tagMutability: ImageTagMutability.immutableExcept(['a', 'b', 'c', 'd', new CfnParameter(s, 'Filter').valueAsString]) }),
  }),
  error({
    type: 'ImageTagMutability', property: 'immutableExcept(filters)', rule: '1 to 128 characters of letters, digits, ".", "_", "-" and "*"',
    source: 'API ecr CreateRepository', where: REPOSITORY, errorProperty: 'tagMutability',
    bad: (s) => repo(s, { tagMutability: ImageTagMutability.immutableExcept(['release/*']) }),
    edge: (s) => repo(s, { tagMutability: ImageTagMutability.immutableExcept([`*A._-${'x'.repeat(123)}`]) }),
  }),

  // EcrEncryption
  error({
    type: 'EcrEncryption', property: 'customerKey(key)', rule: "a KMS key in the repository's region", source: 'guide: Encryption at rest',
    where: REPOSITORY, errorProperty: 'encryption',
    bad: (s) => {
      const regional = regionalStack(s, 'eu-west-1');
      const key = kms.Key.fromKeyArn(regional, 'Key', 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      return new EcrRepository(regional, 'Repo', { encryption: EcrEncryption.customerKey(key) });
    },
    edge: (s) => {
      const regional = regionalStack(s, 'eu-west-1');
      const key = kms.Key.fromKeyArn(regional, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
      return new EcrRepository(regional, 'Repo', { encryption: EcrEncryption.customerKey(key) });
    },
  }),
  error({
    type: 'EcrEncryption', property: 'customerKey(key)', rule: 'a symmetric encryption key', source: 'guide: Encryption at rest',
    where: REPOSITORY, errorProperty: 'encryption',
    bad: (s) => repo(s, { encryption: EcrEncryption.customerKey(new kms.Key(s, 'Key', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.ENCRYPT_DECRYPT })) }),
    edge: (s) => repo(s, { encryption: EcrEncryption.customerKey(new kms.Key(s, 'Key', { keySpec: kms.KeySpec.SYMMETRIC_DEFAULT })) }),
  }),

  // EcrRepository
  error({
    type: 'EcrRepository', property: 'fromRepositoryName(repositoryName)', rule: 'a repository name ECR accepts', source: 'API ecr CreateRepository',
    where: REPOSITORY, errorProperty: 'repositoryName',
    bad: (s) => EcrRepository.fromRepositoryName(s, 'Imported', 'Shop/Api'),
    edge: (s) => EcrRepository.fromRepositoryName(s, 'Imported', 'shop/a__b'),
  }),
  error({
    type: 'EcrRepository', property: 'fromRepositoryArn(repositoryArn)', rule: 'arn:PARTITION:ecr:REGION:ACCOUNT:repository/NAME', source: 'guide: Amazon ECR resource types',
    where: REPOSITORY, errorProperty: 'repositoryArn',
    bad: (s) => EcrRepository.fromRepositoryArn(s, 'Imported', 'arn:aws:ecr:eu-west-1:123456789012:shop/api'),
    edge: (s) => EcrRepository.fromRepositoryArn(s, 'Imported', 'arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/shop/a--b'),
  }),
  error({
    type: 'EcrRepository', property: 'addPullAccounts(accountIds)', rule: '12-digit account ids; "*" is never granted', source: 'library',
    where: REPOSITORY, errorProperty: 'pullAccounts',
    bad: (s) => repo(s).addPullAccounts(['*']),
    edge: (s) => repo(s).addPullAccounts(['999999999999']),
  }),
  ...(['imageUri', 'containerImage', 'kubernetesImage'] as const).flatMap((method) => {
    const use = (r: EcrRepository, s: Stack, tagOrDigest: string): unknown => method === 'kubernetesImage'
      ? r.kubernetesImage(new iam.Role(s, 'Node', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }), tagOrDigest)
      : r[method](tagOrDigest);
    return [
      error({
        type: 'EcrRepository', property: `${method}(tagOrDigest)`, rule: 'a tag: 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"',
        source: 'guide: OCI distribution spec (tags)', where: REPOSITORY, errorProperty: 'tagOrDigest',
        bad: (s) => use(repo(s), s, '.1'),
        edge: (s) => use(repo(s), s, `_${'A.-'.repeat(42)}9`),
      }),
      error({
        type: 'EcrRepository', property: `${method}(tagOrDigest)`, rule: 'a digest: "sha256:" and 64 lower-case hex digits', source: 'API ecr BatchGetImage',
        where: REPOSITORY, errorProperty: 'tagOrDigest',
        bad: (s) => use(repo(s), s, 'sha256:abc'),
        edge: (s) => use(repo(s), s, DIGEST),
      }),
    ];
  }),
  ...typed('EcrRepository', 'a construct interface (iam.IGrantable)', 'kubernetesImage(nodeRole)', 'grantPull(grantee)', 'grantPush(grantee)', 'grantPullPush(grantee)'),

  // EcrLifecycle
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].maxImageCount', rule: 'a positive whole number (countNumber)', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ maxImageCount: 0 }]),
    edge: (s) => rules(s, [{ maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].maxImageCount', rule: 'no documented maximum; a 32-bit integer', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ maxImageCount: 2_147_483_648 }]),
    edge: (s) => rules(s, [{ maxImageCount: 2_147_483_647 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].maxImageAge', rule: 'whole days, at least 1 (countUnit days)', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ maxImageAge: Duration.hours(36) }]),
    edge: (s) => rules(s, [{ maxImageAge: Duration.days(1) }, { tagPatternList: ['old-*'], maxImageAge: Duration.days(36500) }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].maxImageAge', rule: 'exactly one of maxImageCount and maxImageAge (countType)', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE, errorProperty: 'lifecycle rule',
    bad: (s) => rules(s, [{ maxImageCount: 5, maxImageAge: Duration.days(5) }]),
    edge: (s) => rules(s, [{ maxImageAge: Duration.days(5) }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].tagPatternList', rule: 'at most 4 "*" wildcards per pattern', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ tagPatternList: ['*a*b*c*d*'], maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ tagPatternList: ['*a*b*c*', '*'], maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].tagPrefixList', rule: 'not together with tagPatternList in one rule', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE, errorProperty: 'lifecycle rule',
    bad: (s) => rules(s, [{ tagPrefixList: ['v'], tagPatternList: ['v*'], maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ tagPrefixList: ['v', 'release'], maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].tagStatus', rule: 'tagged rules need a tagPrefixList or tagPatternList', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE, errorProperty: 'lifecycle rule',
    bad: (s) => rules(s, [{ tagStatus: ecr.TagStatus.TAGGED, maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ tagStatus: ecr.TagStatus.TAGGED, tagPatternList: ['*'], maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].tagStatus', rule: 'untagged and any rules take no tag lists', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE, errorProperty: 'lifecycle rule',
    bad: (s) => rules(s, [{ tagStatus: ecr.TagStatus.UNTAGGED, tagPrefixList: ['v'], maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].tagStatus', rule: 'at most one rule with tagStatus any', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE, errorProperty: 'lifecycle rules',
    bad: (s) => rules(s, [{ tagStatus: ecr.TagStatus.ANY, maxImageCount: 10 }, { tagStatus: ecr.TagStatus.ANY, maxImageAge: Duration.days(30) }]),
    edge: (s) => rules(s, [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 10 }, { tagStatus: ecr.TagStatus.ANY, maxImageAge: Duration.days(30) }]),
  }),
  warning({
    type: 'EcrLifecycle', property: 'custom(rules)[].tagStatus', rule: 'a second untagged rule is legal, but never expires anything: the first one selects every untagged image',
    source: 'guide: Lifecycle policy evaluation rules', where: LIFECYCLE, warningId: 'cdk-containers:ecrShadowedUntaggedRule',
    bad: (s) => rules(s, [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 10 }, { tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(3) }]),
    edge: (s) => rules(s, [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageCount: 10 }, { tagPatternList: ['*'], maxImageAge: Duration.days(3) }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].rulePriority', rule: 'a whole number of at least 1', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ rulePriority: 0, maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ rulePriority: 1, maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].rulePriority', rule: 'unique across the rules', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ rulePriority: 1, tagPrefixList: ['a'], maxImageCount: 1 }, { rulePriority: 1, tagPrefixList: ['b'], maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ rulePriority: 1, tagPrefixList: ['a'], maxImageCount: 1 }, { rulePriority: 3, tagPrefixList: ['b'], maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].rulePriority', rule: 'the tagStatus any rule has the highest priority', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE, errorProperty: 'lifecycle rules',
    bad: (s) => rules(s, [{ rulePriority: 1, maxImageCount: 5 }, { rulePriority: 2, tagPrefixList: ['v'], maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ rulePriority: 2, maxImageCount: 5 }, { rulePriority: 1, tagPrefixList: ['v'], maxImageCount: 1 }]),
  }),
  error({
    type: 'EcrLifecycle', property: 'custom(rules)[].rulePriority',
    rule: 'the tagStatus any rule has the highest priority (rules without one are numbered after the highest given)', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => rules(s, [{ rulePriority: 9, maxImageCount: 5 }, { tagPrefixList: ['v'], maxImageCount: 1 }]),
    edge: (s) => rules(s, [{ maxImageCount: 5 }, { rulePriority: 9, tagPrefixList: ['v'], maxImageCount: 1 }]),
  }),
  ...free('EcrLifecycle', 'free text', 'custom(rules)[].description'),

  // StandardLifecycleOptions
  error({
    type: 'StandardLifecycleOptions', property: 'expireUntaggedAfter', rule: 'whole days, at least 1', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ expireUntaggedAfter: Duration.hours(23) }) }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ expireUntaggedAfter: Duration.days(1) }) }),
  }),
  error({
    type: 'StandardLifecycleOptions', property: 'expireUntaggedAfter', rule: 'known at synth: the policy is a JSON text (a Lazy value works, a parameter cannot)',
    source: 'CFN AWS::ECR::Repository', where: LIFECYCLE,
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ expireUntaggedAfter: Duration.days(new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber) }) }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ expireUntaggedAfter: Duration.days(Lazy.number({ produce: () => 1 })) }) }),
  }),
  error({
    type: 'StandardLifecycleOptions', property: 'keepTaggedImages', rule: 'a positive whole number', source: 'guide: Lifecycle policy properties in Amazon ECR',
    where: LIFECYCLE,
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ keepTaggedImages: 0 }) }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ keepTaggedImages: 1 }) }),
  }),
  error({
    type: 'StandardLifecycleOptions', property: 'keepTaggedImages', rule: 'known at synth: the policy is a JSON text (a Lazy value works, a parameter cannot)',
    source: 'CFN AWS::ECR::Repository', where: LIFECYCLE,
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ keepTaggedImages: new CfnParameter(s, 'Keep', { type: 'Number' }).valueAsNumber }) }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ keepTaggedImages: Lazy.number({ produce: () => 20_000 }) }) }),
  }),
  error({
    type: 'StandardLifecycleOptions', property: 'additionalRules', rule: 'tagged rules only: the standard rules cover untagged and all tagged images', source: 'library',
    where: LIFECYCLE,
    bad: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ additionalRules: [{ tagStatus: ecr.TagStatus.ANY, maxImageCount: 1 }] }) }),
    edge: (s) => repo(s, { lifecycle: EcrLifecycle.standard({ additionalRules: [{ tagPrefixList: ['pr-'], maxImageCount: 1 }] }) }),
  }),

  // EcrRegistrySettingsProps
  error({
    type: 'EcrRegistrySettingsProps', property: 'scanning', rule: 'at most 2 scanning rules', source: 'API ecr PutRegistryScanningConfiguration',
    where: REGISTRY, errorProperty: 'scanning.rules',
    bad: (s) => registry(s, { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.ON_PUSH }, { frequency: ScanFrequency.CONTINUOUS }, { frequency: ScanFrequency.ON_PUSH }]) }),
    edge: (s) => registry(s, { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.ON_PUSH, repositoryFilters: ['dev/*'] }, { frequency: ScanFrequency.CONTINUOUS }]) }),
  }),
  error({
    type: 'EcrRegistrySettingsProps', property: 'replication', rule: 'at most 10 replication rules (none is allowed)', source: 'API ecr PutReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => registry(s, { replication: Array.from({ length: 11 }, () => ({ destinations: [{ region: 'eu-west-1' }] })) }),
    edge: (s) => registry(s, { replication: Array.from({ length: 10 }, (_, i) => ({ destinations: [{ region: 'eu-west-1' }], repositoryPrefixes: [`team${i}/`] })) }),
  }),

  // RegistryScanning
  error({
    type: 'RegistryScanning', property: 'basic(repositoryFilters)', rule: 'at most 100 filters', source: 'API ecr PutRegistryScanningConfiguration',
    where: REGISTRY, errorProperty: 'repositoryFilters',
    bad: (s) => registry(s, { scanning: RegistryScanning.basic(Array.from({ length: 101 }, (_, i) => `team${i}/*`)) }),
    edge: (s) => registry(s, { scanning: RegistryScanning.basic(Array.from({ length: 100 }, (_, i) => `team${i}/*`)) }),
  }),
  error({
    type: 'RegistryScanning', property: 'basic(repositoryFilters)', rule: 'lower-case letters, digits and "*" with single ".", "_", "-" or "/" between them',
    source: 'API ecr PutRegistryScanningConfiguration', where: REGISTRY, errorProperty: 'repositoryFilters',
    bad: (s) => registry(s, { scanning: RegistryScanning.basic(['prod-']) }),
    edge: (s) => registry(s, { scanning: RegistryScanning.basic(['*', '**a*/b*', 'x']) }),
  }),

  // RegistryScanningRule
  error({
    type: 'RegistryScanningRule', property: 'frequency', rule: 'each frequency in one rule only', source: 'API ecr PutRegistryScanningConfiguration',
    where: REGISTRY,
    bad: (s) => registry(s, { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.CONTINUOUS }, { frequency: ScanFrequency.CONTINUOUS, repositoryFilters: ['a'] }]) }),
    edge: (s) => registry(s, { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.CONTINUOUS }, { frequency: ScanFrequency.ON_PUSH, repositoryFilters: ['a'] }]) }),
  }),
  error({
    type: 'RegistryScanningRule', property: 'repositoryFilters', rule: '1 to 255 characters per filter', source: 'API ecr PutRegistryScanningConfiguration',
    where: REGISTRY,
    bad: (s) => scanFilters(s, ['a'.repeat(256)]),
    edge: (s) => scanFilters(s, ['a'.repeat(255), '*']),
  }),
  error({
    type: 'RegistryScanningRule', property: 'repositoryFilters', rule: 'lower-case letters, digits and "*" with single ".", "_", "-" or "/" between them',
    source: 'API ecr PutRegistryScanningConfiguration', where: REGISTRY,
    bad: (s) => scanFilters(s, ['prod//*']),
    edge: (s) => scanFilters(s, ['prod/*-api*', new CfnParameter(s, 'Filter').valueAsString]),
  }),
  error({
    type: 'RegistryScanningRule', property: 'repositoryFilters', rule: 'at most 100 filters', source: 'API ecr PutRegistryScanningConfiguration',
    where: REGISTRY,
    bad: (s) => scanFilters(s, Array.from({ length: 101 }, (_, i) => `t${i}*`)),
    edge: (s) => scanFilters(s, Array.from({ length: 100 }, (_, i) => `t${i}*`)),
  }),

  // ReplicationRule
  error({
    type: 'ReplicationRule', property: 'destinations', rule: 'at least 1 destination per rule', source: 'CFN AWS::ECR::ReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => replicate(s, { destinations: [] }),
    edge: (s) => replicate(s, { destinations: [{ region: 'eu-west-1' }] }),
  }),
  error({
    type: 'ReplicationRule', property: 'destinations', rule: 'at most 25 unique destinations across all rules', source: 'guide: Amazon ECR service quotas',
    where: REGISTRY,
    bad: (s) => replicate(s, { destinations: destinations(26) }),
    edge: (s) => registry(s, { replication: [{ destinations: destinations(25) }, { destinations: destinations(25), repositoryPrefixes: ['prod'] }] }),
  }),
  error({
    type: 'ReplicationRule', property: 'repositoryPrefixes', rule: '1 to 100 prefixes when given', source: 'API ecr PutReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => replicate(s, { repositoryPrefixes: [] }),
    edge: (s) => replicate(s, { repositoryPrefixes: ['ab'] }),
  }),
  error({
    type: 'ReplicationRule', property: 'repositoryPrefixes', rule: 'at most 100 prefixes', source: 'API ecr PutReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => replicate(s, { repositoryPrefixes: Array.from({ length: 101 }, (_, i) => `team${i}`) }),
    edge: (s) => replicate(s, { repositoryPrefixes: Array.from({ length: 100 }, (_, i) => `team${i}`) }),
  }),
  error({
    type: 'ReplicationRule', property: 'repositoryPrefixes', rule: '2 to 256 characters', source: 'API ecr PutReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => replicate(s, { repositoryPrefixes: ['p'] }),
    edge: (s) => replicate(s, { repositoryPrefixes: ['p-', 'a'.repeat(256)] }),
  }),
  error({
    type: 'ReplicationRule', property: 'repositoryPrefixes', rule: 'the start of a repository name: lower-case letters, digits, ".", "_", "-" and "/"',
    source: 'API ecr PutReplicationConfiguration', where: REGISTRY,
    bad: (s) => replicate(s, { repositoryPrefixes: ['Prod'] }),
    edge: (s) => replicate(s, { repositoryPrefixes: ['team/', 'prod-', 'a.b_'] }),
  }),

  // ReplicationDestination
  error({
    type: 'ReplicationDestination', property: 'region', rule: 'a region name (2 to 25 of a-z, 0-9 and "-")', source: 'API ecr PutReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => replicate(s, { destinations: [{ region: 'eu-west' }] }),
    edge: (s) => replicate(s, { destinations: [{ region: 'eusc-de-east-1' }, { region: 'us-gov-west-1' }, { region: 'us-isob-east-1' }] }),
  }),
  error({
    type: 'ReplicationDestination', property: 'account', rule: 'a 12-digit account id', source: 'API ecr PutReplicationConfiguration',
    where: REGISTRY,
    bad: (s) => replicate(s, { destinations: [{ region: 'eu-west-1', account: '12345678901' }] }),
    edge: (s) => replicate(s, { destinations: [{ region: 'eu-west-1', account: '000000000000' }] }),
  }),

  // PullThroughCacheOptions
  error({
    type: 'PullThroughCacheOptions', property: 'prefix', rule: '2 to 30 characters', source: 'API ecr CreatePullThroughCacheRule',
    where: REGISTRY,
    bad: (s) => cache(s, 'a'.repeat(31)),
    edge: (s) => cache(s, 'a'.repeat(30)),
  }),
  error({
    type: 'PullThroughCacheOptions', property: 'prefix', rule: 'at least 2 characters', source: 'API ecr CreatePullThroughCacheRule',
    where: REGISTRY,
    bad: (s) => cache(s, 'a'),
    edge: (s) => cache(s, 'ab'),
  }),
  error({
    type: 'PullThroughCacheOptions', property: 'prefix', rule: 'a repository name, optionally ending in "/", or ROOT; no prefix is reserved ("ecr-public" is the documented example)',
    source: 'API ecr CreatePullThroughCacheRule', where: REGISTRY,
    bad: (s) => cache(s, 'Docker-Hub'),
    edge: (s) => {
      const r = registry(s);
      r.addPullThroughCache('Public', { prefix: 'ecr-public', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('K8s', { prefix: 'team/k8s__cache/', upstream: PullThroughUpstream.kubernetes() });
      r.addPullThroughCache('Quay', { prefix: 'ROOT', upstream: PullThroughUpstream.quay() });
    },
  }),
  error({
    type: 'PullThroughCacheOptions', property: 'prefix', rule: 'one cache rule per prefix ("team" and "team/" are the same)', source: 'API ecr CreatePullThroughCacheRule',
    where: REGISTRY,
    bad: (s) => {
      const r = registry(s);
      r.addPullThroughCache('A', { prefix: 'team', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('B', { prefix: 'team/', upstream: PullThroughUpstream.kubernetes() });
    },
    edge: (s) => {
      const r = registry(s);
      r.addPullThroughCache('A', { prefix: 'team', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('B', { prefix: 'team2/', upstream: PullThroughUpstream.kubernetes() });
    },
  }),
  ...typed('PullThroughCacheOptions', 'a PullThroughUpstream from its factories; those whose registry needs a credential require one', 'upstream'),

  // PullThroughUpstream
  ...(['dockerHub', 'githubContainerRegistry', 'gitlabContainerRegistry', 'quay'] as const).map((factory) => error({
    type: 'PullThroughUpstream', property: `${factory}(credential)`, rule: 'a Secrets Manager secret named "ecr-pullthroughcache/..."',
    source: 'API ecr CreatePullThroughCacheRule', where: REGISTRY, errorProperty: 'credential',
    bad: (s) => registry(s).addPullThroughCache('Cache', { prefix: 'upstream', upstream: PullThroughUpstream[factory](secret(s, 'upstream-token')) }),
    edge: (s) => registry(s).addPullThroughCache('Cache', { prefix: 'upstream', upstream: PullThroughUpstream[factory](secret(s, 'ecr-pullthroughcache/a')) }),
  })),

  // EcrRegistrySettings
  error({
    type: 'EcrRegistrySettings', property: 'addPullThroughCache(id)', rule: 'a construct id not used by another child', source: 'library',
    where: REGISTRY,
    bad: (s) => {
      const r = registry(s);
      r.addPullThroughCache('Cache', { prefix: 'one', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('Cache', { prefix: 'two', upstream: PullThroughUpstream.kubernetes() });
    },
    edge: (s) => {
      const r = registry(s);
      r.addPullThroughCache('Cache', { prefix: 'one', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('Cache2', { prefix: 'two', upstream: PullThroughUpstream.kubernetes() });
    },
  }),
];
