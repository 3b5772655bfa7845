import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { EksCluster, EksNamespace, KubernetesDelivery, PodSecurityStandard } from '../../../lib/eks';
import { assemblyManifests, schemaFindings } from '../../support/kubernetes';
import { thrownMessage } from '../../support/thrown';

function cluster(): { stack: Stack; cluster: EksCluster } {
  const stack = new Stack(new App(), 'Test');
  return { stack, cluster: new EksCluster(stack, 'Platform') };
}

describe('EksNamespace', () => {
  test('renders a Namespace that enforces, warns and audits the restricted Pod Security Standard', () => {
    const { stack, cluster: platform } = cluster();
    const shop = new EksNamespace(stack, 'Shop', { cluster: platform, namespaceName: 'shop', labels: { team: 'payments' } });
    const [namespace] = assemblyManifests(stack)[shop.manifestFile]!;
    expect(shop.manifestFile).toMatch(/^kubernetes\/TestPlatform[0-9A-F]{8}\/shop\/namespace\.yaml$/);
    expect(namespace).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'shop',
        labels: {
          'team': 'payments',
          'app.kubernetes.io/managed-by': 'cdk-containers',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
        },
      },
    });
    expect(schemaFindings([namespace])).toEqual([]);
    expect(shop.delivery).toBe(KubernetesDelivery.CLOUD_ASSEMBLY);
  });

  test('a weaker standard is set on all three modes', () => {
    const { stack, cluster: platform } = cluster();
    const ops = new EksNamespace(stack, 'Ops', { cluster: platform, namespaceName: 'ops', podSecurity: PodSecurityStandard.BASELINE });
    const labels = assemblyManifests(stack)[ops.manifestFile]![0]!.metadata.labels!;
    expect([labels['pod-security.kubernetes.io/enforce'], labels['pod-security.kubernetes.io/warn'], labels['pod-security.kubernetes.io/audit']])
      .toEqual(['baseline', 'baseline', 'baseline']);
  });

  test('fromNamespaceName renders nothing and checks the name', () => {
    const { stack, cluster: platform } = cluster();
    const existing = EksNamespace.fromNamespaceName(platform, 'default');
    expect([existing.namespaceName, existing.cluster === platform, existing.delivery]).toEqual(['default', true, undefined]);
    expect(assemblyManifests(stack)).toEqual({});
    expect(thrownMessage(() => EksNamespace.fromNamespaceName(platform, 'Shop'))).toMatch(/DNS-1123 label/);
  });

  test.each([
    ['Shop', /DNS-1123 label/],
    ['a'.repeat(64), /DNS-1123 label/],
    ['default', /not "default", not "kube-/],
    ['kube-public', /fromNamespaceName/],
  ])('refuses the name %s', (name, message) => {
    const { stack, cluster: platform } = cluster();
    expect(thrownMessage(() => new EksNamespace(stack, 'N', { cluster: platform, namespaceName: name }))).toMatch(message);
  });

  test('refuses bad labels and token labels', () => {
    const { stack, cluster: platform } = cluster();
    expect(thrownMessage(() => new EksNamespace(stack, 'A', { cluster: platform, namespaceName: 'a', labels: { 'bad key!': 'x' } }))).toMatch(/label key/);
    expect(thrownMessage(() => new EksNamespace(stack, 'B', { cluster: platform, namespaceName: 'b', labels: { team: stack.account } }))).toMatch(/literal label/);
  });

  test('refuses the labels the library sets, and a second namespace of the same name', () => {
    const { stack, cluster: platform } = cluster();
    expect(thrownMessage(() => new EksNamespace(stack, 'A', { cluster: platform, namespaceName: 'a', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } })))
      .toMatch(/choose the Pod Security Standard with podSecurity/);
    new EksNamespace(stack, 'Shop', { cluster: platform, namespaceName: 'shop' });
    expect(thrownMessage(() => new EksNamespace(stack, 'Shop2', { cluster: platform, namespaceName: 'shop' }))).toMatch(/Test\/Shop2.*Test\/Shop already renders/s);
  });

  test('kubectl delivery applies the namespace through the kubectl provider', () => {
    const stack = new Stack(new App(), 'Test');
    const kubectlLayer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1');
    const platform = new EksCluster(stack, 'Platform', { kubectlProviderOptions: { kubectlLayer } });
    const shop = new EksNamespace(stack, 'Shop', { cluster: platform, namespaceName: 'shop', delivery: KubernetesDelivery.KUBECTL });
    expect(shop.kubectlManifest).toBeDefined();
    const manifests = Object.values(Template.fromStack(stack).findResources('Custom::AWSCDK-EKS-KubernetesResource'));
    expect(manifests).toHaveLength(1);
    expect(JSON.stringify(manifests[0]!.Properties.Manifest)).toContain('"kind\\":\\"Namespace\\"');
  });
});
