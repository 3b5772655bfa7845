import { CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildEksExamples, EksExamples } from '../../examples/eks';
import { synthExample } from '../support/examples';
import { resourceTypes } from '../support/template';

describe('README EKS examples', () => {
  let stack: Stack;
  let examples: EksExamples;
  let template: Template;

  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, built: examples, template } = synthExample('Examples', buildEksExamples));
  });

  test('synthesize eight clusters with native resources only', () => {
    template.resourceCountIs('AWS::EKS::Cluster', 8);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
  });

  test('pass the library\'s EKS checks; the sandbox\'s missing logs are acknowledged with the reason', () => {
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('CdkContainers-EKS'))).toEqual([]);
    annotations.hasInfo('*', Match.stringLikeRegexp('\\[CdkContainers-EKS2\\] acknowledged: sandbox: audit logs only'));
    template.hasResourceProperties('AWS::EKS::Cluster', { Logging: { ClusterLogging: { EnabledTypes: [{ Type: 'audit' }] } } });
  });

  test('the ECR example grants the node group role pull on the repository', () => {
    expect(examples.withImages.nodeGroupRole).toBeDefined();
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ImagesNodeGroupRole') }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
    });
  });

  test('the mixed example shares the shop VPC', () => {
    expect(examples.mixed.vpc).toBe(examples.nodeGroups.vpc);
    template.resourceCountIs('AWS::EC2::VPC', 3);
  });

  test('the upgrade example: control plane and "Web" on 1.37 under the STANDARD policy, "Stateful" one version behind with a warning', () => {
    expect(examples.upgrading.upgradePolicy).toBe('STANDARD');
    const versions = Object.entries(template.findResources('AWS::EKS::Nodegroup'))
      .filter(([id]) => id.startsWith('Upgrading')).map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ''), r.Properties.Version]);
    expect(versions).toEqual([['UpgradingWeb', '1.37'], ['UpgradingStateful', '1.36']]);
    Annotations.fromStack(stack).hasWarning('/Examples/Upgrading', Match.stringLikeRegexp('Node group "Stateful" runs Kubernetes 1.36, 1 minor version behind'));
  });

  test('the add-on example: each add-on with a role has its Pod Identity association, the bucket grant goes to the Mountpoint driver\'s role', () => {
    const associations = Object.values(template.findResources('AWS::EKS::Addon'))
      .filter((a) => a.Properties.PodIdentityAssociations && JSON.stringify(a.Properties.ClusterName).includes('Observed'))
      .map((a) => [a.Properties.AddonName, a.Properties.PodIdentityAssociations.map((p: { ServiceAccount: string }) => p.ServiceAccount)]);
    expect(associations).toEqual([
      ['amazon-cloudwatch-observability', ['cloudwatch-agent']],
      ['aws-mountpoint-s3-csi-driver', ['s3-csi-driver-sa']],
      ['aws-network-flow-monitoring-agent', ['aws-network-flow-monitor-agent-service-account']],
    ]);
    const role = examples.observed.addonRole('aws-mountpoint-s3-csi-driver', 's3-csi-driver-sa')!;
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as CfnElement) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })]) },
    });
  });

  test('the hybrid example: the remote networks on the cluster, HTTPS from them to the control plane, a HYBRID_LINUX entry for the nodes\' role', () => {
    const cluster = examples.hybrid.cluster.node.defaultChild as CfnElement;
    const remote = Object.entries(template.findResources('AWS::EKS::Cluster', { Properties: { RemoteNetworkConfig: Match.anyValue() } }))
      .map(([id, r]) => [id, r.Properties.RemoteNetworkConfig]);
    expect(remote).toEqual([[stack.getLogicalId(cluster),
      { RemoteNodeNetworks: [{ Cidrs: ['192.168.100.0/23'] }], RemotePodNetworks: [{ Cidrs: ['192.168.64.0/20'] }] }]]);
    // The groups made in the stack (the EKS-created cluster group is imported by id).
    const ingress = examples.hybrid.cluster.connections.securityGroups.filter((sg) => sg.node.defaultChild !== undefined).flatMap((sg) =>
      template.findResources('AWS::EC2::SecurityGroup')[stack.getLogicalId(sg.node.defaultChild as CfnElement)].Properties.SecurityGroupIngress);
    expect(ingress.map((r: { CidrIp: string; FromPort: number }) => `${r.CidrIp}:${r.FromPort}`)).toEqual(['192.168.100.0/23:443', '192.168.64.0/20:443']);
    template.hasResourceProperties('AWS::EKS::AccessEntry', {
      ClusterName: { Ref: stack.getLogicalId(cluster) }, PrincipalArn: 'arn:aws:iam::123456789012:role/hybrid-nodes', Type: 'HYBRID_LINUX', AccessPolicies: [],
    });
  });

  test('the capabilities example: ACK and kro on the shop cluster, ACK\'s role allowed the shop\'s queues only', () => {
    const shopCluster = { Ref: stack.getLogicalId(examples.nodeGroups.cluster.node.defaultChild as CfnElement) };
    const capabilities = Object.values(template.findResources('AWS::EKS::Capability')).map((c) => [c.Properties.Type, c.Properties.ClusterName]);
    expect(capabilities).toEqual([['ACK', shopCluster], ['KRO', shopCluster]]);
    const policies = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: stack.getLogicalId(examples.ack.role.node.defaultChild as CfnElement) }] } }));
    expect(policies.map((p) => p.Properties.PolicyDocument.Statement.map((s: { Resource: unknown }) => stack.resolve(s.Resource)))).toEqual([[
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sqs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':shop-*']] },
    ]]);
    expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: stack.getLogicalId(examples.kro.role.node.defaultChild as CfnElement) }] } })).toEqual({});
  });

  test('the Karpenter example: the interruption queue and its rules, the controller through Pod Identity, the Spot pool on the EC2NodeClass', () => {
    const queue = examples.karpenter.interruptionQueue.node.defaultChild as CfnResource & { queueName: string };
    expect(queue.queueName).toMatch(/^Examples-Shop-/);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: queue.queueName, MessageRetentionPeriod: 300 });
    template.resourceCountIs('AWS::Events::Rule', 4);
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { Namespace: 'kube-system', ServiceAccount: 'karpenter', RoleArn: stack.resolve(examples.karpenter.controllerRole.roleArn) });
    template.hasResourceProperties('AWS::EKS::AccessEntry', { Type: 'EC2_LINUX', PrincipalArn: stack.resolve(examples.karpenter.nodeRole.roleArn) });
    expect(examples.spotPool.bounds).toEqual({ instanceTypes: undefined, maximumVcpus: 16, maximumMemoryMiB: undefined, cpuLimit: 128, memoryLimitMiB: 512 * 1024 });
    // The shop cluster runs Kubernetes 1.37, newer than Karpenter's matrix the library has: the example is warned to check.
    Annotations.fromStack(stack).hasWarning('/Examples/Karpenter', Match.stringLikeRegexp('check that Karpenter 1.9.0 supports 1.37'));
  });
});
