import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EcrEncryption, EcrRepository } from '../../lib/ecr';
import {
  ClusterCapacity, EcsCluster, EcsContainerSpec, EcsService, EcsTaskDefinition, ServiceCapacity, TaskCompatibility,
  lookupInstanceType, schedulableResources, simulatePlacement,
} from '../../lib/ecs';
import { ValidationError } from '../../lib/errors';
import { NatMode, PlatformNetwork, VpcEndpointSet } from '../../lib/network';
import { thrownBy } from '../support/thrown';

// The notes on container services the project was born from (shared/SEED-container-services-notes.md),
// ECS and ECR part: each statement, quoted, and what in the library makes it true. The Kubernetes/EKS
// part is in test/unit/eks/cluster.test.ts.

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/busybox:1.37');
const container = (name: string, extra: Partial<EcsContainerSpec> = {}): EcsContainerSpec => ({ name, image: IMAGE, user: '1000', ...extra });

describe('the container-services notes hold for ECS (SEED notes, ECS)', () => {
  test('"a task definition (text file describing one to ten containers) forms your application": ten containers render as JSON, eleven are refused', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const names = Array.from({ length: 10 }, (_, i) => `c${i}`);
    // WHEN
    new EcsTaskDefinition(stack, 'Ten', { cpu: 1024, memoryMiB: 2048, containers: names.map((n) => container(n, { memoryLimitMiB: 128 })) });
    const eleven = thrownBy(() => new EcsTaskDefinition(new Stack(new App(), 'Stack'), 'Eleven', { cpu: 1024, memoryMiB: 4096, containers: [...names, 'c10'].map((n) => container(n)) }));
    // THEN
    const definitions = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
    expect(definitions).toHaveLength(1);
    const text = JSON.stringify(definitions[0]!.Properties.ContainerDefinitions);
    expect((JSON.parse(text) as Array<{ Name: string }>).map((c) => c.Name)).toEqual(names);
    expect(eleven).toBeInstanceOf(ValidationError);
    expect((eleven as ValidationError).message).toMatch(/^\[Stack\/Eleven\] containers: got "11 containers"; allowed: 1 to 10 containers per task definition/);
  });

  test('"task definitions specify which containers, ports and data volumes should be used"', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    new EcsTaskDefinition(stack, 'App', {
      volumes: [{ name: 'data' }],
      containers: [container('web', { portMappings: [{ containerPort: 8080 }], mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }] })],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'data' }],
      ContainerDefinitions: [Match.objectLike({
        Name: 'web',
        Image: 'public.ecr.aws/docker/library/busybox:1.37',
        PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
        MountPoints: [{ SourceVolume: 'data', ContainerPath: '/data', ReadOnly: false }],
      })],
    });
  });

  describe('a cluster backed by EC2 and one backed by Fargate', () => {
    let stack: Stack;
    let template: Template;

    beforeAll(() => {
      // GIVEN
      stack = new Stack(new App(), 'Stack');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
      const ec2Cluster = new EcsCluster(stack, 'Ec2', {
        vpc, capacity: [ClusterCapacity.ec2({ name: 'General', instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m6g.large')], maxCapacity: 3 })],
      });
      const fargateCluster = new EcsCluster(stack, 'Fargate', { vpc });
      const worker = new EcsTaskDefinition(stack, 'Worker', {
        compatibility: TaskCompatibility.EC2, cpu: 1024, memoryMiB: 2048, cpuArchitecture: ecs.CpuArchitecture.ARM64, containers: [container('worker')],
      });
      const web = new EcsTaskDefinition(stack, 'Web', { containers: [container('web', { portMappings: [{ containerPort: 8080 }] })] });
      // WHEN
      new EcsService(stack, 'Workers', { cluster: ec2Cluster.cluster, taskDefinition: worker, capacity: ServiceCapacity.ec2(), desiredCount: 5 });
      new EcsService(stack, 'WebService', { cluster: fargateCluster.cluster, taskDefinition: web });
      template = Template.fromStack(stack);
    });

    test('"a task is an instance of a task definition within a cluster": a service runs copies of one task definition in one cluster', () => {
      template.hasResourceProperties('AWS::ECS::Service', {
        TaskDefinition: { Ref: Match.stringLikeRegexp('^Worker') },
        Cluster: { Ref: Match.stringLikeRegexp('^Ec2Cluster') },
        DesiredCount: 5,
      });
    });

    test('"an ECS cluster contains a fleet of EC2 instances, each running an ECS container agent": an Auto Scaling group of ECS-optimized instances that join the cluster', () => {
      template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: Match.objectLike({
          ImageId: { Ref: Match.stringLikeRegexp('ecsoptimizedamiamazonlinux2023arm64') },
          UserData: { 'Fn::Base64': { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('echo ECS_CLUSTER=')])] } },
        }),
      });
      template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    });

    test('"ECS manages the EC2 instances that run your containers": a capacity provider with managed scaling and termination protection', () => {
      template.hasResourceProperties('AWS::ECS::CapacityProvider', {
        AutoScalingGroupProvider: Match.objectLike({
          ManagedScaling: Match.objectLike({ Status: 'ENABLED' }),
          ManagedTerminationProtection: 'ENABLED',
        }),
      });
    });

    test('"ECS places the 5 containers on the EC2 instances; the distribution accounts for the CPU and RAM of each node"', () => {
      // 5 tasks of 1024 CPU units / 2 GiB on at most 3 x m7g.large (2048 units, 7782 MiB each): 2 + 2 + 1
      const perInstance = schedulableResources(lookupInstanceType('m7g.large')!);
      const placement = simulatePlacement(
        [0, 1, 2].map((i) => ({ label: `m7g.large-${i}`, pool: 'General', ...perInstance })),
        [{ name: 'Stack/Workers', cpu: 1024, memoryMiB: 2048, count: 5 }],
      );
      expect(placement.allPlaced).toBe(true);
      expect(placement.freeCpu).toEqual([0, 0, 1024]);
      expect(placement.freeMemoryMiB).toEqual([perInstance.memoryMiB - 4096, perInstance.memoryMiB - 4096, perInstance.memoryMiB - 2048]);
      // ... and the cluster ran the same check at synth: no shortfall for these 5 tasks
      Annotations.fromStack(stack).hasNoWarning('/Stack/Ec2', Match.stringLikeRegexp('do not fit'));
    });

    test('"Fargate: AWS manages the cluster; you just define networking and IAM policies": no instances, only a network configuration and roles', () => {
      const fargateService = Object.values(template.findResources('AWS::ECS::Service', { Properties: { LaunchType: 'FARGATE' } }));
      expect(fargateService).toHaveLength(1);
      expect(fargateService[0]!.Properties.NetworkConfiguration.AwsvpcConfiguration).toEqual(expect.objectContaining({ AssignPublicIp: 'DISABLED' }));
      template.hasResourceProperties('AWS::ECS::TaskDefinition', {
        RequiresCompatibilities: ['FARGATE'],
        TaskRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebTaskRole'), 'Arn'] },
        ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebExecutionRole'), 'Arn'] },
      });
    });
  });
});

