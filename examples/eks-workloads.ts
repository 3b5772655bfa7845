// The examples of the README (EKS workloads), type-checked by `npm run build` and synthesized by
// test/examples/eks-workloads.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ArgoCdCapability, ArgoCdIdentityType, ArgoCdRole, EcrRepository, EksCapacity, EksCluster, EksNamespace, EksNodePool, EksWorkload, NodePoolArchitecture,
  NodePoolCapacityType, WorkloadExposure, WorkloadIamIdentity, WorkloadImage, WorkloadProbe, WorkloadSecretKey, WorkloadVolume,
} from '../lib';

/** What {@link eksWorkloads} builds, for tests. */
export interface EksWorkloads {
  readonly cluster: EksCluster;
  readonly shop: EksNamespace;
  readonly web: EksWorkload;
  readonly worker: EksWorkload;
  readonly batchPool: EksNodePool;
  readonly batch: EksWorkload;
  readonly argoCd: ArgoCdCapability;
}

/**
 * The ECS example's web application run on EKS: two containers, scaled on CPU, behind an internal
 * Network Load Balancer, with a DNS name in the cluster; and a worker with an IAM role through Pod
 * Identity. The stack needs an account and Region (`env`): the image URIs are written into manifests.
 */
export function eksWorkloads(stack: Stack): EksWorkloads {
  // An Auto Mode cluster (the default capacity) and a namespace with the restricted Pod Security Standard.
  const cluster = new EksCluster(stack, 'Cluster');
  cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/platform-admins');
  const shop = new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop' });
  const images = EcrRepository.fromRepositoryName(stack, 'ShopImages', 'shop/web');

  // --- EksWorkload: two containers, 2-10 pods on CPU, an internal NLB and a DNS name ---
  const web = new EksWorkload(stack, 'Web', {
    kubernetesNamespace: shop,
    workloadName: 'web',
    // Read-only root filesystems are the default: give the containers scratch space to write to.
    volumes: [WorkloadVolume.emptyDir('tmp'), WorkloadVolume.emptyDir('cache')],
    containers: [
      {
        name: 'web',
        image: WorkloadImage.fromEcrRepository(images, '1.4.2'),
        runAsUser: 101, // non-root
        cpu: '500m',
        memory: '768Mi',
        ports: [{ containerPort: 8080, name: 'http' }],
        secretEnvironment: { DB_PASSWORD: WorkloadSecretKey.of('shop-db', 'password') },
        readinessProbe: WorkloadProbe.httpGet('/healthz', 8080, { period: Duration.seconds(5) }),
        livenessProbe: WorkloadProbe.httpGet('/healthz', 8080, { initialDelay: Duration.seconds(10) }),
        mounts: [{ volume: 'tmp', path: '/tmp' }, { volume: 'cache', path: '/var/cache/nginx' }],
      },
      {
        name: 'otel',
        image: WorkloadImage.fromRegistry('public.ecr.aws/aws-observability/aws-otel-collector:v0.43.1'),
        runAsUser: 10001, // the collector image's non-root user
        memory: '256Mi',
        ports: [{ containerPort: 4317, name: 'otlp' }],
      },
    ],
    autoscaling: { minReplicas: 2, maxReplicas: 10, cpuUtilizationPercent: 60 },
    service: { port: 80, targetPort: 8080, exposure: WorkloadExposure.loadBalancer() },
  });
  new CfnOutput(stack, 'WebDnsName', { description: 'The web Service inside the cluster', value: web.dnsName! });
  new CfnOutput(stack, 'WebManifest', { description: 'Where cdk synth wrote the web manifests', value: web.manifestFile });

  // --- A worker with an IAM role through EKS Pod Identity, reading one bucket ---
  const reports = s3.Bucket.fromBucketName(stack, 'Reports', 'shop-reports');
  const worker = new EksWorkload(stack, 'Worker', {
    kubernetesNamespace: shop,
    workloadName: 'worker',
    containers: [{ name: 'worker', image: WorkloadImage.fromEcrRepository(images, 'worker-1.4.2'), runAsUser: 1000, command: ['worker'] }],
    iamIdentity: WorkloadIamIdentity.POD_IDENTITY,
  });
  reports.grantRead(worker.role!);

  // --- A node pool of its own for batch pods: Graviton, Spot first, at most 64 vCPUs in all, nodes of up to 16 vCPUs ---
  const batchPool = new EksNodePool(stack, 'BatchPool', {
    cluster,
    nodePoolName: 'batch',
    requirements: {
      architectures: [NodePoolArchitecture.ARM64],
      capacityTypes: [NodePoolCapacityType.SPOT, NodePoolCapacityType.ON_DEMAND],
      maximumVcpus: 16,
    },
    cpuLimit: 64,
    memoryLimitGiB: 256,
    taints: [{ key: 'workload-class', value: 'batch', effect: eks.TaintEffect.NO_SCHEDULE }],
    // No voluntary disruption during office hours (UTC), one node at a time otherwise.
    disruptionBudgets: [{ nodes: '0', schedule: '0 8 * * mon-fri', duration: Duration.hours(10) }, { nodes: '1' }],
  });
  const batch = new EksWorkload(stack, 'Batch', {
    kubernetesNamespace: shop,
    workloadName: 'batch',
    containers: [{ name: 'batch', image: WorkloadImage.fromEcrRepository(images, 'batch-1.4.2'), runAsUser: 1000, command: ['batch'], cpu: '2', memory: '4Gi' }],
    replicas: 8,
    nodePool: batchPool, // selects the pool's nodes and tolerates its taint
  });

  // --- Delivery: Argo CD (the EKS capability) syncs the manifests cdk synth wrote, pushed to ECR as an OCI artifact ---
  const manifests = new EcrRepository(stack, 'Manifests', { repositoryName: 'shop/manifests' });
  const argoCd = new ArgoCdCapability(stack, 'ArgoCd', {
    cluster,
    identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' },
    rbacRoleMappings: [{ role: ArgoCdRole.ADMIN, identities: [{ id: '906757ab-1c71-7061-9d4a-1e9c2a1e6f4b', identityType: ArgoCdIdentityType.SSO_GROUP }] }],
  });
  argoCd.grantRepositoryRead(manifests);

  return { cluster, shop, web, worker, batchPool, batch, argoCd };
}

