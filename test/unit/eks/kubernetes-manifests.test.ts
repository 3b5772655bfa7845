import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { ApiObject } from 'cdk8s';
import { EksCluster, EksNamespace, EksWorkload, WorkloadImage } from '../../../lib/eks';
import { clusterManifestDirectory } from '../../../lib/eks/kubernetes-manifests';
import { thrownMessage } from '../../support/thrown';

describe('KubernetesManifests (the rendering part of EksWorkload and EksNamespace)', () => {
  test('each cluster has its own folder in the cloud assembly, and each construct writes one YAML file there', () => {
    const app = new App();
    const stack = new Stack(app, 'Test');
    const a = new EksCluster(stack, 'A');
    const b = new EksCluster(stack, 'B');
    const nsA = new EksNamespace(stack, 'ShopA', { cluster: a, namespaceName: 'shop' });
    const nsB = new EksNamespace(stack, 'ShopB', { cluster: b, namespaceName: 'shop' });
    expect(clusterManifestDirectory(a)).not.toBe(clusterManifestDirectory(b));
    expect(nsA.manifestFile.startsWith(`${clusterManifestDirectory(a)}/`)).toBe(true);
    const outdir = app.synth().directory;
    const text = fs.readFileSync(path.join(outdir, nsB.manifestFile), 'utf8');
    expect(text).toMatch(/^apiVersion: v1\nkind: Namespace\nmetadata:\n/);
    expect(text).toMatch(/\n {2}name: shop\n/);
  });

  test('an escape-hatch patch on the chart is written too', () => {
    const app = new App();
    const stack = new Stack(app, 'Test');
    const cluster = new EksCluster(stack, 'Platform');
    const workload = new EksWorkload(stack, 'Web', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web',
      containers: [{ name: 'web', image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }],
    });
    const deployment = workload.chart.node.findChild('Deployment') as ApiObject;
    deployment.metadata.addAnnotation('example.com/owner', 'payments');
    const text = fs.readFileSync(path.join(app.synth().directory, workload.manifestFile), 'utf8');
    expect(text).toContain('example.com/owner: payments');
  });

  test('cdk8s\'s own validation fails the synth and names the construct', () => {
    const app = new App();
    const stack = new Stack(app, 'Test');
    const cluster = new EksCluster(stack, 'Platform');
    const workload = new EksWorkload(stack, 'Web', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web',
      containers: [{ name: 'web', image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }],
    });
    workload.chart.node.addValidation({ validate: () => ['a broken object'] });
    expect(thrownMessage(() => app.synth())).toMatch(/Test\/Web.*Kubernetes objects of Test\/Web are not valid.*a broken object/s);
  });
});
