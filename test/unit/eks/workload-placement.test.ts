import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { ApiObject, JsonPatch } from 'cdk8s';
import { EksAddon, EksCapacity, EksCluster, EksNamespace, EksWorkload, EksWorkloadProps, WorkloadImage } from '../../../lib/eks';
import { thrownMessage } from '../../support/thrown';

const image = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

/** A cluster `Platform` with the given capacity, and workloads built by `build`; synthesized. */
function synth(capacity: EksCapacity[], build: (cluster: EksCluster, stack: Stack) => void, addons?: EksAddon[]): { stack: Stack; warnings: (text: string) => string[] } {
  const app = new App();
  const stack = new Stack(app, 'Test');
  const cluster = new EksCluster(stack, 'Platform', { capacity, addons });
  cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/admins');
  build(cluster, stack);
  app.synth();
  return {
    stack,
    warnings: (text) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(text)).map((w) => `${w.id} ${String(w.entry.data)}`),
  };
}

function workload(stack: Stack, cluster: EksCluster, id: string, props: Partial<EksWorkloadProps> & { cpu?: string; memory?: string }): EksWorkload {
  const { cpu, memory, ...rest } = props;
  return new EksWorkload(stack, id, {
    kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'),
    workloadName: id.toLowerCase(),
    containers: [{ name: 'app', image, cpu, memory }],
    ...rest,
  });
}

const t4gMedium = (maxSize: number) => EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('t4g.medium')], minSize: 1, desiredSize: 1, maxSize });

describe('EksWorkload pod placement on node groups', () => {
  test('pods that fit the node groups at their maximum size are not warned about', () => {
    const { warnings } = synth([t4gMedium(4)], (cluster, stack) => workload(stack, cluster, 'Web', { replicas: 4, cpu: '500m', memory: '512Mi' }));
    expect(warnings('placement')).toEqual([]);
  });

  test('pods that do not all fit are a warning on the cluster, with the allocatable figures and the shortfall', () => {
    // t4g.medium: 2 vCPU, 4 GiB, 3 ENIs x (6 - 1) + 2 = 17 pods; kube-reserved 60m + 10m = 70m -> 1930m,
    // and 255 + 11 x 17 = 442 MiB plus the 100 MiB eviction threshold -> 4096 - 542 = 3554 MiB.
    const { warnings } = synth([t4gMedium(2)], (cluster, stack) => workload(stack, cluster, 'Web', { replicas: 10, cpu: '500m', memory: '512Mi' }));
    const [warning] = warnings('do not all fit');
    expect(warning).toMatch(/^\/Test\/Platform /);
    expect(warning).toContain('2 x t4g.medium (NodeGroup: 1930m, 3554Mi, 17 pods each)');
    expect(warning).toMatch(/\d+ of shop\/web would stay Pending; short by \d+m CPU, \d+Mi memory and \d+ pod slots/);
    expect(warning).toContain('[ack: cdk-containers:eks-placement-shortfall]');
  });

  test('prefix delegation on the VPC CNI add-on raises each node\'s pod limit (17 -> 110 on a t4g.medium), and the check counts it', () => {
    // 30 pods of 50m / 64Mi: CPU and memory fit 2 nodes (1930m, 3554Mi each), 2 x 17 pod slots less
    // the DaemonSets and CoreDNS do not; with /28 prefixes 3 ENIs x (6 - 1) x 16 + 2 = 242, capped at 110.
    const build = (cluster: EksCluster, stack: Stack) => { workload(stack, cluster, 'Web', { replicas: 30, cpu: '50m', memory: '64Mi' }); };
    const [without] = synth([t4gMedium(2)], build).warnings('do not all fit');
    expect(without).toContain('2 x t4g.medium (NodeGroup: 1930m, 3554Mi, 17 pods each)');
    // What stays Pending is counted in the pods' own requests: 4 pods of 50m / 64Mi, and their 4 slots.
    expect(without).toContain('4 of shop/web would stay Pending; short by 200m CPU, 256Mi memory and 4 pod slots');
    const prefixes = [EksAddon.vpcCni({ configurationValues: { env: { ENABLE_PREFIX_DELEGATION: 'true' } } })];
    expect(synth([t4gMedium(2)], build, prefixes).warnings('placement')).toEqual([]);
    // The pod limit grows; kube-reserved memory stays as AL2023's nodeadm computes it (its own ENI formula, no prefixes).
    const tight = synth([t4gMedium(1)], (cluster, stack) => { workload(stack, cluster, 'Web', { replicas: 200, cpu: '5m', memory: '8Mi' }); }, prefixes);
    expect(tight.warnings('do not all fit')[0]).toContain('1 x t4g.medium (NodeGroup: 1930m, 3554Mi, 110 pods each)');
  });

  test('a node group whose taints the pods do not tolerate, or whose labels their nodeSelector does not match, takes none of them', () => {
    const tainted = EksCapacity.nodeGroup({
      id: 'Gpu', instanceTypes: [new ec2.InstanceType('t4g.medium')], minSize: 1, desiredSize: 1, maxSize: 4,
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: eks.TaintEffect.NO_SCHEDULE }], labels: { pool: 'gpu' },
    });
    const patch = (w: EksWorkload, ...patches: JsonPatch[]) => ApiObject.of(w.chart.node.findChild('Deployment')).addJsonPatch(...patches);
    // Room enough on 4 nodes, but the pods do not tolerate the taint.
    const [blocked] = synth([tainted], (cluster, stack) => { workload(stack, cluster, 'Web', { replicas: 2, cpu: '500m', memory: '512Mi' }); }).warnings('do not all fit');
    // CoreDNS does not tolerate the taint either: with no other group, it stays Pending too.
    expect(blocked).toContain('2 of coredns (kube-system), 2 of shop/web would stay Pending; short by 1200m CPU, 1164Mi memory and 4 pod slots.');
    expect(blocked).toContain('No node group takes coredns (kube-system), shop/web at all: the pods do not tolerate a group\'s taints, or a group\'s labels do not match their nodeSelector.');
    // Tolerating the taint (an escape-hatch patch, read from the rendered Deployment), the pods fit.
    const tolerated = synth([tainted, t4gMedium(1)], (cluster, stack) => {
      patch(workload(stack, cluster, 'Web', { replicas: 2, cpu: '500m', memory: '512Mi' }),
        JsonPatch.add('/spec/template/spec/tolerations', [{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]));
    });
    expect(tolerated.warnings('placement')).toEqual([]);
    // A nodeSelector the untainted group's labels do not match: no group takes the pods.
    const selected = synth([t4gMedium(4)], (cluster, stack) => {
      patch(workload(stack, cluster, 'Web', { replicas: 2, cpu: '500m', memory: '512Mi' }), JsonPatch.add('/spec/template/spec/nodeSelector', { pool: 'gpu' }));
    }).warnings('do not all fit');
    expect(selected[0]).toContain('No node group takes shop/web at all');
    // A well-known node label (architecture, zone, ...) is not checked: it keeps the pods off no group.
    const wellKnown = synth([t4gMedium(4)], (cluster, stack) => {
      patch(workload(stack, cluster, 'Web', { replicas: 2, cpu: '500m', memory: '512Mi' }), JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/arch': 'arm64' }));
    });
    expect(wellKnown.warnings('placement')).toEqual([]);
  });

  test('the autoscaler\'s maximum counts, and so do the other workloads of the cluster', () => {
    const { warnings } = synth([t4gMedium(2)], (cluster, stack) => {
      workload(stack, cluster, 'Web', { autoscaling: { minReplicas: 2, maxReplicas: 6 }, cpu: '500m', memory: '512Mi' });
      workload(stack, cluster, 'Api', { replicas: 2, cpu: '500m', memory: '512Mi' });
    });
    expect(warnings('do not all fit')).toHaveLength(1);
  });

  test('pods spill over to the next node group', () => {
    const big = EksCapacity.nodeGroup({ id: 'Big', instanceTypes: [new ec2.InstanceType('m7g.xlarge')], minSize: 1, desiredSize: 1, maxSize: 3 });
    const { warnings } = synth([t4gMedium(2), big], (cluster, stack) => workload(stack, cluster, 'Web', { replicas: 10, cpu: '500m', memory: '512Mi' }));
    expect(warnings('do not all fit')).toEqual([]);
  });

  test('a pod larger than every node group\'s nodes fails the synth with the workload\'s path', () => {
    expect(thrownMessage(() => synth([t4gMedium(4)], (cluster, stack) => workload(stack, cluster, 'Web', { cpu: '2', memory: '512Mi' }))))
      .toMatch(/\[Test\/Web\] containers: .*2000m CPU.*t4g\.medium \(node group NodeGroup\): 1930m, 3554Mi allocatable/s);
  });

  test('a node group of an instance type the table does not know is skipped with a warning', () => {
    const unknown = EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('m8g.large')], maxSize: 2 });
    const { warnings } = synth([unknown], (cluster, stack) => workload(stack, cluster, 'Web', { replicas: 50 }));
    expect(warnings('check skipped for node group NodeGroup')).toHaveLength(1);
    expect(warnings('do not all fit')).toEqual([]);
  });
});

