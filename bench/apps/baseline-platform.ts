import * as fs from 'fs';
import * as path from 'path';
import { attachCustomSynthesis, Aws, CfnResource, Duration, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as cdk8s from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';

/**
 * The benchmark baseline: the reference platform (bin/platform-stack.ts) written with plain
 * aws-cdk-lib L2s and the same settings, so synth time and footprint can be compared like for
 * like. It deliberately has no validation, no acknowledgements and no aspects: it is what a team
 * would write by hand (the EKS web tier's manifests with cdk8s, as the library builds them). Keep it in step with PlatformStack (resource counts are printed side by side).
 */
export class BaselinePlatformStack extends Stack {
  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** The ECS cluster. */
  public readonly cluster: ecs.Cluster;
  /** The application repository. */
  public readonly repository: ecr.Repository;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    // ECR
    this.repository = new ecr.Repository(this, 'Images', {
      repositoryName: 'platform/app',
      imageScanOnPush: true,
      imageTagMutability: ecr.TagMutability.IMMUTABLE,
      encryption: ecr.RepositoryEncryption.KMS,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { rulePriority: 1, tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: Duration.days(7) },
        { rulePriority: 2, tagStatus: ecr.TagStatus.ANY, maxImageCount: 100 },
      ],
    });
    new ecr.CfnRegistryScanningConfiguration(this, 'Scanning', {
      scanType: 'BASIC',
      rules: [{ scanFrequency: 'SCAN_ON_PUSH', repositoryFilters: [{ filter: '*', filterType: 'WILDCARD' }] }],
    });
    new ecr.CfnPullThroughCacheRule(this, 'EcrPublicCache', { ecrRepositoryPrefix: 'ecr-public-cache', upstreamRegistryUrl: 'public.ecr.aws' });
    new ecr.CfnRepositoryCreationTemplate(this, 'EcrPublicTemplate', {
      prefix: 'ecr-public-cache', appliedFor: ['PULL_THROUGH_CACHE'], encryptionConfiguration: { encryptionType: 'KMS' },
      imageTagMutability: 'MUTABLE',
    });

    // Network: one NAT, flow logs encrypted, S3 gateway endpoint, default SG closed by SSM.
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      ],
    });
    const flowKey = key(this, 'FlowLogsKey');
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: flowKey });
    new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(this.vpc),
      destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
    });
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    const ssmRole = new iam.Role(this, 'SgClosureRole', { assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com') });
    ssmRole.addToPolicy(new iam.PolicyStatement({ actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'], resources: ['*'] }));
    new ssm.CfnAssociation(this, 'SgClosure', {
      name: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      parameters: { GroupId: [this.vpc.vpcDefaultSecurityGroup], AutomationAssumeRole: [ssmRole.roleArn] },
    });

    // ECS: Fargate + Fargate Spot + a Graviton EC2 pool.
    this.cluster = new ecs.Cluster(this, 'Ecs', {
      vpc: this.vpc, enableFargateCapacityProviders: true, containerInsightsV2: ecs.ContainerInsights.ENHANCED,
    });
    const sg = new ec2.SecurityGroup(this, 'WorkersSg', { vpc: this.vpc });
    const role = new iam.Role(this, 'WorkersRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    const lt = new ec2.LaunchTemplate(this, 'WorkersLt', {
      machineImage: ecs.EcsOptimizedImage.amazonLinux2023(ecs.AmiHardwareType.ARM),
      userData: ec2.UserData.forLinux(), role, securityGroup: sg, requireImdsv2: true, httpPutResponseHopLimit: 1,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    });
    const asg = new autoscaling.AutoScalingGroup(this, 'WorkersAsg', {
      vpc: this.vpc, minCapacity: 0, maxCapacity: 2,
      mixedInstancesPolicy: {
        launchTemplate: lt,
        launchTemplateOverrides: [{ instanceType: new ec2.InstanceType('m7g.medium') }, { instanceType: new ec2.InstanceType('m7g.large') }],
      },
    });
    const cp = new ecs.AsgCapacityProvider(this, 'Workers', {
      autoScalingGroup: asg, enableManagedTerminationProtection: true, enableManagedDraining: true, targetCapacityPercent: 100,
    });
    this.cluster.addAsgCapacityProvider(cp);

    const image = ecs.ContainerImage.fromEcrRepository(this.repository, '1.0.0');
    const web = new ecs.FargateTaskDefinition(this, 'WebTask', {
      cpu: 256, memoryLimitMiB: 512, runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    web.addVolume({ name: 'tmp' });
    web.addContainer('web', {
      image, user: '1000', readonlyRootFilesystem: true, memoryLimitMiB: 512, portMappings: [{ containerPort: 8080 }],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup: logGroup(this, 'WebLogs') }),
    }).addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });
    new ecs.FargateService(this, 'Web', {
      cluster: this.cluster, taskDefinition: web, desiredCount: 2, circuitBreaker: { rollback: true },
      capacityProviderStrategies: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });

    const worker = new ecs.Ec2TaskDefinition(this, 'WorkerTask', { networkMode: ecs.NetworkMode.AWS_VPC });
    worker.addContainer('worker', {
      image, user: '1000', readonlyRootFilesystem: true, cpu: 512, memoryLimitMiB: 1024, command: ['worker'],
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: 'worker', logGroup: logGroup(this, 'WorkerLogs') }),
    });
    new ecs.Ec2Service(this, 'Worker', {
      cluster: this.cluster, taskDefinition: worker, desiredCount: 2, circuitBreaker: { rollback: true },
      capacityProviderStrategies: [{ capacityProvider: cp.capacityProviderName, weight: 1 }],
    });

    // EKS: private endpoint, KMS secrets, all control-plane logs into a group made first (retention,
    // own key, retained; EKS would otherwise create it without either), deletion protection, one managed node group.
    const clusterName = 'platform-eks';
    const controlPlaneLogs = logGroup(this, 'EksControlPlaneLogs', `/aws/eks/${clusterName}/cluster`);
    const cluster = new eks.Cluster(this, 'Eks', {
      clusterName,
      version: eks.KubernetesVersion.V1_33,
      vpc: this.vpc,
      endpointAccess: eks.EndpointAccess.PRIVATE,
      secretsEncryptionKey: key(this, 'EksSecretsKey'),
      clusterLogging: [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER, eks.ClusterLoggingTypes.SCHEDULER],
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
      bootstrapClusterCreatorAdminPermissions: false,
    });
    const cfnCluster = cluster.node.defaultChild as eks.CfnCluster;
    cfnCluster.addResourceDependency(controlPlaneLogs.node.defaultChild as CfnResource, 'EKS writes control-plane logs into this group');
    cfnCluster.deletionProtection = true;
    const ng = cluster.addNodegroupCapacity('Nodes', { instanceTypes: [new ec2.InstanceType('t4g.medium')], minSize: 1, desiredSize: 1, maxSize: 3 });
    for (const name of ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent']) {
      new eks.Addon(this, `Addon-${name}`, { cluster, addonName: name });
    }
    this.repository.grantPull(ng.role);
    cluster.grantAccess('PlatformAdmins', `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/platform-admins`, [
      eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', { accessScopeType: eks.AccessScopeType.CLUSTER }),
    ]);
    writeWebManifests(this);
  }
}

