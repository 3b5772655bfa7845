/**
 * Integration app: an application on EKS and its GitOps delivery (integ-runner format; `build` is also
 * used by the deploy test, the template snapshot and the compliance tier). On an EksCluster with a
 * managed node group: the namespace `shop`, the workload `web` (two containers, one image from the
 * stack's ECR repository, a Service, autoscaling) with an IAM role through EKS Pod Identity that may
 * read one SSM parameter; in the namespace `batch`, which a Fargate profile selects, the workload
 * `reporter` with an IAM role through IRSA (the cluster's OIDC provider) that may read the same
 * parameter; and the EKS Argo CD capability allowed to read a second ECR repository meant
 * for the rendered manifests as OCI artifacts. Deployed to the emulator, the cluster, node group, Pod
 * Identity association and capability are created in moto's EKS backend by the project's
 * CloudFormation extension, so the EKS API can read them back; the Kubernetes objects are written into
 * the cloud assembly (KubernetesDelivery.CLOUD_ASSEMBLY), where the test reads them.
 *
 * The stack has an account and Region (the image URIs are written into manifests at synth): the
 * target's, which the CDK CLI passes as CDK_DEFAULT_ACCOUNT / CDK_DEFAULT_REGION (the emulator's
 * 123456789012 / us-east-1, which the template snapshot also synthesizes for, with the emulator's
 * Availability Zones given as context so that no synth looks them up).
 * `-c idcInstanceArn=...` (or INTEG_IDC_INSTANCE_ARN) is the IAM Identity Center instance the
 * capability signs in with, `-c idcRegion=...` (INTEG_IDC_REGION) its Region (default the stack's) and
 * `-c argoCdAdminGroupId=...` (INTEG_ARGOCD_ADMIN_GROUP_ID) the Identity Center group made Argo CD
 * admin: the defaults are well-formed dummies the emulator accepts; a real account needs real ones.
 */
import { App, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { ContainersCompliance } from '../../lib/compliance';
import { EcrRepository } from '../../lib/ecr';
import {
  AckCapability, ArgoCdCapability, ArgoCdIdentityType, ArgoCdRole, EksCapacity, EksCluster, EksNamespace, EksWorkload, KroCapability, WorkloadIamIdentity, WorkloadImage, WorkloadVolume,
} from '../../lib/eks';
import { runIntegApp } from './harness/integ-app';
import { EMULATOR_ACCOUNT, EMULATOR_REGION } from './harness/target';

export const STACK = 'CdkContainersIntegEksWorkloads';
export const CLUSTER_NAME = 'integ-eks-workloads';

/** What the app deploys, for the test to compare with what the target holds (settings off the library's defaults where one could hide a lost value). */
export const WORKLOADS = {
  namespace: 'shop',
  web: {
    workloadName: 'web',
    image: { repositoryName: 'integ/eks-workloads/web', tag: '1.4.2' },
    sidecarImage: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1',
    service: { port: 80, targetPort: 8080 },
    // library defaults: 2 replicas minimum, 70 % CPU, no memory metric
    autoscaling: { minReplicas: 3, maxReplicas: 6, cpuUtilizationPercent: 55, memoryUtilizationPercent: 65 },
  },
  parameterName: '/integ/eks-workloads/web/config',
  // On Fargate, with IRSA: Pod Identity does not reach Fargate pods.
  batch: { namespace: 'batch', workloadName: 'reporter', image: 'public.ecr.aws/docker/library/busybox:1.37' },
  manifestsRepositoryName: 'integ/eks-workloads/manifests',
  // library default: 'argocd'
  argoCdNamespace: 'gitops',
  dummyIdcInstanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef',
  dummyAdminGroupId: '906757ab-1c71-7061-9d4a-1e9c2a1e6f4b',
  // The queues the ACK capability may manage (no queue is made: the Kubernetes side needs an API server).
  ackQueuePrefix: 'integ-eks-workloads-',
} as const;

/** The Availability Zones the emulator answers for its Region (moto's fixed list), as `cdk context` would cache them. */
const EMULATOR_AZS = ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) => `${EMULATOR_REGION}${suffix}`);

