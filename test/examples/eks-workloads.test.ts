import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { eksWorkloads, EksWorkloads, fargateJobs, FargateJobs } from '../../examples/eks-workloads';
import { synthExample } from '../support/examples';
import { assemblyManifests, KubernetesObject, objectOf, schemaFindings } from '../support/kubernetes';
import { resourceTypes } from '../support/template';
import { irsaTrust } from '../support/eks';

describe('examples/eks-workloads (the README (EKS workloads) examples)', () => {
  let stack: Stack;
  let built: EksWorkloads;
  let template: Template;
  let manifests: Record<string, KubernetesObject[]>;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Shop', eksWorkloads, { env: { account: '123456789012', region: 'eu-west-1' } }));
    manifests = assemblyManifests(stack);
  });

  test('a two-container, scaled, load-balanced web application with a DNS name, and no Lambda on the way', () => {
    const objects = manifests[built.web.manifestFile]!;
    const deployment = objectOf(objects, 'Deployment');
    expect(deployment.spec.template.spec.containers.map((c: { name: string; image: string }) => [c.name, c.image])).toEqual([
      ['web', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web:1.4.2'],
      ['otel', 'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1'],
    ]);
    expect(objectOf(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(objectOf(objects, 'Service').spec).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'eks.amazonaws.com/nlb' });
    expect(built.web.dnsName).toBe('web.shop.svc.cluster.local');
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::') || t === 'AWS::Lambda::Function')).toEqual([]);
  });

  test('every manifest the example writes is valid against the Kubernetes OpenAPI schema', () => {
    expect(Object.keys(manifests).sort()).toEqual([built.shop.manifestFile, built.web.manifestFile, built.worker.manifestFile, built.batchPool.manifestFile, built.batch.manifestFile].sort());
    expect(schemaFindings(Object.values(manifests).flat())).toEqual([]);
  });

  test('the batch pods run on their own node pool: Graviton, Spot first, within its limits', () => {
    const [pool] = manifests[built.batchPool.manifestFile]!;
    expect(pool.kind).toBe('NodePool');
    expect(pool.spec.template.spec.requirements).toEqual(expect.arrayContaining([
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
      { key: 'eks.amazonaws.com/instance-cpu', operator: 'Lt', values: ['17'] },
    ]));
    expect(pool.spec.limits).toEqual({ cpu: '64', memory: '256Gi' });
    expect(pool.spec.disruption.budgets).toEqual([{ nodes: '0', schedule: '0 8 * * mon-fri', duration: '10h' }, { nodes: '1' }]);
    const pod = objectOf(manifests[built.batch.manifestFile]!, 'Deployment').spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'batch' });
    expect(pod.tolerations).toEqual([{ key: 'workload-class', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }]);
    // 8 pods of 2 vCPU fit the 64-vCPU limit and a 16-vCPU node: no warning, no error.
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('node-pool'))).toEqual([]);
  });

  test('the worker reads the bucket through its Pod Identity role', () => {
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { Namespace: 'shop', ServiceAccount: 'worker' });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(built.worker.role!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })]) },
    });
  });

  test('Argo CD runs as the EKS capability (no Lambda) and may read the manifests repository', () => {
    template.hasResourceProperties('AWS::EKS::Capability', { Type: 'ARGOCD', Configuration: { ArgoCd: Match.objectLike({ Namespace: 'argocd' }) } });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(built.argoCd.role.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
    });
  });

  test('synthesizes without warnings', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('examples/eks-workloads fargateJobs (the README (IAM for pods) example)', () => {
  let stack: Stack;
  let built: FargateJobs;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built, template } = synthExample('Jobs', fargateJobs, { env: { account: '123456789012', region: 'eu-west-1' } }));
  });

  test('the reporter on Fargate reads the bucket through an IRSA role its ServiceAccount names', () => {
    const objects = assemblyManifests(stack)[built.reporter.manifestFile]!;
    const [role] = Object.values(template.findResources('AWS::IAM::Role', { Properties: { Description: 'IRSA for jobs/reporter' } }));
    const roleName = role!.Properties.RoleName as string;
    expect(objectOf(objects, 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${roleName}` });
    template.resourceCountIs('AWS::EKS::PodIdentityAssociation', 0);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(built.reporter.role!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })]) },
    });
    const issuer = 'oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
    expect(irsaTrust(template, 'IRSA for jobs/reporter', issuer).Statement[0]!.Condition.StringEquals[`${issuer}:sub`]).toBe('system:serviceaccount:jobs:reporter');
    expect(schemaFindings(objects)).toEqual([]);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::') || t === 'AWS::Lambda::Function')).toEqual([]);
  });

  test('synthesizes without warnings', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});
