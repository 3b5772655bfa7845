import { fargatePodMonthlyPrice } from '../private/fargate-pod-sizes';
import { EKS_EXTENDED_SUPPORT_HOUR, SupportPhase, daysBetween, kubernetesMinor, supportStatus, todayUtc } from '../private/kubernetes-calendar';
import { prefixDelegationOf } from '../private/vpc-cni';
import { isRecord } from '../private/validate';
import { checkKubernetesObjects, checkPriceTable, checkSupportDate, checkTemplate } from './check-input';
import { FargateProfileView, NodeGroupView, planPods, PodCapacity } from './kubernetes-pods';
import { PriceTable, PriceTables } from './prices';

/** One priced thing a template creates. */
export interface CostLineItem {
  /**
   * The logical id of the resource in the template; for pods of the `kubernetesObjects` on Fargate,
   * the workload as `<namespace>/<name>`.
   */
  readonly logicalId: string;
  /** Its CloudFormation type, e.g. `AWS::EC2::NatGateway`; for a Kubernetes workload `<apiVersion>/<kind>`, e.g. `apps/v1/Deployment`. */
  readonly resourceType: string;
  /** What is charged, in words, e.g. `NAT gateway` or `Fargate tasks (x86_64, 0.25 vCPU, 0.5 GB)`. */
  readonly description: string;
  /** How many units are charged (may be fractional: tasks split across capacity providers). */
  readonly quantity: number;
  /** The unit of `quantity`, e.g. `gateway`, `task`, `instance`, `GB`. */
  readonly unit: string;
  /** The price of one unit for a month, USD. */
  readonly unitMonthly: number;
  /** `quantity * unitMonthly`, USD per month. */
  readonly monthly: number;
}

/** A resource of a priced type whose cost could not be worked out from the template. */
export interface UnpricedResource {
  /** The logical id; for a Kubernetes object, `<namespace>/<name>` (`kubernetesObjects[<index>]` when it has no name). */
  readonly logicalId: string;
  /** The CloudFormation type; for a Kubernetes object `<apiVersion>/<kind>`. */
  readonly resourceType: string;
  /** Why it could not be priced (an unresolved value, an instance type missing from the table). */
  readonly reason: string;
}

/** The result of {@link CostEstimator.estimate}. */
export interface CostEstimate {
  /** The region of the price table used. */
  readonly region: string;
  /** Where the prices come from. */
  readonly priceSource: string;
  /** When the prices were transcribed. */
  readonly pricesAsOf: string;
  /** One entry per priced thing, in template order, then the pods of the `kubernetesObjects`. */
  readonly lineItems: CostLineItem[];
  /** The sum of every line item, USD per month. */
  readonly totalMonthly: number;
  /** Resources that cost money but could not be priced: the total is a lower bound when this is not empty. */
  readonly unpriced: UnpricedResource[];
  /** Assumptions and usage charges that the fixed cost leaves out. */
  readonly notes: string[];
}

/** Options of {@link CostEstimator.estimate}. */
export interface CostEstimateOptions {
  /**
   * The prices to use.
   * @default PriceTables.US_EAST_1
   */
  readonly prices?: PriceTable;
  /**
   * The Kubernetes objects the template's EKS cluster runs, as JSON: what `EksWorkload`s and
   * `EksNamespace`s render (`workload.chart.toJson()`, or the YAML documents `cdk synth` writes to
   * the cloud assembly's `kubernetes/` folder, `cdk.out/kubernetes/<cluster>/<namespace>/<name>.yaml`,
   * which `npm run cost` reads), or any other manifests. Each must be an object with a string
   * `apiVersion` and `kind` (checked before use); objects that make no pods (Services, ConfigMaps,
   * ...) are ignored.
   *
   * Priced, at the Deployments' minimum replicas (an HPA's `minReplicas`, else `spec.replicas`):
   * pods a Fargate profile of the template selects (namespace and labels, wildcards `*` and `?`),
   * sized as Fargate sizes them (the containers' requests + 256 MiB, rounded up to a Fargate size),
   * at the x86_64 Fargate prices (EKS on Fargate runs no Arm pods), one line item per workload; and
   * on a cluster without Auto Mode, the nodes the other pods need beyond the managed node groups'
   * minimum size (first fit after the add-ons' DaemonSets, CoreDNS's two pods included), priced
   * like the node groups' own instances, as "extra nodes for pods". Listed in `unpriced` instead:
   * pods on Auto Mode nodes (EKS picks the instances, and its management fee is not in the price
   * table), the pods of StatefulSets, DaemonSets, Jobs and the other kinds that make pods, and
   * Deployments that cannot be read. The objects must run on the template's one EKS cluster: with
   * several clusters in the template, none of their pods is priced.
   *
   * @default - no Kubernetes objects: pods are not priced
   */
  readonly kubernetesObjects?: { [key: string]: unknown }[];

