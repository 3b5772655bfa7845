import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand, DescribeScalingPoliciesCommand, ServiceNamespace } from '@aws-sdk/client-application-auto-scaling';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFormationClient, ListStackResourcesCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DeleteLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeAddressesCommand, DescribeFlowLogsCommand, DescribeInstancesCommand, DescribeInternetGatewaysCommand, DescribeLaunchTemplatesCommand,
  DescribeNatGatewaysCommand, DescribeNetworkInterfacesCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand,
  DescribeVolumesCommand, DescribeVpcEndpointsCommand, DescribeVpcsCommand, EC2Client,
} from '@aws-sdk/client-ec2';
import { DeleteRepositoryCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import {
  DescribeCapacityProvidersCommand, DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListClustersCommand, ListServicesCommand,
  ListTaskDefinitionsCommand,
} from '@aws-sdk/client-ecs';
import { EKSClient, ListClustersCommand as ListEksClustersCommand, ListFargateProfilesCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client, DescribeLoadBalancersCommand, DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient, ListInstanceProfilesCommand, ListOpenIDConnectProvidersCommand, ListPoliciesCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { DescribeKeyCommand, KMSClient, ListKeysCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { DeleteBucketCommand, ListBucketsCommand, ListObjectVersionsCommand, DeleteObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListScheduleGroupsCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as fs from 'fs';
import { Target } from './target';

/**
 * What exists in the target account, by kind, as the AWS APIs list it: the ids of live objects only
 * (terminated instances, deleted NAT gateways, INACTIVE clusters and services, deregistered task
 * definitions and keys pending deletion are gone). Taken before a deploy and after its destroy, two
 * inventories must be equal except for what the templates retain.
 */
export type Inventory = Record<string, string[]>;

/** The kinds an inventory lists, each with how its ids are read. */
const KINDS: Record<string, (t: Target) => Promise<string[]>> = {
  'ec2:instance': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeInstancesCommand({ ...n })), (p) => p.Reservations ?? []))
    .flatMap((r) => r.Instances ?? []).filter((i) => i.State?.Name !== 'terminated').map((i) => i.InstanceId!),
  'ec2:network-interface': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeNetworkInterfacesCommand({ ...n })), (p) => p.NetworkInterfaces ?? []))
    .map((n) => `${n.NetworkInterfaceId} (${n.Description ?? n.InterfaceType ?? ''})`),
  'ec2:volume': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeVolumesCommand({ ...n })), (p) => p.Volumes ?? []))
    .filter((v) => v.State !== 'deleted').map((v) => v.VolumeId!),
  'ec2:vpc': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeVpcsCommand({ ...n })), (p) => p.Vpcs ?? [])).filter((v) => !v.IsDefault).map((v) => v.VpcId!),
  'ec2:subnet': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeSubnetsCommand({ ...n })), (p) => p.Subnets ?? [])).filter((s) => !s.DefaultForAz).map((s) => s.SubnetId!),
  'ec2:security-group': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeSecurityGroupsCommand({ ...n })), (p) => p.SecurityGroups ?? []))
    .filter((g) => g.GroupName !== 'default').map((g) => g.GroupId!),
  'ec2:route-table': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeRouteTablesCommand({ ...n })), (p) => p.RouteTables ?? []))
    .filter((r) => !r.Associations?.some((a) => a.Main)).map((r) => r.RouteTableId!),
  'ec2:internet-gateway': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeInternetGatewaysCommand({ ...n })), (p) => p.InternetGateways ?? []))
    .map((g) => g.InternetGatewayId!),
  'ec2:nat-gateway': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeNatGatewaysCommand({ ...n })), (p) => p.NatGateways ?? []))
    .filter((n) => n.State !== 'deleted' && n.State !== 'failed').map((n) => n.NatGatewayId!),
  'ec2:elastic-ip': async (t) => ((await new EC2Client(t.clientConfig).send(new DescribeAddressesCommand({}))).Addresses ?? []).map((a) => a.AllocationId!),
  'ec2:vpc-endpoint': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeVpcEndpointsCommand({ ...n })), (p) => p.VpcEndpoints ?? []))
    .filter((e) => !['deleted', 'Deleted'].includes(String(e.State))).map((e) => e.VpcEndpointId!),
  'ec2:flow-log': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeFlowLogsCommand({ ...n })), (p) => p.FlowLogs ?? [])).map((f) => f.FlowLogId!),
  'ec2:launch-template': async (t) => (await pages((n) => new EC2Client(t.clientConfig).send(new DescribeLaunchTemplatesCommand({ ...n })), (p) => p.LaunchTemplates ?? []))
    .map((l) => l.LaunchTemplateName!),
  'autoscaling:group': async (t) => (await pages((n) => new AutoScalingClient(t.clientConfig).send(new DescribeAutoScalingGroupsCommand({ ...n })), (p) => p.AutoScalingGroups ?? []))
    .map((g) => g.AutoScalingGroupName!),
  'ecs:cluster': ecsClusters,
  'ecs:service': async (t) => {
    const ecs = new ECSClient(t.clientConfig);
    const services: string[] = [];
    for (const cluster of await ecsClusters(t)) {
      const arns = await pages((n) => ecs.send(new ListServicesCommand({ cluster, ...n })), (p) => p.serviceArns ?? []);
      for (let i = 0; i < arns.length; i += 10) {
        const described = await ecs.send(new DescribeServicesCommand({ cluster, services: arns.slice(i, i + 10) }));
        services.push(...(described.services ?? []).filter((s) => s.status === 'ACTIVE' || s.status === 'DRAINING').map((s) => s.serviceArn!));
      }
    }
    return services;
  },
  'ecs:task-definition': async (t) => pages((n) => new ECSClient(t.clientConfig).send(new ListTaskDefinitionsCommand({ status: 'ACTIVE', ...n })), (p) => p.taskDefinitionArns ?? []),
  'ecs:capacity-provider': async (t) => ((await new ECSClient(t.clientConfig).send(new DescribeCapacityProvidersCommand({}))).capacityProviders ?? [])
    .filter((c) => c.status === 'ACTIVE' && !['FARGATE', 'FARGATE_SPOT'].includes(c.name!)).map((c) => c.name!),
  'eks:cluster': async (t) => pages((n) => new EKSClient(t.clientConfig).send(new ListEksClustersCommand({ ...n })), (p) => p.clusters ?? []),
  'eks:nodegroup': async (t) => eksChildren(t, 'nodegroup'),
  'eks:fargate-profile': async (t) => eksChildren(t, 'fargate'),
  'ecr:repository': async (t) => (await pages((n) => new ECRClient(t.clientConfig).send(new DescribeRepositoriesCommand({ ...n })), (p) => p.repositories ?? []))
    .map((r) => r.repositoryName!),
  'iam:role': async (t) => (await pages((n) => new IAMClient(t.clientConfig).send(new ListRolesCommand({ ...n })), (p) => p.Roles ?? [], true))
    .filter((r) => !r.Path?.startsWith('/aws-service-role/')).map((r) => r.RoleName!),
  'iam:policy': async (t) => (await pages((n) => new IAMClient(t.clientConfig).send(new ListPoliciesCommand({ Scope: 'Local', ...n })), (p) => p.Policies ?? [], true))
    .map((p) => p.PolicyName!),
  'iam:instance-profile': async (t) => (await pages((n) => new IAMClient(t.clientConfig).send(new ListInstanceProfilesCommand({ ...n })), (p) => p.InstanceProfiles ?? [], true))
    .map((p) => p.InstanceProfileName!),
  'kms:key': async (t) => {
    const kms = new KMSClient(t.clientConfig);
    const keys = await pages((n) => kms.send(new ListKeysCommand({ ...n })), (p) => p.Keys ?? [], true);
    const live: string[] = [];
    for (const key of keys) {
      const meta = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata;
      if (meta?.KeyManager === 'CUSTOMER' && meta.KeyState !== 'PendingDeletion') live.push(key.KeyId!);
    }
    return live;
  },
  'logs:log-group': async (t) => (await pages((n) => new CloudWatchLogsClient(t.clientConfig).send(new DescribeLogGroupsCommand({ ...n })), (p) => p.logGroups ?? []))
    .map((g) => g.logGroupName!),
  'ssm:parameter': async (t) => (await pages((n) => new SSMClient(t.clientConfig).send(new DescribeParametersCommand({ ...n })), (p) => p.Parameters ?? []))
    .map((p) => p.Name!),
  's3:bucket': async (t) => ((await new S3Client({ ...t.clientConfig, forcePathStyle: true }).send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!),
  'elbv2:load-balancer': async (t) => (await pages((n) => new ElasticLoadBalancingV2Client(t.clientConfig).send(new DescribeLoadBalancersCommand({ ...n })), (p) => p.LoadBalancers ?? [], true))
    .map((l) => l.LoadBalancerArn!),
  'elbv2:target-group': async (t) => (await pages((n) => new ElasticLoadBalancingV2Client(t.clientConfig).send(new DescribeTargetGroupsCommand({ ...n })), (p) => p.TargetGroups ?? [], true))
    .map((g) => g.TargetGroupArn!),
  'application-autoscaling:scalable-target': async (t) => (await pages((n) => new ApplicationAutoScalingClient(t.clientConfig).send(new DescribeScalableTargetsCommand({ ServiceNamespace: ServiceNamespace.ECS, ...n })), (p) => p.ScalableTargets ?? [])).map((s) => `${s.ResourceId} ${s.ScalableDimension}`),
  'application-autoscaling:policy': async (t) => (await pages((n) => new ApplicationAutoScalingClient(t.clientConfig).send(new DescribeScalingPoliciesCommand({ ServiceNamespace: ServiceNamespace.ECS, ...n })), (p) => p.ScalingPolicies ?? [])).map((s) => s.PolicyARN!),
  'scheduler:schedule': async (t) => (await pages((n) => new SchedulerClient(t.clientConfig).send(new ListSchedulesCommand({ ...n })), (p) => p.Schedules ?? []))
    .map((s) => `${s.GroupName}/${s.Name}`),
  'scheduler:schedule-group': async (t) => (await pages((n) => new SchedulerClient(t.clientConfig).send(new ListScheduleGroupsCommand({ ...n })), (p) => p.ScheduleGroups ?? []))
    .filter((g) => g.Name !== 'default').map((g) => g.Name!),
  'iam:oidc-provider': async (t) => ((await new IAMClient(t.clientConfig).send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [])
    .map((p) => p.Arn!),
};

/** Lists every kind of the account. A kind whose API fails fails the inventory: a check that cannot look must not pass. */
export async function takeInventory(target: Target): Promise<Inventory> {
  const entries = await Promise.all(Object.entries(KINDS).map(async ([kind, list]): Promise<[string, string[]]> => {
    try {
      return [kind, (await list(target)).sort()];
    } catch (err) {
      throw new Error(`inventory of ${kind} failed: ${(err as Error).message}`, { cause: err });
    }
  }));
  return Object.fromEntries(entries);
}

/** A resource the template keeps on delete (`DeletionPolicy: Retain`), as the stack named it. */
export interface RetainedResource {
  readonly logicalId: string;
  readonly type: string;
  /** The inventory kind it is listed under, and its id there. */
  readonly kind: string;
  readonly id: string;
}

/** The inventory kind, and the id from the physical id, of each retainable type the library uses. */
const RETAINABLE: Record<string, { kind: string; id: (physicalId: string) => string }> = {
  'AWS::ECR::Repository': { kind: 'ecr:repository', id: (p) => p },
  'AWS::Logs::LogGroup': { kind: 'logs:log-group', id: (p) => p },
  'AWS::KMS::Key': { kind: 'kms:key', id: (p) => p.split('/').pop()! },
  'AWS::S3::Bucket': { kind: 's3:bucket', id: (p) => p },
};

/**
 * The resources of a deployed stack that its template retains on delete. Read before `cdk destroy`:
 * afterwards the stack can no longer say what it held. A retained type the inventory cannot follow
 * fails here, so a new retained type is added to {@link RETAINABLE} rather than silently ignored.
 */
export async function retainedResources(target: Target, stackName: string, templateFile: string): Promise<RetainedResource[]> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as { Resources?: Record<string, { Type: string; DeletionPolicy?: string }> };
  const retainedIds = Object.entries(template.Resources ?? {})
    .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'RetainExceptOnCreate');
  const cfn = new CloudFormationClient(target.clientConfig);
  const listed: StackResourceSummary[] = await pages((n) => cfn.send(new ListStackResourcesCommand({ StackName: stackName, ...n })), (p) => p.StackResourceSummaries ?? []);
  const physical = new Map(listed.map((r) => [r.LogicalResourceId!, r.PhysicalResourceId]));
  return retainedIds.map(([logicalId, r]) => {
    const retainable = RETAINABLE[r.Type];
    if (!retainable) throw new Error(`${stackName}/${logicalId}: ${r.Type} is retained on delete, but the clean-account check cannot list it (add it to RETAINABLE)`);
    const physicalId = physical.get(logicalId);
    if (!physicalId) throw new Error(`${stackName}/${logicalId} (${r.Type}) is retained but was not created`);
    return { logicalId, type: r.Type, kind: retainable.kind, id: retainable.id(physicalId) };
  });
}

