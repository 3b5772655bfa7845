import * as fs from 'fs';
import * as path from 'path';
import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { ApiObject, JsonPatch } from 'cdk8s';
import { EksCluster, EksNamespace, EksUpgradePolicy, EksWorkload, WorkloadImage } from '../../../lib/eks';
import { ContainerErrors } from '../../../lib/errors';
import { thrownBy, thrownMessage } from '../../support/thrown';

describe('KubernetesManifests (the rendering part of EksWorkload and EksNamespace)', () => {
  test('each cluster has its own folder in the cloud assembly, and each construct writes one YAML file there', () => {
    const app = new App();
    const stack = new Stack(app, 'Test');
    const a = new EksCluster(stack, 'A');
    const b = new EksCluster(stack, 'B');
    const nsA = new EksNamespace(stack, 'ShopA', { cluster: a, namespaceName: 'shop' });
    const nsB = new EksNamespace(stack, 'ShopB', { cluster: b, namespaceName: 'shop' });
    expect(a.manifestDirectory).toMatch(/^kubernetes\/TestA[0-9A-F]{8}$/);
    expect(a.manifestDirectory).not.toBe(b.manifestDirectory);
    expect(nsA.manifestFile).toBe(`${a.manifestDirectory}/shop/namespace.yaml`);
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

/** A workload on a cluster of `version` (default: the library's default version). */
function webOn(version?: eks.KubernetesVersion) {
  const app = new App();
  const stack = new Stack(app, 'Test');
  // Versions in extended support on the unit tier's day (test/support/unit-setup.ts) need the EXTENDED policy.
  const cluster = new EksCluster(stack, 'Platform', { version, upgradePolicy: EksUpgradePolicy.EXTENDED });
  const workload = new EksWorkload(stack, 'Web', {
    kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web',
    containers: [{ name: 'web', image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27') }],
  });
  const deployment = workload.chart.node.findChild('Deployment') as ApiObject;
  return { app, stack, workload, deployment };
}

describe('every rendered object is checked against the OpenAPI schema of the cluster\'s Kubernetes version', () => {
  test('a field that does not exist fails the synth, with the construct path, the object, the field and the near miss', () => {
    const { app, workload } = webOn(eks.KubernetesVersion.V1_33);
    new ApiObject(workload.chart, 'Raw', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' },
      spec: { hostPid: true, containers: [{ name: 'debug', image: 'busybox' }] },
    } as never);
    const error = thrownBy(() => app.synth());
    expect(ContainerErrors.isValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(new RegExp('^\\[Test/Web\\] Kubernetes objects \\(kubernetes/TestPlatform\\w+/shop/web\\.yaml\\): Pod "shop/debug" spec\\.hostPid: '
      + 'got true; allowed: a field PodSpec has in Kubernetes 1\\.33 \\(did you mean hostPID\\?\\)\\. Hint: checked against the API schema of Kubernetes 1\\.33\\. Fix the props'));
  });

  test('a patch that cdk8s\'s typed objects would drop (the API\'s field name, a typo, a plain-string quantity) fails instead of vanishing', () => {
    const { app, deployment } = webOn(eks.KubernetesVersion.V1_33);
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostPID', true));
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/resources/limits/cpu', '2'));
    const message = thrownMessage(() => app.synth());
    expect(message).toContain('Deployment "shop/web" spec.template.spec.containers[0].resources.limits.cpu: got "2"; allowed: a field cdk8s\'s KubeDeployment knows, which leaves out the others (patch by cdk8s\'s names: hostPid for the API\'s hostPID; quantities and int-or-strings as { "value": ... })');
    expect(message).toContain('Also Deployment "shop/web" spec.template.spec.hostPID: got true; allowed: a field cdk8s\'s KubeDeployment knows');
  });

  test('a patch in cdk8s\'s terms is written under the API\'s name and passes', () => {
    const { app, deployment, workload } = webOn(eks.KubernetesVersion.V1_33);
    deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/hostPid', false));
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/limits/cpu', { value: '500m' }));
    const text = fs.readFileSync(path.join(app.synth().directory, workload.manifestFile), 'utf8');
    expect(text).toContain('hostPID: false');
    expect(text).toMatch(/limits:\n\s+cpu: 500m/);
  });

  test('a value of the wrong type fails, with what the field takes', () => {
    const { app, deployment } = webOn(eks.KubernetesVersion.V1_34);
    deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', '3'));
    deployment.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/limits/cpu', { value: 'two' }));
    const message = thrownMessage(() => app.synth());
    expect(message).toContain('Deployment "shop/web" spec.replicas: got "3"; allowed: an integer.');
    expect(message).toContain('Also Deployment "shop/web" spec.template.spec.containers[0].resources.limits.cpu: got "two"; allowed: a Kubernetes quantity such as "250m", "0.5", "512Mi" or "1G".');
  });

  test('an object the version does not serve fails: a removed API version', () => {
    const { app, workload } = webOn(eks.KubernetesVersion.V1_32);
    new ApiObject(workload.chart, 'Budget', { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'old', namespace: 'shop' } });
    expect(thrownMessage(() => app.synth())).toMatch(
      /PodDisruptionBudget "shop\/old" kind: got "policy\/v1beta1 PodDisruptionBudget"; allowed: a kind Kubernetes 1\.32 serves in policy\/v1beta1: it serves PodDisruptionBudget as policy\/v1\./);
  });

  test('custom resources (groups Kubernetes does not define) are written unchecked', () => {
    const { app, workload } = webOn(eks.KubernetesVersion.V1_33);
    new ApiObject(workload.chart, 'App', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'web', namespace: 'argocd' }, spec: { anything: 1 } } as never);
    const text = fs.readFileSync(path.join(app.synth().directory, workload.manifestFile), 'utf8');
    expect(text).toContain('kind: Application');
  });

  test('values that are still tokens pass (they resolve at deploy time)', () => {
    const { app, deployment, stack } = webOn(eks.KubernetesVersion.V1_33);
    deployment.addJsonPatch(JsonPatch.add('/metadata/annotations', { 'example.com/account': stack.account }));
    deployment.addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', Lazy.number({ produce: () => 3 })));
    expect(() => app.synth()).not.toThrow();
  });

  test('on a cluster newer than the newest schema, a field that schema lacks is a warning (it may be new); a near miss is still an error', () => {
    const newest = eks.KubernetesVersion.of('1.38');
    const { app, stack, workload } = webOn(newest);
    new ApiObject(workload.chart, 'Raw', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' },
      spec: { futureField: true, containers: [{ name: 'debug', image: 'busybox' }] },
    } as never);
    app.synth();
    Annotations.fromStack(stack).hasWarning('/Test/Web', Match.stringLikeRegexp(
      '^Kubernetes 1\\.38 is newer than the newest OpenAPI schema this library has \\(1\\.3\\d\\).*Pod "shop/debug" spec\\.futureField: got true; allowed: a field PodSpec has in Kubernetes 1\\.3\\d.*\\[ack: cdk-containers:eks-kubernetes-schema-newer\\]'));

    const typo = webOn(newest);
    new ApiObject(typo.workload.chart, 'Raw', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' },
      spec: { hostIpc: true, containers: [{ name: 'debug', image: 'busybox' }] },
    } as never);
    expect(thrownMessage(() => typo.app.synth())).toMatch(/Pod "shop\/debug" spec\.hostIpc: got true; allowed: a field PodSpec has in Kubernetes 1\.3\d \(did you mean hostIPC\?\)\. Hint: checked against the API schema of Kubernetes 1\.3\d \(the nearest version to 1\.38 whose API schema this library has\)/);
  });

  test('the objects the library renders pass on every version it has a schema of', () => {
    for (const minor of [32, 33, 34, 35, 36, 37]) {
      const { app, stack } = webOn(eks.KubernetesVersion.of(`1.${minor}`));
      app.synth();
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('schema'))).toEqual([]);
    }
  });
});
