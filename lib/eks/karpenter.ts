import * as fs from 'fs';
import * as path from 'path';
import { Annotations, attachCustomSynthesis, Aws, CfnResource, Duration, Names, Stack, Stage, Tags, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { acknowledge, acknowledgeManagedPolicyWildcards, RULES } from '../private/acknowledge';
import { kubernetesMinor } from '../private/kubernetes-calendar';
import { EksCluster } from './cluster';
import { KubernetesDelivery, KubernetesManifests } from './kubernetes-manifests';
import { cdk8s } from './private/cdk8s';
import { checkKubernetesName } from './private/kubernetes-names';
import { karpenterMinimumVersion, KARPENTER_NEWEST_KUBERNETES_MINOR, parseKarpenterVersion } from './private/node-pools';
import { acknowledgeEksManagedPolicies } from './private/roles';

/** The operating system of the nodes Karpenter launches (the EC2NodeClass's AMI alias). */
export enum KarpenterAmiFamily {
  /** Amazon Linux 2023, the EKS-optimized AMI (`al2023@latest`). */
  AL2023 = 'al2023',
  /** Bottlerocket, a minimal container OS with a read-only root filesystem (`bottlerocket@latest`). */
  BOTTLEROCKET = 'bottlerocket',
}

/**
 * Properties of an {@link EksKarpenter}.
 */
export interface EksKarpenterProps {
  /** The cluster: one without Auto Mode (Auto Mode runs Karpenter itself), whose name is known at synth. */
  readonly cluster: EksCluster;
  /**
   * The Karpenter release to install (the Helm chart `oci://public.ecr.aws/karpenter/karpenter`),
   * `1.x.y`. It must support the cluster's Kubernetes version (Karpenter's compatibility matrix:
   * 1.31 needs 1.0.5, 1.32 needs 1.2, 1.33 1.5, 1.34 1.6, 1.35 1.9); for a newer Kubernetes
   * version than the matrix the library has, it warns.
   */
  readonly chartVersion: string;
  /**
   * The nodes' operating system.
   * @default KarpenterAmiFamily.AL2023
   */
  readonly amiFamily?: KarpenterAmiFamily;
  /**
   * Size of each node's root volume (AL2023) or data volume (Bottlerocket), GiB: gp3, encrypted (20-16,384).
   * @default 20
   */
  readonly nodeVolumeSizeGiB?: number;
  /**
   * The namespace the controller runs in (its ServiceAccount `karpenter` gets the controller role through Pod Identity).
   * @default 'kube-system'
   */
  readonly namespaceName?: string;
  /**
   * How the controller and its EC2NodeClass reach the cluster. `CLOUD_ASSEMBLY` writes the Helm
   * values (`karpenter-values.yaml`) and the EC2NodeClass manifest into the cloud assembly for a
   * pipeline step (`helm upgrade --install`, see `helmCommand`) or Argo CD; `KUBECTL` installs the
   * chart through the cluster's kubectl provider (a Lambda-backed custom resource, opt-in).
   * @default KubernetesDelivery.CLOUD_ASSEMBLY
   */
  readonly delivery?: KubernetesDelivery;
}

const KARPENTERS = new WeakMap<EksCluster, EksKarpenter>();

/** The service account of the controller, as the chart names it. */
const SERVICE_ACCOUNT = 'karpenter';
/** The tag the cluster's subnets carry for the EC2NodeClass's subnet selector. */
const KARPENTER_DISCOVERY_TAG = 'karpenter.sh/discovery';
/** What the controller's pods request (the values the library sets: Karpenter's guide recommends 1 CPU and 1 GiB), 2 replicas. */
export interface KarpenterControllerPods {
  /** Replicas. */
  readonly replicas: number;
  /** CPU each requests, millicores. */
  readonly cpuMillis: number;
  /** Memory each requests, MiB. */
  readonly memoryMiB: number;
}

/**
 * Karpenter on a cluster of managed node groups: it launches right-sized EC2 instances for pods
 * that do not fit (`EksNodePool`s say which), consolidates them, and replaces them on Spot
 * interruptions and scheduled maintenance.
 *
 * The AWS side is native CloudFormation (no custom resource): the nodes' IAM role and its access
 * entry (`EC2_LINUX`), the controller's role through EKS Pod Identity with Karpenter's documented
 * policy scoped to the cluster's tags, an SQS interruption queue (SSE, TLS only, 5-minute
 * retention) and the EventBridge rules that feed it. The Kubernetes side: the `default`
 * EC2NodeClass (the cluster's private subnets, tagged `karpenter.sh/discovery`, and security
 * group, IMDSv2 with a hop limit of 1, encrypted gp3 volumes) and the chart's values, delivered like
 * the workloads' manifests.
 *
 * @example
 * const karpenter = new EksKarpenter(this, 'Karpenter', { cluster: platform, chartVersion: '1.9.0' });
 * new EksNodePool(this, 'Spot', { cluster: platform, nodePoolName: 'spot', requirements: { capacityTypes: [NodePoolCapacityType.SPOT] } });
 */
export class EksKarpenter extends Construct {
  /** The cluster's Karpenter, if it has one. */
  public static of(cluster: EksCluster): EksKarpenter | undefined {
    return KARPENTERS.get(cluster);
  }

  /** The cluster. */
  public readonly cluster: EksCluster;
  /** The Karpenter release. */
  public readonly chartVersion: string;
  /** The namespace the controller runs in. */
  public readonly namespaceName: string;
  /** The IAM role of the nodes Karpenter launches (named, so the EC2NodeClass can name it at synth). */
  public readonly nodeRole: iam.Role;
  /** The controller's IAM role (EKS Pod Identity). */
  public readonly controllerRole: iam.Role;
  /** The controller's permissions (Karpenter's documented policy). */
  public readonly controllerPolicy: iam.ManagedPolicy;
  /** The interruption queue (Spot interruptions, rebalance recommendations, scheduled changes, state changes). */
  public readonly interruptionQueue: sqs.Queue;
  /** Where events go that the controller received 5 times without deleting, or EventBridge could not deliver. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The name of the EC2NodeClass node pools launch their nodes with. */
  public readonly nodeClassName: string;
  /** The nodes' operating system. */
  public readonly amiFamily: KarpenterAmiFamily;
  /** The controller's pods, which run on the cluster's node groups (the placement check counts them). */
  public readonly controllerPods: KarpenterControllerPods;
  /** The YAML file of the EC2NodeClass in the cloud assembly, relative to its root. */
  public readonly manifestFile: string;
  /** The Helm values file in the cloud assembly, relative to its root. */
  public readonly valuesFile: string;
  /** How the controller and its EC2NodeClass reach the cluster. */
  public readonly delivery: KubernetesDelivery;
  /**
   * The construct that installs the chart through kubectl.
   * @default - delivered through the cloud assembly
   */
  public readonly kubectlChart?: Construct;

  constructor(scope: Construct, id: string, props: EksKarpenterProps) {
    super(scope, id);
    this.cluster = props.cluster;
    if (this.cluster.autoMode) {
      throw new ValidationError(this, {
        property: 'cluster', value: this.cluster.node.path, allowed: 'a cluster without Auto Mode (capacity of managed node groups)',
        hint: 'Auto Mode runs Karpenter itself: give it custom node pools with EksNodePool instead',
      });
    }
    if (this.cluster.nodeGroups.length === 0) {
      throw new ValidationError(this, {
        property: 'cluster', value: this.cluster.node.path, allowed: 'a cluster with a managed node group (EksCapacity.nodeGroup) for the controller to run on',
        hint: 'the controller never runs on the nodes it launches, and on Fargate it would get no AWS credentials (Pod Identity does not reach Fargate pods): add the node group before EksKarpenter',
      });
    }
    const other = KARPENTERS.get(this.cluster);
    if (other !== undefined) {
      throw new ValidationError(this, { property: 'cluster', value: this.cluster.node.path, allowed: 'a cluster without another EksKarpenter', hint: `${other.node.path} installs Karpenter on it already` });
    }
    const clusterName = this.cluster._literalName;
    if (clusterName === undefined) {
      throw new ValidationError(this, {
        property: 'cluster', value: this.cluster.node.path, allowed: 'a cluster whose name is known at synth (clusterName not a token)',
        hint: 'the controller\'s IAM conditions, the subnet tags and the EC2NodeClass name the cluster: leave clusterName unset (the library picks one) or give a literal',
      });
    }
    this.chartVersion = this.checkVersion(props.chartVersion);
    this.namespaceName = props.namespaceName ?? 'kube-system';
    checkKubernetesName(this, 'namespaceName', this.namespaceName, 'dns1123Label');
    this.amiFamily = props.amiFamily ?? KarpenterAmiFamily.AL2023;
    if (!(Object.values(KarpenterAmiFamily) as string[]).includes(this.amiFamily)) {
      throw new ValidationError(this, { property: 'amiFamily', value: this.amiFamily, allowed: `a KarpenterAmiFamily (${Object.values(KarpenterAmiFamily).join(', ')})` });
    }
    const volume = props.nodeVolumeSizeGiB ?? 20;
    if (!Number.isInteger(volume) || volume < 20 || volume > 16_384) {
      throw new ValidationError(this, { property: 'nodeVolumeSizeGiB', value: volume, allowed: 'a literal whole number of GiB from 20 to 16,384 (gp3)' });
    }
    this.delivery = props.delivery ?? KubernetesDelivery.CLOUD_ASSEMBLY;
    this.nodeClassName = 'default';

    // The nodes: a role of their own, named so the EC2NodeClass can name it, and its access entry.
    const nodePolicies = ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly'];
    // IAM names are account-wide: the Region is part of the name when it is known, so the same stack deploys to two Regions.
    const region = Stack.of(this).region;
    const nodeRoleName = Token.isUnresolved(region)
      ? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' })
      : `${Names.uniqueResourceName(this, { maxLength: 63 - region.length, separator: '-' })}-${region}`;
    this.nodeRole = new iam.Role(this, 'NodeRole', {
      roleName: nodeRoleName,
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: `Nodes Karpenter launches for EKS cluster ${clusterName}`,
      managedPolicies: nodePolicies.map((p) => iam.ManagedPolicy.fromAwsManagedPolicyName(p)),
    });
    acknowledgeEksManagedPolicies(this.nodeRole, nodePolicies);
    new eks.AccessEntry(this, 'NodeAccess', {
      cluster: this.cluster.cluster,
      principal: this.nodeRole.roleArn,
      accessEntryType: eks.AccessEntryType.EC2_LINUX,
      accessPolicies: [],
    });

    // The interruption queue and the events that feed it.
    // Named at synth (after the cluster, as Karpenter's guide names it) so the chart's values can name it.
    const queueName = clusterName.length <= 80 ? clusterName : Names.uniqueResourceName(this, { maxLength: 80, separator: '-' });
    // Events Karpenter could not take (or EventBridge could not deliver) land in a dead-letter queue, kept 14 days for a look.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.interruptionQueue = new sqs.Queue(this, 'InterruptionQueue', {
      queueName,
      retentionPeriod: Duration.minutes(5),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    acknowledge(this.deadLetterQueue.node.defaultChild as CfnResource, [[RULES.SQS_NO_DLQ,
      'the dead-letter queue of Karpenter\'s interruption queue and of the rules that feed it: a dead-letter queue of its own would only move the same messages again']]);
    const rules: Array<[string, string, string]> = [
      ['SpotInterruption', 'aws.ec2', 'EC2 Spot Instance Interruption Warning'],
      ['Rebalance', 'aws.ec2', 'EC2 Instance Rebalance Recommendation'],
      ['InstanceStateChange', 'aws.ec2', 'EC2 Instance State-change Notification'],
      ['ScheduledChange', 'aws.health', 'AWS Health Event'],
    ];
    for (const [ruleId, source, detailType] of rules) {
      new events.Rule(this, `${ruleId}Rule`, {
        description: `${detailType} to Karpenter's interruption queue (EKS cluster ${clusterName})`,
        eventPattern: { source: [source], detailType: [detailType] },
        targets: [new targets.SqsQueue(this.interruptionQueue, { deadLetterQueue: this.deadLetterQueue })],
      });
    }

    // The controller: Pod Identity for its service account, with Karpenter's documented permissions.
    this.controllerRole = this.cluster.addPodIdentity('KarpenterController', { serviceAccountNamespace: this.namespaceName, serviceAccount: SERVICE_ACCOUNT });
    const controller = controllerStatements(Stack.of(this), clusterName, this.nodeRole, this.interruptionQueue);
    this.controllerPolicy = new iam.ManagedPolicy(this, 'ControllerPolicy', {
      description: `Karpenter's controller for EKS cluster ${clusterName}`,
      roles: [this.controllerRole],
      statements: controller.map((c) => c.statement),
    });
    acknowledgeManagedPolicyWildcards(this.controllerPolicy, controller);

    // Subnets the nodes may use: the cluster's private subnets made in this app get the discovery tag.
    const subnets = this.cluster.vpc.privateSubnets;
    const untagged = subnets.filter((s) => !(s.node.defaultChild instanceof ec2.CfnSubnet));
    for (const subnet of subnets) Tags.of(subnet).add(KARPENTER_DISCOVERY_TAG, clusterName);
    if (untagged.length > 0 || subnets.length === 0) {
      Annotations.of(this).addWarningV2('cdk-containers:karpenter-untagged-subnets',
        `The cluster's VPC is not made in this app, so the library cannot tag its subnets: tag the private subnets the nodes may use with ${KARPENTER_DISCOVERY_TAG}=${clusterName}, or Karpenter finds none and launches no node.`);
    }

    const manifests = new KubernetesManifests(this, this.cluster, '_cluster/karpenter-ec2nodeclass.yaml', 'cluster');
    this.manifestFile = manifests.file;
    new (cdk8s().ApiObject)(manifests.chart, 'EC2NodeClass', {
      apiVersion: 'karpenter.k8s.aws/v1',
      kind: 'EC2NodeClass',
      metadata: { name: this.nodeClassName, labels: { 'app.kubernetes.io/managed-by': 'cdk-containers' } },
      spec: {
        role: nodeRoleName,
        amiSelectorTerms: [{ alias: `${this.amiFamily}@latest` }],
        subnetSelectorTerms: [{ tags: { [KARPENTER_DISCOVERY_TAG]: clusterName } }],
        // The security group EKS makes for the cluster (the one the node groups use), by the tag EKS puts on it.
        securityGroupSelectorTerms: [{ tags: { 'aws:eks:cluster-name': clusterName } }],
        metadataOptions: { httpEndpoint: 'enabled', httpProtocolIPv6: 'disabled', httpPutResponseHopLimit: 1, httpTokens: 'required' },
        // Bottlerocket has an OS volume (xvda) and a data volume (xvdb); a mapping replaces Karpenter's defaults, so both are written.
        blockDeviceMappings: this.amiFamily === KarpenterAmiFamily.BOTTLEROCKET
          ? [encryptedGp3('/dev/xvda', 4), encryptedGp3('/dev/xvdb', volume)]
          : [encryptedGp3('/dev/xvda', volume)],
      },
    });

    // What the chart is given is what the placement check counts.
    this.controllerPods = { replicas: 2, cpuMillis: 1000, memoryMiB: 1024 };
    const resources = { cpu: String(this.controllerPods.cpuMillis / 1000), memory: `${this.controllerPods.memoryMiB / 1024}Gi` };
    const values = {
      settings: { clusterName, interruptionQueue: queueName },
      serviceAccount: { name: SERVICE_ACCOUNT },
      controller: { resources: { requests: resources, limits: resources } },
      replicas: this.controllerPods.replicas,
    };
    this.valuesFile = path.posix.join(this.cluster.manifestDirectory, '_cluster', 'karpenter-values.yaml');
    if (this.delivery === KubernetesDelivery.KUBECTL) {
      const chart = this.cluster.cluster.kubectlProvider === undefined ? undefined : this.cluster.cluster.addHelmChart('Karpenter', {
        chart: 'karpenter', repository: 'oci://public.ecr.aws/karpenter/karpenter', version: this.chartVersion, namespace: this.namespaceName, createNamespace: this.namespaceName !== 'kube-system', values,
      });
      this.kubectlChart = chart;
      // The controller's pods need their Pod Identity association before they start (it reaches new pods only).
      chart?.node.addDependency(this.controllerRole, this.controllerPolicy);
      for (const association of this.cluster.node.findAll().filter((c) => c instanceof eks.CfnPodIdentityAssociation && c.serviceAccount === SERVICE_ACCOUNT && c.namespace === this.namespaceName)) {
        chart?.node.addDependency(association);
      }
      const nodeClass = manifests.applyWithKubectl(this.cluster, 'KarpenterNodeClass', chart === undefined ? [] : [chart]);
      nodeClass.node.addDependency(this.controllerPolicy);
    } else {
      // The manifests' writer is attached to this construct already: the values file has a child of its own.
      attachCustomSynthesis(new Construct(this, 'HelmValues'), {
        onSynthesize: (session) => {
          const target = path.join(session.outdir, ...this.valuesFile.split('/'));
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, cdk8s().Yaml.stringify(values));
        },
      });
    }
    KARPENTERS.set(this.cluster, this);
  }

  /**
   * The pipeline step that installs the controller from the values file (`CLOUD_ASSEMBLY`), run from
   * the app's directory (which holds `cdk.out`; in a Stage, its nested assembly) after `cdk deploy`;
   * apply the EC2NodeClass and node pools after it (they need its CRDs).
   */
  public get helmCommand(): string {
    const create = this.namespaceName === 'kube-system' ? '' : ' --create-namespace';
    return `helm upgrade --install karpenter oci://public.ecr.aws/karpenter/karpenter --version ${this.chartVersion} --namespace ${this.namespaceName}${create} --values ${assemblyDirectory(this)}/${this.valuesFile}`;
  }

  private checkVersion(version: string): string {
    const parsed = parseKarpenterVersion(version);
    if (parsed === undefined) {
      throw new ValidationError(this, { property: 'chartVersion', value: version, allowed: 'a Karpenter release, 1.x.y (e.g. 1.9.0; the v1 APIs the library writes)' });
    }
    const minor = kubernetesMinor(this.cluster.version.version);
    if (minor !== undefined && minor > KARPENTER_NEWEST_KUBERNETES_MINOR) {
      Annotations.of(this).addWarningV2('cdk-containers:karpenter-compatibility',
        `Karpenter's compatibility matrix as the library knows it ends at Kubernetes 1.${KARPENTER_NEWEST_KUBERNETES_MINOR}; check that Karpenter ${version} supports ${this.cluster.version.version} (karpenter.sh, Upgrading > Compatibility).`);
      return version;
    }
    const needed = minor === undefined ? undefined : karpenterMinimumVersion(minor);
    if (needed !== undefined && (parsed[0] < needed[0] || (parsed[0] === needed[0] && (parsed[1] < needed[1] || (parsed[1] === needed[1] && parsed[2] < needed[2]))))) {
      throw new ValidationError(this, {
        property: 'chartVersion', value: version, allowed: `Karpenter ${needed.join('.')} or later, the first release that supports Kubernetes ${this.cluster.version.version}`,
        hint: 'Karpenter\'s compatibility matrix (karpenter.sh, Upgrading > Compatibility)',
      });
    }
    return version;
  }
}