/** What differs between two inventories, as `+kind id` (added) and `-kind id` (removed) lines. */
export function inventoryDiff(before: Inventory, after: Inventory, retained: readonly RetainedResource[] = []): string[] {
  const kept = new Set(retained.map((r) => `${r.kind} ${r.id}`));
  const lines: string[] = [];
  for (const kind of Object.keys(KINDS)) {
    const was = new Set(before[kind] ?? []);
    const is = new Set(after[kind] ?? []);
    for (const id of is) if (!was.has(id) && !kept.has(`${kind} ${id}`)) lines.push(`+${kind} ${id}`);
    for (const id of was) if (!is.has(id)) lines.push(`-${kind} ${id}`);
  }
  return lines;
}

/** The retained resources that are not in the inventory (each should be). */
export function missingRetained(after: Inventory, retained: readonly RetainedResource[]): string[] {
  return retained.filter((r) => !(after[r.kind] ?? []).includes(r.id)).map((r) => `${r.logicalId} (${r.type} ${r.id})`);
}

/**
 * Deletes what the templates retained, once a test has asserted it survived the destroy, so the
 * account is clean for the next run (on a real account a retained named repository would otherwise
 * block the next deploy). Keys are scheduled for deletion after the minimum 7 days.
 */
export async function deleteRetained(target: Target, retained: readonly RetainedResource[]): Promise<void> {
  for (const r of retained) {
    if (r.kind === 'ecr:repository') await new ECRClient(target.clientConfig).send(new DeleteRepositoryCommand({ repositoryName: r.id, force: true }));
    else if (r.kind === 'logs:log-group') await new CloudWatchLogsClient(target.clientConfig).send(new DeleteLogGroupCommand({ logGroupName: r.id }));
    else if (r.kind === 'kms:key') await new KMSClient(target.clientConfig).send(new ScheduleKeyDeletionCommand({ KeyId: r.id, PendingWindowInDays: 7 }));
    else if (r.kind === 's3:bucket') await emptyAndDeleteBucket(target, r.id);
  }
}

