import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/**
 * Resource types that hold data or identity: replacing one loses its contents (images, logs, keys,
 * secrets encrypted with a key) or changes what other systems point at (cluster names, ARNs).
 */
export const STATEFUL = [
  'AWS::ECR::Repository', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::EKS::Cluster', 'AWS::ECS::Cluster',
  'AWS::EC2::VPC', 'AWS::S3::Bucket',
  // Running workloads and capacity: a replacement restarts every task or node behind it.
  'AWS::ECS::Service', 'AWS::ECS::CapacityProvider', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::EKS::Nodegroup', 'AWS::EKS::FargateProfile',
  'AWS::Scheduler::Schedule',
  // Registry-wide singletons: a second one in a new logical id fails the deploy.
  'AWS::ECR::RegistryScanningConfiguration', 'AWS::ECR::ReplicationConfiguration', 'AWS::ECR::PullThroughCacheRule',
];

/** Name-like properties whose change makes CloudFormation replace the resource. */
export const NAME_PROPERTIES = [
  'RepositoryName', 'LogGroupName', 'Name', 'ClusterName', 'BucketName', 'CidrBlock', 'ServiceName', 'NodegroupName', 'FargateProfileName',
  'AutoScalingGroupName', 'EcrRepositoryPrefix',
];

/** The stateful resources `build` synthesizes, by logical id: their type and name-like properties. */
export function identities(build: (stack: Stack) => void): Record<string, string> {
  const stack = new Stack(new App(), 'Stack');
  build(stack);
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  const out: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!STATEFUL.includes(resource.Type)) continue;
    const names = NAME_PROPERTIES.filter((p) => resource.Properties?.[p] !== undefined).map((p) => `${p}=${JSON.stringify(resource.Properties![p])}`);
    out[logicalId] = `${resource.Type} ${names.join(' ')}`;
  }
  return out;
}

/**
 * Asserts that changing ordinary props (`before` to `after`) keeps every stateful resource: the
 * same logical ids with the same physical names, and at least one resource of each of `types`.
 */
export function expectSameIdentities(before: (stack: Stack) => void, after: (stack: Stack) => void, types: string[]): void {
  const a = identities(before);
  const b = identities(after);
  for (const type of types) expect([type, Object.values(a).some((identity) => identity.startsWith(`${type} `))]).toEqual([type, true]);
  expect(b).toEqual(a);
}

/** The describe title every test of {@link expectSameIdentities} lives under, so they read as one list with grep. */
export const SAME_IDENTITIES = 'changing ordinary props keeps every stateful resource (same logical id, same physical name)';