describe('EksWorkload pod placement on Auto Mode and Fargate', () => {
  test('Auto Mode launches what the pods need: nothing is checked', () => {
    const { warnings } = synth([EksCapacity.autoMode()], (cluster, stack) => workload(stack, cluster, 'Web', { replicas: 500, cpu: '4', memory: '16Gi' }));
    expect(warnings('placement|fit')).toEqual([]);
  });

  test('pods a Fargate profile selects are sized as Fargate sizes them, not packed onto nodes', () => {
    const fargate = EksCapacity.fargateProfile({ selectors: [{ namespace: 'sh*' }] });
    const { warnings } = synth([fargate], (cluster, stack) => workload(stack, cluster, 'Web', { replicas: 40, cpu: '2', memory: '4Gi' }));
    expect(warnings('placement|fit')).toEqual([]);
  });

  test('a pod larger than Fargate\'s largest size fails the synth', () => {
    const fargate = EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] });
    expect(thrownMessage(() => synth([fargate], (cluster, stack) => workload(stack, cluster, 'Web', { cpu: '17', memory: '4Gi' }))))
      .toMatch(/\[Test\/Web\] containers: .*at most 16 vCPU and 120 GiB per pod on Fargate/s);
  });

  test('a Fargate profile whose labels the pods do not carry does not select them', () => {
    const fargate = EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop', labels: { compute: 'fargate' } }] });
    const { warnings } = synth([fargate], (cluster, stack) => workload(stack, cluster, 'Web', {}));
    expect(warnings('no Auto Mode, no node group and no Fargate profile that selects them')).toHaveLength(1);
    const labelled = synth([fargate], (cluster, stack) => workload(stack, cluster, 'Web', { labels: { compute: 'fargate' } }));
    expect(labelled.warnings('placement')).toEqual([]);
  });
});