async function emptyAndDeleteBucket(target: Target, bucket: string): Promise<void> {
  const s3 = new S3Client({ ...target.clientConfig, forcePathStyle: true });
  for (;;) {
    const listed = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const objects = [...listed.Versions ?? [], ...listed.DeleteMarkers ?? []].map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
    if (objects.length === 0) break;
    await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

async function ecsClusters(t: Target): Promise<string[]> {
  const ecs = new ECSClient(t.clientConfig);
  const arns = await pages((n) => ecs.send(new ListClustersCommand({ ...n })), (p) => p.clusterArns ?? []);
  const active: string[] = [];
  for (let i = 0; i < arns.length; i += 100) {
    const described = await ecs.send(new DescribeClustersCommand({ clusters: arns.slice(i, i + 100) }));
    active.push(...(described.clusters ?? []).filter((c) => c.status === 'ACTIVE' || c.status === 'PROVISIONING').map((c) => c.clusterArn!));
  }
  return active;
}

async function eksChildren(t: Target, child: 'nodegroup' | 'fargate'): Promise<string[]> {
  const eks = new EKSClient(t.clientConfig);
  const out: string[] = [];
  for (const clusterName of await pages((n) => eks.send(new ListEksClustersCommand({ ...n })), (p) => p.clusters ?? [])) {
    const names = child === 'nodegroup'
      ? await pages((n) => eks.send(new ListNodegroupsCommand({ clusterName, ...n })), (p) => p.nodegroups ?? [])
      : await pages((n) => eks.send(new ListFargateProfilesCommand({ clusterName, ...n })), (p) => p.fargateProfileNames ?? []);
    out.push(...names.map((n) => `${clusterName}/${n}`));
  }
  return out;
}

/** Every page of a paginated list call: each request carries back the token the previous answer gave, under the key it gave it (NextToken, nextToken or Marker). */
async function pages<P extends PageTokens, T>(fetch: (next: object) => Promise<P>, items: (page: P) => T[], markerPaged = false): Promise<T[]> {
  const out: T[] = [];
  let next: Record<string, string> | undefined;
  do {
    const page = await fetch(next ?? {});
    out.push(...items(page));
    const previous = next;
    next = markerPaged
      ? (page.IsTruncated !== false && page.Truncated !== false && (page.Marker ?? page.NextMarker) ? { Marker: (page.Marker ?? page.NextMarker)! } : undefined)
      : page.NextToken ? { NextToken: page.NextToken } : page.nextToken ? { nextToken: page.nextToken } : undefined;
    if (next && previous && JSON.stringify(next) === JSON.stringify(previous)) throw new Error('a list call answered the same page token twice');
  } while (next);
  return out;
}

interface PageTokens { NextToken?: string; nextToken?: string; Marker?: string; NextMarker?: string; IsTruncated?: boolean; Truncated?: boolean }
