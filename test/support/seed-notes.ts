import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { ClusterCapacity, EcsCluster, EcsContainerSpec, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility } from '../../lib/ecs';

// The notes on container services the project was born from (shared/SEED-container-services-notes.md):
// each statement is quoted in the title of a test named "notes: ..." in the test file of the lib file
// that makes it true (grep -rn '"notes: ' test/unit). The Kubernetes/EKS part is in test/unit/eks/.

/** The image of the notes' examples. */
export const NOTES_IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37');

/** A container of the notes' examples: a non-root user, so no warning gets in the way. */
export const notesContainer = (name: string, extra: Partial<EcsContainerSpec> = {}): EcsContainerSpec => ({ name, image: NOTES_IMAGE, user: '1000', ...extra });

/** The describe title of the notes' ECS cluster examples, in every file that uses {@link ec2AndFargateClusters}. */
export const EC2_AND_FARGATE_CLUSTERS = 'notes: a cluster backed by EC2 and one backed by Fargate (SEED notes, ECS)';

/**
 * The notes' two clusters: one backed by EC2 (up to 3 x m7g.large/m6g.large) running 5 worker tasks
 * of 1024 CPU units / 2 GiB, and one backed by Fargate running a web service.
 */
export function ec2AndFargateClusters(): { stack: Stack; template: Template } {
  const stack = new Stack(new App(), 'Stack');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const ec2Cluster = new EcsCluster(stack, 'Ec2', {
    vpc, capacity: [ClusterCapacity.ec2({ name: 'General', instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m6g.large')], maxCapacity: 3 })],
  });
  const fargateCluster = new EcsCluster(stack, 'Fargate', { vpc });
  const worker = new EcsTaskDefinition(stack, 'Worker', {
    compatibility: TaskCompatibility.EC2, cpu: 1024, memoryMiB: 2048, cpuArchitecture: ecs.CpuArchitecture.ARM64, containers: [notesContainer('worker')],
  });
  const web = new EcsTaskDefinition(stack, 'Web', { containers: [notesContainer('web', { portMappings: [{ containerPort: 8080 }] })] });
  new EcsService(stack, 'Workers', { cluster: ec2Cluster.cluster, taskDefinition: worker, capacity: ServiceCapacity.ec2(), desiredCount: 5 });
  new EcsService(stack, 'WebService', { cluster: fargateCluster.cluster, taskDefinition: web });
  return { stack, template: Template.fromStack(stack) };
}
