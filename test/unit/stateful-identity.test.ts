import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import {
  ClusterCapacity, EcrLifecycle, EcrRegistrySettings, EcrRepository, EcsCluster, EcsScheduledTask, EcsService, EcsTaskDefinition, EksCapacity, EksCluster,
  PlatformNetwork, PullThroughUpstream, RegistryScanning,
} from '../../lib';

/**
 * Resource types that hold data or identity: replacing one loses its contents (images, logs, keys,
 * secrets encrypted with a key) or changes what other systems point at (cluster names, ARNs).
 */
const STATEFUL = [
  'AWS::ECR::Repository', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::EKS::Cluster', 'AWS::ECS::Cluster',
  'AWS::EC2::VPC', 'AWS::S3::Bucket',
  // Running workloads and capacity: a replacement restarts every task or node behind it.
  'AWS::ECS::Service', 'AWS::ECS::CapacityProvider', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::EKS::Nodegroup', 'AWS::EKS::FargateProfile',
  'AWS::Scheduler::Schedule',
  // Registry-wide singletons: a second one in a new logical id fails the deploy.
  'AWS::ECR::RegistryScanningConfiguration', 'AWS::ECR::ReplicationConfiguration', 'AWS::ECR::PullThroughCacheRule',
];

/** Name-like properties whose change makes CloudFormation replace the resource. */
const NAME_PROPERTIES = [
  'RepositoryName', 'LogGroupName', 'Name', 'ClusterName', 'BucketName', 'CidrBlock', 'ServiceName', 'NodegroupName', 'FargateProfileName',
  'AutoScalingGroupName', 'EcrRepositoryPrefix',
];

function identities(build: (stack: Stack) => void): Record<string, string> {
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

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37');

describe('changing ordinary props keeps every stateful resource (same logical id, same physical name)', () => {
  const cases: Array<[string, (stack: Stack) => void, (stack: Stack) => void, string[]]> = [
    ['EcrRepository: lifecycle, scanning, cross-account pull',
      (s) => new EcrRepository(s, 'Images'),
      (s) => new EcrRepository(s, 'Images', { scanOnPush: false, lifecycle: EcrLifecycle.standard({ keepTaggedImages: 5 }), pullAccounts: ['111111111111'] }), ['AWS::ECR::Repository']],
    ['PlatformNetwork: flow log retention',
      (s) => new PlatformNetwork(s, 'Network'),
      (s) => new PlatformNetwork(s, 'Network', { flowLogRetention: logs.RetentionDays.TWO_YEARS }), ['AWS::EC2::VPC', 'AWS::Logs::LogGroup', 'AWS::KMS::Key']],
    ['EcsCluster: capacity sizes and weights',
      (s) => new EcsCluster(s, 'Cluster', { capacity: [ClusterCapacity.fargate(), ClusterCapacity.ec2({ maxCapacity: 4 })] }),
      (s) => new EcsCluster(s, 'Cluster', { capacity: [ClusterCapacity.fargate({ base: 2 }), ClusterCapacity.ec2({ maxCapacity: 8, minCapacity: 1 })] }), ['AWS::ECS::Cluster', 'AWS::ECS::CapacityProvider', 'AWS::AutoScaling::AutoScalingGroup']],
    ['EcsTaskDefinition + EcsService: image tag, desired count, an added port',
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'app', image, portMappings: [{ containerPort: 8080 }] }] });
        new EcsService(s, 'Service', { cluster: cluster.cluster, taskDefinition: task, desiredCount: 2 });
      },
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', {
          containers: [{ name: 'app', image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.38'), portMappings: [{ containerPort: 8080 }, { containerPort: 8443 }] }],
        });
        new EcsService(s, 'Service', { cluster: cluster.cluster, taskDefinition: task, desiredCount: 5 });
      }, ['AWS::ECS::Service', 'AWS::Logs::LogGroup']],
    ['EcsScheduledTask: schedule, task count, retries',
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'job', image }] });
        new EcsScheduledTask(s, 'Nightly', { cluster: cluster.cluster, taskDefinition: task, schedule: scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)') });
      },
      (s) => {
        const cluster = new EcsCluster(s, 'Cluster');
        const task = new EcsTaskDefinition(s, 'Task', { containers: [{ name: 'job', image }] });
        new EcsScheduledTask(s, 'Nightly', {
          cluster: cluster.cluster, taskDefinition: task, schedule: scheduler.ScheduleExpression.expression('cron(30 4 * * ? *)'), taskCount: 3, retryAttempts: 1,
        });
      }, ['AWS::Scheduler::Schedule']],
    ['EcrRegistrySettings: scanning rules, replication destinations, cache upstream',
      (s) => {
        const registry = new EcrRegistrySettings(s, 'Registry', {
          scanning: RegistryScanning.basic(), replication: [{ destinations: [{ region: 'eu-west-1' }] }],
        });
        registry.addPullThroughCache('Public', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });
      },
      (s) => {
        const registry = new EcrRegistrySettings(s, 'Registry', {
          scanning: RegistryScanning.enhanced(), replication: [{ destinations: [{ region: 'eu-west-1' }, { region: 'eu-central-1' }], repositoryPrefixes: ['prod'] }],
        });
        registry.addPullThroughCache('Public', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });
      }, ['AWS::ECR::RegistryScanningConfiguration', 'AWS::ECR::ReplicationConfiguration', 'AWS::ECR::PullThroughCacheRule']],
    ['EksCluster: a Fargate profile\'s labels, and node group sizes',
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 1, maxSize: 3 }), EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] })] }),
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 2, maxSize: 5 }), EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch', labels: { tier: 'jobs' } }] })] }), ['AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::EKS::FargateProfile']],
    ['EksCluster: node group sizes and instance types',
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 1, maxSize: 3 })] }),
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 2, maxSize: 6, instanceTypes: [new ec2.InstanceType('m7g.large')] })] }), ['AWS::EKS::Cluster', 'AWS::EKS::Nodegroup']],
  ];

  test.each(cases)('%s', (_name, before, after, types) => {
    const a = identities(before);
    const b = identities(after);
    for (const type of types) expect([type, Object.values(a).some((identity) => identity.startsWith(`${type} `))]).toEqual([type, true]);
    expect(b).toEqual(a);
  });
});