describe('the container-services notes hold for ECR (SEED notes, ECR)', () => {
  let stack: Stack;
  let repo: EcrRepository;
  let template: Template;
  let nodeRole: iam.Role;

  beforeAll(() => {
    // GIVEN
    stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
    repo = new EcrRepository(stack, 'Images', { repositoryName: 'shop/api' });
    new EcrRepository(stack, 'Sse', { repositoryName: 'shop/sse', encryption: EcrEncryption.aes256() });
    // WHEN: used from ECS and from EKS
    const task = new ecs.FargateTaskDefinition(stack, 'Task');
    task.addContainer('api', { image: repo.containerImage('1.4.2') });
    nodeRole = new iam.Role(stack, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    repo.kubernetesImage(nodeRole, '1.4.2');
    template = Template.fromStack(stack);
  });

  test('"integrates with ECS" and "you can also use ECR with EKS": task execution roles and node roles may pull', () => {
    for (const role of ['^TaskExecutionRole', '^NodeRole']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp(role) }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage']) })]) },
      });
    }
  });

  test('"supports the Docker Registry HTTP API v2: use Docker CLI commands": images are addressed as registry/name:tag or @digest', () => {
    // <account>.dkr.ecr.<region>.<suffix>/<name>, then ":tag" or "@digest": what `docker pull` takes
    const parts = (uri: string): unknown[] => (stack.resolve(uri) as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const tagged = parts(repo.imageUri('1.4.2'));
    expect(tagged.filter((p) => typeof p === 'string')).toEqual(['.dkr.ecr.', '.', '/', ':1.4.2']);
    expect(tagged[tagged.length - 2]).toEqual(stack.resolve(repo.repository.repositoryName));
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parts(repo.imageUri(digest)).slice(-1)).toEqual([`@${digest}`]);
  });

  test('"you can use HTTPS to transfer container images": the network\'s ECR endpoints accept HTTPS (443) only', () => {
    // GIVEN
    const networkStack = new Stack(new App(), 'Net');
    // WHEN
    new PlatformNetwork(networkStack, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL });
    // THEN
    const t = Template.fromStack(networkStack);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ecr.dkr']] }, PrivateDnsEnabled: true });
    const groups = Object.values(t.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('endpoint') } }));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.Properties.SecurityGroupIngress.map((r: { IpProtocol: string; FromPort: number; ToPort: number }) => [r.IpProtocol, r.FromPort, r.ToPort])).toEqual([['tcp', 443, 443]]);
  });

  test('"container images at rest are encrypted with S3 server-side encryption": every repository has an encryption setting (KMS by default, or AES-256)', () => {
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'shop/api', EncryptionConfiguration: { EncryptionType: 'KMS' } });
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'shop/sse', EncryptionConfiguration: { EncryptionType: 'AES256' } });
  });
});
