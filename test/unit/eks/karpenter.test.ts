import * as fs from 'fs';
import * as path from 'path';
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  EksCapacity, EksCluster, EksKarpenter, EksKarpenterProps, EksNamespace, EksNodePool, EksWorkload, KarpenterAmiFamily, KubernetesDelivery, WorkloadImage,
} from '../../../lib/eks';
import { assemblyManifests, KubernetesObject, schemaFindings } from '../../support/kubernetes';
import { thrownMessage } from '../../support/thrown';

const env = { account: '123456789012', region: 'us-east-1' };
/** The template metadata key the library records acknowledgements under (what tools that read the template see). */
const ACKNOWLEDGED = 'cdk-containers';

function setup(clusterProps: { version?: eks.KubernetesVersion; clusterName?: string; vpc?: (stack: Stack) => ec2.IVpc } = {}): { app: App; stack: Stack; cluster: EksCluster } {
  const app = new App();
  const stack = new Stack(app, 'Test', { env });
  const cluster = new EksCluster(stack, 'Platform', {
    capacity: [EksCapacity.nodeGroup()], version: clusterProps.version, clusterName: clusterProps.clusterName, vpc: clusterProps.vpc?.(stack),
  });
  cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/admins');
  return { app, stack, cluster };
}

function karpenter(props: Partial<EksKarpenterProps> = {}, clusterProps: Parameters<typeof setup>[0] = {}) {
  const { app, stack, cluster } = setup(clusterProps);
  const made = new EksKarpenter(stack, 'Karpenter', { cluster, chartVersion: '1.9.0', ...props });
  return { app, stack, cluster, karpenter: made };
}

function warnings(stack: Stack, text: string): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(text)).map((w) => `${w.id} ${String(w.entry.data)}`);
}

