import { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeLaunchTemplateVersionsCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeRuleCommand, EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetPolicyCommand, GetPolicyVersionCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  Cluster, DescribeClusterCommand, DescribeFargateProfileCommand, DescribeNodegroupCommand, DescribePodIdentityAssociationCommand, EKSClient,
  ListClustersCommand, ListFargateProfilesCommand, ListNodegroupsCommand, ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import * as path from 'path';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, PHASE_TIMEOUT, unexplained } from './harness/session';
import { CLUSTER_NAME, HYBRID_NODE_NETWORK, HYBRID_POD_NETWORK, NODE_GROUP, STACK, VERSION } from './integ.eks';

const V2 = { 'integ:variant': 'v2' };

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::KMS::Key ClusterNetworkFlowLogsKey77AAFA2E',
  'AWS::Logs::LogGroup ClusterNetworkFlowLogs839012C3',
  'AWS::KMS::Key ClusterSecretsKey462B29B5',
  'AWS::KMS::Key ClusterControlPlaneLogsKey0D2DDA5F',
];

describe('integ.eks: an EKS cluster with a node group and a Fargate profile', () => {
  let session: IntegSession;
  let eks: EKSClient;
  let cluster: Cluster;
  let deployed: StackResourceSummary[];

  const physicalIds = (type: string) => deployed.filter((r) => r.ResourceType === type).map((r) => r.PhysicalResourceId!);

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.eks.ts'));
    eks = new EKSClient(session.target.clientConfig);
    const accounts = await session.deploy([STACK]);
    expect(unexplained(accounts)).toEqual([]);
    deployed = accounts[0]!.created;
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('the cluster runs the pinned version in the stack VPC, private endpoint, KMS secrets, all log types, STANDARD upgrade policy, zonal shift on', async () => {
    cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER_NAME }))).cluster!;
    expect(cluster).toMatchObject({ name: CLUSTER_NAME, version: VERSION.v1.version, status: 'ACTIVE' });
    expect(cluster).toMatchObject({ upgradePolicy: { supportType: 'STANDARD' }, zonalShiftConfig: { enabled: true }, deletionProtection: false });
    expect(physicalIds('AWS::IAM::Role').some((role) => cluster.roleArn!.endsWith(`/${role}`))).toBe(true);
    const vpc = cluster.resourcesVpcConfig!;
    expect(vpc.vpcId).toBe(physicalIds('AWS::EC2::VPC')[0]);
    expect(vpc.subnetIds!.length).toBeGreaterThanOrEqual(2);
    expect(physicalIds('AWS::EC2::Subnet')).toEqual(expect.arrayContaining(vpc.subnetIds!));
    expect(vpc).toMatchObject({ endpointPublicAccess: false, endpointPrivateAccess: true });
    expect(cluster.logging?.clusterLogging?.[0]?.types?.sort()).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(cluster.encryptionConfig?.[0]?.resources).toEqual(['secrets']);
    expect(cluster.encryptionConfig?.[0]?.provider?.keyArn).toContain(':key/');
  }, PHASE_TIMEOUT.readBack);

  test('hybrid nodes: the cluster holds the remote node and pod networks, its control-plane security group admits HTTPS from them', async () => {
    expect(cluster.remoteNetworkConfig).toEqual({
      remoteNodeNetworks: [{ cidrs: [HYBRID_NODE_NETWORK] }], remotePodNetworks: [{ cidrs: [HYBRID_POD_NETWORK] }],
    });
    const groupIds = cluster.resourcesVpcConfig!.securityGroupIds!;
    const { SecurityGroups: groups } = await new EC2Client(session.target.clientConfig).send(new DescribeSecurityGroupsCommand({ GroupIds: groupIds }));
    const https = groups!.flatMap((g) => g.IpPermissions ?? []).filter((p) => p.FromPort === 443 && p.ToPort === 443 && p.IpProtocol === 'tcp');
    expect(https.flatMap((p) => p.IpRanges!.map((r) => r.CidrIp)).sort()).toEqual([HYBRID_POD_NETWORK, HYBRID_NODE_NETWORK].sort());
  }, PHASE_TIMEOUT.readBack);

  test('the node group has the requested instance type, scaling and labels', async () => {
    const names = (await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER_NAME }))).nodegroups!;
    expect(names).toHaveLength(1);
    expect(physicalIds('AWS::EKS::Nodegroup')).toEqual([`${CLUSTER_NAME}/${names[0]}`]);
    const { nodegroup } = await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER_NAME, nodegroupName: names[0] }));
    const { minSize, desiredSize, maxSize, maxUnavailable } = NODE_GROUP.v1;
    expect(nodegroup).toMatchObject({
      instanceTypes: ['m7g.large', 'm6g.large'],
      scalingConfig: { minSize, desiredSize, maxSize },
      updateConfig: { maxUnavailable },
      labels: { workload: 'general' },
      taints: [{ key: 'dedicated', value: 'general', effect: 'NO_SCHEDULE' }],
      capacityType: 'SPOT',
      version: VERSION.v1.version, // the cluster's: stated in the template, so an upgrade rolls it too
    });
    // moto 5.2.1 never answers nodeRepairConfig (not even for a node group made through its own API);
    // test/unit/eks/node-groups.test.ts proves autoRepair: false reaches the template.
    if (session.target.kind === 'aws') expect(nodegroup!.nodeRepairConfig).toEqual({ enabled: false });
    expect(nodegroup!.amiType).toMatch(/ARM_64/);
    // The disk is in the node group's launch template: gp3, encrypted, the size asked for.
    const { LaunchTemplateVersions: versions } = await new EC2Client(session.target.clientConfig).send(new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: nodegroup!.launchTemplate!.id, Versions: [nodegroup!.launchTemplate!.version!],
    }));
    expect(versions![0]!.LaunchTemplateData!.BlockDeviceMappings!.map((b) => b.Ebs)).toEqual([
      expect.objectContaining({ VolumeSize: NODE_GROUP.v1.diskSize, VolumeType: 'gp3', Encrypted: true }),
    ]);
    expect(cluster.resourcesVpcConfig!.subnetIds).toEqual(expect.arrayContaining(nodegroup!.subnets!));
  }, PHASE_TIMEOUT.readBack);

  test('the Fargate profile selects the jobs namespace with its label', async () => {
    const names = (await eks.send(new ListFargateProfilesCommand({ clusterName: CLUSTER_NAME }))).fargateProfileNames!;
    expect(names).toHaveLength(1);
    const { fargateProfile } = await eks.send(new DescribeFargateProfileCommand({ clusterName: CLUSTER_NAME, fargateProfileName: names[0] }));
    expect(fargateProfile!.selectors).toEqual([{ namespace: 'jobs', labels: { tier: 'batch' } }]);
    expect(fargateProfile!.podExecutionRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(fargateProfile!.subnets!.length).toBeGreaterThanOrEqual(1);
  }, PHASE_TIMEOUT.readBack);

  test('Karpenter: the interruption queue (SSE, 5-minute retention, dead-letter queue), fed by the four EventBridge rules', async () => {
    const sqs = new SQSClient(session.target.clientConfig);
    const { QueueUrl: url } = await sqs.send(new GetQueueUrlCommand({ QueueName: CLUSTER_NAME }));
    const { Attributes: queue } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(queue).toMatchObject({ MessageRetentionPeriod: '300', SqsManagedSseEnabled: 'true' });
    const redrive = JSON.parse(queue!.RedrivePolicy!) as { deadLetterTargetArn: string; maxReceiveCount: number | string };
    expect(Number(redrive.maxReceiveCount)).toBe(5);
    const policy = JSON.parse(queue!.Policy!) as { Statement: Array<{ Effect: string; Principal?: unknown; Condition?: Record<string, Record<string, unknown>> }> };
    expect(policy.Statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' } }),
    ]));
    const events = new EventBridgeClient(session.target.clientConfig);
    const rules = physicalIds('AWS::Events::Rule');
    expect(rules).toHaveLength(4);
    const patterns: string[] = [];
    for (const rule of rules) {
      const name = rule.includes('|') ? rule.split('|').pop()! : rule;
      const described = await events.send(new DescribeRuleCommand({ Name: name }));
      const pattern = JSON.parse(described.EventPattern!) as { 'source': string[]; 'detail-type': string[] };
      patterns.push(`${pattern.source[0]} ${pattern['detail-type'][0]}`);
      const { Targets: ruleTargets } = await events.send(new ListTargetsByRuleCommand({ Rule: name }));
      expect(ruleTargets).toEqual([expect.objectContaining({ Arn: queue!.QueueArn, DeadLetterConfig: { Arn: redrive.deadLetterTargetArn } })]);
    }
    expect(patterns.sort()).toEqual([
      'aws.ec2 EC2 Instance Rebalance Recommendation', 'aws.ec2 EC2 Instance State-change Notification', 'aws.ec2 EC2 Spot Instance Interruption Warning', 'aws.health AWS Health Event',
    ]);
  }, PHASE_TIMEOUT.readBack);

  test('Karpenter: the nodes\' role, the controller\'s role through Pod Identity with its policy, the tagged subnets', async () => {
    const iam = new IAMClient(session.target.clientConfig);
    const nodeRoleName = physicalIds('AWS::IAM::Role').find((name) => name.startsWith(`${STACK}-Karpenter`))!;
    expect(nodeRoleName).toBeDefined();
    const { Role: nodeRole } = await iam.send(new GetRoleCommand({ RoleName: nodeRoleName }));
    const trust = JSON.parse(decodeURIComponent(nodeRole!.AssumeRolePolicyDocument!)) as { Statement: Array<{ Principal: { Service: string } }> };
    expect(trust.Statement.map((st) => st.Principal.Service)).toEqual(['ec2.amazonaws.com']);
    // (the role's AWS managed policies and its EC2_LINUX access entry are not read back: moto 5.2.1's
    // AWS::IAM::Role model drops ManagedPolicyArns, and it has no access-entry API; the unit tier checks both in the template)

    const { associations } = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER_NAME, namespace: 'kube-system', serviceAccount: 'karpenter' }));
    expect(associations).toHaveLength(1);
    const { association } = await eks.send(new DescribePodIdentityAssociationCommand({ clusterName: CLUSTER_NAME, associationId: associations![0]!.associationId }));
    const controllerRoleName = association!.roleArn!.split('/').pop()!;
    const controllerPolicies = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: controllerRoleName }))).AttachedPolicies!;
    const [managed] = controllerPolicies.filter((p) => physicalIds('AWS::IAM::ManagedPolicy').includes(p.PolicyArn!));
    expect(managed).toBeDefined();
    const { Policy: meta } = await iam.send(new GetPolicyCommand({ PolicyArn: managed!.PolicyArn }));
    const { PolicyVersion: version } = await iam.send(new GetPolicyVersionCommand({ PolicyArn: managed!.PolicyArn, VersionId: meta!.DefaultVersionId }));
    const document = JSON.parse(decodeURIComponent(version!.Document!)) as { Statement: Array<{ Sid: string; Resource: unknown; Condition?: unknown }> };
    const bySid = Object.fromEntries(document.Statement.map((st) => [st.Sid, st]));
    expect(Object.keys(bySid)).toHaveLength(16);
    expect(bySid.AllowPassingInstanceRole!.Resource).toBe(nodeRole!.Arn);
    expect(bySid.AllowScopedDeletion!.Condition).toEqual({ StringEquals: { [`aws:ResourceTag/kubernetes.io/cluster/${CLUSTER_NAME}`]: 'owned' }, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } });

    const { Subnets: tagged } = await new EC2Client(session.target.clientConfig).send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:karpenter.sh/discovery', Values: [CLUSTER_NAME] }] }));
    expect(tagged!.length).toBeGreaterThanOrEqual(2);
    expect(tagged!.every((subnet) => subnet.MapPublicIpOnLaunch !== true)).toBe(true);
  }, PHASE_TIMEOUT.readBack);

  test('an update raises the Kubernetes version and scales the node group, in place: same cluster, same node group', async () => {
    const [name] = (await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER_NAME }))).nodegroups!;
    const before = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER_NAME, nodegroupName: name }))).nodegroup!;
    const accounts = await session.deploy([STACK], V2);
    expect(unexplained(accounts)).toEqual([]);
    const upgraded = (await eks.send(new DescribeClusterCommand({ name: CLUSTER_NAME }))).cluster!;
    expect(upgraded).toMatchObject({ arn: cluster.arn, version: VERSION.v2.version, upgradePolicy: { supportType: 'STANDARD' } });
    expect((await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER_NAME }))).nodegroups).toEqual([name]);
    const after = (await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER_NAME, nodegroupName: name }))).nodegroup!;
    const { minSize, desiredSize, maxSize, maxUnavailable } = NODE_GROUP.v2;
    expect(after).toMatchObject({
      nodegroupArn: before.nodegroupArn, version: VERSION.v2.version, scalingConfig: { minSize, desiredSize, maxSize }, updateConfig: { maxUnavailable },
    });
    // The Fargate profile is not versioned: its pods get the new kubelet when they are restarted.
    expect((await eks.send(new ListFargateProfilesCommand({ clusterName: CLUSTER_NAME }))).fargateProfileNames).toHaveLength(1);
  }, PHASE_TIMEOUT.update);

  test('destroy removes the cluster, its node group and profile, and the VPC', async () => {
    const vpcId = physicalIds('AWS::EC2::VPC')[0]!;
    const report = await session.destroy([STACK], V2);
    expect((await eks.send(new ListClustersCommand({}))).clusters).not.toContain(CLUSTER_NAME);
    // (the node group and profile go first: EKS, and moto, refuse to delete a cluster that still has them;
    // moto answers 500 instead of ResourceNotFound when asked for a missing cluster's node groups)
    const ec2 = new EC2Client(session.target.clientConfig);
    expect((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Vpcs).toEqual([]);
    // The account is as it was before the deploy, but for what the template retains (asserted, then deleted).
    await expectCleanAccount(session, report, RETAINED);
  }, PHASE_TIMEOUT.destroy);
});