  /**
   * The day (`YYYY-MM-DD`, UTC) on which the Kubernetes version of each EKS cluster is placed in the
   * EKS release calendar: a version past its end of standard support is priced at
   * `eksClusterExtendedSupportHour` when the cluster's upgrade policy is `EXTENDED` (also EKS's
   * default when `UpgradePolicy` is absent), and at the standard price with a note under `STANDARD`
   * (EKS upgrades such a cluster). A cluster that reaches the end of standard support within a year
   * of this day under `EXTENDED` gets a note with the date.
   *
   * @default - today
   */
  readonly supportDate?: string;
}

/** The parts of a CloudFormation template the estimator reads. */
interface CloudFormationTemplate {
  /** The template's resources by logical id. */
  readonly Resources?: Record<string, CloudFormationResource>;
}

/** One resource of a CloudFormationTemplate. */
interface CloudFormationResource {
  /** The resource type, e.g. `AWS::EC2::NatGateway`. */
  readonly Type: string;
  /** The resource's properties, as synthesized. */
  readonly Properties?: Record<string, unknown>;
}

/** Resource types that only cost by usage: named in the notes when present. */
const USAGE_ONLY: Record<string, string> = {
  'AWS::Logs::LogGroup': 'CloudWatch Logs: ingestion and storage per GB',
  'AWS::EC2::FlowLog': 'VPC flow logs: delivered per GB',
  'AWS::ECR::Repository': 'ECR: image storage per GB-month',
  'AWS::ECS::Cluster': 'Container Insights: metrics and log ingestion per GB',
};

/**
 * Estimates what a synthesized CloudFormation template costs per month while idle.
 */
export class CostEstimator {
  /**
   * Estimates the fixed monthly cost of what a synthesized CloudFormation template creates: what an
   * idle platform costs before any traffic.
   *
   * Priced: NAT gateways, public IPv4 addresses (Elastic IPs, internet-facing load balancer nodes),
   * load balancers, EKS control planes, interface VPC endpoints per AZ, Fargate tasks at
   * `DesiredCount` (split across `FARGATE`/`FARGATE_SPOT` by base and weight, cluster default
   * strategies included), EC2 instances at the minimum size of Auto Scaling groups and EKS node
   * groups (with their EBS volumes), EC2 instances, KMS keys and Secrets Manager secrets; with
   * `kubernetesObjects`, the pods of EKS workloads on Fargate and the extra nodes they need on node
   * groups. Usage charges (GB processed, logs, LCUs, image storage) are left out and named in `notes`.
   *
   * Values the template does not spell out (tokens, parameters) are not guessed: the resource is
   * listed in `unpriced`, or a stated default is used and named in `notes`.
   *
   * @param template a synthesized template as JSON, e.g. `Template.fromStack(stack).toJSON()`; its
   *        `Resources`, when present, must map logical ids to objects with a string `Type`
   * @param options the price table, checked before use (see {@link PriceTable}), and the Kubernetes
   *        objects whose pods to price (see `CostEstimateOptions.kubernetesObjects`)
   *
   * @example
   * const estimate = CostEstimator.estimate(Template.fromStack(stack).toJSON());
   * console.log(CostEstimator.formatReport(estimate));
   */
  public static estimate(template: { [key: string]: unknown }, options: CostEstimateOptions = {}): CostEstimate {
    return estimateMonthlyCost(readTemplate(template), options);
  }

  /**
   * Renders a {@link CostEstimate} as a plain-text table: one line per line item, the total, then
   * what could not be priced and the notes.
   *
   * @param estimate what `estimate` returned
   */
  public static formatReport(estimate: CostEstimate): string {
    return formatCostReport(estimate);
  }

  private constructor() {}
}

