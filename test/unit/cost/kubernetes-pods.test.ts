import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CostEstimate, CostEstimator, PriceTables } from '../../../lib/cost';
import { EksCapacity, EksCluster, EksNamespace, EksWorkload, WorkloadImage } from '../../../lib/eks';

// lib/cost/kubernetes-pods.ts: the pods of CostEstimateOptions.kubernetesObjects, priced through CostEstimator.estimate.
// Prices: PriceTables.US_EAST_1, 730 hours a month.

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
type KubernetesObject = Record<string, unknown>;

const DEPLOYMENT = 'apps/v1/Deployment';
const NG = 'AWS::EKS::Nodegroup';

/** A line item as the estimator reports it. */
const item = (logicalId: string, resourceType: string, description: string, quantity: number, unit: string, unitMonthly: number, monthly: number) =>
  ({ logicalId, resourceType, description, quantity, unit, unitMonthly, monthly });

/** A container with the given requests (omitted when undefined). */
function container(cpu?: string | number, memory?: string | number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const requests = { ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }) };
  return { name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', resources: { requests }, ...extra };
}

interface DeploymentOptions {
  readonly namespace?: string;
  readonly replicas?: unknown;
  readonly containers?: unknown;
  readonly initContainers?: unknown;
  readonly labels?: Record<string, string>;
  readonly tolerations?: unknown[];
}

/** A Deployment as EksWorkload renders one (apps/v1), namespace `shop` unless given. */
function deployment(name: string, options: DeploymentOptions = {}): KubernetesObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: options.namespace ?? 'shop' },
    spec: {
      ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name, ...options.labels } },
        spec: {
          containers: options.containers ?? [container('500m', '768Mi')],
          ...(options.initContainers === undefined ? {} : { initContainers: options.initContainers }),
          ...(options.tolerations === undefined ? {} : { tolerations: options.tolerations }),
        },
      },
    },
  };
}

/** A HorizontalPodAutoscaler (autoscaling/v2) of the Deployment `target`. */
function autoscaler(target: string, minReplicas: number | undefined, namespace = 'shop'): KubernetesObject {
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: { name: target, namespace },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, maxReplicas: 10, ...(minReplicas === undefined ? {} : { minReplicas }) },
  };
}

const CLUSTER: Resources = { Eks: { Type: 'AWS::EKS::Cluster', Properties: {} } };
const AUTO_MODE: Resources = { Eks: { Type: 'AWS::EKS::Cluster', Properties: { ComputeConfig: { Enabled: true } } } };

function profile(selectors: unknown): Resources[string] {
  return { Type: 'AWS::EKS::FargateProfile', Properties: { ClusterName: { Ref: 'Eks' }, Selectors: selectors } };
}

function nodeGroup(properties: Record<string, unknown> = {}): Resources[string] {
  return { Type: NG, Properties: { ClusterName: { Ref: 'Eks' }, InstanceTypes: ['t4g.medium'], ScalingConfig: { MinSize: 1, DesiredSize: 2, MaxSize: 4 }, ...properties } };
}

function estimate(resources: Resources, kubernetesObjects: KubernetesObject[]): CostEstimate {
  return CostEstimator.estimate({ Resources: resources }, { kubernetesObjects });
}

/** The line items of the pods and extra nodes (what the objects add to the template's own items). */
function podItems(e: CostEstimate): CostEstimate['lineItems'] {
  return e.lineItems.filter((i) => i.resourceType === DEPLOYMENT || i.description.includes('extra nodes for pods'));
}

