import { App, Aspects, AspectPriority, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as eksv1 from 'aws-cdk-lib/aws-eks';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { EksClusterChecks, EksClusterRule } from '../../../lib/compliance';
import { ValidationError } from '../../../lib/errors';
import { EksCluster, EksEndpointAccess } from '../../../lib/eks';

function checkedStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Test');
  Aspects.of(app).add(new EksClusterChecks(), { priority: AspectPriority.READONLY });
  return { app, stack };
}

function errorsOf(stack: Stack): string[] {
  return Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('^\\[CdkContainers-EKS')).map((m) => String(m.entry.data));
}

describe('EksClusterChecks on a plain aws-eks-v2 cluster with a public endpoint and no logs', () => {
  let stack: Stack;

  beforeAll(() => {
    // GIVEN
    ({ stack } = checkedStack());
    // WHEN
    new eks.Cluster(stack, 'Plain', { version: eks.KubernetesVersion.V1_34, endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE });
  });

  test('reports three findings: open endpoint, missing logs, no secrets encryption', () => {
    const errors = errorsOf(stack);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^\[CdkContainers-EKS1\] The Kubernetes API endpoint is public and open to any address/);
    expect(errors[1]).toMatch(/^\[CdkContainers-EKS2\] Control-plane log types not enabled: api, audit, authenticator, controllerManager, scheduler/);
    expect(errors[2]).toMatch(/^\[CdkContainers-EKS3\] Kubernetes secrets are not envelope-encrypted/);
  });

  test('the findings sit on the CfnCluster', () => {
    Annotations.fromStack(stack).hasError('/Test/Plain/Resource', Match.stringLikeRegexp('CdkContainers-EKS1'));
  });
});

describe('EksClusterChecks on the library defaults', () => {
  test('reports nothing', () => {
    // GIVEN
    const { stack } = checkedStack();
    // WHEN
    new EksCluster(stack, 'Platform');
    // THEN
    expect(errorsOf(stack)).toEqual([]);
  });

  test('reports nothing for a public endpoint with an allow list', () => {
    const { stack } = checkedStack();
    new EksCluster(stack, 'Platform', { endpointAccess: EksEndpointAccess.publicAndPrivate('203.0.113.0/24') });
    expect(errorsOf(stack)).toEqual([]);
  });
});

describe('EksClusterChecks on other cluster shapes', () => {
  test('a raw aws-eks CfnCluster open to 0.0.0.0/0 with some logs and encryption reports EKS1 and EKS2 only', () => {
    // GIVEN
    const { stack } = checkedStack();
    // WHEN
    new eksv1.CfnCluster(stack, 'Raw', {
      roleArn: 'arn:aws:iam::123456789012:role/eks',
      resourcesVpcConfig: { subnetIds: ['subnet-1', 'subnet-2'], endpointPublicAccess: true, publicAccessCidrs: ['10.0.0.0/8', '0.0.0.0/0'] },
      logging: { clusterLogging: { enabledTypes: [{ type: 'api' }, { type: 'audit' }] } },
      encryptionConfig: [{ provider: { keyArn: 'arn:aws:kms:us-east-1:123456789012:key/abc' }, resources: ['secrets'] }],
    });
    // THEN
    const errors = errorsOf(stack);
    expect(errors).toEqual([
      expect.stringMatching(/^\[CdkContainers-EKS1\] .*open to 10\.0\.0\.0\/8, 0\.0\.0\.0\/0/),
      expect.stringMatching(/^\[CdkContainers-EKS2\] .*not enabled: authenticator, controllerManager, scheduler/),
    ]);
  });

  test('a CfnCluster with no endpoint settings is public by CloudFormation default', () => {
    const { stack } = checkedStack();
    new eks.CfnCluster(stack, 'Raw', { roleArn: 'arn:aws:iam::123456789012:role/eks', resourcesVpcConfig: { subnetIds: ['subnet-1'] } });
    expect(errorsOf(stack)[0]).toMatch(/^\[CdkContainers-EKS1\]/);
  });
});

describe('EksClusterChecks acknowledgements', () => {
  test('EksClusterChecks.acknowledge turns a finding into an info with the reason', () => {
    // GIVEN
    const { stack } = checkedStack();
    const cluster = new eks.Cluster(stack, 'Plain', { version: eks.KubernetesVersion.V1_34, endpointAccess: eks.EndpointAccess.PRIVATE });
    // WHEN
    EksClusterChecks.acknowledge(cluster, EksClusterRule.CONTROL_PLANE_LOGS, 'sandbox cluster, logs cost more than they are worth here');
    // THEN
    expect(errorsOf(stack)).toEqual([expect.stringMatching(/^\[CdkContainers-EKS3\]/)]);
    Annotations.fromStack(stack).hasInfo('/Test/Plain/Resource', Match.stringLikeRegexp('\\[CdkContainers-EKS2\\] acknowledged: sandbox cluster'));
  });

  test('an acknowledgement on a parent (the stack) covers the clusters below it', () => {
    const { stack } = checkedStack();
    new eks.Cluster(stack, 'Plain', { version: eks.KubernetesVersion.V1_34, endpointAccess: eks.EndpointAccess.PRIVATE });
    EksClusterChecks.acknowledge(stack, EksClusterRule.SECRETS_ENCRYPTION, 'no Kubernetes secrets are stored in this cluster');
    EksClusterChecks.acknowledge(stack, EksClusterRule.CONTROL_PLANE_LOGS, 'logs are shipped by a sidecar collector');
    expect(errorsOf(stack)).toEqual([]);
  });

  test('Validations.of(scope).acknowledge is honoured too', () => {
    const { stack } = checkedStack();
    const cluster = new eks.Cluster(stack, 'Plain', { version: eks.KubernetesVersion.V1_34, endpointAccess: eks.EndpointAccess.PRIVATE });
    Validations.of(cluster).acknowledge({ id: 'CdkContainers-EKS3', reason: 'no secrets in this cluster' });
    expect(errorsOf(stack)).toEqual([expect.stringMatching(/^\[CdkContainers-EKS2\]/)]);
  });

  test('an acknowledgement needs a real reason and a known rule', () => {
    const { stack } = checkedStack();
    expect(() => EksClusterChecks.acknowledge(stack, EksClusterRule.CONTROL_PLANE_LOGS, 'ok')).toThrow(ValidationError);
    expect(() => EksClusterChecks.acknowledge(stack, EksClusterRule.CONTROL_PLANE_LOGS, 'ok'))
      .toThrow(/^\[Test\] reason: got "ok"; allowed: a reason of at least 10 characters/);
    expect(() => EksClusterChecks.acknowledge(stack, 'CdkContainers-EKS9' as EksClusterRule, 'a long enough reason'))
      .toThrow(/^\[Test\] rule: got "CdkContainers-EKS9"; allowed: CdkContainers-EKS1, CdkContainers-EKS2, CdkContainers-EKS3/);
  });
});
