import { AspectPriority, Aspects, Aws, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import {
  ClusterCapacity, EcrRegistrySettings, EcrRepository, EcsCluster, EcsService, EcsTaskDefinition, EksCapacity, EksCluster,
  EksClusterChecks, EksNamespace, EksWorkload, EksWorkloadChecks, PlatformNetwork, PullThroughUpstream, RegistryScanning,
  ServiceCapacity, TaskCompatibility, WorkloadImage, WorkloadVolume,
} from '../lib';
import { PlatformStage, STAGES, StageName } from './stages';

/** Properties of the reference platform. */
export interface PlatformStackProps extends StackProps {
  /**
   * The application image tag (or `sha256:` digest) the services run. A pipeline passes the tag it
   * built with `-c imageTag=...`, so a new image is a template change, not drift.
   * @default '1.0.0'
   */
  readonly imageTag?: string;

  /**
   * The stage this platform is for: NAT gateways, Fargate Spot or on-demand, Spot or on-demand
   * EC2 workers. The construct tree is the same in every stage.
   * @default - the dev stage (`STAGES.dev`)
   */
  readonly stage?: PlatformStage;

  /**
   * Tasks each ECS service keeps running. `0` is for a stage's first deploy: the stack creates the
   * image repository, and services can start only once an image has been pushed to it
   * (`cdk deploy -c desiredCount=0`, push, then deploy again without it).
   * @default 2
   */
  readonly desiredCount?: number;

  /**
   * Deletion protection of the EKS cluster. Turn it off and deploy before `cdk destroy`
   * (`cdk deploy -c deletionProtection=false`, then `cdk destroy -c deletionProtection=false`):
   * with it on, CloudFormation cannot delete the cluster and the destroy fails.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * The reference platform: every construct of the library in one stack, with the defaults a
 * platform team would ship. `npx cdk synth` synthesizes it offline (no credentials, no lookups).
 */
export class PlatformStack extends Stack {
  /** The application images. */
  public readonly images: EcrRepository;
  /** The VPC every cluster runs in. */
  public readonly network: PlatformNetwork;
  /** The ECS cluster: Fargate, Fargate Spot and a small Graviton EC2 pool. */
  public readonly ecs: EcsCluster;
  /** The web application on Fargate. */
  public readonly web: EcsService;
  /** The worker on the EC2 pool. */
  public readonly worker: EcsService;
  /** The Kubernetes cluster. */
  public readonly eks: EksCluster;
  /** The web application on the Kubernetes cluster, delivered through the cloud assembly (Argo CD). */
  public readonly eksWeb: EksWorkload;
  /** The stage this platform was synthesized for. */
  public readonly stage: PlatformStage;

  constructor(scope: Construct, id: string, props: PlatformStackProps = {}) {
    super(scope, id, props);
    const tag = props.imageTag ?? '1.0.0';
    const stage = props.stage ?? STAGES[StageName.DEV];
    this.stage = stage;
    const desiredCount = props.desiredCount ?? 2;

    // ECR: the application's images, registry-wide scanning and a cache of ECR Public.
    this.images = new EcrRepository(this, 'Images', { repositoryName: 'platform/app' });
    const registry = new EcrRegistrySettings(this, 'Registry', { scanning: RegistryScanning.basic() });
    registry.addPullThroughCache('EcrPublic', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });

    // One VPC for the platform: the stage's NAT gateways, flow logs, default security group closed.
    this.network = new PlatformNetwork(this, 'Network', { natMode: stage.natMode });

    // ECS: Fargate (Spot in dev) for the web tier, a Graviton EC2 pool (Spot in dev) for the worker.
    this.ecs = new EcsCluster(this, 'Ecs', {
      vpc: this.network.vpc,
      capacity: [
        ClusterCapacity.fargate({ baseTasks: 1 }),
        ClusterCapacity.fargateSpot({ weight: 1 }),
        ClusterCapacity.ec2({ name: 'Workers', instanceTypes: [new ec2.InstanceType('m7g.medium'), new ec2.InstanceType('m7g.large')], minCapacity: 0, maxCapacity: 2, purchaseOption: stage.workerPurchaseOption }),
      ],
    });

    const webTask = new EcsTaskDefinition(this, 'WebTask', {
      cpu: 256,
      memoryMiB: 512,
      volumes: [{ name: 'tmp' }],
      containers: [{
        name: 'web',
        image: this.images.containerImage(tag),
        user: '1000',
        portMappings: [{ containerPort: 8080 }],
        mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }],
      }],
    });
    this.web = new EcsService(this, 'Web', {
      cluster: this.ecs.cluster,
      taskDefinition: webTask,
      desiredCount,
      capacity: stage.webCapacity,
    });

    const workerTask = new EcsTaskDefinition(this, 'WorkerTask', {
      compatibility: TaskCompatibility.EC2,
      cpuArchitecture: ecs.CpuArchitecture.ARM64, // the Workers pool is Graviton: the image is built for arm64
      cpu: 512,
      memoryMiB: 1024,
      containers: [{ name: 'worker', image: this.images.containerImage(tag), user: '1000', command: ['worker'] }],
    });
    this.worker = new EcsService(this, 'Worker', {
      cluster: this.ecs.cluster,
      taskDefinition: workerTask,
      desiredCount,
      capacity: ServiceCapacity.ec2({ capacityName: 'Workers' }),
    });

    // EKS: private endpoint, KMS secrets, all control-plane logs; nodes pull the same images.
    this.eks = new EksCluster(this, 'Eks', {
      vpc: this.network.vpc,
      capacity: [EksCapacity.nodeGroup({ instanceTypes: [new ec2.InstanceType('t4g.medium')], minSize: 1, desiredSize: 1, maxSize: 3 })],
      deletionProtection: props.deletionProtection,
    });
    this.eks.grantImagePull(this.images);
    this.eks.grantClusterAdmin('PlatformAdmins', `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/platform-admins`);

    // A web tier on Kubernetes: its YAML is written to cdk.out/kubernetes/<cluster>/platform/, which
    // the pipeline publishes after each stage's deploy for Argo CD to sync (no Lambda, no custom
    // resource in the stack). An image from ECR Public: the stack is environment-agnostic, and an
    // ECR image URI in a manifest needs the account and region at synth.
    const apps = new EksNamespace(this, 'Apps', { cluster: this.eks, namespaceName: 'platform' });
    this.eksWeb = new EksWorkload(this, 'EksWeb', {
      kubernetesNamespace: apps,
      workloadName: 'web',
      volumes: [WorkloadVolume.emptyDir('tmp')],
      containers: [{
        name: 'web',
        image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx-unprivileged:1.27-alpine'),
        runAsUser: 101,
        ports: [{ containerPort: 8080, name: 'http' }],
        mounts: [{ volume: 'tmp', path: '/tmp' }],
      }],
      service: { port: 80, targetPort: 8080 },
    });

    // The library's own checks for every EKS cluster and workload in the stack.
    Aspects.of(this).add(new EksClusterChecks(), { priority: AspectPriority.READONLY });
    Aspects.of(this).add(new EksWorkloadChecks(), { priority: AspectPriority.READONLY });
  }
}