describe('Fargate pods', () => {
  test('priced at the Fargate size of their requests, per workload, at the x86_64 prices', () => {
    // GIVEN 2 replicas of one container requesting 500m and 768Mi, in a namespace a Fargate profile selects
    const e = estimate({ ...CLUSTER, Shop: profile([{ Namespace: 'shop' }]) }, [deployment('web', { replicas: 2 })]);
    // THEN 2 x (0.5 vCPU, 768Mi + 256Mi = 1024Mi -> 0.5 vCPU / 1 GB)
    //   x (0.5 x 0.04048 + 1 x 0.004445 = 0.024685 per hour) x 730 h = 2 x 18.02005 = 36.04
    expect(podItems(e)).toEqual([item('shop/web', DEPLOYMENT, 'Fargate pods (x86_64, 0.5 vCPU, 1 GB)', 2, 'pod', 18.02, 36.04)]);
    expect(e.totalMonthly).toBeCloseTo(73 + 36.04, 2);
    expect(e.notes).toContain('EKS on Fargate: pods at the x86_64 on-demand price (EKS runs no Arm and no Spot pods on Fargate), each sized at its requests + 256 MiB, rounded up to a Fargate size');
    expect(e.unpriced).toEqual([]);
  });

  test('the 256 MiB can take a pod to the next size; requests are summed; the ARM price is never used', () => {
    // GIVEN containers of 250m + 250m and 512Mi + 512Mi: 500m, 1024Mi + 256Mi = 1280Mi -> 0.5 vCPU / 2 GB
    const twoContainers = deployment('api', { replicas: 3, containers: [container('250m', '512Mi'), container('250m', '512Mi')] });
    // and 1 vCPU, 8Gi: + 256 MiB needs 9 GB, which only 2 vCPU offers (the EKS user guide's example)
    const big = deployment('batch', { replicas: 1, containers: [container(1, '8Gi')] });
    const armCheap = { ...PriceTables.US_EAST_1, fargateArmVcpuHour: 0, fargateArmGbHour: 0 };
    const e = CostEstimator.estimate({ Resources: { ...CLUSTER, Shop: profile([{ Namespace: 'shop' }]) } }, { kubernetesObjects: [twoContainers, big], prices: armCheap });
    // 0.5 x 0.04048 + 2 x 0.004445 = 0.02913 per hour x 730 = 21.2649; 2 x 0.04048 + 9 x 0.004445 = 0.120965 x 730 = 88.30445
    expect(podItems(e)).toEqual([
      item('shop/api', DEPLOYMENT, 'Fargate pods (x86_64, 0.5 vCPU, 2 GB)', 3, 'pod', 21.26, 63.79),
      item('shop/batch', DEPLOYMENT, 'Fargate pods (x86_64, 2 vCPU, 9 GB)', 1, 'pod', 88.3, 88.3),
    ]);
  });

  test('no requests: the smallest size; a limit stands in for a missing request, as the API server defaults it', () => {
    const e = estimate({ ...CLUSTER, Shop: profile([{ Namespace: 'shop' }]) }, [
      deployment('bare', { replicas: 1, containers: [{ name: 'app', image: 'nginx' }] }),
      deployment('limited', { replicas: 1, containers: [{ name: 'app', image: 'nginx', resources: { limits: { cpu: '2', memory: '4Gi' } } }] }),
    ]);
    // 0 + 256 MiB -> 0.25 vCPU / 0.5 GB: 9.01; 2 vCPU and 4 GiB + 256 MiB -> 2 vCPU / 5 GB: (0.08096 + 0.022225) x 730 = 75.32505
    expect(podItems(e).map((i) => [i.logicalId, i.description, i.unitMonthly])).toEqual([
      ['shop/bare', 'Fargate pods (x86_64, 0.25 vCPU, 0.5 GB)', 9.01],
      ['shop/limited', 'Fargate pods (x86_64, 2 vCPU, 5 GB)', 75.33],
    ]);
  });

  test('init containers: the largest one counts when it is larger than the sum of the others; a native sidecar is summed with them', () => {
    const resources = { ...CLUSTER, Shop: profile([{ Namespace: 'shop' }]) };
    // containers 250m / 256Mi; init 1000m / 64Mi: CPU 1000m, memory 256Mi + 256 -> 1 vCPU / 2 GB
    const migrate = deployment('migrate', { replicas: 1, containers: [container('250m', '256Mi')], initContainers: [container('1', '64Mi'), container('100m', '1Mi')] });
    // a sidecar (restartPolicy Always) of 250m / 512Mi adds to the container: 500m, 768Mi + 256 -> 0.5 vCPU / 1 GB
    const sidecar = deployment('proxy', { replicas: 1, containers: [container('250m', '256Mi')], initContainers: [container('250m', '512Mi', { restartPolicy: 'Always' })] });
    expect(podItems(estimate(resources, [migrate, sidecar])).map((i) => [i.logicalId, i.description])).toEqual([
      ['shop/migrate', 'Fargate pods (x86_64, 1 vCPU, 2 GB)'],
      ['shop/proxy', 'Fargate pods (x86_64, 0.5 vCPU, 1 GB)'],
    ]);
  });

  test('an HPA\'s minReplicas replaces the replicas (Kubernetes\' default 1 when it sets none); an HPA of another namespace or Deployment does not', () => {
    const e = estimate({ ...CLUSTER, All: profile([{ Namespace: '*' }]) }, [
      deployment('web'), autoscaler('web', 3), // no spec.replicas (as EksWorkload renders it with autoscaling): 3
      deployment('api', { replicas: 5 }), autoscaler('api', 2), // the HPA wins: 2
      deployment('job', { replicas: 4 }), autoscaler('job', undefined), // minReplicas unset: 1
      deployment('other', { replicas: 6 }), autoscaler('other', 1, 'elsewhere'), autoscaler('nothing', 1), // 6
      deployment('plain'), // no replicas and no HPA: Kubernetes' default of 1
    ]);
    // (and CoreDNS's 2 pods, which the profile's `*` selects too)
    expect(podItems(e).map((i) => [i.logicalId, i.quantity])).toEqual([['shop/web', 3], ['shop/api', 2], ['shop/job', 1], ['shop/other', 6], ['shop/plain', 1], ['kube-system/coredns', 2]]);
    expect(e.notes).toContain('shop/plain: spec.replicas not set: Kubernetes\' default of 1 replica assumed');
    expect(e.notes.filter((n) => n.includes('default of 1 replica'))).toHaveLength(1);
  });

  test('selectors: namespace and label wildcards (* any run, ? one character), every label of the selector on the pod', () => {
    // GIVEN a profile with three selectors
    const resources = {
      ...CLUSTER,
      Wild: profile([
        { Namespace: 'shop-*' },
        { Namespace: 'team-?', Labels: [{ Key: 'tier', Value: 'web*' }] },
        { Namespace: 'jobs', Labels: [{ Key: 'app.kubernetes.io/*', Value: 'v1.2' }, { Key: 'team', Value: 'data' }] },
      ]),
    };
    const objects = [
      deployment('a', { namespace: 'shop-staging', replicas: 1 }), // shop-*
      deployment('b', { namespace: 'shop-', replicas: 1 }), // * matches nothing too
      deployment('c', { namespace: 'shop', replicas: 1 }), // no "-"
      deployment('d', { namespace: 'team-1', replicas: 1, labels: { tier: 'web-frontend' } }), // ? and web*
      deployment('e', { namespace: 'team-12', replicas: 1, labels: { tier: 'web' } }), // ? is exactly one character
      deployment('f', { namespace: 'team-2', replicas: 1, labels: { tier: 'api' } }), // label value does not match
      deployment('g', { namespace: 'team-3', replicas: 1 }), // label missing
      deployment('h', { namespace: 'jobs', replicas: 1, labels: { 'app.kubernetes.io/version': 'v1.2', team: 'data' } }), // key wildcard, both labels
      deployment('i', { namespace: 'jobs', replicas: 1, labels: { 'app.kubernetes.io/version': 'v1x2', team: 'data' } }), // "." is a plain character
      deployment('j', { namespace: 'jobs', replicas: 1, labels: { 'app.kubernetes.io/version': 'v1.2' } }), // one of the two labels only
    ];
    const e = estimate(resources, objects);
    expect(podItems(e).map((i) => i.logicalId)).toEqual(['shop-staging/a', 'shop-/b', 'team-1/d', 'jobs/h']);
    // THEN the others run nowhere: the cluster has no node group and no Auto Mode
    expect(e.notes.filter((n) => n.includes('stay Pending')).map((n) => n.split(':')[0])).toEqual(['shop/c', 'team-12/e', 'team-2/f', 'team-3/g', 'jobs/i', 'jobs/j']);
    expect(e.notes).toContain('shop/c: no Fargate profile selects its pods and the cluster has neither node groups nor Auto Mode: they stay Pending (not priced)');
  });

  test('a selector that is not literal selects nothing, with a note; pods larger than Fargate\'s largest size are listed, not priced', () => {
    const e = estimate({ ...CLUSTER, Token: profile([{ Namespace: { Ref: 'Ns' } }]), Tokens: profile({ Ref: 'Selectors' }), Shop: profile([{ Namespace: 'shop', Labels: { Ref: 'L' } }, { Namespace: 'big' }]) }, [
      deployment('web', { replicas: 1 }),
      deployment('huge', { namespace: 'big', replicas: 1, containers: [container('16', '120Gi')] }),
    ]);
    expect(podItems(e)).toEqual([]);
    expect(e.notes).toEqual(expect.arrayContaining([
      'Token: a selector is not literal: the pods it may select are priced as if it selected none',
      'Tokens: a selector is not literal: the pods it may select are priced as if it selected none',
      'Shop: a selector is not literal: the pods it may select are priced as if it selected none',
    ]));
    expect(e.unpriced).toEqual([{
      logicalId: 'big/huge', resourceType: DEPLOYMENT,
      reason: 'a pod requests 16000m CPU and 122880Mi memory (plus the 256Mi Fargate adds): more than Fargate\'s largest size (16 vCPU, 120 GB)',
    }]);
  });

  test('CoreDNS: two pods of 100m / 70Mi on Fargate when a profile selects them, as every cluster without Auto Mode runs it', () => {
    const resources = { ...CLUSTER, Dns: profile([{ Namespace: 'kube-system', Labels: [{ Key: 'k8s-app', Value: 'kube-dns' }] }]) };
    // 70Mi + 256 -> 0.25 vCPU / 0.5 GB: 2 x 9.01
    expect(podItems(estimate(resources, []))).toEqual([item('kube-system/coredns', DEPLOYMENT, 'Fargate pods (x86_64, 0.25 vCPU, 0.5 GB)', 2, 'pod', 9.01, 18.02)]);
    // the objects' own CoreDNS replaces it
    const own = deployment('coredns', { namespace: 'kube-system', replicas: 3, labels: { 'k8s-app': 'kube-dns' } });
    expect(podItems(estimate(resources, [own])).map((i) => [i.logicalId, i.quantity])).toEqual([['kube-system/coredns', 3]]);
    // without the option, nothing of the pods is priced
    expect(podItems(CostEstimator.estimate({ Resources: resources }))).toEqual([]);
  });
});

