import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import {
  EksCapacity, EksCluster, EksNamespace, EksNodePool, EksNodePoolProps, EksWorkload, KubernetesDelivery, NodePoolArchitecture,
  NodePoolCapacityType, NodePoolConsolidationPolicy, NodePoolDisruptionReason, WorkloadImage,
} from '../../../lib/eks';
import { assemblyManifests, KubernetesObject, objectOf, schemaFindings } from '../../support/kubernetes';
import * as fc from 'fast-check';
import { ValidationError } from '../../../lib/errors';
import { thrownMessage } from '../../support/thrown';

const image = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

/** The zones the context lookup would return for the account and Region of `env`. */
const ZONES = { 'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a', 'us-east-1b', 'us-east-1c'] };

function setup(env?: { account: string; region: string }): { app: App; stack: Stack; cluster: EksCluster } {
  const app = new App({ context: ZONES });
  const stack = new Stack(app, 'Test', { env });
  return { app, stack, cluster: new EksCluster(stack, 'Platform') };
}

function pool(props: Partial<EksNodePoolProps> = {}, env?: { account: string; region: string }): { stack: Stack; cluster: EksCluster; pool: EksNodePool; object: KubernetesObject } {
  const { stack, cluster } = setup(env);
  const made = new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'batch', ...props });
  return { stack, cluster, pool: made, object: assemblyManifests(stack)[made.manifestFile]![0]! };
}

/** The parts of a NodePool's spec the tests read. */
interface NodePoolSpec {
  readonly template: { readonly metadata?: unknown; readonly spec: { readonly requirements: unknown[]; readonly taints?: unknown[]; readonly expireAfter: string; readonly terminationGracePeriod: string } };
  readonly disruption: unknown;
  readonly limits: unknown;
  readonly weight?: number;
}

function spec(object: KubernetesObject): NodePoolSpec {
  return (object as unknown as { spec: NodePoolSpec }).spec;
}

