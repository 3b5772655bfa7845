import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { instanceFamily } from '../private/instance-types';
import { kubernetesMinor } from '../private/kubernetes-calendar';
import { encryptedGp3Volume, hardenedLaunchTemplateProps } from '../private/launch-template';
import { checkIntegerAtLeast, checkIntegerRange, checkSizeOrder, isToken } from '../private/validate';
import { EksCapacityKind, NodeGroupOptions } from './capacity';
import { ClusterAddons } from './cluster-addons';
import { eksServiceRole } from './private/roles';
import { SharedRoleList } from './private/shared-role-list';
import {
  amiArchitecture,
  checkInstanceTypes,
  checkNodeLabels,
  checkPrivateSubnets,
  checkTaints,
  isAl2AmiType,
  isBottlerocketAmiType,
  MAX_NODE_COMPONENT_SKEW,
  withinNodeComponentSkew,
} from './private/validate';

/** gp3 volumes: 1 to 65,536 GiB (EC2 API reference, CreateVolume "Size"). */
const MAX_GP3_GIB = 65536;
/** The default of the EKS quota "Nodes per managed node group" (adjustable; EKS User Guide, service quotas). */
const DEFAULT_NODES_PER_GROUP_QUOTA = 450;
/** The root volume of the EKS-optimized Windows AMIs, in GiB: a smaller volume fails to launch. */
const MIN_WINDOWS_DISK_GIB = 50;
/**
 * Instance families EKS does not support for Windows nodes (EKS User Guide, "Deploy Windows nodes
 * on EKS clusters": C3, C4, D2, I2, M4 except m4.16xlarge, M6a, R3).
 */
const NO_WINDOWS_FAMILIES = ['c3', 'c4', 'd2', 'i2', 'm4', 'm6a', 'r3'];

/** Amazon Linux 2 node AMIs are not published from this Kubernetes minor version on. */
const FIRST_MINOR_WITHOUT_AL2 = 33;

/** What the managed node groups of an `EksCluster` need from it. */
export interface NodeGroupsContext {
  /** The EksCluster: the groups and their role are created in it, errors and warnings name it. */
  readonly scope: Construct;
  /** The wrapped aws-eks-v2 cluster. */
  readonly cluster: eks.Cluster;
  /** The cluster's Kubernetes version: the nodes' default, and the newest they may run. */
  readonly version: eks.KubernetesVersion;
  /** The cluster's subnets, the default for the nodes. */
  readonly vpcSubnets: ec2.SubnetSelection;
  /** The cluster's add-ons: the core add-ons come with the first group. */
  readonly addons: ClusterAddons;
  /** Called with the shared node role right after it is created (the cluster grants it the image pulls asked for so far). */
  readonly onRoleCreated: (role: iam.Role) => void;
}

/**
 * The managed node groups of an `EksCluster` (a part of it, not a construct): checks each group's
 * options, and builds the group (`<cluster>/<id>/Resource`), its launch template
 * (`<cluster>/<id>/LaunchTemplate`) and the node role all groups share (`<cluster>/NodeGroupRole`).
 */
export class NodeGroups extends SharedRoleList<eks.Nodegroup> {
  private readonly context: NodeGroupsContext;