/** Checks that a template has the shape the estimator reads (see `checkTemplate`). */
function readTemplate(template: { [key: string]: unknown }): CloudFormationTemplate {
  checkTemplate(template);
  const resources = template.Resources;
  // Stryker disable next-line ConditionalExpression: `{ Resources: undefined }` is read as `template.Resources ?? {}`, the same as `{}`
  return resources === undefined ? {} : { Resources: resources as Record<string, CloudFormationResource> };
}

/** CloudWatch's standard-resolution alarm price per metric-month (us-east-1), for tables without one. */
const DEFAULT_ALARM_METRIC_MONTH = 0.10;

function estimateMonthlyCost(template: CloudFormationTemplate, options: CostEstimateOptions = {}): CostEstimate {
  const prices = options.prices ?? PriceTables.US_EAST_1;
  checkPriceTable(prices);
  if (options.kubernetesObjects !== undefined) checkKubernetesObjects(options.kubernetesObjects);
  const resources = template.Resources ?? {};
  const h = prices.hoursPerMonth;
  const items: CostLineItem[] = [];
  const unpriced: UnpricedResource[] = [];
  const notes = new Set<string>();
  if (options.supportDate !== undefined) checkSupportDate(options.supportDate);
  const day = options.supportDate ?? todayUtc();
  const extendedHour = prices.eksClusterExtendedSupportHour ?? EKS_EXTENDED_SUPPORT_HOUR;

  const add = (logicalId: string, resourceType: string, description: string, quantity: number, unit: string, unitMonthly: number): void => {
    if (quantity <= 0) return;
    items.push({ logicalId, resourceType, description, quantity, unit, unitMonthly: round(unitMonthly), monthly: round(quantity * unitMonthly) });
  };

  /** The control plane: standard or extended support, by the version's place in the EKS calendar on `day`. */
  const priceEksCluster = (id: string, p: Record<string, unknown>): void => {
    const standard = (): void => add(id, 'AWS::EKS::Cluster', 'EKS control plane (standard support)', 1, 'cluster', prices.eksClusterHour * h);
    const version = p.Version;
    if (version === undefined) return standard(); // EKS picks its default version, in standard support
    const minor = typeof version === 'string' ? kubernetesMinor(version) : undefined;
    if (minor === undefined) {
      notes.add(`${id}: Kubernetes version not literal; standard support assumed`);
      return standard();
    }
    // EKS's default upgrade policy is EXTENDED.
    const policy = isRecord(p.UpgradePolicy) && p.UpgradePolicy.SupportType !== undefined ? p.UpgradePolicy.SupportType : 'EXTENDED';
    const status = supportStatus(minor, day);
    if (status.phase === SupportPhase.EXTENDED && policy === 'EXTENDED') {
      add(id, 'AWS::EKS::Cluster', `EKS control plane (extended support, Kubernetes ${version as string})`, 1, 'cluster', extendedHour * h);
      return;
    }
    standard();
    if (status.phase === SupportPhase.ENDED) {
      notes.add(`${id}: Kubernetes ${version as string} is past the end of EKS extended support (${status.endOfExtended ?? 'long ago'}): EKS creates no cluster on it and upgrades the ones left`);
    } else if (status.phase === SupportPhase.EXTENDED && policy === 'STANDARD') {
      notes.add(`${id}: Kubernetes ${version as string} left standard support on ${status.endOfStandard!}; under the STANDARD upgrade policy EKS upgrades the control plane instead of charging for extended support`);
    } else if (status.phase === SupportPhase.EXTENDED) {
      notes.add(`${id}: upgrade policy not literal; Kubernetes ${version as string} is past standard support, priced at the standard rate (extended support costs $${extendedHour.toFixed(2)}/h)`);
    } else if (policy !== 'STANDARD' && status.endOfStandard !== undefined && daysBetween(day, status.endOfStandard) <= 365) {
      notes.add(`${id}: Kubernetes ${version as string} leaves standard support on ${status.endOfStandard}; with the ${policy === 'EXTENDED' ? 'EXTENDED' : 'given'} upgrade policy the control plane then costs $${extendedHour.toFixed(2)}/h instead of $${prices.eksClusterHour.toFixed(2)}/h`);
    }
  };

  for (const [id, resource] of Object.entries(resources)) {
    const p = resource.Properties ?? {};
    switch (resource.Type) {
      case 'AWS::EC2::NatGateway':
        add(id, resource.Type, p.ConnectivityType === 'private' ? 'NAT gateway (private)' : 'NAT gateway', 1, 'gateway', prices.natGatewayHour * h);
        break;
      case 'AWS::EC2::EIP':
        add(id, resource.Type, 'public IPv4 address (Elastic IP)', 1, 'address', prices.publicIpv4Hour * h);
        break;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        const network = p.Type === 'network';
        add(id, resource.Type, network ? 'Network Load Balancer' : 'Application Load Balancer', 1, 'load balancer',
          (network ? prices.networkLoadBalancerHour : prices.applicationLoadBalancerHour) * h);
        if (p.Scheme !== 'internal') {
          const azs = arrayLength(p.Subnets) ?? arrayLength(p.SubnetMappings);
          if (azs === undefined) notes.add(`${id}: subnet count not literal; 2 public IPv4 addresses assumed`);
          add(id, resource.Type, 'public IPv4 addresses of an internet-facing load balancer (one per AZ)', azs ?? 2, 'address', prices.publicIpv4Hour * h);
        }
        notes.add('Load balancers: LCUs (traffic) are usage, not included');
        break;
      }
      case 'AWS::EKS::Cluster':
        priceEksCluster(id, p);
        if (isRecord(p.ComputeConfig) && p.ComputeConfig.Enabled === true) {
          notes.add(`${id}: EKS Auto Mode nodes are launched on demand and billed by usage (EC2 plus the Auto Mode fee): not included`);
        }
        break;
      case 'AWS::EC2::VPCEndpoint': {
        if (p.VpcEndpointType !== 'Interface' && p.VpcEndpointType !== 'GatewayLoadBalancer') break;
        const azs = arrayLength(p.SubnetIds);
        if (azs === undefined) notes.add(`${id}: subnet count not literal; 2 AZs assumed`);
        add(id, resource.Type, `interface endpoint ${serviceName(p.ServiceName)}`, azs ?? 2, 'AZ', prices.interfaceEndpointAzHour * h);
        notes.add('Interface endpoints: data processed per GB is usage, not included');
        break;
      }
      case 'AWS::KMS::Key':
        add(id, resource.Type, 'KMS customer managed key', 1, 'key', prices.kmsKeyMonth);
        break;
      case 'AWS::CloudWatch::Alarm': {
        // Standard resolution: each metric the alarm evaluates (the metrics of a math expression) is billed.
        const metrics = Array.isArray(p.Metrics) ? p.Metrics.filter((m) => isRecord(m) && m.MetricStat !== undefined).length : 1;
        add(id, resource.Type, 'CloudWatch alarm (standard resolution)', metrics, 'alarm metric', prices.alarmMetricMonth ?? DEFAULT_ALARM_METRIC_MONTH);
        break;
      }
      case 'AWS::SecretsManager::Secret':
        add(id, resource.Type, 'Secrets Manager secret', 1, 'secret', prices.secretMonth);
        break;
      case 'AWS::ECS::Service':
        priceService(id, p);
        break;
      case 'AWS::AutoScaling::AutoScalingGroup':
        priceAutoScalingGroup(id, p);
        break;
      case 'AWS::EKS::Nodegroup':
        priceNodegroup(id, p);
        break;
      case 'AWS::EC2::Instance': {
        const type = literalString(p.InstanceType) ?? 'm1.small';
        priceInstances(id, resource.Type, type, 1, 'EC2 instance');
        break;
      }
      default:
        if (USAGE_ONLY[resource.Type]) notes.add(`${USAGE_ONLY[resource.Type]} (usage, not included)`);
    }
  }

  function priceService(id: string, p: Record<string, unknown>): void {
    if (p.SchedulingStrategy === 'DAEMON') return;
    const desired = p.DesiredCount === undefined ? 1 : literalNumber(p.DesiredCount);
    if (desired === undefined) {
      unpriced.push({ logicalId: id, resourceType: 'AWS::ECS::Service', reason: 'DesiredCount is not a literal number' });
      return;
    }
    let strategy = Array.isArray(p.CapacityProviderStrategy) ? p.CapacityProviderStrategy.filter(isRecord) : undefined;
    if (!strategy?.length && p.LaunchType === undefined) strategy = clusterDefaultStrategy(p.Cluster);
    const split: Array<[string, number]> = strategy?.length
      ? splitTasks(desired, strategy)
      : [[p.LaunchType === 'FARGATE' ? 'FARGATE' : 'EC2', desired]];
    const fargate = split.filter(([provider]) => provider === 'FARGATE' || provider === 'FARGATE_SPOT');
    if (!fargate.length) {
      notes.add('ECS services on EC2 capacity: their instances are priced with their Auto Scaling group (at its minimum size)');
      return;
    }
    const taskDef = resourceOf(p.TaskDefinition);
    const td = taskDef?.Properties ?? {};
    const vcpu = fargateCpu(td.Cpu);
    const gb = fargateMemory(td.Memory);
    if (vcpu === undefined || gb === undefined) {
      unpriced.push({ logicalId: id, resourceType: 'AWS::ECS::Service', reason: 'the task definition\'s Cpu/Memory are not literal' });
      return;
    }
    const arm = isRecord(td.RuntimePlatform) && td.RuntimePlatform.CpuArchitecture === 'ARM64';
    const perTask = (vcpu * (arm ? prices.fargateArmVcpuHour : prices.fargateX86VcpuHour) + gb * (arm ? prices.fargateArmGbHour : prices.fargateX86GbHour)) * h;
    const shape = `${arm ? 'arm64' : 'x86_64'}, ${vcpu} vCPU, ${gb} GB`;
    const windows = isRecord(td.RuntimePlatform) && typeof td.RuntimePlatform.OperatingSystemFamily === 'string' && td.RuntimePlatform.OperatingSystemFamily.startsWith('WINDOWS');
    for (const [provider, count] of fargate) {
      const spot = provider === 'FARGATE_SPOT';
      // Stryker disable next-line EqualityOperator: splitTasks returns only providers with tasks, so count is never 0
      if (spot && count > 0 && (arm || windows)) {
        // ECS places no such task: they stay pending, so there is nothing to price, and the template needs fixing.
        unpriced.push({ logicalId: id, resourceType: 'AWS::ECS::Service', reason: `${count} Fargate Spot task(s) of an ${arm ? 'ARM64' : 'Windows'} task definition: Fargate Spot runs Linux X86_64 tasks only` });
        continue;
      }
      if (windows) notes.add(`${id}: Windows tasks priced at the Linux rates (Fargate's Windows OS license fee is not included)`);
      if (spot) notes.add(`Fargate Spot priced at ${prices.fargateSpotFactor * 100}% of on-demand (a typical figure; Spot prices move)`);
      add(id, 'AWS::ECS::Service', `${spot ? 'Fargate Spot' : 'Fargate'} tasks (${shape})`, count, 'task', spot ? perTask * prices.fargateSpotFactor : perTask);
    }
  }

  function clusterDefaultStrategy(cluster: unknown): Record<string, unknown>[] | undefined {
    const clusterId = refId(cluster);
    if (!clusterId) return undefined;
    for (const r of Object.values(resources)) {
      if (r.Type !== 'AWS::ECS::ClusterCapacityProviderAssociations' || refId(r.Properties?.Cluster) !== clusterId) continue;
      const s = r.Properties?.DefaultCapacityProviderStrategy;
      if (Array.isArray(s)) return s.filter(isRecord);
    }
    return undefined;
  }

  function priceAutoScalingGroup(id: string, p: Record<string, unknown>): void {
    const min = literalNumber(p.MinSize);
    if (min === undefined) {
      unpriced.push({ logicalId: id, resourceType: 'AWS::AutoScaling::AutoScalingGroup', reason: 'MinSize is not a literal number' });
      return;
    }
    if (min === 0) {
      notes.add(`${id}: minimum size 0, so no instance is charged while idle (instances launched for work are usage)`);
      return;
    }
    const mixed = isRecord(p.MixedInstancesPolicy) ? p.MixedInstancesPolicy : undefined;
    const mixedLt = mixed && isRecord(mixed.LaunchTemplate) ? mixed.LaunchTemplate : undefined;
    const overrides = mixedLt && Array.isArray(mixedLt.Overrides) ? mixedLt.Overrides.filter(isRecord) : [];
    const spec = mixedLt?.LaunchTemplateSpecification ?? p.LaunchTemplate;
    const lt = launchTemplateData(spec);
    const lc = resourceOf(p.LaunchConfigurationName)?.Properties;
    const type = literalString(overrides[0]?.InstanceType) ?? literalString(lt?.InstanceType) ?? literalString(lc?.InstanceType);
    if (!type) {
      unpriced.push({ logicalId: id, resourceType: 'AWS::AutoScaling::AutoScalingGroup', reason: 'instance type not found in the template' });
      return;
    }
    const dist = mixed && isRecord(mixed.InstancesDistribution) ? mixed.InstancesDistribution : undefined;
    if (dist && literalNumber(dist.OnDemandPercentageAboveBaseCapacity) === 0) {
      notes.add(`${id}: Spot instances priced at the on-demand price (an upper bound)`);
    }
    priceInstances(id, 'AWS::AutoScaling::AutoScalingGroup', type, min, 'EC2 instances at minimum size');
    priceVolumes(id, 'AWS::AutoScaling::AutoScalingGroup', lt?.BlockDeviceMappings ?? lc?.BlockDeviceMappings, min);
  }

  function priceNodegroup(id: string, p: Record<string, unknown>): void {
    const min = nodegroupSize(p, 'MinSize');
    if (min === undefined) {
      unpriced.push({ logicalId: id, resourceType: 'AWS::EKS::Nodegroup', reason: 'ScalingConfig.MinSize is not a literal number' });
      return;
    }
    if (min === 0) return;
    priceNodes(id, p, min, 'EKS nodes at minimum size', '');
  }

  /** `count` nodes of a node group: its instances, and their volumes (`volumesOf` names whose, for a second line of the same group). */
  function priceNodes(id: string, p: Record<string, unknown>, count: number, what: string, volumesOf: string): void {
    const type = nodegroupInstanceType(p);
    if (!type) {
      unpriced.push({ logicalId: id, resourceType: 'AWS::EKS::Nodegroup', reason: 'instance type is not literal' });
      return;
    }
    if (p.CapacityType === 'SPOT') notes.add(`${id}: Spot nodes priced at the on-demand price (an upper bound)`);
    priceInstances(id, 'AWS::EKS::Nodegroup', type, count, what);
    const lt = launchTemplateData(p.LaunchTemplate);
    if (lt?.BlockDeviceMappings) {
      priceVolumes(id, 'AWS::EKS::Nodegroup', lt.BlockDeviceMappings, count, volumesOf);
    } else {
      const disk = p.DiskSize === undefined ? 20 : literalNumber(p.DiskSize);
      if (p.DiskSize === undefined) notes.add(`${id}: node disk not set; EKS's default of 20 GB (gp2) assumed`);
      if (disk !== undefined) add(id, 'AWS::EKS::Nodegroup', `EBS gp2 node volumes${volumesOf}`, disk * count, 'GB', prices.ebsGp2GbMonth);
    }
  }

  /** `ScalingConfig.MinSize` (1 when unset, as before) or `MaxSize` (undefined when unset), when literal. */
  function nodegroupSize(p: Record<string, unknown>, field: 'MinSize' | 'MaxSize'): number | undefined {
    const scaling = isRecord(p.ScalingConfig) ? p.ScalingConfig : {};
    if (scaling[field] === undefined) return field === 'MinSize' ? 1 : undefined;
    return literalNumber(scaling[field]);
  }

  /** The instance type a node group's nodes are priced at: the first of `InstanceTypes`, the launch template's, or EKS's default t3.medium. */
  function nodegroupInstanceType(p: Record<string, unknown>): string | undefined {
    const types = Array.isArray(p.InstanceTypes) ? p.InstanceTypes : [];
    return literalString(types[0]) ?? literalString(launchTemplateData(p.LaunchTemplate)?.InstanceType) ?? (types.length ? undefined : 't3.medium');
  }

  /** The pods of `options.kubernetesObjects` (see kubernetes-pods.ts): Fargate pods, and the extra nodes of node groups. */
  function pricePods(objects: Record<string, unknown>[]): void {
    const plan = planPods(objects, podCapacity());
    for (const f of plan.fargate) {
      const perPod = fargatePodMonthlyPrice(f.size, prices.fargateX86VcpuHour, prices.fargateX86GbHour, h)!;
      add(f.workload, f.resourceType, `Fargate pods (x86_64, ${f.size.vcpu} vCPU, ${f.size.memoryGiB} GB)`, f.replicas, 'pod', perPod);
    }
    for (const extra of plan.extraNodes) priceNodes(extra.logicalId, resources[extra.logicalId]!.Properties ?? {}, extra.count, 'extra nodes for pods', ' of extra nodes for pods');
    unpriced.push(...plan.unpriced);
    for (const n of plan.notes) notes.add(n);
  }

  /** What the template offers pods: its EKS clusters, Fargate profiles and node groups. */
  function podCapacity(): PodCapacity {
    const clusters = new Set<string>();
    const names = new Map<string, string>();
    let autoMode = false;
    const fargateProfiles: FargateProfileView[] = [];
    const nodeGroups: NodeGroupView[] = [];
    for (const [id, r] of Object.entries(resources)) {
      if (r.Type !== 'AWS::EKS::Cluster') continue;
      clusters.add(id);
      if (typeof r.Properties?.Name === 'string') names.set(r.Properties.Name, id);
      if (isRecord(r.Properties?.ComputeConfig) && r.Properties.ComputeConfig.Enabled === true) autoMode = true;
    }
    // A profile or node group of a cluster the template does not hold names one more cluster.
    const clusterOf = (value: unknown): string => refId(value) ?? (typeof value === 'string' ? names.get(value) ?? value : JSON.stringify(value) ?? '(no ClusterName)');
    for (const [id, r] of Object.entries(resources)) {
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::EKS::FargateProfile') {
        clusters.add(clusterOf(p.ClusterName));
        fargateProfiles.push({ logicalId: id, selectors: p.Selectors });
      } else if (r.Type === 'AWS::EKS::Nodegroup') {
        clusters.add(clusterOf(p.ClusterName));
        nodeGroups.push({
          logicalId: id, instanceType: nodegroupInstanceType(p), minSize: nodegroupSize(p, 'MinSize'), maxSize: nodegroupSize(p, 'MaxSize'),
          amiType: p.AmiType, taints: p.Taints,
        });
      }
    }
    // The VPC CNI add-on's prefix delegation (an unreadable configuration counts as off).
    const vpcCni = Object.values(resources).find((r) => r.Type === 'AWS::EKS::Addon' && r.Properties?.AddonName === 'vpc-cni');
    const prefixDelegation = prefixDelegationOf(vpcCni?.Properties?.ConfigurationValues) === true;
    return { clusters: [...clusters], autoMode, fargateProfiles, nodeGroups, prefixDelegation };
  }

  function priceInstances(id: string, type: string, instanceType: string, count: number, what: string): void {
    const hourly = prices.ec2InstanceHour[instanceType];
    if (hourly === undefined) {
      const reason = `no price for instance type ${instanceType} in the price table`;
      // A node group's extra nodes for pods would say it a second time.
      if (!unpriced.some((u) => u.logicalId === id && u.reason === reason)) unpriced.push({ logicalId: id, resourceType: type, reason });
      return;
    }
    add(id, type, `${what} (${instanceType})`, count, 'instance', hourly * h);
  }

  function priceVolumes(id: string, type: string, mappings: unknown, instances: number, volumesOf = ''): void {
    if (!Array.isArray(mappings)) {
      notes.add(`${id}: root volume size set by the AMI, not the template: not included`);
      return;
    }
    for (const m of mappings.filter(isRecord)) {
      const ebs = isRecord(m.Ebs) ? m.Ebs : undefined;
      const size = ebs ? literalNumber(ebs.VolumeSize) : undefined;
      if (!ebs || size === undefined) continue;
      const gp2 = ebs.VolumeType === 'gp2';
      if (ebs.VolumeType !== undefined && ebs.VolumeType !== 'gp3' && !gp2) {
        unpriced.push({ logicalId: id, resourceType: type, reason: `no price for EBS volume type ${String(ebs.VolumeType)}` });
        continue;
      }
      add(id, type, `EBS ${gp2 ? 'gp2' : 'gp3'} volumes (${String(m.DeviceName ?? 'volume')})${volumesOf}`, size * instances, 'GB', gp2 ? prices.ebsGp2GbMonth : prices.ebsGp3GbMonth);
    }
  }

  /** The data of a launch template a resource names: `LaunchTemplateId`/`LaunchTemplateName` (Auto Scaling groups) or `Id`/`Name` (EKS node groups). */
  function launchTemplateData(spec: unknown): Record<string, unknown> | undefined {
    if (!isRecord(spec)) return undefined;
    const data = resourceOf(spec.LaunchTemplateId ?? spec.LaunchTemplateName ?? spec.Id ?? spec.Name)?.Properties?.LaunchTemplateData;
    return isRecord(data) ? data : undefined;
  }

  function resourceOf(value: unknown): { Type: string; Properties?: Record<string, unknown> } | undefined {
    const ref = refId(value);
    return ref ? resources[ref] : undefined;
  }

  if (options.kubernetesObjects !== undefined) pricePods(options.kubernetesObjects);

  const lineItems = items;
  const totalMonthly = round(lineItems.reduce((sum, i) => sum + i.monthly, 0));
  return {
    region: prices.region, priceSource: prices.source, pricesAsOf: prices.asOf,
    lineItems, totalMonthly, unpriced, notes: [...notes],
  };
}