describe('pods on managed node groups', () => {
  test('the nodes the pods need beyond the minimum size, priced like the group\'s own nodes', () => {
    // GIVEN a t4g.medium group (1930m, 3554Mi, 17 pods; after the DaemonSets' 150m and 3 slots: 1780m) of 1 to 4 nodes,
    // and 4 pods of 1000m / 1Gi: one per node, so 4 nodes; CoreDNS's 2 x 100m fit beside the first
    const e = estimate({ ...CLUSTER, Ng: nodeGroup() }, [deployment('web', { replicas: 4, containers: [container('1', '1Gi')] })]);
    // THEN 3 nodes beyond the minimum of 1: 3 x 0.0336 x 730 = 3 x 24.528 = 73.58, and their 20 GB gp2 disks: 60 GB x 0.10 = 6.00
    expect(e.lineItems.filter((i) => i.logicalId === 'Ng')).toEqual([
      item('Ng', NG, 'EKS nodes at minimum size (t4g.medium)', 1, 'instance', 24.53, 24.53),
      item('Ng', NG, 'EBS gp2 node volumes', 20, 'GB', 0.1, 2),
      item('Ng', NG, 'extra nodes for pods (t4g.medium)', 3, 'instance', 24.53, 73.58),
      item('Ng', NG, 'EBS gp2 node volumes of extra nodes for pods', 60, 'GB', 0.1, 6),
    ]);
    expect(e.notes).toContain('Ng: 3 node(s) beyond the minimum size for the pods of shop/web (first fit, largest pods first, after the add-ons\' DaemonSets; '
      + 't4g.medium: 1930m, 3554Mi, 17 pods each, no prefix delegation); priced as if the group grows to hold them (Cluster Autoscaler, Karpenter or a higher desiredSize): '
      + 'a managed node group does not scale by itself');
    expect(e.unpriced).toEqual([]);
  });

  test('prefix delegation on the template\'s vpc-cni add-on raises the pods per node: pod slots no longer decide the node count', () => {
    // 40 pods of 10m / 16Mi: 17 slots less the 3 DaemonSet pods per t4g.medium, and CoreDNS's 2 on the first:
    // 12 + 14 + 14 -> 3 nodes, 2 beyond the minimum; with prefixes 110 slots -> all on the first node, nothing extra
    const pods = [deployment('web', { replicas: 40, containers: [container('10m', '16Mi')] })];
    const without = estimate({ ...CLUSTER, Ng: nodeGroup() }, pods);
    expect(podItems(without).map((i) => [i.description, i.quantity])).toEqual([['extra nodes for pods (t4g.medium)', 2], ['EBS gp2 node volumes of extra nodes for pods', 40]]);
    const vpcCni = { Type: 'AWS::EKS::Addon', Properties: { AddonName: 'vpc-cni', ClusterName: { Ref: 'Eks' }, ConfigurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}' } };
    const withPrefixes = estimate({ ...CLUSTER, Ng: nodeGroup(), VpcCni: vpcCni }, pods);
    expect(podItems(withPrefixes)).toEqual([]);
    const off = estimate({ ...CLUSTER, Ng: nodeGroup(), VpcCni: { ...vpcCni, Properties: { ...vpcCni.Properties, ConfigurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"false"}}' } } }, pods);
    expect(podItems(off)).toEqual(podItems(without));
  });

  test('pods that fit on the minimum size add nothing; the HPA\'s minimum counts, not its maximum', () => {
    const e = estimate({ ...CLUSTER, Ng: nodeGroup() }, [deployment('web'), autoscaler('web', 2)]);
    expect(podItems(e)).toEqual([]);
  });

  test('at most up to the maximum size: the pods beyond it are noted as Pending, not priced', () => {
    // 6 pods of 1000m need 6 nodes; the group has at most 4
    const e = estimate({ ...CLUSTER, Ng: nodeGroup() }, [deployment('web', { replicas: 6, containers: [container('1', '1Gi')] })]);
    expect(podItems(e).map((i) => [i.description, i.quantity])).toEqual([['extra nodes for pods (t4g.medium)', 3], ['EBS gp2 node volumes of extra nodes for pods', 60]]);
    expect(e.notes).toContain('shop/web: 2 of its 6 pod(s) do not fit on the node groups at their maximum size: they stay Pending (not priced)');
  });

  test('a pod larger than every node is listed as unpriced with the nodes\' room', () => {
    const e = estimate({ ...CLUSTER, Ng: nodeGroup() }, [deployment('web', { replicas: 1, containers: [container('2', '1Gi')] })]);
    expect(podItems(e)).toEqual([]);
    expect(e.unpriced).toEqual([{
      logicalId: 'shop/web', resourceType: DEPLOYMENT,
      reason: 'a pod requests 2000m CPU and 1024Mi memory: more than a node of any node group it may run on has room for after the add-ons\' DaemonSets (t4g.medium: 1780m, 3554Mi), so it is never scheduled',
    }]);
  });

  test('two groups: their minimum sizes first, in template order, then new nodes of the first group, then of the second', () => {
    // GIVEN A: 1 to 2 x t4g.medium, B: 0 to 3 x m7g.large (2 vCPU, 8 GiB: 1930m, 7518Mi), 5 pods of 1000m / 1Gi
    const resources = {
      ...CLUSTER,
      A: nodeGroup({ ScalingConfig: { MinSize: 1, MaxSize: 2 } }),
      B: nodeGroup({ InstanceTypes: ['m7g.large'], ScalingConfig: { MinSize: 0, MaxSize: 3 }, CapacityType: 'SPOT' }),
    };
    const e = estimate(resources, [deployment('web', { replicas: 5, containers: [container('1', '1Gi')] })]);
    // THEN A's minimum node takes 1, a second A node 1, then 3 new B nodes (B has no node at minimum size 0): 3 x 0.0816 x 730 = 178.70
    expect(podItems(e)).toEqual([
      item('A', NG, 'extra nodes for pods (t4g.medium)', 1, 'instance', 24.53, 24.53),
      item('A', NG, 'EBS gp2 node volumes of extra nodes for pods', 20, 'GB', 0.1, 2),
      item('B', NG, 'extra nodes for pods (m7g.large)', 3, 'instance', 59.57, 178.7),
      item('B', NG, 'EBS gp2 node volumes of extra nodes for pods', 60, 'GB', 0.1, 6),
    ]);
    expect(e.notes).toContain('B: Spot nodes priced at the on-demand price (an upper bound)');
  });

  test('taints: NO_SCHEDULE and NO_EXECUTE keep off the pods that do not tolerate them; PREFER_NO_SCHEDULE does not', () => {
    const resources = {
      ...CLUSTER,
      Batch: nodeGroup({ ScalingConfig: { MinSize: 0, MaxSize: 3 }, Taints: [{ Key: 'workload', Value: 'batch', Effect: 'NO_SCHEDULE' }] }),
      Gpu: nodeGroup({ ScalingConfig: { MinSize: 0, MaxSize: 3 }, Taints: [{ Key: 'gpu', Effect: 'NO_EXECUTE' }, { Key: 'soft', Effect: 'PREFER_NO_SCHEDULE' }] }),
    };
    const pod = [container('1', '1Gi')];
    const e = estimate(resources, [
      deployment('plain', { replicas: 1, containers: pod }),
      deployment('batch', { replicas: 1, containers: pod, tolerations: [{ key: 'workload', operator: 'Equal', value: 'batch', effect: 'NoSchedule' }] }),
      deployment('wrong-value', { replicas: 1, containers: pod, tolerations: [{ key: 'workload', value: 'web' }] }),
      deployment('gpu', { replicas: 1, containers: pod, tolerations: [{ key: 'gpu', operator: 'Exists' }] }),
      deployment('wrong-effect', { replicas: 1, containers: pod, tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }),
      deployment('anything', { replicas: 1, containers: pod, tolerations: [{ operator: 'Exists' }] }),
    ]);
    // THEN batch and anything on Batch (first in order), gpu on Gpu; the others (and CoreDNS) on neither
    expect(podItems(e).filter((i) => i.unit === 'instance').map((i) => [i.logicalId, i.quantity])).toEqual([['Batch', 2], ['Gpu', 1]]);
    expect(e.notes.filter((n) => n.includes('tolerate')).map((n) => n.split(':')[0])).toEqual(['shop/plain', 'shop/wrong-value', 'shop/wrong-effect']);
    expect(e.notes).toContain('shop/plain: its pods tolerate the taints of no node group: they stay Pending (not priced)');
  });

  test('a group whose nodes cannot be counted leaves the extra nodes unpriced, with the reason', () => {
    const pods = [deployment('web', { replicas: 1 })];
    const reason = (resources: Resources) => estimate({ ...CLUSTER, ...resources }, pods).unpriced.map((u) => `${u.logicalId}: ${u.reason}`);
    const ran = ' (the pods of shop/web run on the node groups)';
    expect(reason({ Ng: nodeGroup({ InstanceTypes: ['m5d.large'] }) })).toEqual([`Ng: extra nodes for pods not worked out: instance type m5d.large is not in the library's table of vCPUs, memory and network interfaces${ran}`]);
    expect(reason({ Ng: nodeGroup({ InstanceTypes: [{ Ref: 'Type' }] }) })).toEqual(['Ng: instance type is not literal', `Ng: extra nodes for pods not worked out: its instance type is not literal${ran}`]);
    expect(reason({ Ng: nodeGroup({ ScalingConfig: { MinSize: 1 } }) })).toEqual([`Ng: extra nodes for pods not worked out: ScalingConfig.MaxSize is not set to a literal whole number${ran}`]);
    expect(reason({ Ng: nodeGroup({ ScalingConfig: { MinSize: 1, MaxSize: '2.5' } }) })).toEqual([`Ng: extra nodes for pods not worked out: ScalingConfig.MaxSize is not set to a literal whole number${ran}`]);
    expect(reason({ Ng: nodeGroup({ ScalingConfig: { MinSize: { Ref: 'Min' }, MaxSize: 3 } }), Ok: nodeGroup() }))
      .toEqual(['Ng: ScalingConfig.MinSize is not a literal number', `Ng: extra nodes for pods not worked out: ScalingConfig.MinSize is not a literal whole number${ran}`]);
    // numbers as text are read, as for the node group's own price
    expect(reason({ Ng: nodeGroup({ ScalingConfig: { MinSize: '1', MaxSize: '4' } }) })).toEqual([]);
    // CoreDNS alone makes no such entry
    expect(estimate({ ...CLUSTER, Ng: nodeGroup({ InstanceTypes: ['m5d.large'] }) }, []).unpriced).toEqual([]);
  });

  test('Bottlerocket nodes reserve memory from the capped max pods, AL2023 from the ENI figure: the same pods may need one node more on AL2023', () => {
    // m5.4xlarge: 16 vCPU, 64 GiB, 234 ENI pods capped at 110. kube-reserved memory: AL2023 11 x 234 + 255 = 2829 MiB, Bottlerocket
    // 11 x 110 + 255 = 1465 MiB; less the 100 MiB eviction threshold: 65536 - 2929 = 62607 MiB, and 65536 - 1565 = 63971 MiB
    const prices = { ...PriceTables.US_EAST_1, ec2InstanceHour: { 'm5.4xlarge': 0.768 } };
    const extra = (memory: string, amiType: string): number => {
      const e = CostEstimator.estimate(
        { Resources: { ...CLUSTER, Ng: nodeGroup({ InstanceTypes: ['m5.4xlarge'], AmiType: amiType, ScalingConfig: { MinSize: 1, MaxSize: 3 } }) } },
        { prices, kubernetesObjects: [deployment('mem', { replicas: 2, containers: [container('100m', memory)] })] });
      return podItems(e).find((i) => i.unit === 'instance')?.quantity ?? 0;
    };
    // 2 x 31000 = 62000 MiB (+ CoreDNS 2 x 70) fit one node of either; 2 x 31600 = 63200 only a Bottlerocket one
    expect([extra('31000Mi', 'AL2023_x86_64_STANDARD'), extra('31000Mi', 'BOTTLEROCKET_x86_64')]).toEqual([0, 0]);
    expect([extra('31600Mi', 'AL2023_x86_64_STANDARD'), extra('31600Mi', 'BOTTLEROCKET_x86_64')]).toEqual([1, 0]);
  });
});

describe('what is not priced', () => {
  test('Auto Mode: the pods\' nodes are unpriced with their requests and the reason; Fargate pods still priced; no CoreDNS', () => {
    const e = estimate({ ...AUTO_MODE, Jobs: profile([{ Namespace: 'jobs' }, { Namespace: 'kube-system' }]) }, [
      deployment('web', { replicas: 2, containers: [container('500m', '768Mi'), container(undefined, '256Mi')] }),
      deployment('job', { namespace: 'jobs', replicas: 1 }),
    ]);
    expect(podItems(e).map((i) => i.logicalId)).toEqual(['jobs/job']);
    expect(e.unpriced).toEqual([{
      logicalId: 'shop/web', resourceType: DEPLOYMENT,
      reason: '2 pod(s) of 500m CPU and 1024Mi memory each on EKS Auto Mode nodes: EKS picks the instance types (its general-purpose node pool: on-demand C, M or R, '
        + 'generation 5 or newer, amd64) and bills a management fee per instance type that the price table does not hold, so the nodes are not priced',
    }]);
  });

  test('Auto Mode with a node group: the pods its minimum size holds cost nothing more; EKS launches nodes for the rest, which are not priced', () => {
    // a t4g.medium holds 1 pod of 1000m (1780m after the DaemonSets); no CoreDNS pods on Auto Mode
    const e = estimate({ ...AUTO_MODE, Ng: nodeGroup() }, [deployment('web', { replicas: 3, containers: [container('1', '1Gi')] }), deployment('small', { replicas: 1, containers: [container('100m', '64Mi')] })]);
    expect(podItems(e)).toEqual([]);
    expect(e.unpriced.map((u) => [u.logicalId, u.reason.split(':')[0]])).toEqual([['shop/web', '2 pod(s) of 1000m CPU and 1024Mi memory each on EKS Auto Mode nodes']]);
    // a group whose nodes cannot be counted: every pod counts as on Auto Mode nodes
    const unknown = estimate({ ...AUTO_MODE, Ng: nodeGroup({ InstanceTypes: ['m5d.large'] }) }, [deployment('web', { replicas: 3 })]);
    expect(unknown.unpriced.map((u) => [u.logicalId, u.reason.split(':')[0]])).toEqual([['shop/web', '3 pod(s) of 500m CPU and 768Mi memory each on EKS Auto Mode nodes']]);
  });

  test('several clusters, or none: the objects cannot be placed and are listed', () => {
    const two = estimate({ A: { Type: 'AWS::EKS::Cluster' }, B: { Type: 'AWS::EKS::Cluster' }, P: { ...profile([{ Namespace: '*' }]), Properties: { ClusterName: { Ref: 'A' }, Selectors: [{ Namespace: '*' }] } } },
      [deployment('web', { replicas: 1 })]);
    expect(podItems(two)).toEqual([]);
    expect(two.unpriced).toEqual([{
      logicalId: 'shop/web', resourceType: DEPLOYMENT,
      reason: 'the template has 2 EKS clusters (A, B): the Kubernetes objects cannot be matched to one; estimate each cluster\'s template with its own objects',
    }]);
    expect(estimate({}, [deployment('web')]).unpriced.map((u) => u.reason)).toEqual(['the template has no EKS cluster, Fargate profile or node group for its pods']);
    // a profile of a cluster the template does not hold counts as that cluster (by name); the same name as the template's cluster is that cluster
    const imported = { P: { Type: 'AWS::EKS::FargateProfile', Properties: { ClusterName: 'shop-cluster', Selectors: [{ Namespace: 'shop' }] } } };
    expect(podItems(estimate(imported, [deployment('web', { replicas: 1 })])).map((i) => i.logicalId)).toEqual(['shop/web']);
    const named = { ...imported, Eks: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'shop-cluster' } } };
    expect(podItems(estimate(named, [deployment('web', { replicas: 1 })])).map((i) => i.logicalId)).toEqual(['shop/web']);
    expect(estimate({ ...named, Other: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'other' } } }, [deployment('web', { replicas: 1 })]).unpriced[0]!.reason).toMatch(/^the template has 2 EKS clusters \(Eks, Other\)/);
  });

  test('kinds that make pods other than Deployments are listed; objects that make none are ignored', () => {
    const e = estimate({ ...CLUSTER, All: profile([{ Namespace: 'shop' }, { Namespace: 'default' }]) }, [
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: {} },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    ]);
    expect(podItems(e)).toEqual([]);
    expect(e.unpriced).toEqual([
      { logicalId: 'shop/db', resourceType: 'apps/v1/StatefulSet', reason: 'only Deployments are priced: the pods of a StatefulSet are not' },
      { logicalId: 'default/nightly', resourceType: 'batch/v1/CronJob', reason: 'only Deployments are priced: the pods of a CronJob are not' },
    ]);
    expect(e.notes.some((n) => n.startsWith('Kubernetes pods:'))).toBe(false);
  });

  test('Deployments that cannot be read are listed with the field and the reason', () => {
    const e = estimate({ ...CLUSTER, All: profile([{ Namespace: 'shop' }]) }, [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'shop' } },
      deployment('no-containers', { containers: [] }),
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'no-spec', namespace: 'shop' } },
      deployment('negative', { replicas: -1 }),
      deployment('text', { replicas: '2' }),
      deployment('fraction', { replicas: 1.5 }),
      deployment('bad-hpa'), autoscaler('bad-hpa', 0.5),
      deployment('typo', { containers: [container('500 m', '1Gi')] }),
      deployment('case', { containers: [container('500m', '1gi')] }),
      deployment('object', { containers: [container({ value: 1 } as unknown as string, '1Gi')] }),
      deployment('limit', { containers: [{ name: 'app', resources: { limits: { memory: '-1Gi' } } }] }),
      deployment('not-a-container', { containers: ['app'] }),
      deployment('init', { initContainers: 'migrate' }),
    ]);
    expect(podItems(e)).toEqual([]);
    expect(e.unpriced.map((u) => `${u.logicalId}: ${u.reason}`)).toEqual([
      'kubernetesObjects[0]: metadata.name is not a string',
      'shop/no-containers: spec.template.spec.containers is not a list of containers',
      'shop/no-spec: spec.template.spec.containers is not a list of containers',
      'shop/negative: spec.replicas is not a whole number 0 or more: -1',
      'shop/text: spec.replicas is not a whole number 0 or more: "2"',
      'shop/fraction: spec.replicas is not a whole number 0 or more: 1.5',
      'shop/bad-hpa: the HorizontalPodAutoscaler\'s minReplicas is not a whole number 0 or more: 0.5',
      expect.stringMatching(/^shop\/typo: spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: unknown suffix " m" in "500 m"/),
      expect.stringMatching(/^shop\/case: spec\.template\.spec\.containers\[0\]\.resources\.requests\.memory: unknown suffix "gi"/),
      'shop/object: spec.template.spec.containers[0].resources.requests.cpu is not a quantity: {"value":1}',
      expect.stringMatching(/^shop\/limit: spec\.template\.spec\.containers\[0\]\.resources\.limits\.memory: "-1Gi" is negative/),
      'shop/not-a-container: spec.template.spec.containers[0] is not an object',
      'shop/init: spec.template.spec.initContainers is not a list',
    ]);
  });

  test('zero replicas cost nothing and are not listed', () => {
    const e = estimate({ ...CLUSTER, Ng: nodeGroup({ ScalingConfig: { MinSize: 0, MaxSize: 2 } }) }, [deployment('off', { replicas: 0 })]);
    // only CoreDNS needs a node: one extra node on a group of minimum 0
    expect(podItems(e).filter((i) => i.unit === 'instance')).toEqual([item('Ng', NG, 'extra nodes for pods (t4g.medium)', 1, 'instance', 24.53, 24.53)]);
    expect(e.unpriced).toEqual([]);
  });
});