describe('EksNodePool', () => {
  test('renders a karpenter.sh/v1 NodePool on the default NodeClass, with the defaults written out', () => {
    const { pool: made, object } = pool();
    expect(made.manifestFile).toMatch(/^kubernetes\/TestPlatform[0-9A-F]{8}\/_cluster\/nodepool-batch\.yaml$/);
    expect(object).toEqual({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'batch', labels: { 'app.kubernetes.io/managed-by': 'cdk-containers' } },
      spec: {
        template: {
          spec: {
            nodeClassRef: { group: 'eks.amazonaws.com', kind: 'NodeClass', name: 'default' },
            requirements: [
              { key: 'eks.amazonaws.com/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
              { key: 'eks.amazonaws.com/instance-generation', operator: 'Gt', values: ['4'] },
              { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
            ],
            expireAfter: '336h',
            terminationGracePeriod: '24h',
          },
        },
        disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '0s', budgets: [{ nodes: '10%' }] },
        limits: { cpu: '1000', memory: '1000Gi' },
      },
    });
    // Valid against Karpenter's own CRD schema (an implementation independent of the library's checks).
    expect(schemaFindings([object])).toEqual([]);
    expect(made.nodeLabels).toEqual({ 'karpenter.sh/nodepool': 'batch' });
    expect(made.delivery).toBe(KubernetesDelivery.CLOUD_ASSEMBLY);
    expect(EksNodePool.ofCluster(made.cluster)).toEqual([made]);
  });

  test('renders every requirement, limit, label, taint and disruption setting given', () => {
    const { object } = pool({
      requirements: {
        instanceFamilies: ['m7g', 'c7g'],
        instanceCategories: ['m', 'c'],
        minimumGeneration: 7,
        maximumVcpus: 16,
        maximumMemoryGiB: 64,
        architectures: [NodePoolArchitecture.ARM64],
        capacityTypes: [NodePoolCapacityType.SPOT, NodePoolCapacityType.ON_DEMAND],
      },
      cpuLimit: 64,
      memoryLimitGiB: 256,
      labels: { team: 'batch' },
      taints: [{ key: 'batch', value: 'true', effect: eks.TaintEffect.NO_SCHEDULE }],
      consolidationPolicy: NodePoolConsolidationPolicy.WHEN_EMPTY,
      consolidateAfter: Duration.minutes(5),
      disruptionBudgets: [
        { nodes: '20%' },
        { nodes: '0', schedule: '0 9 * * mon-fri', duration: Duration.hours(8), reasons: [NodePoolDisruptionReason.UNDERUTILIZED, NodePoolDisruptionReason.DRIFTED] },
      ],
      expireAfter: Duration.hours(90),
      terminationGracePeriod: Duration.minutes(90),
      weight: 50,
    });
    const s = spec(object);
    expect(s.template.metadata).toEqual({ labels: { team: 'batch' } });
    expect(s.template.spec.requirements).toEqual([
      { key: 'eks.amazonaws.com/instance-category', operator: 'In', values: ['m', 'c'] },
      { key: 'eks.amazonaws.com/instance-family', operator: 'In', values: ['m7g', 'c7g'] },
      { key: 'eks.amazonaws.com/instance-generation', operator: 'Gt', values: ['6'] },
      { key: 'eks.amazonaws.com/instance-cpu', operator: 'Lt', values: ['17'] },
      { key: 'eks.amazonaws.com/instance-memory', operator: 'Lt', values: ['65537'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot', 'on-demand'] },
    ]);
    expect(s.template.spec.taints).toEqual([{ key: 'batch', value: 'true', effect: 'NoSchedule' }]);
    expect([s.template.spec.expireAfter, s.template.spec.terminationGracePeriod]).toEqual(['90h', '1h30m']);
    expect(s.disruption).toEqual({
      consolidationPolicy: 'WhenEmpty',
      consolidateAfter: '5m',
      budgets: [{ nodes: '20%' }, { nodes: '0', schedule: '0 9 * * mon-fri', duration: '8h', reasons: ['Underutilized', 'Drifted'] }],
    });
    expect([s.limits, s.weight]).toEqual([{ cpu: '64', memory: '256Gi' }, 50]);
    expect(schemaFindings([object])).toEqual([]);
  });

  test('instance types alone leave the categories open, and zones of the subnets are accepted', () => {
    const { object } = pool({
      requirements: { instanceTypes: [new ec2.InstanceType('m7g.xlarge'), new ec2.InstanceType('c7i.2xlarge')], availabilityZones: ['us-east-1a'] },
    }, { account: '123456789012', region: 'us-east-1' });
    expect(spec(object).template.spec.requirements).toEqual([
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m7g.xlarge', 'c7i.2xlarge'] },
      { key: 'eks.amazonaws.com/instance-generation', operator: 'Gt', values: ['4'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
      { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['us-east-1a'] },
    ]);
  });

  test('KUBECTL delivery applies the NodePool through the kubectl provider', () => {
    const { stack, cluster } = setup();
    expect(thrownMessage(() => new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'batch', delivery: KubernetesDelivery.KUBECTL })))
      .toMatch(/delivery: got "KUBECTL".*kubectlProviderOptions/);
  });

  test.each([
    ['a name that is not a DNS-1123 label', { nodePoolName: 'Batch' }, /nodePoolName: got "Batch"; allowed: a DNS-1123 label/],
    ['a built-in pool name', { nodePoolName: 'general-purpose' }, /nodePoolName: got "general-purpose"; allowed: a name other than the built-in pools'/],
    ['a category EC2 does not have', { requirements: { instanceCategories: ['q'] } }, /requirements.instanceCategories: got "q"; allowed: a list of distinct EC2 instance categories/],
    ['an empty list', { requirements: { capacityTypes: [] } }, /requirements.capacityTypes: got \[\]; allowed: a list of distinct/],
    ['a repeated value', { requirements: { architectures: [NodePoolArchitecture.ARM64, NodePoolArchitecture.ARM64] } }, /requirements.architectures: got \["arm64","arm64"\]/],
    ['a family EC2 does not have', { requirements: { instanceFamilies: ['m9x'] } }, /requirements.instanceFamilies: got "m9x"/],
    ['a malformed instance type', { requirements: { instanceTypes: [new ec2.InstanceType('m7g')] } }, /requirements.instanceTypes: got "m7g"/],
    ['a family outside the categories', { requirements: { instanceCategories: ['c'], instanceFamilies: ['m7g'] } }, /requirements.instanceFamilies: got "m7g".*family m7g is of category m, which instanceCategories \(c\) leaves out.*Pending/],
    ['a family older than the generation', { requirements: { instanceFamilies: ['m5'], minimumGeneration: 6 } }, /family m5 is generation 5, older than minimumGeneration 6/],
    ['an instance type of the other architecture', { requirements: { instanceTypes: [new ec2.InstanceType('m7i.large')], architectures: [NodePoolArchitecture.ARM64] } }, /m7i.large is amd64, which architectures \(arm64\) leaves out/],
    ['an instance type above the vCPU bound', { requirements: { instanceTypes: [new ec2.InstanceType('m5.4xlarge')], maximumVcpus: 8 } }, /m5.4xlarge has 16 vCPUs, above maximumVcpus 8/],
    ['an instance type outside the families', { requirements: { instanceTypes: [new ec2.InstanceType('c7g.large')], instanceFamilies: ['m7g'] } }, /c7g.large is of family c7g, which instanceFamilies \(m7g\) leaves out/],
    ['generation 0', { requirements: { minimumGeneration: 0 } }, /requirements.minimumGeneration: got 0; allowed: a literal whole number from 1 to 9/],
    ['a fractional vCPU bound', { requirements: { maximumVcpus: 1.5 } }, /requirements.maximumVcpus: got 1.5/],
    ['a malformed zone', { requirements: { availabilityZones: ['useast1a'] } }, /requirements.availabilityZones: got "useast1a"/],
    ['a CPU limit of 0', { cpuLimit: 0 }, /cpuLimit: got 0; allowed: a literal whole number of at least 1/],
    ['a fractional memory limit', { memoryLimitGiB: 0.5 }, /memoryLimitGiB: got 0.5/],
    ['a weight above 100', { weight: 101 }, /weight: got 101; allowed: a literal whole number from 1 to 100/],
    ['a node lifetime over 21 days', { expireAfter: Duration.days(22) }, /expireAfter: got "22 days"; allowed: whole seconds, 1 hour to 21 days/],
    ['a node lifetime under an hour', { expireAfter: Duration.minutes(30) }, /expireAfter: got "30 minutes"/],
    ['a fractional grace period', { terminationGracePeriod: Duration.millis(1500) }, /terminationGracePeriod: got "1 second 500 millis"; allowed: whole seconds/],
    ['a Karpenter label', { labels: { 'karpenter.sh/capacity-type': 'spot' } }, /labels: got \["karpenter.sh\/capacity-type"\]; allowed: label keys outside karpenter.sh\//],
    ['a kubelet-owned label', { labels: { 'kubernetes.io/role': 'x' } }, /labels key: got "kubernetes.io\/role"/],
    ['a taint without a key', { taints: [{ effect: eks.TaintEffect.NO_SCHEDULE }] }, /taints key/],
    ['no budget', { disruptionBudgets: [] }, /disruptionBudgets: got "0 budgets"; allowed: 1-50 budgets/],
    ['a budget of 150%', { disruptionBudgets: [{ nodes: '150%' }] }, /disruptionBudgets\[0\].nodes: got "150%"/],
    ['a budget of a fraction', { disruptionBudgets: [{ nodes: '1.5' }] }, /disruptionBudgets\[0\].nodes: got "1.5"/],
    ['a schedule without a duration', { disruptionBudgets: [{ nodes: '0', schedule: '@daily' }] }, /disruptionBudgets\[0\].duration: got nothing; allowed: schedule and duration together/],
    ['a duration without a schedule', { disruptionBudgets: [{ nodes: '0', duration: Duration.hours(1) }] }, /disruptionBudgets\[0\].schedule: got nothing/],
    ['a cron of six fields', { disruptionBudgets: [{ nodes: '0', schedule: '0 0 9 * * mon', duration: Duration.hours(1) }] }, /disruptionBudgets\[0\].schedule: got "0 0 9 \* \* mon".*Hint: 6 fields/],
    ['an hour of 24', { disruptionBudgets: [{ nodes: '0', schedule: '0 24 * * *', duration: Duration.hours(1) }] }, /the hour field's "24" is not from 0 to 23/],
    ['a backwards range', { disruptionBudgets: [{ nodes: '0', schedule: '0 9 * * fri-mon', duration: Duration.hours(1) }] }, /range "fri-mon" runs backwards/],
    ['a duration in seconds', { disruptionBudgets: [{ nodes: '0', schedule: '@daily', duration: Duration.seconds(90) }] }, /disruptionBudgets\[0\].duration: got "1 minute 30 seconds"; allowed: whole minutes/],
    ['no reason', { disruptionBudgets: [{ nodes: '1', reasons: [] }] }, /disruptionBudgets\[0\].reasons: got \[\]/],
  ] as Array<[string, Partial<EksNodePoolProps>, RegExp]>)('refuses %s', (_what, props, message) => {
    const { stack, cluster } = setup();
    expect(thrownMessage(() => new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'batch', ...props }))).toMatch(message);
  });

  test('zones are not checked against the placeholders of a synth before the context lookup', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
    const cluster = new EksCluster(stack, 'Platform');
    expect(cluster.vpc.privateSubnets[0].availabilityZone).toBe('dummy1a');
    expect(() => new EksNodePool(stack, 'A', { cluster, nodePoolName: 'a', requirements: { availabilityZones: ['us-east-1c'] } })).not.toThrow();
  });

  test('refuses zones of another Region, and zones the cluster has no subnet in', () => {
    const env = { account: '123456789012', region: 'us-east-1' };
    const { stack, cluster } = setup(env);
    expect(thrownMessage(() => new EksNodePool(stack, 'A', { cluster, nodePoolName: 'a', requirements: { availabilityZones: ['eu-west-1a'] } })))
      .toMatch(/requirements.availabilityZones: got "eu-west-1a"; allowed: zones of the stack's Region us-east-1/);
    expect(cluster.vpc.privateSubnets.map((s) => s.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(thrownMessage(() => new EksNodePool(stack, 'B', { cluster, nodePoolName: 'b', requirements: { availabilityZones: ['us-east-1c'] } })))
      .toMatch(/got "us-east-1c"; allowed: zones the cluster has private subnets in \(us-east-1a, us-east-1b\)/);
  });

  test('refuses a second pool of the same name, and a cluster without Auto Mode', () => {
    const { stack, cluster } = setup();
    new EksNodePool(stack, 'A', { cluster, nodePoolName: 'batch' });
    expect(thrownMessage(() => new EksNodePool(stack, 'B', { cluster, nodePoolName: 'batch' }))).toMatch(/Test\/A is the node pool "batch" already/);
    const nodes = new EksCluster(stack, 'Nodes', { capacity: [EksCapacity.nodeGroup()] });
    expect(thrownMessage(() => new EksNodePool(stack, 'C', { cluster: nodes, nodePoolName: 'batch' }))).toMatch(/cluster: got "Test\/Nodes"; allowed: an EKS Auto Mode cluster/);
  });

  test('refuses tokens, which a manifest cannot carry', () => {
    const { stack, cluster } = setup();
    const token = new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber;
    expect(thrownMessage(() => new EksNodePool(stack, 'A', { cluster, nodePoolName: 'a', cpuLimit: token }))).toMatch(/cpuLimit: .*manifest rendered at synth/);
  });
});

describe('EksWorkload on an EksNodePool', () => {
  function withWorkload(poolProps: Partial<EksNodePoolProps>, replicas: number, cpu: string, memory: string) {
    const { app, stack, cluster } = setup();
    const made = new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'batch', ...poolProps });
    const workload = new EksWorkload(stack, 'Job', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'),
      workloadName: 'job',
      containers: [{ name: 'app', image, cpu, memory }],
      replicas,
      nodePool: made,
    });
    return {
      synth: () => { app.synth(); return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('node-pool|Pending')).map((w) => `${w.id} ${String(w.entry.data)}`); },
      workload, stack, cluster,
    };
  }

  test('the pods select the pool and tolerate its taints', () => {
    const { workload, stack, synth } = withWorkload({ taints: [{ key: 'batch', effect: eks.TaintEffect.NO_EXECUTE }] }, 2, '500m', '512Mi');
    const pod = (objectOf(assemblyManifests(stack)[workload.manifestFile]!, 'Deployment') as unknown as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'batch' });
    expect(pod.tolerations).toEqual([{ key: 'batch', operator: 'Equal', value: '', effect: 'NoExecute' }]);
    expect(synth()).toEqual([]);
  });

  test('a pod larger than the largest instance type of the pool is a ValidationError naming the bound', () => {
    // m7g.large: 2 vCPU, 8 GiB; Bottlerocket reserves 70m -> 1930m allocatable.
    const { synth } = withWorkload({ requirements: { instanceTypes: [new ec2.InstanceType('m7g.large')] } }, 1, '2', '1Gi');
    expect(thrownMessage(synth)).toMatch(/\[Test\/Job\] containers: got "2000m CPU and 1024Mi memory per pod"; allowed: requests that fit one node of node pool batch: 1930m, \d+Mi allocatable at most \(its largest instance type of m7g.large\)/);
  });

  test('a pod above the vCPU bound or the CPU limit is a ValidationError; one below it is not', () => {
    expect(thrownMessage(withWorkload({ requirements: { maximumVcpus: 4 } }, 1, '4', '1Gi').synth)).toMatch(/at most 4 vCPUs and \d+ GiB per node \(its maximumVcpus, memoryLimitGiB\)/);
    expect(thrownMessage(withWorkload({ cpuLimit: 2 }, 1, '2', '1Gi').synth)).toMatch(/1930m, .*at most 2 vCPUs .*\(its cpuLimit/);
    expect(withWorkload({ requirements: { maximumVcpus: 4 } }, 1, '3', '1Gi').synth()).toEqual([]);
  });

  test('pods above the pool limits at their most replicas are a warning on the pool', () => {
    const warnings = withWorkload({ cpuLimit: 8 }, 10, '1', '1Gi').synth();
    expect(warnings).toEqual([expect.stringMatching(/^\/Test\/Pool The pods on node pool batch \(10 of shop\/job\) request 10000m CPU and 10240Mi memory at their most replicas, above the pool's limits of 8 vCPUs and 1000 GiB/)]);
  });

  test('a workload of another cluster is refused', () => {
    const { stack, cluster } = setup();
    const other = new EksCluster(stack, 'Other');
    const made = new EksNodePool(stack, 'Pool', { cluster: other, nodePoolName: 'batch' });
    expect(thrownMessage(() => new EksWorkload(stack, 'Job', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'job', containers: [{ name: 'app', image }], nodePool: made,
    }))).toMatch(/nodePool: got "Test\/Pool"; allowed: a node pool of the workload's cluster \(Test\/Platform\)/);
  });
});

describe('EksNodePool against Karpenter\'s CRD schema', () => {
  const budget = fc.record({
    nodes: fc.oneof(
      { arbitrary: fc.nat({ max: 104 }).map((n) => `${n}%`), weight: 4 }, { arbitrary: fc.nat({ max: 1000 }).map(String), weight: 4 }, { arbitrary: fc.string({ maxLength: 4 }), weight: 1 },
    ),
    scheduled: fc.option(fc.record({
      schedule: fc.oneof(
        fc.constantFrom('@daily', '@weekly', '@hourly', '@midnight', '@monthly', '@sometimes'),
        fc.tuple(fc.nat({ max: 61 }), fc.nat({ max: 24 }), fc.constantFrom('*', '1-15', '*/2', '1,15'), fc.constantFrom('*', 'jan-jun', '3', '12', '13'), fc.constantFrom('*', 'mon-fri', '0', '6', 'sat', '7'))
          .map(([m, h, dom, mon, dow]) => `${m} ${h} ${dom} ${mon} ${dow}`),
      ),
      minutes: fc.integer({ min: 0, max: 3000 }),
    }), { nil: undefined }),
  });
  const props = fc.record({
    expireAfterSeconds: fc.integer({ min: 3000, max: 21 * 24 * 3600 + 3600 }),
    graceSeconds: fc.integer({ min: 0, max: 21 * 24 * 3600 + 3600 }),
    consolidateAfterSeconds: fc.integer({ min: 0, max: 100_000 }),
    cpuLimit: fc.integer({ min: 0, max: 100_000 }),
    memoryLimitGiB: fc.integer({ min: 0, max: 100_000 }),
    weight: fc.option(fc.integer({ min: -1, max: 101 }), { nil: undefined }),
    minimumGeneration: fc.integer({ min: 1, max: 10 }),
    maximumVcpus: fc.option(fc.integer({ min: 0, max: 448 }), { nil: undefined }),
    budgets: fc.array(budget, { minLength: 1, maxLength: 2 }),
  });

  test('every NodePool the library accepts is valid against the CRD schema, and what it refuses is a ValidationError', () => {
    const rendered: KubernetesObject[] = [];
    let refused = 0;
    fc.assert(fc.property(props, (p) => {
      const { stack, cluster } = setup();
      try {
        const made = new EksNodePool(stack, 'Pool', {
          cluster,
          nodePoolName: 'random',
          expireAfter: Duration.seconds(p.expireAfterSeconds),
          terminationGracePeriod: Duration.seconds(p.graceSeconds),
          consolidateAfter: Duration.seconds(p.consolidateAfterSeconds),
          cpuLimit: p.cpuLimit,
          memoryLimitGiB: p.memoryLimitGiB,
          weight: p.weight,
          requirements: { minimumGeneration: p.minimumGeneration, maximumVcpus: p.maximumVcpus },
          disruptionBudgets: p.budgets.map((b) => ({ nodes: b.nodes, schedule: b.scheduled?.schedule, duration: b.scheduled && Duration.minutes(b.scheduled.minutes) })),
        });
        rendered.push(assemblyManifests(stack)[made.manifestFile]![0]!);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        refused += 1;
      }
    }), { numRuns: 150, seed: 8 });
    // Both outcomes occur, and the accepted pools pass the schema's patterns and bounds (one Node process for all).
    expect(refused).toBeGreaterThan(30);
    expect(rendered.length).toBeGreaterThan(40);
    expect(schemaFindings(rendered)).toEqual([]);
  });
});