function formatCostReport(estimate: CostEstimate): string {
  const rows = estimate.lineItems.map((i) => [i.description, i.logicalId, fmtQty(i.quantity, i.unit), `$${i.unitMonthly.toFixed(2)}`, `$${i.monthly.toFixed(2)}`]);
  const header = ['what', 'resource', 'quantity', 'per unit/month', 'per month'];
  const widths = header.map((_, c) => Math.max(header[c].length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]): string => r.map((cell, c) => (c >= 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(`total fixed cost: $${estimate.totalMonthly.toFixed(2)} per month (${estimate.region}, prices as of ${estimate.pricesAsOf})`);
  for (const u of estimate.unpriced) out.push(`not priced: ${u.logicalId} (${u.resourceType}): ${u.reason}`);
  for (const n of estimate.notes) out.push(`note: ${n}`);
  return out.join('\n');
}

/** Splits N tasks over a capacity provider strategy as ECS does: bases first, the rest by weight. */
function splitTasks(desired: number, strategy: Record<string, unknown>[]): Array<[string, number]> {
  const entries = strategy.map((s) => ({
    // Stryker disable next-line StringLiteral: a provider that is not a string is not FARGATE or FARGATE_SPOT, whatever it is called
    provider: typeof s.CapacityProvider === 'string' ? s.CapacityProvider : 'EC2',
    base: literalNumber(s.Base) ?? 0,
    weight: literalNumber(s.Weight) ?? 0,
  }));
  const counts = new Map<string, number>();
  let left = desired;
  for (const e of entries) {
    const n = Math.min(e.base, left);
    counts.set(e.provider, (counts.get(e.provider) ?? 0) + n);
    left -= n;
  }
  const weights = entries.reduce((s, e) => s + e.weight, 0);
  for (const e of entries) {
    if (weights > 0 && left > 0) counts.set(e.provider, (counts.get(e.provider) ?? 0) + (left * e.weight) / weights);
  }
  return [...counts.entries()].filter(([, n]) => n > 0);
}

/** Fargate CPU units (or "1 vCPU") to vCPUs. */
function fargateCpu(value: unknown): number | undefined {
  if (typeof value === 'string' && /vcpu/i.test(value)) return parseFloat(value);
  const units = literalNumber(value);
  return units === undefined ? undefined : units / 1024;
}

/** Fargate memory MiB (or "2 GB") to GB. */
function fargateMemory(value: unknown): number | undefined {
  if (typeof value === 'string' && /gb/i.test(value)) return parseFloat(value);
  const mib = literalNumber(value);
  return mib === undefined ? undefined : mib / 1024;
}

function serviceName(value: unknown): string {
  if (typeof value === 'string') return value;
  // Stryker disable next-line StringLiteral: JSON.stringify(undefined) is undefined; any fallback without `"]]` names no service
  const text = JSON.stringify(value) ?? '';
  const m = /\.([a-z0-9.-]+)"\]\]\}$/.exec(text) ?? /([a-z0-9-]+(?:\.[a-z0-9-]+)*)"\]\]/.exec(text);
  return m ? m[1] : '(service from a token)';
}

function refId(value: unknown): string | undefined {
  if (isRecord(value) && typeof value.Ref === 'string') return value.Ref;
  return undefined;
}

function arrayLength(value: unknown): number | undefined {
  return Array.isArray(value) ? value.length : undefined;
}

function literalNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

function literalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fmtQty(q: number, unit: string): string {
  return `${Number.isInteger(q) ? q : q.toFixed(2)} ${unit}`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