/**
 * The reference platform's Kubernetes web tier (namespace, service account, Deployment, disruption
 * budget, Service) as a team writes it by hand with cdk8s, written into the cloud assembly at synth
 * like the library's `EksWorkload`: no checks, no placement, no schema validation.
 */
function writeWebManifests(stack: Stack): void {
  const chart = new cdk8s.Chart(new cdk8s.App(), 'web');
  const labels = { 'app.kubernetes.io/name': 'web' };
  const metadata = { name: 'web', namespace: 'platform', labels };
  new k8s.KubeNamespace(chart, 'Namespace', { metadata: { name: 'platform', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
  new k8s.KubeServiceAccount(chart, 'ServiceAccount', { metadata, automountServiceAccountToken: false });
  new k8s.KubeDeployment(chart, 'Deployment', {
    metadata,
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: 'web',
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          volumes: [{ name: 'tmp', emptyDir: {} }],
          containers: [{
            name: 'web',
            image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine',
            ports: [{ containerPort: 8080, name: 'http' }],
            resources: {
              requests: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('256Mi') },
              limits: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('256Mi') },
            },
            securityContext: { runAsUser: 101, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
        },
      },
    },
  });
  new k8s.KubePodDisruptionBudget(chart, 'Budget', { metadata, spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: labels } } });
  new k8s.KubeService(chart, 'Service', { metadata, spec: { selector: labels, ports: [{ port: 80, targetPort: k8s.IntOrString.fromNumber(8080) }] } });
  attachCustomSynthesis(stack, {
    onSynthesize: (session) => {
      const dir = path.join(session.outdir, 'kubernetes', 'baseline', 'platform');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'web.yaml'), cdk8s.Yaml.stringify(...chart.toJson()));
    },
  });
}

function key(scope: Construct, id: string): kms.Key {
  const k = new kms.Key(scope, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  k.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`));
  return k;
}

function logGroup(scope: Construct, id: string, logGroupName?: string): logs.LogGroup {
  return new logs.LogGroup(scope, id, { logGroupName, retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key(scope, `${id}Key`), removalPolicy: RemovalPolicy.RETAIN });
}