export function build(app: App): Stack[] {
  const account = process.env.CDK_DEFAULT_ACCOUNT ?? EMULATOR_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION ?? EMULATOR_REGION;
  // A stack with an account and Region has its AZs looked up (the VPC's subnets): the CLI asks EC2 and
  // caches the answer in cdk.context.json, and a synth without the CLI (the snapshot, the compliance
  // tier) gets dummy zones. The emulator's are given here instead; a real account's are looked up.
  const azKey = `availability-zones:account=${account}:region=${region}`;
  if (account === EMULATOR_ACCOUNT && region === EMULATOR_REGION && app.node.tryGetContext(azKey) === undefined) {
    app.node.setContext(azKey, EMULATOR_AZS);
  }
  const stack = new Stack(app, STACK, { env: { account, region } });
  const context = (key: string, variable: string) => (app.node.tryGetContext(key) as string | undefined) ?? process.env[variable];

  const cluster = new EksCluster(stack, 'Cluster', {
    clusterName: CLUSTER_NAME,
    // A test cluster is destroyed after each run: no deletion protection.
    deletionProtection: false,
    capacity: [
      EksCapacity.nodeGroup({ id: 'General', instanceTypes: [new ec2.InstanceType('m6i.large')], minSize: 2, desiredSize: 2, maxSize: 4 }),
      EksCapacity.fargateProfile({ id: 'Batch', selectors: [{ namespace: WORKLOADS.batch.namespace }] }),
    ],
  });
  // The log group has a fixed name (/aws/eks/integ-eks-workloads/cluster): a retained one would make
  // the next deploy to the same account fail, so this test app deletes it with the stack.
  cluster.controlPlaneLogGroup.applyRemovalPolicy(RemovalPolicy.DESTROY);
  // The subnets hold the zones of this account and Region literally. aws-cdk-lib accepts CloudFormation
  // validation's W3010 (literal AZs) on the whole stack, which the compliance tier counts as inexact;
  // PlatformNetwork ignores cfn-lint's W3010 on each subnet but not this one. Until it does, the app
  // accepts it on each subnet.
  for (const subnet of [...cluster.vpc.publicSubnets, ...cluster.vpc.privateSubnets]) {
    ContainersCompliance.acknowledge(subnet.node.defaultChild as CfnResource, ['CloudFormation-Validate::W3010'],
      'the zones are the ones looked up for this stack\'s account and Region (given for the emulator); Fn::GetAZs is for environment-agnostic stacks');
  }

  // The application's images: retained (the library's default), as a platform's would be.
  const images = new EcrRepository(stack, 'Images', { repositoryName: WORKLOADS.web.image.repositoryName });
  const shop = new EksNamespace(stack, 'Shop', { cluster, namespaceName: WORKLOADS.namespace });
  const { web } = WORKLOADS;
  const workload = new EksWorkload(stack, 'Web', {
    kubernetesNamespace: shop,
    workloadName: web.workloadName,
    volumes: [WorkloadVolume.emptyDir('tmp')],
    containers: [
      {
        name: 'web',
        image: WorkloadImage.fromEcrRepository(images, web.image.tag),
        runAsUser: 101,
        cpu: '500m',
        memory: '512Mi',
        ports: [{ containerPort: web.service.targetPort, name: 'http' }],
        mounts: [{ volume: 'tmp', path: '/tmp' }],
      },
      {
        name: 'otel',
        image: WorkloadImage.fromRegistry(web.sidecarImage),
        runAsUser: 10001,
        ports: [{ containerPort: 4317, name: 'otlp' }],
      },
    ],
    autoscaling: { ...web.autoscaling },
    service: { ...web.service },
    iamIdentity: WorkloadIamIdentity.POD_IDENTITY,
  });
  // What the pods' role may read: one parameter (destroyed with the stack).
  const config = new ssm.StringParameter(stack, 'WebConfig', { parameterName: WORKLOADS.parameterName, stringValue: '{"featureFlags":[]}' });
  config.grantRead(workload.role!);
  // aws-cdk-lib writes that grant as a policy of the one role (IAMNoInlinePolicy in four packs): the
  // grant is the app's, so the app accepts it on that policy, as a user's app would (examples/compliance.ts).
  ContainersCompliance.acknowledge(workload.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnResource,
    ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321'].map((pack) => `${pack}::${pack}-IAMNoInlinePolicy`),
    'the pods\' read grant on the parameter is written by aws-cdk-lib as a policy of that one role, created and deleted with it');

  // A workload on Fargate, whose role comes through IRSA.
  const batch = new EksNamespace(stack, 'Batch', { cluster, namespaceName: WORKLOADS.batch.namespace });
  const reporter = new EksWorkload(stack, 'Reporter', {
    kubernetesNamespace: batch,
    workloadName: WORKLOADS.batch.workloadName,
    containers: [{ name: 'reporter', image: WorkloadImage.fromRegistry(WORKLOADS.batch.image), runAsUser: 65534, command: ['sleep', 'infinity'] }],
    iamIdentity: WorkloadIamIdentity.IRSA,
  });
  config.grantRead(reporter.role!);
  ContainersCompliance.acknowledge(reporter.role!.node.findChild('DefaultPolicy').node.defaultChild as CfnResource,
    ['HIPAA.Security', 'NIST.800.53.R4', 'NIST.800.53.R5', 'PCI.DSS.321'].map((pack) => `${pack}::${pack}-IAMNoInlinePolicy`),
    'the Fargate pods\' read grant on the parameter is written by aws-cdk-lib as a policy of that one role, created and deleted with it');

  // Argo CD (the EKS capability), allowed to read the rendered manifests pushed as OCI artifacts.
  const manifests = new EcrRepository(stack, 'Manifests', {
    repositoryName: WORKLOADS.manifestsRepositoryName, removalPolicy: RemovalPolicy.DESTROY, emptyOnDelete: true,
  });
  const argoCd = new ArgoCdCapability(stack, 'ArgoCd', {
    cluster,
    identityCenter: { instanceArn: context('idcInstanceArn', 'INTEG_IDC_INSTANCE_ARN') ?? WORKLOADS.dummyIdcInstanceArn, region: context('idcRegion', 'INTEG_IDC_REGION') },
    rbacRoleMappings: [{
      role: ArgoCdRole.ADMIN,
      identities: [{ id: context('argoCdAdminGroupId', 'INTEG_ARGOCD_ADMIN_GROUP_ID') ?? WORKLOADS.dummyAdminGroupId, identityType: ArgoCdIdentityType.SSO_GROUP }],
    }],
    namespaceName: WORKLOADS.argoCdNamespace,
  });
  argoCd.grantRepositoryRead(manifests);

  // ACK, allowed to manage SQS queues of one prefix, and kro, which needs no IAM permission.
  const ack = new AckCapability(stack, 'Ack', { cluster });
  ack.addToRolePolicy(new iam.PolicyStatement({
    actions: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:TagQueue'],
    resources: [stack.formatArn({ service: 'sqs', resource: `${WORKLOADS.ackQueuePrefix}*` })],
  }));
  ContainersCompliance.acknowledge(ack.role.node.findChild('DefaultPolicy').node.defaultChild as CfnResource,
    [`AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:${stack.region}:${stack.account}:${WORKLOADS.ackQueuePrefix}*]`],
    'ACK creates the queues its custom resources name, unknown when the role is made: the role is limited to the queues of this app\'s prefix');
  new KroCapability(stack, 'Kro', { cluster });
  return [stack];
}

if (require.main === module) runIntegApp('EksWorkloads', build);