  constructor(context: NodeGroupsContext) {
    super(() => eksServiceRole(context.scope, 'NodeGroupRole', new iam.ServicePrincipal('ec2.amazonaws.com'), 'EKS managed node group nodes',
      ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy', 'AmazonEC2ContainerRegistryPullOnly']), context.onRoleCreated);
    this.context = context;
  }

  /** Checks the options and adds a node group (see `EksCluster.addNodeGroup`). */
  public add(id: string, options: NodeGroupOptions): eks.Nodegroup {
    const { scope, cluster, version } = this.context;
    const instanceTypes = options.instanceTypes ?? [new ec2.InstanceType('t4g.medium')];
    const architecture = checkInstanceTypes(scope, instanceTypes, options.amiType);
    const amiType = options.amiType ?? (architecture === ec2.InstanceArchitecture.ARM_64
      ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD
      : eks.NodegroupAmiType.AL2023_X86_64_STANDARD);
    if (amiArchitecture(amiType) !== architecture) {
      throw new ValidationError(scope, {
        property: 'amiType',
        value: amiType,
        allowed: `an AMI type for ${architecture} instances (${instanceTypes.join(', ')}), e.g. ${architecture === ec2.InstanceArchitecture.ARM_64 ? 'AL2023_ARM_64_STANDARD or BOTTLEROCKET_ARM_64' : 'AL2023_x86_64_STANDARD or BOTTLEROCKET_x86_64'}`,
      });
    }
    const nodeVersion = options.version ?? version;
    checkKubeletSkew(scope, id, nodeVersion, version);
    const minor = kubernetesMinor(nodeVersion.version);
    if (isAl2AmiType(amiType) && minor !== undefined && minor >= FIRST_MINOR_WITHOUT_AL2) {
      throw new ValidationError(scope, {
        property: 'amiType',
        value: amiType,
        allowed: `Amazon Linux 2023 or Bottlerocket AMI types for Kubernetes ${nodeVersion.version} (EKS publishes no Amazon Linux 2 AMIs from 1.${FIRST_MINOR_WITHOUT_AL2} on)`,
      });
    }

    checkWindowsInstanceTypes(scope, amiType, instanceTypes);

    // The API sets no upper bound: the size is bounded by the "Nodes per managed node group" quota.
    checkIntegerAtLeast(scope, 'minSize', options.minSize, 0);
    checkIntegerAtLeast(scope, 'desiredSize', options.desiredSize, 0);
    checkIntegerAtLeast(scope, 'maxSize', options.maxSize, 1);
    const minSize = options.minSize ?? 1;
    const desiredSize = options.desiredSize ?? (isToken(minSize) ? minSize : Math.max(2, minSize));
    const maxSize = options.maxSize ?? (isToken(desiredSize) ? desiredSize : Math.max(4, desiredSize));
    checkSizeOrder(scope, { property: 'minSize', value: minSize }, { property: 'desiredSize', value: desiredSize }, { property: 'maxSize', value: maxSize });
    checkIntegerRange(scope, 'maxUnavailable', options.maxUnavailable, 1, 100);
    const maxUnavailable = options.maxUnavailable ?? 1;
    if (!isToken(maxUnavailable) && !isToken(maxSize) && maxUnavailable > maxSize) {
      throw new ValidationError(scope, { property: 'maxUnavailable', value: maxUnavailable, allowed: `at most maxSize (${maxSize})` });
    }
    if (!isToken(maxSize) && maxSize > DEFAULT_NODES_PER_GROUP_QUOTA) {
      Annotations.of(scope).addWarningV2('cdk-containers:eks-node-group-quota',
        `Node group "${id}" may grow to ${maxSize} nodes: the default "Nodes per managed node group" quota is ${DEFAULT_NODES_PER_GROUP_QUOTA}. Raise it in Service Quotas before the group scales past it, or split the group.`);
    }
    const windows = isWindowsAmiType(amiType);
    const minDisk = windows ? MIN_WINDOWS_DISK_GIB : 20;
    checkIntegerRange(scope, 'diskSize', options.diskSize, minDisk, MAX_GP3_GIB,
      windows ? `the Windows node AMIs' root volume is ${MIN_WINDOWS_DISK_GIB} GiB, and a volume cannot be smaller than its snapshot` : 'EKS node AMIs need at least 20 GiB; gp3 volumes hold at most 65,536 GiB');
    const diskSize = options.diskSize ?? minDisk;
    checkNodeLabels(scope, 'labels', options.labels);
    checkTaints(scope, options.taints ?? []);
    const subnets = options.subnets ?? this.context.vpcSubnets;
    checkPrivateSubnets(scope, 'subnets', subnets, cluster.vpc);
    const capacityType = options.capacityType ?? eks.CapacityType.ON_DEMAND;
    if (capacityType === eks.CapacityType.SPOT && instanceTypes.length < 2) {
      Annotations.of(scope).addWarningV2('cdk-containers:eks-spot-single-type',
        `Spot node group "${id}" has a single instance type; give two or more so EKS can find Spot capacity.`);
    }

    const sizesConcrete = !isToken(maxUnavailable) && !isToken(maxSize);

    const role = this.ensureRole();
    this.context.addons.beforeCapacity(EksCapacityKind.NODE_GROUP);

    const group = new Construct(scope, id);
    const launchTemplate = new ec2.LaunchTemplate(group, 'LaunchTemplate', {
      ...hardenedLaunchTemplateProps(),
      blockDevices: blockDevicesFor(amiType, diskSize),
    });
    const nodeGroup = new eks.Nodegroup(group, 'Resource', {
      cluster,
      nodeRole: role,
      instanceTypes,
      amiType,
      minSize,
      desiredSize,
      maxSize,
      capacityType,
      // aws-eks-v2 compares maxUnavailable with maxSize as plain numbers, which a token (a
      // CfnParameter's valueAsNumber) fails: then the update config is set on the CfnNodegroup below.
      maxUnavailable: sizesConcrete ? maxUnavailable : undefined,
      enableNodeAutoRepair: options.autoRepair ?? true,
      labels: options.labels,
      taints: options.taints,
      subnets,
      launchTemplateSpec: { id: launchTemplate.launchTemplateId!, version: launchTemplate.latestVersionNumber },
    });
    const cfnNodeGroup = nodeGroup.node.defaultChild as eks.CfnNodegroup;
    if (!sizesConcrete) cfnNodeGroup.updateConfig = { maxUnavailable };
    // Without Version a node group keeps the version it was created with when the cluster is upgraded.
    cfnNodeGroup.version = nodeVersion.version;
    // Nodes become Ready only once pod networking runs on them.
    for (const name of ['vpc-cni', 'kube-proxy']) {
      const addon = this.context.addons.addon(name);
      if (addon) nodeGroup.node.addDependency(addon);
    }
    this.context.addons.anchorCoreDns(nodeGroup);
    this.entries.push(nodeGroup);
    return nodeGroup;
  }
}

/**
 * The nodes' kubelet may be up to three minor versions older than the control plane and never
 * newer; an older one works but is warned about (EKS recommends the same version).
 */
function checkKubeletSkew(scope: Construct, id: string, nodeVersion: eks.KubernetesVersion, clusterVersion: eks.KubernetesVersion): void {
  if (nodeVersion === clusterVersion || isToken(nodeVersion.version)) return;
  const node = kubernetesMinor(nodeVersion.version);
  const cluster = kubernetesMinor(clusterVersion.version);
  if (cluster === undefined) return;
  if (node === undefined || !withinNodeComponentSkew(node, cluster)) {
    throw new ValidationError(scope, {
      property: `version (node group ${id})`,
      value: nodeVersion.version,
      allowed: `the cluster's version ${clusterVersion.version} or up to ${MAX_NODE_COMPONENT_SKEW} minor versions older (1.${cluster - MAX_NODE_COMPONENT_SKEW} to 1.${cluster})`,
      hint: node !== undefined && node > cluster
        ? 'nodes may not be newer than the control plane: raise the cluster\'s version first'
        : 'upgrade the nodes one deployment behind the control plane, not further',
    });
  }
  if (node < cluster) {
    Annotations.of(scope).addWarningV2('cdk-containers:eks-node-version-skew',
      `Node group "${id}" runs Kubernetes ${nodeVersion.version}, ${cluster - node} minor version${cluster - node > 1 ? 's' : ''} behind the control plane (${clusterVersion.version}): supported, but upgrade it next (leave version unset to follow the cluster).`);
  }
}

/** Encrypted gp3 volumes for a node group's launch template, on the devices the AMI family uses. */
function blockDevicesFor(amiType: eks.NodegroupAmiType, diskSize: number): ec2.BlockDevice[] {
  if (isBottlerocketAmiType(amiType)) {
    return [
      { deviceName: '/dev/xvda', volume: encryptedGp3Volume(4) },
      { deviceName: '/dev/xvdb', volume: encryptedGp3Volume(diskSize) },
    ];
  }
  if (isWindowsAmiType(amiType)) return [{ deviceName: '/dev/sda1', volume: encryptedGp3Volume(diskSize) }];
  return [{ deviceName: '/dev/xvda', volume: encryptedGp3Volume(diskSize) }];
}

function isWindowsAmiType(amiType: eks.NodegroupAmiType): boolean {
  return /^WINDOWS_/.test(amiType);
}

/** Windows AMI types run only on the instance families EKS supports for Windows nodes. */
function checkWindowsInstanceTypes(scope: Construct, amiType: eks.NodegroupAmiType, instanceTypes: ec2.InstanceType[]): void {
  if (!isWindowsAmiType(amiType)) return;
  const refused = instanceTypes.map((t) => t.toString()).filter((name) => {
    if (isToken(name) || name === 'm4.16xlarge') return false;
    const family = instanceFamily(name);
    return family !== undefined && NO_WINDOWS_FAMILIES.includes(family);
  });
  if (refused.length) {
    throw new ValidationError(scope, {
      property: 'instanceTypes', value: refused,
      allowed: `instance types EKS supports for Windows nodes (not ${NO_WINDOWS_FAMILIES.map((f) => f.toUpperCase()).join(', ')}; m4.16xlarge is supported)`,
      hint: `${amiType} nodes: pick a current generation such as m6i or m7i, or a Linux AMI type`,
    });
  }
}