/** What {@link fargateJobs} builds, for tests. */
export interface FargateJobs {
  readonly cluster: EksCluster;
  readonly jobs: EksNamespace;
  readonly reporter: EksWorkload;
}

/**
 * Pods on Fargate with an IAM role: Pod Identity does not reach Fargate pods, so the role comes
 * through IRSA (the cluster's OIDC provider). The stack needs an account and Region: the
 * ServiceAccount names the role's ARN in a manifest.
 */
export function fargateJobs(stack: Stack): FargateJobs {
  // --- A Fargate-only cluster: CoreDNS in kube-system, the jobs in their namespace ---
  const cluster = new EksCluster(stack, 'Cluster', {
    capacity: [
      EksCapacity.fargateProfile({ id: 'System', selectors: [{ namespace: 'kube-system' }] }),
      EksCapacity.fargateProfile({ id: 'Jobs', selectors: [{ namespace: 'jobs' }] }),
    ],
  });
  cluster.grantClusterAdmin('Admins', 'arn:aws:iam::123456789012:role/platform-admins');
  const jobs = new EksNamespace(stack, 'Jobs', { cluster, namespaceName: 'jobs' });

  // --- The reporter reads one bucket, with its role through IRSA ---
  const reporter = new EksWorkload(stack, 'Reporter', {
    kubernetesNamespace: jobs,
    workloadName: 'reporter',
    containers: [{ name: 'reporter', image: WorkloadImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37'), runAsUser: 65534, command: ['sleep', 'infinity'] }],
    iamIdentity: WorkloadIamIdentity.IRSA,
  });
  s3.Bucket.fromBucketName(stack, 'Reports', 'shop-reports').grantRead(reporter.role!);

  return { cluster, jobs, reporter };
}