/** A block device mapping of the EC2NodeClass: an encrypted gp3 volume deleted with its node. */
function encryptedGp3(deviceName: string, sizeGiB: number): { deviceName: string; ebs: Record<string, unknown> } {
  return { deviceName, ebs: { volumeSize: `${sizeGiB}Gi`, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } };
}

/** The cloud assembly directory the construct's files are written to, as a path from the app's directory (`cdk.out`, or `cdk.out/assembly-<Stage>` in a Stage). */
function assemblyDirectory(scope: Construct): string {
  const parts: string[] = [];
  for (let stage = Stage.of(scope); stage?.parentStage !== undefined; stage = stage.parentStage) parts.unshift(stage.artifactId);
  return ['cdk.out', ...parts].join('/');
}

/** One statement of the controller's policy and why its wildcards are needed. */
interface ControllerStatement {
  readonly statement: iam.PolicyStatement;
  readonly reason: string;
}

/**
 * Karpenter's v1 controller policy for one cluster, node role and queue (Karpenter's getting-started
 * CloudFormation and terraform-aws-eks's karpenter module, v1, read 2026-12-08), each statement with
 * the reason its wildcards are needed.
 */
function controllerStatements(stack: Stack, clusterName: string, nodeRole: iam.IRole, queue: sqs.IQueue): ControllerStatement[] {
  const ec2Arn = (account: string, resource: string) => `arn:${Aws.PARTITION}:ec2:${stack.region}:${account}:${resource}`;
  const profiles = `arn:${Aws.PARTITION}:iam::${stack.account}:instance-profile/*`;
  const clusterTag = `kubernetes.io/cluster/${clusterName}`;
  const created = ['fleet/*', 'instance/*', 'volume/*', 'network-interface/*', 'launch-template/*', 'spot-instances-request/*'].map((r) => ec2Arn('*', r));
  const requestTags = { [`aws:RequestTag/${clusterTag}`]: 'owned', 'aws:RequestTag/eks:eks-cluster-name': clusterName };
  const ownedResource = { [`aws:ResourceTag/${clusterTag}`]: 'owned' };
  const ownedProfile = { ...ownedResource, 'aws:ResourceTag/topology.kubernetes.io/region': stack.region };
  const profileRequest = { ...requestTags, 'aws:RequestTag/topology.kubernetes.io/region': stack.region };
  const tagScope = 'only with (or on resources that carry) the cluster\'s kubernetes.io/cluster tag and a karpenter.sh/nodepool tag';
  const profileScope = 'the instance profiles Karpenter makes for its EC2NodeClass have generated names; only those tagged with the cluster, its Region and a karpenter.k8s.aws/ec2nodeclass tag';
  return [
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedEC2InstanceAccessActions',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
        resources: [ec2Arn('', 'image/*'), ec2Arn('', 'snapshot/*'), ...['security-group/*', 'subnet/*', 'capacity-reservation/*'].map((r) => ec2Arn('*', r))],
      }),
      reason: 'Karpenter launches from the images, snapshots, subnets, security groups and capacity reservations of the Region its EC2NodeClass selects at run time; their ids are not known at deployment',
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedEC2LaunchTemplateAccessActions',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet'],
        resources: [ec2Arn('*', 'launch-template/*')],
        conditions: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
      }),
      reason: `the launch templates Karpenter makes have generated names; ${tagScope}`,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedEC2InstanceActionsWithTags',
        actions: ['ec2:RunInstances', 'ec2:CreateFleet', 'ec2:CreateLaunchTemplate'],
        resources: created,
        conditions: { StringEquals: requestTags, StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' } },
      }),
      reason: `the instances, fleets, volumes, interfaces, launch templates and Spot requests Karpenter creates do not exist yet; ${tagScope}`,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedResourceCreationTagging',
        actions: ['ec2:CreateTags'],
        resources: created,
        conditions: {
          StringEquals: { ...requestTags, 'ec2:CreateAction': ['RunInstances', 'CreateFleet', 'CreateLaunchTemplate'] },
          StringLike: { 'aws:RequestTag/karpenter.sh/nodepool': '*' },
        },
      }),
      reason: `tags at creation only (ec2:CreateAction), ${tagScope}`,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedResourceTagging',
        actions: ['ec2:CreateTags'],
        resources: [ec2Arn('*', 'instance/*')],
        conditions: {
          'StringEquals': ownedResource,
          'StringLike': { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
          'StringEqualsIfExists': { 'aws:RequestTag/eks:eks-cluster-name': clusterName },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['eks:eks-cluster-name', 'karpenter.sh/nodeclaim', 'Name'] },
        },
      }),
      reason: `three tag keys on Karpenter's own instances, ${tagScope}`,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedDeletion',
        actions: ['ec2:TerminateInstances', 'ec2:DeleteLaunchTemplate'],
        resources: [ec2Arn('*', 'instance/*'), ec2Arn('*', 'launch-template/*')],
        conditions: { StringEquals: ownedResource, StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' } },
      }),
      reason: `only Karpenter's own instances and launch templates: ${tagScope}`,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowRegionalReadActions',
        actions: ['ec2:DescribeAvailabilityZones', 'ec2:DescribeCapacityReservations', 'ec2:DescribeImages', 'ec2:DescribeInstances', 'ec2:DescribeInstanceTypeOfferings',
          'ec2:DescribeInstanceTypes', 'ec2:DescribeLaunchTemplates', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSpotPriceHistory', 'ec2:DescribeSubnets'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:RequestedRegion': stack.region } },
      }),
      reason: 'EC2 Describe actions support only Resource "*" (Service Authorization Reference); limited to the stack\'s Region',
    },
    {
      statement: new iam.PolicyStatement({ sid: 'AllowSSMReadActions', actions: ['ssm:GetParameter'], resources: [`arn:${Aws.PARTITION}:ssm:${stack.region}::parameter/aws/service/*`] }),
      reason: 'the public AMI parameters under /aws/service/ only (read-only, owned by AWS)',
    },
    {
      statement: new iam.PolicyStatement({ sid: 'AllowPricingReadActions', actions: ['pricing:GetProducts'], resources: ['*'] }),
      reason: 'the Price List API supports only Resource "*" (Service Authorization Reference); Karpenter reads prices to pick the cheapest instance',
    },
    {
      statement: new iam.PolicyStatement({ sid: 'AllowInterruptionQueueActions', actions: ['sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], resources: [queue.queueArn] }),
      reason: 'the interruption queue only',
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowPassingInstanceRole', actions: ['iam:PassRole'], resources: [nodeRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': `ec2.${Aws.URL_SUFFIX}` } },
      }),
      reason: 'the node role only, to EC2 only',
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedInstanceProfileCreationActions', actions: ['iam:CreateInstanceProfile'], resources: [profiles],
        conditions: { StringEquals: profileRequest, StringLike: { 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' } },
      }),
      reason: profileScope,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedInstanceProfileTagActions', actions: ['iam:TagInstanceProfile'], resources: [profiles],
        conditions: {
          StringEquals: { ...ownedProfile, ...profileRequest },
          StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*', 'aws:RequestTag/karpenter.k8s.aws/ec2nodeclass': '*' },
        },
      }),
      reason: profileScope,
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowScopedInstanceProfileActions', actions: ['iam:AddRoleToInstanceProfile', 'iam:RemoveRoleFromInstanceProfile', 'iam:DeleteInstanceProfile'], resources: [profiles],
        conditions: { StringEquals: ownedProfile, StringLike: { 'aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass': '*' } },
      }),
      reason: profileScope,
    },
    {
      statement: new iam.PolicyStatement({ sid: 'AllowInstanceProfileReadActions', actions: ['iam:GetInstanceProfile', 'iam:ListInstanceProfiles'], resources: [profiles] }),
      reason: 'read-only, the account\'s instance profiles (Karpenter lists its own to clean up those of deleted EC2NodeClasses)',
    },
    {
      statement: new iam.PolicyStatement({
        sid: 'AllowAPIServerEndpointDiscovery', actions: ['eks:DescribeCluster'],
        resources: [`arn:${Aws.PARTITION}:eks:${stack.region}:${stack.account}:cluster/${clusterName}`],
      }),
      reason: 'this cluster only',
    },
  ];
}