describe('EksKarpenter, AWS side', () => {
  const { stack, cluster, karpenter: made } = karpenter({}, { clusterName: 'shop', version: eks.KubernetesVersion.V1_35 });
  const template = Template.fromStack(stack);

  test('the nodes get a named role with the node policies, and an EC2_LINUX access entry without access policy', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: Match.stringLikeRegexp('^Test-Karpenter-'),
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' } }] },
      ManagedPolicyArns: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly']
        .map((p) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${p}`]] })),
    });
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      Type: 'EC2_LINUX', PrincipalArn: stack.resolve(made.nodeRole.roleArn), AccessPolicies: [],
    });
  });

  test('the interruption queue: named after the cluster, 5-minute retention, SSE, TLS only, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'shop', MessageRetentionPeriod: 300, SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: stack.resolve(made.deadLetterQueue.queueArn), maxReceiveCount: 5 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true, RedrivePolicy: Match.absent() });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [stack.resolve(made.interruptionQueue.queueUrl)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test.each([
    ['aws.ec2', 'EC2 Spot Instance Interruption Warning'],
    ['aws.ec2', 'EC2 Instance Rebalance Recommendation'],
    ['aws.ec2', 'EC2 Instance State-change Notification'],
    ['aws.health', 'AWS Health Event'],
  ])('an EventBridge rule sends %s "%s" to the queue, failed deliveries to the dead-letter queue', (source, detailType) => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': [source], 'detail-type': [detailType] },
      Targets: [Match.objectLike({ Arn: stack.resolve(made.interruptionQueue.queueArn), DeadLetterConfig: { Arn: stack.resolve(made.deadLetterQueue.queueArn) } })],
    });
  });

  test('the controller gets its role through Pod Identity, with Karpenter\'s policy scoped to the cluster', () => {
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { Namespace: 'kube-system', ServiceAccount: 'karpenter', RoleArn: stack.resolve(made.controllerRole.roleArn) });
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0] as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Array<{ Sid: string; Resource?: unknown; Condition?: unknown }> } } };
    expect(policy.Properties.Roles).toEqual([stack.resolve(made.controllerRole.roleName)]);
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements.map((s) => s.Sid)).toEqual([
      'AllowScopedEC2InstanceAccessActions', 'AllowScopedEC2LaunchTemplateAccessActions', 'AllowScopedEC2InstanceActionsWithTags', 'AllowScopedResourceCreationTagging', 'AllowScopedResourceTagging',
      'AllowScopedDeletion', 'AllowRegionalReadActions', 'AllowSSMReadActions', 'AllowPricingReadActions', 'AllowInterruptionQueueActions',
      'AllowPassingInstanceRole', 'AllowScopedInstanceProfileCreationActions', 'AllowScopedInstanceProfileTagActions', 'AllowScopedInstanceProfileActions',
      'AllowInstanceProfileReadActions', 'AllowAPIServerEndpointDiscovery',
    ]);
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.AllowScopedDeletion.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/shop': 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } });
    expect(bySid.AllowPassingInstanceRole).toMatchObject({ Resource: stack.resolve(made.nodeRole.roleArn), Condition: { StringEquals: { 'iam:PassedToService': { 'Fn::Join': ['', ['ec2.', { Ref: 'AWS::URLSuffix' }]] } } } });
    expect(bySid.AllowInterruptionQueueActions.Resource).toEqual(stack.resolve(made.interruptionQueue.queueArn));
    expect(bySid.AllowRegionalReadActions.Condition).toEqual({ StringEquals: { 'aws:RequestedRegion': 'us-east-1' } });
    // Karpenter v1 tags its instance profiles karpenter.k8s.aws/ec2nodeclass, and its Spot requests at creation.
    expect(bySid.AllowScopedInstanceProfileCreationActions.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/kubernetes.io/cluster/shop': 'owned', 'aws:RequestTag/eks:eks-cluster-name': 'shop', 'aws:RequestTag/topology.kubernetes.io/region': 'us-east-1' },
      StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
    });
    expect(JSON.stringify(bySid.AllowScopedResourceCreationTagging.Resource)).toContain('spot-instances-request/*');
    expect(bySid.AllowScopedEC2LaunchTemplateAccessActions.Condition).toEqual({
      StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/shop': 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
    });
    expect(bySid.AllowAPIServerEndpointDiscovery.Resource).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':eks:us-east-1:123456789012:cluster/shop']] });
  });

  test('the private subnets carry the discovery tag the EC2NodeClass selects', () => {
    const subnets = template.findResources('AWS::EC2::Subnet', { Properties: { Tags: Match.arrayWith([{ Key: 'karpenter.sh/discovery', Value: 'shop' }]) } });
    expect(Object.keys(subnets)).toHaveLength(cluster.vpc.privateSubnets.length);
    expect(cluster.vpc.privateSubnets.length).toBeGreaterThanOrEqual(2);
  });

  test('no custom resource, no Lambda by default', () => {
    expect(Object.values(template.toJSON().Resources as Record<string, { Type: string }>).filter((r) => r.Type.startsWith('Custom::') || r.Type === 'AWS::Lambda::Function')).toEqual([]);
  });

  test('the controller policy\'s wildcards are acknowledged on that policy only, each by its cdk-nag id', () => {
    const [policy] = Object.values(template.findResources('AWS::IAM::ManagedPolicy')) as Array<{ Metadata: Record<string, { acknowledged: Array<{ id: string }> }> }>;
    const ids = policy.Metadata[ACKNOWLEDGED].acknowledged.map((a) => a.id);
    expect(ids).toEqual(expect.arrayContaining([
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:us-east-1:*:instance/*]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:us-east-1::parameter/aws/service/*]',
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    ]));
    expect(ids.every((id) => id.startsWith('AwsSolutions::AwsSolutions-IAM5['))).toBe(true);
  });
});

describe('EksKarpenter acknowledgements', () => {
  test('a statement the user adds to the controller policy leaves the wildcard it shares reported', () => {
    const { stack, karpenter: made } = karpenter();
    made.controllerPolicy.addStatements(new iam.PolicyStatement({ actions: ['ec2:StopInstances'], resources: [`arn:${stack.partition}:ec2:us-east-1:*:instance/*`] }));
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy')) as Array<{ Metadata: Record<string, { acknowledged: Array<{ id: string }> }> }>;
    const ids = policy.Metadata[ACKNOWLEDGED].acknowledged.map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:us-east-1:*:instance/*]');
    expect(ids).toContain('AwsSolutions::AwsSolutions-IAM5[Resource::*]');
  });
});

describe('EksKarpenter, Kubernetes side', () => {
  function files(amiFamily?: KarpenterAmiFamily) {
    const { app, stack, karpenter: made } = karpenter({ amiFamily, nodeVolumeSizeGiB: 50 }, { clusterName: 'shop' });
    const assembly = app.synth();
    return { made, nodeClass: assemblyManifests(stack)[made.manifestFile]![0]!, values: fs.readFileSync(path.join(assembly.directory, made.valuesFile), 'utf8') };
  }

  test('the default EC2NodeClass: the node role, the tagged subnets, the cluster security group, IMDSv2 and an encrypted gp3 volume', () => {
    const { made, nodeClass } = files();
    expect(made.manifestFile).toMatch(/^kubernetes\/TestPlatform[0-9A-F]{8}\/_cluster\/karpenter-ec2nodeclass\.yaml$/);
    expect(nodeClass).toEqual({
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: 'default', labels: { 'app.kubernetes.io/managed-by': 'cdk-containers' } },
      spec: {
        role: expect.stringMatching(/^Test-Karpenter-/),
        amiSelectorTerms: [{ alias: 'al2023@latest' }],
        subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'shop' } }],
        securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': 'shop' } }],
        metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: '50Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
      },
    });
    // Valid against Karpenter's own CRD schema.
    expect(schemaFindings([nodeClass])).toEqual([]);
    // The role's literal name, as the template names the role.
    expect((nodeClass as unknown as { spec: { role: string } }).spec.role).toBe((made.nodeRole.node.defaultChild as iam.CfnRole).roleName);
  });

  test('Bottlerocket nodes take the alias and their data volume', () => {
    const { nodeClass } = files(KarpenterAmiFamily.BOTTLEROCKET);
    expect((nodeClass as unknown as { spec: Record<string, unknown> }).spec).toMatchObject({
      amiSelectorTerms: [{ alias: 'bottlerocket@latest' }],
      blockDeviceMappings: [
        { deviceName: '/dev/xvda', ebs: { volumeSize: '4Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } },
        { deviceName: '/dev/xvdb', ebs: { volumeSize: '50Gi', volumeType: 'gp3', encrypted: true, deleteOnTermination: true } },
      ],
    });
    expect(schemaFindings([nodeClass])).toEqual([]);
  });

  test('the chart\'s values name the cluster and the queue, and the helm command installs them', () => {
    const { made, values } = files();
    expect(values).toContain('clusterName: shop\n  interruptionQueue: shop\n');
    expect(values).toMatch(/serviceAccount:\n {2}name: karpenter/);
    expect(made.helmCommand).toBe(`helm upgrade --install karpenter oci://public.ecr.aws/karpenter/karpenter --version 1.9.0 --namespace kube-system --values cdk.out/${made.valuesFile}`);
  });

  test('KUBECTL delivery needs the kubectl provider', () => {
    const { stack, cluster } = setup();
    expect(thrownMessage(() => new EksKarpenter(stack, 'Karpenter', { cluster, chartVersion: '1.9.0', delivery: KubernetesDelivery.KUBECTL })))
      .toMatch(/delivery: got "KUBECTL".*kubectlProviderOptions/);
  });
});

describe('EksKarpenter checks', () => {
  test.each([
    ['a malformed version', { chartVersion: 'latest' }, /chartVersion: got "latest"; allowed: a Karpenter release, 1.x.y/],
    ['a version before 1.0', { chartVersion: '0.37.0' }, /chartVersion: got "0.37.0"/],
    ['a namespace that is not a DNS label', { namespaceName: 'Kube_System' }, /namespaceName: got "Kube_System"/],
    ['a volume under 20 GiB', { nodeVolumeSizeGiB: 10 }, /nodeVolumeSizeGiB: got 10; allowed: a literal whole number of GiB from 20 to 16,384/],
    ['an unknown AMI family', { amiFamily: 'ubuntu' as KarpenterAmiFamily }, /amiFamily: got "ubuntu"/],
  ] as Array<[string, Partial<EksKarpenterProps>, RegExp]>)('refuses %s', (_what, props, message) => {
    const { stack, cluster } = setup();
    expect(thrownMessage(() => new EksKarpenter(stack, 'Karpenter', { cluster, chartVersion: '1.9.0', ...props }))).toMatch(message);
  });

  test('a release older than the cluster\'s Kubernetes version needs is refused; the first one that supports it is accepted', () => {
    const old = setup({ version: eks.KubernetesVersion.V1_35 });
    expect(thrownMessage(() => new EksKarpenter(old.stack, 'K', { cluster: old.cluster, chartVersion: '1.8.9' })))
      .toMatch(/chartVersion: got "1.8.9"; allowed: Karpenter 1.9.0 or later, the first release that supports Kubernetes 1.35/);
    const other = setup({ version: eks.KubernetesVersion.V1_35 });
    expect(() => new EksKarpenter(other.stack, 'K', { cluster: other.cluster, chartVersion: 'v1.9.0' })).not.toThrow();
  });

  test('a cluster newer than the compatibility matrix is a warning to check; one inside it is not', () => {
    const { stack: newer } = karpenter();
    expect(warnings(newer, 'compatibility matrix')).toEqual([expect.stringMatching(/^\/Test\/Karpenter Karpenter's compatibility matrix .* ends at Kubernetes 1.35; check that Karpenter 1.9.0 supports 1.37/)]);
    const { stack: known } = karpenter({}, { version: eks.KubernetesVersion.V1_35 });
    expect(warnings(known, 'compatibility matrix')).toEqual([]);
  });

  test('refuses a cluster of Fargate profiles only: the controller needs a node group', () => {
    const stack = new Stack(new App(), 'Test', { env });
    const fargate = new EksCluster(stack, 'Fargate', { capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }] })] });
    expect(thrownMessage(() => new EksKarpenter(stack, 'K', { cluster: fargate, chartVersion: '1.9.0' }))).toMatch(/allowed: a cluster with a managed node group .*Pod Identity does not reach Fargate pods/);
  });

  test('the node role is named with the Region, so the stack deploys to two Regions of one account', () => {
    const { karpenter: made } = karpenter();
    expect((made.nodeRole.node.defaultChild as iam.CfnRole).roleName).toMatch(/^Test-Karpenter-.*-us-east-1$/);
    expect(((made.nodeRole.node.defaultChild as iam.CfnRole).roleName ?? '').length).toBeLessThanOrEqual(64);
  });

  test('a namespace of its own is created by helm', () => {
    const { karpenter: made } = karpenter({ namespaceName: 'karpenter' });
    expect(made.helmCommand).toContain('--namespace karpenter --create-namespace --values cdk.out/');
  });

  test('refuses an Auto Mode cluster, a second Karpenter, and a cluster name that is a token', () => {
    const app = new App();
    const stack = new Stack(app, 'Test', { env });
    const auto = new EksCluster(stack, 'Auto');
    expect(thrownMessage(() => new EksKarpenter(stack, 'A', { cluster: auto, chartVersion: '1.9.0' }))).toMatch(/cluster: got "Test\/Auto"; allowed: a cluster without Auto Mode.*EksNodePool/);
    const nodes = new EksCluster(stack, 'Nodes', { capacity: [EksCapacity.nodeGroup()] });
    new EksKarpenter(stack, 'B', { cluster: nodes, chartVersion: '1.9.0' });
    expect(thrownMessage(() => new EksKarpenter(stack, 'C', { cluster: nodes, chartVersion: '1.9.0' }))).toMatch(/Test\/B installs Karpenter on it already/);
    const named = new EksCluster(stack, 'Named', { capacity: [EksCapacity.nodeGroup()], clusterName: new CfnParameter(stack, 'Name').valueAsString });
    expect(thrownMessage(() => new EksKarpenter(stack, 'D', { cluster: named, chartVersion: '1.9.0' }))).toMatch(/allowed: a cluster whose name is known at synth/);
  });

  test('a VPC made elsewhere cannot be tagged: a warning names the tag to add', () => {
    const { stack } = karpenter({}, {
      vpc: (s) => ec2.Vpc.fromVpcAttributes(s, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] }),
      clusterName: 'shop',
    });
    expect(warnings(stack, 'cannot tag')).toEqual([expect.stringContaining('tag the private subnets the nodes may use with karpenter.sh/discovery=shop')]);
  });
});

describe('EksNodePool and placement with Karpenter', () => {
  const image = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

  test('a pool on a Karpenter cluster uses the EC2NodeClass, Karpenter\'s labels and its 30-day lifetime, and passes the CRD schema', () => {
    const { stack, cluster } = karpenter();
    const pool = new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'general', requirements: { maximumVcpus: 8 } });
    const [object] = assemblyManifests(stack)[pool.manifestFile]! as Array<KubernetesObject & { spec: { template: { spec: Record<string, unknown> } } }>;
    expect(object.spec.template.spec).toMatchObject({
      nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
      expireAfter: '720h',
      requirements: expect.arrayContaining([
        { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm', 'r'] },
        { key: 'karpenter.k8s.aws/instance-cpu', operator: 'Lt', values: ['9'] },
      ]),
    });
    expect(schemaFindings([object])).toEqual([]);
    expect(thrownMessage(() => new EksNodePool(stack, 'Long', { cluster, nodePoolName: 'long', expireAfter: Duration.days(366) })))
      .toMatch(/expireAfter: got "366 days"; allowed: whole seconds, 1 hour to 365 days/);
  });

  test('a pool on a cluster of node groups without Karpenter is refused, with the hint to add it first', () => {
    const { stack, cluster } = setup();
    expect(thrownMessage(() => new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'general' }))).toMatch(/or a cluster with an EksKarpenter.*add new EksKarpenter/);
  });

  function workload(stack: Stack, cluster: EksCluster, name: string, props: { cpu: string; replicas: number; nodePool?: EksNodePool }): EksWorkload {
    return new EksWorkload(stack, name, {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: name.toLowerCase(),
      containers: [{ name: 'app', image, cpu: props.cpu, memory: '1Gi' }], replicas: props.replicas, nodePool: props.nodePool,
    });
  }

  test('pods on a pool are checked against it and not packed on the node groups', () => {
    const { app, stack, cluster } = karpenter();
    const pool = new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'small', requirements: { maximumVcpus: 2 }, taints: [{ key: 'small', effect: eks.TaintEffect.NO_SCHEDULE }] });
    workload(stack, cluster, 'Big', { cpu: '4', replicas: 1, nodePool: pool });
    expect(thrownMessage(() => app.synth())).toMatch(/\[Test\/Big\] containers: got "4000m CPU and 1024Mi memory per pod"; allowed: requests that fit one node of node pool small/);
  });

  test('a pod larger than every node group is not an error when a pool without taints can launch a node for it', () => {
    const { app, stack, cluster } = karpenter();
    new EksNodePool(stack, 'Pool', { cluster, nodePoolName: 'general' });
    workload(stack, cluster, 'Big', { cpu: '6', replicas: 1 });
    expect(() => app.synth()).not.toThrow();
  });

  test('the controller\'s two pods count on the node groups; with a pool without taints, Karpenter takes what they cannot (the controller preempts: system-cluster-critical)', () => {
    // Two t4g.medium at most (the default node group has maxSize 4 of t4g.medium: 1930m each); the controller takes 2 x 1000m.
    const tight = karpenter();
    workload(tight.stack, tight.cluster, 'Web', { cpu: '1500m', replicas: 4 });
    tight.app.synth();
    const [warning] = warnings(tight.stack, 'do not all fit');
    expect(warning).toMatch(/would stay Pending/);

    const withPool = karpenter();
    new EksNodePool(withPool.stack, 'Pool', { cluster: withPool.cluster, nodePoolName: 'general' });
    workload(withPool.stack, withPool.cluster, 'Web', { cpu: '1500m', replicas: 4 });
    withPool.app.synth();
    expect(warnings(withPool.stack, 'do not all fit')).toEqual([]);
  });
});
