import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ecrExamples, EcrExamples } from '../../examples/ecr';
import { synthExample } from '../support/examples';
import { resourceTypes } from '../support/template';

const PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];

describe('the README (ECR) examples', () => {
  let stack: Stack;
  let built: EcrExamples;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Ecr', ecrExamples));
  });

  test('synthesize one repository named shop/api with the secure defaults, and no custom resource or Lambda', () => {
    // THEN
    template.resourceCountIs('AWS::ECR::Repository', 1);
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryName: 'shop/api',
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: { EncryptionType: 'KMS' },
    });
    template.resourceCountIs('AWS::Lambda::Function', 0);
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the task role, the task execution role and the node role may pull shop/api', () => {
    const repoArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^Api'), 'Arn'] };
    for (const role of ['^TaskRole', '^TaskExecutionRole', '^NodeRole']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp(role) }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: PULL_ACTIONS, Resource: repoArn })]) },
      });
    }
  });

  test('two other accounts may pull, through one CrossAccountPull statement', () => {
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: { Statement: [Match.objectLike({
        Sid: 'CrossAccountPull',
        Action: PULL_ACTIONS,
        Principal: { AWS: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] },
        ] },
      })] },
    });
  });

  test('the image URIs: the container and the pod use tag 1.4.2, the pinned URI the digest', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Name: 'app', Image: { 'Fn::Join': ['', Match.arrayWith([':1.4.2'])] } })],
    });
    const resolved = (uri: string) => JSON.stringify(stack.resolve(uri));
    expect(resolved(built.tagUri)).toMatch(/\{"Ref":"Api[0-9A-F]+"\},":1\.4\.2"\]\]\}$/);
    expect(resolved(built.podImageUri)).toBe(resolved(built.tagUri));
    expect(resolved(built.digestUri)).toMatch(/\{"Ref":"Api[0-9A-F]+"\},"@sha256:be38658ca9e45e98e332446ec3a1d193b685ab55ce7efc6f028a7da9722aaaf0"\]\]\}$/);
  });

  test('the imported repositories keep their names and the ARN its account and region', () => {
    expect(built.existing.repositoryName).toBe('shop/web');
    expect(built.other.repositoryName).toBe('shop/web');
    expect(built.other.env).toEqual({ account: '111111111111', region: 'eu-west-1' });
  });

  test('the registry scans prod/* continuously with Inspector', () => {
    template.resourceCountIs('AWS::ECR::RegistryScanningConfiguration', 1);
    template.hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      ScanType: 'ENHANCED',
      Rules: [{ ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: 'prod/*', FilterType: 'WILDCARD' }] }],
    });
  });

  test('prod repositories replicate to eu-west-1 in this account and to us-east-1 in account 222222222222', () => {
    template.resourceCountIs('AWS::ECR::ReplicationConfiguration', 1);
    template.hasResourceProperties('AWS::ECR::ReplicationConfiguration', {
      ReplicationConfiguration: { Rules: [{
        Destinations: [
          { Region: 'eu-west-1', RegistryId: { Ref: 'AWS::AccountId' } },
          { Region: 'us-east-1', RegistryId: '222222222222' },
        ],
        RepositoryFilters: [{ Filter: 'prod', FilterType: 'PREFIX_MATCH' }],
      }] },
    });
  });

  test('Docker Hub is cached under docker-hub/ with the ecr-pullthroughcache/ credential and a creation template', () => {
    template.resourceCountIs('AWS::ECR::PullThroughCacheRule', 1);
    template.hasResourceProperties('AWS::ECR::PullThroughCacheRule', {
      EcrRepositoryPrefix: 'docker-hub',
      UpstreamRegistry: 'docker-hub',
      UpstreamRegistryUrl: 'registry-1.docker.io',
      CredentialArn: { 'Fn::Join': ['', Match.arrayWith([':secret:ecr-pullthroughcache/docker-hub'])] },
    });
    template.hasResourceProperties('AWS::ECR::RepositoryCreationTemplate', {
      Prefix: 'docker-hub',
      AppliedFor: ['PULL_THROUGH_CACHE'],
      EncryptionConfiguration: { EncryptionType: 'KMS' },
    });
    expect(stack.resolve(built.dockerHubCache.ecrRepositoryPrefix)).toBe('docker-hub');
  });
});
