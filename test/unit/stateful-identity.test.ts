import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  ClusterCapacity, EcrLifecycle, EcrRepository, EcsCluster, EcsService, EcsTaskDefinition, EksCapacity, EksCluster, PlatformNetwork,
} from '../../lib';

/**
 * Resource types that hold data or identity: replacing one loses its contents (images, logs, keys,
 * secrets encrypted with a key) or changes what other systems point at (cluster names, ARNs).
 */
const STATEFUL = [
  'AWS::ECR::Repository', 'AWS::KMS::Key', 'AWS::Logs::LogGroup', 'AWS::EKS::Cluster', 'AWS::ECS::Cluster',
  'AWS::EC2::VPC', 'AWS::S3::Bucket',
];

/** Name-like properties whose change makes CloudFormation replace the resource. */
const NAME_PROPERTIES = ['RepositoryName', 'LogGroupName', 'Name', 'ClusterName', 'BucketName', 'CidrBlock'];

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
  const cases: Array<[string, (stack: Stack) => void, (stack: Stack) => void]> = [
    ['EcrRepository: lifecycle, scanning, cross-account pull',
      (s) => new EcrRepository(s, 'Images'),
      (s) => new EcrRepository(s, 'Images', { scanOnPush: false, lifecycle: EcrLifecycle.standard({ keepTaggedImages: 5 }), pullAccounts: ['111111111111'] })],
    ['PlatformNetwork: flow log retention',
      (s) => new PlatformNetwork(s, 'Network'),
      (s) => new PlatformNetwork(s, 'Network', { flowLogRetention: logs.RetentionDays.TWO_YEARS })],
    ['EcsCluster: capacity sizes and weights',
      (s) => new EcsCluster(s, 'Cluster', { capacity: [ClusterCapacity.fargate(), ClusterCapacity.ec2({ maxCapacity: 4 })] }),
      (s) => new EcsCluster(s, 'Cluster', { capacity: [ClusterCapacity.fargate({ base: 2 }), ClusterCapacity.ec2({ maxCapacity: 8, minCapacity: 1 })] })],
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
      }],
    ['EksCluster: node group sizes and instance types',
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 1, maxSize: 3 })] }),
      (s) => new EksCluster(s, 'Eks', { capacity: [EksCapacity.nodeGroup({ minSize: 2, maxSize: 6, instanceTypes: [new ec2.InstanceType('m7g.large')] })] })],
  ];

  test.each(cases)('%s', (_name, before, after) => {
    const a = identities(before);
    const b = identities(after);
    expect(Object.keys(a).length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});