describe('the objects an EksWorkload renders', () => {
  test('a workload on a Fargate profile of an EksCluster: its Deployment and HPA, read from the chart', () => {
    // GIVEN a cluster with a Fargate profile for `shop` and a workload of 2 containers, 2 to 6 pods
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
    const cluster = new EksCluster(stack, 'Cluster', { capacity: [EksCapacity.fargateProfile({ id: 'Shop', selectors: [{ namespace: 'shop' }] })] });
    cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/admins');
    const shop = new EksNamespace(stack, 'Ns', { cluster, namespaceName: 'shop' });
    const image = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
    const web = new EksWorkload(stack, 'Web', {
      kubernetesNamespace: shop, workloadName: 'web',
      containers: [{ name: 'web', image, cpu: '500m', memory: '768Mi' }, { name: 'log', image, cpu: '100m', memory: '64Mi' }],
      autoscaling: { minReplicas: 2, maxReplicas: 6 },
    });
    // WHEN
    const e = CostEstimator.estimate(Template.fromStack(stack).toJSON(), { kubernetesObjects: web.chart.toJson() as Record<string, unknown>[] });
    // THEN 600m, 832Mi + 256 = 1088Mi -> 1 vCPU / 2 GB: (0.04048 + 2 x 0.004445) x 730 = 36.0401, at the HPA's minimum of 2
    expect(podItems(e)).toEqual([item('shop/web', DEPLOYMENT, 'Fargate pods (x86_64, 1 vCPU, 2 GB)', 2, 'pod', 36.04, 72.08)]);
  });
});
