import { App, CfnParameter, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_kms as kms, aws_logs as logs, aws_secretsmanager as sm } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ValidationError } from '../../../lib/errors';
import { EcsTaskDefinition, EcsContainerSpec, TaskCompatibility } from '../../../lib/ecs/task-definition';

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function web(overrides: Partial<EcsContainerSpec> = {}): EcsContainerSpec {
  return { name: 'web', image: IMAGE, portMappings: [{ containerPort: 80 }], ...overrides };
}

function resourceTypes(template: Template): string[] {
  return Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
}

describe('EcsTaskDefinition defaults', () => {
  let template: Template;
  let td: EcsTaskDefinition;
  beforeAll(() => {
    // GIVEN
    const stack = newStack();
    // WHEN
    td = new EcsTaskDefinition(stack, 'App', { containers: [web()] });
    template = Template.fromStack(stack);
  });

  test('Fargate, awsvpc, 256 CPU / 512 MiB, Linux X86_64', () => {
    // THEN
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '256',
      Memory: '512',
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
    expect(td.isFargateCompatible).toBe(true);
    expect(td.isEc2Compatible).toBe(false);
  });

  test('containers are essential, read-only root filesystem, logging to CloudWatch', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Name: 'web',
        Essential: true,
        ReadonlyRootFilesystem: true,
        PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }],
        LogConfiguration: {
          LogDriver: 'awslogs',
          Options: Match.objectLike({ 'awslogs-group': { Ref: Match.stringLikeRegexp('AppLogs') }, 'awslogs-stream-prefix': 'web' }),
        },
      })],
    });
  });

  test('one log group, one year retention (CT.CLOUDWATCH.PR.2), KMS-encrypted, retained on delete', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AppLogsKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
  });

  test('the log key rotates, is retained, and lets CloudWatch Logs of this account use it', () => {
    template.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': Match.anyValue() } },
      })]) },
    });
    expect(td.logEncryptionKey).toBeDefined();
  });

  test('a single container gets the task memory as its hard limit', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', { ContainerDefinitions: [Match.objectLike({ Memory: 512 })] });
  });

  test('execution role may write to the log group only', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('AppLogs'), 'Arn'] } })] },
    });
  });

  test('no custom resources, no Lambda functions', () => {
    const types = resourceTypes(template);
    expect(types.filter((t) => t.startsWith('Custom::'))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('construct tree: Resource and Logs children, containers under the task definition', () => {
    expect(td.taskDefinition.node.id).toBe('Resource');
    expect(td.node.tryFindChild('Logs')).toBeDefined();
    expect(td.containers.map((c) => c.node.path)).toEqual(['Stack/App/Resource/web']);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsTaskDefinition: a task definition describes one to ten containers, their ports and data volumes', () => {
  let template: Template;
  beforeAll(() => {
    // GIVEN
    const stack = newStack();
    // WHEN: an application of two containers, with ports and data volumes
    new EcsTaskDefinition(stack, 'App', {
      cpu: 512,
      memoryMiB: 1024,
      volumes: [{ name: 'cache' }, { name: 'tmp' }],
      containers: [
        web({ cpu: 256, memoryLimitMiB: 512, mountPoints: [{ sourceVolume: 'cache', containerPath: '/var/cache/nginx', readOnly: false }] }),
        { name: 'sidecar', image: IMAGE, cpu: 128, memoryReservationMiB: 256, portMappings: [{ containerPort: 9000 }], essential: false,
          mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }] },
      ],
    });
    template = Template.fromStack(stack);
  });

  test('which containers, ports and data volumes the task uses', () => {
    // THEN
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'cache' }, { Name: 'tmp' }],
      ContainerDefinitions: [
        Match.objectLike({ Name: 'web', Cpu: 256, Memory: 512, PortMappings: [{ ContainerPort: 80, Protocol: 'tcp' }], MountPoints: [{ SourceVolume: 'cache', ContainerPath: '/var/cache/nginx', ReadOnly: false }] }),
        Match.objectLike({ Name: 'sidecar', Cpu: 128, MemoryReservation: 256, Memory: Match.absent(), Essential: false, PortMappings: [{ ContainerPort: 9000, Protocol: 'tcp' }], MountPoints: [{ SourceVolume: 'tmp', ContainerPath: '/tmp', ReadOnly: false }] }),
      ],
    });
  });

  test('ten containers are accepted', () => {
    const stack = newStack();
    const containers = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: IMAGE }));
    new EcsTaskDefinition(stack, 'App', { containers });
    const defs = Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
    const only = Object.values(defs)[0] as { Properties: { ContainerDefinitions: Array<{ Memory?: number }> } };
    expect(only.Properties.ContainerDefinitions).toHaveLength(10);
    // With several containers no hard limit is invented (ECS counts each against the task memory).
    expect(only.Properties.ContainerDefinitions.filter((c) => c.Memory !== undefined)).toEqual([]);
  });
});

describe('EcsTaskDefinition options', () => {
  let template: Template;
  let td: EcsTaskDefinition;
  let stack: Stack;
  beforeAll(() => {
    // GIVEN
    stack = newStack();
    const secret = sm.Secret.fromSecretNameV2(stack, 'DbSecret', 'prod/db');
    const group = new logs.LogGroup(stack, 'Shared', { retention: logs.RetentionDays.ONE_WEEK });
    // WHEN
    td = new EcsTaskDefinition(stack, 'App', {
      compatibility: TaskCompatibility.EC2_AND_FARGATE,
      cpu: 1024,
      memoryMiB: 4096,
      ephemeralStorageGiB: 50,
      cpuArchitecture: ecs.CpuArchitecture.ARM64,
      family: 'orders-api',
      logGroup: group,
      containers: [web({
        environment: { LOG_LEVEL: 'info' },
        secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') },
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] },
        readonlyRootFilesystem: false,
        user: '101',
        command: ['nginx', '-g', 'daemon off;'],
      })],
    });
    td.addContainer('worker', { image: IMAGE, memoryLimitMiB: 1024 });
    template = Template.fromStack(stack);
  });

  test('compatibility, size, storage, architecture and family pass through', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RequiresCompatibilities: ['EC2', 'FARGATE'],
      Cpu: '1024',
      Memory: '4096',
      EphemeralStorage: { SizeInGiB: 50 },
      RuntimePlatform: { CpuArchitecture: 'ARM64' },
      Family: 'orders-api',
    });
    expect(td.isEc2Compatible && td.isFargateCompatible).toBe(true);
  });

  test('secrets come from Secrets Manager; environment, health check, user, command pass through', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({
        Name: 'web',
        Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }],
        Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: Match.objectLike({ 'Fn::Join': Match.anyValue() }) }],
        HealthCheck: Match.objectLike({ Command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] }),
        ReadonlyRootFilesystem: false,
        User: '101',
        Command: ['nginx', '-g', 'daemon off;'],
      })]),
    });
  });

  test('a given log group is used and no new one (nor key) is created', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.resourceCountIs('AWS::KMS::Key', 0);
    expect(td.logEncryptionKey).toBeUndefined();
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  test('addContainer adds a container with the same defaults', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: Match.arrayWith([Match.objectLike({ Name: 'worker', Memory: 1024, ReadonlyRootFilesystem: true, Essential: true })]),
    });
  });

  test('logRetention and logEncryptionKey configure the created log group', () => {
    const s = newStack();
    const key = new kms.Key(s, 'Shared', { enableKeyRotation: true });
    new EcsTaskDefinition(s, 'App', { containers: [web()], logRetention: logs.RetentionDays.THREE_MONTHS, logEncryptionKey: key });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shared'), 'Arn'] } });
    t.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('EC2 with bridge networking', () => {
    const s = newStack();
    new EcsTaskDefinition(s, 'App', {
      compatibility: TaskCompatibility.EC2, networkMode: ecs.NetworkMode.BRIDGE, cpu: 128, memoryMiB: 300,
      containers: [web({ portMappings: [{ containerPort: 80, hostPort: 0 }] })],
    });
    Template.fromStack(s).hasResourceProperties('AWS::ECS::TaskDefinition', { NetworkMode: 'bridge', RequiresCompatibilities: ['EC2'], Cpu: '128', Memory: '300' });
  });

  test('Windows: 1 vCPU minimum, writable root filesystem by default', () => {
    const s = newStack();
    new EcsTaskDefinition(s, 'App', {
      cpu: 1024, memoryMiB: 2048, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
      containers: [web()],
    });
    Template.fromStack(s).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
      ContainerDefinitions: [Match.objectLike({ ReadonlyRootFilesystem: false })],
    });
  });

  test('EFS volume with transit encryption is accepted', () => {
    const s = newStack();
    new EcsTaskDefinition(s, 'App', {
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', transitEncryption: 'ENABLED' } }],
      containers: [web({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: true }] })],
    });
    Template.fromStack(s).hasResourceProperties('AWS::ECS::TaskDefinition', {
      Volumes: [{ Name: 'data', EFSVolumeConfiguration: { FilesystemId: 'fs-12345678', TransitEncryption: 'ENABLED' } }],
    });
  });

  test('runTaskCommand gives an aws ecs run-task command without a public IP', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(s, 'Cluster', { vpc });
    const sg = new ec2.SecurityGroup(s, 'Sg', { vpc });
    const app = new EcsTaskDefinition(s, 'App', { containers: [web()] });
    const cmd = s.resolve(app.runTaskCommand({ cluster, count: 2, securityGroups: [sg] }));
    const text = JSON.stringify(cmd);
    expect(text).toContain('aws ecs run-task');
    expect(text).toContain('--launch-type FARGATE');
    expect(text).toContain('--count 2');
    expect(text).toContain('assignPublicIp=DISABLED');
    expect(text).toMatch(/VpcPrivateSubnet1/);
    expect(text).toMatch(/securityGroups=\[.*Sg[0-9A-F]{8}.*GroupId/);
  });

  test('runTaskCommand on a network without NAT uses its isolated subnets', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const cluster = new ecs.Cluster(s, 'Cluster', { vpc });
    const app = new EcsTaskDefinition(s, 'App', { containers: [web()] });
    const text = JSON.stringify(s.resolve(app.runTaskCommand({ cluster, securityGroups: [new ec2.SecurityGroup(s, 'Sg', { vpc })] })));
    expect(text).toMatch(/VpcIsolatedSubnet1/);
  });

  test('runTaskCommand without a security group for an awsvpc task: ValidationError (the default group is closed)', () => {
    const s = newStack();
    const vpc = new ec2.Vpc(s, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(s, 'Cluster', { vpc });
    const app = new EcsTaskDefinition(s, 'App', { containers: [web()] });
    expect(() => app.runTaskCommand({ cluster })).toThrow(ValidationError);
    expect(() => app.runTaskCommand({ cluster, securityGroups: [] }))
      .toThrow(/^\[Stack\/App\] runTaskCommand\.securityGroups: got \[\]; allowed: one to five security groups for an awsvpc task\. Hint: without one ECS uses the VPC's default security group/);
  });
});

describe('EcsTaskDefinition validation', () => {
  const make = (props: ConstructorParameters<typeof EcsTaskDefinition>[2]) => () => {
    const stack = newStack();
    new EcsTaskDefinition(stack, 'App', props);
    Template.fromStack(stack);
  };

  test('errors are ValidationError instances', () => {
    expect(make({ cpu: 300, containers: [web()] })).toThrow(ValidationError);
  });

  test('Fargate cpu not in the table', () => {
    expect(make({ cpu: 300, containers: [web()] })).toThrow(/\[Stack\/App\] cpu: got 300; allowed: 256, 512, 1024, 2048, 4096, 8192, 16384/);
  });

  test('Fargate memory not allowed for cpu 256 names the fix', () => {
    expect(make({ cpu: 256, memoryMiB: 4096, containers: [web()] })).toThrow(/\[Stack\/App\] memoryMiB: got 4096; allowed: cpu 256 allows memory 512, 1024 or 2048 MiB/);
  });

  test('Fargate memory off the step for cpu 8192', () => {
    expect(make({ cpu: 8192, memoryMiB: 18432, containers: [web()] })).toThrow(/cpu 8192 allows memory 16384 to 61440 MiB in steps of 4096/);
  });

  test('Fargate memory above the range for cpu 4096', () => {
    expect(make({ cpu: 4096, memoryMiB: 32768, containers: [web()] })).toThrow(/memoryMiB: got 32768; allowed: cpu 4096 allows memory 8192 to 30720 MiB/);
  });

  test('Windows below 1 vCPU', () => {
    expect(make({ cpu: 512, memoryMiB: 1024, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2019_CORE, containers: [web()] }))
      .toThrow(/cpu: got 512; allowed: 1024, 2048, 4096 \(Fargate with Windows\).*at least 1024/);
  });

  test('Windows on ARM64', () => {
    expect(make({ cpu: 1024, memoryMiB: 2048, cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, containers: [web()] }))
      .toThrow(/cpuArchitecture: got "ARM64"; allowed: X86_64/);
  });

  test('Windows with a read-only root filesystem', () => {
    expect(make({ cpu: 1024, memoryMiB: 2048, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, containers: [web({ readonlyRootFilesystem: true })] }))
      .toThrow(/readonlyRootFilesystem: got true/);
  });

  test('ephemeral storage outside 21-200 GiB', () => {
    expect(make({ ephemeralStorageGiB: 20, containers: [web()] })).toThrow(/ephemeralStorageGiB: got 20; allowed: a whole number from 21 to 200/);
    expect(make({ ephemeralStorageGiB: 201, containers: [web()] })).toThrow(/ephemeralStorageGiB: got 201/);
  });

  test('ephemeral storage on EC2-only', () => {
    expect(make({ compatibility: TaskCompatibility.EC2, ephemeralStorageGiB: 30, containers: [web()] })).toThrow(/ephemeralStorageGiB: got 30; allowed: nothing for EC2-only tasks/);
  });

  test('Fargate with bridge networking', () => {
    expect(make({ networkMode: ecs.NetworkMode.BRIDGE, containers: [web()] })).toThrow(/networkMode: got "bridge"; allowed: ecs.NetworkMode.AWS_VPC/);
  });

  test('EC2 cpu below 128', () => {
    expect(make({ compatibility: TaskCompatibility.EC2, cpu: 64, containers: [web()] })).toThrow(/\[Stack\/App\] cpu: got 64; allowed: a whole number from 128 to 196608/);
  });

  test('zero containers', () => {
    expect(make({})).toThrow(/\[Stack\/App\] containers: got "0 containers"; allowed: 1 to 10 containers/);
  });

  test('eleven containers', () => {
    const containers = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: IMAGE }));
    expect(make({ containers })).toThrow(/containers: got "11 containers"; allowed: 1 to 10 containers per task definition/);
  });

  test('duplicate container names', () => {
    expect(make({ containers: [web(), web({ portMappings: [] })] })).toThrow(/containers\[\]\.name: got "web"; allowed: a name not used by another container/);
  });

  test('invalid container name', () => {
    expect(make({ containers: [web({ name: 'my web' })] })).toThrow(/containers\[\]\.name: got "my web"/);
  });

  test('no essential container', () => {
    expect(make({ containers: [web({ essential: false })] })).toThrow(/essential: got false; allowed: at least one essential container/);
  });

  test('container cpu sum above the task cpu', () => {
    expect(make({ containers: [web({ cpu: 200 }), { name: 'b', image: IMAGE, cpu: 100 }] }))
      .toThrow(/containers\[b\]\.cpu: got 100; allowed: container cpu sum at most the task cpu 256 \(sum would be 300\)/);
  });

  test('container memory sum above the task memory', () => {
    expect(make({ containers: [web({ memoryLimitMiB: 400 }), { name: 'b', image: IMAGE, memoryReservationMiB: 200 }] }))
      .toThrow(/container memory sum at most the task memory 512 MiB \(sum would be 600\)/);
  });

  test('container memory limit above the task memory', () => {
    expect(make({ containers: [web({ memoryLimitMiB: 1024 })] })).toThrow(/containers\[web\]\.memoryLimitMiB: got 1024; allowed: at most the task memory \(512 MiB\)/);
  });

  test('memory reservation above the limit', () => {
    expect(make({ containers: [web({ memoryLimitMiB: 256, memoryReservationMiB: 300 })] })).toThrow(/memoryReservationMiB: got 300; allowed: at most memoryLimitMiB \(256\)/);
  });

  test('same container port twice in one container', () => {
    expect(make({ containers: [web({ portMappings: [{ containerPort: 80 }, { containerPort: 80 }] })] }))
      .toThrow(/portMappings\.containerPort: got 80; allowed: a port not already mapped in this task \(80\/tcp is used by container "web"\)/);
  });

  test('same container port in two containers under awsvpc', () => {
    expect(make({ containers: [web(), { name: 'b', image: IMAGE, portMappings: [{ containerPort: 80 }] }] }))
      .toThrow(/containers\[b\]\.portMappings\.containerPort: got 80.*share a network namespace/);
  });

  test('host port different from container port under awsvpc', () => {
    expect(make({ containers: [web({ portMappings: [{ containerPort: 80, hostPort: 8080 }] })] }))
      .toThrow(/portMappings\.hostPort: got 8080; allowed: 80 \(equal to containerPort\) or nothing under awsvpc/);
  });

  test('container port out of range', () => {
    expect(make({ containers: [web({ portMappings: [{ containerPort: 70000 }] })] })).toThrow(/containerPort: got 70000; allowed: a whole number from 1 to 65535/);
  });

  test('mount point naming an unknown volume', () => {
    expect(make({ volumes: [{ name: 'cache' }], containers: [web({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }] })] }))
      .toThrow(/mountPoints\.sourceVolume: got "data"; allowed: one of the task's volumes: cache/);
  });

  test('EFS volume without transit encryption', () => {
    expect(make({ volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678' } }], containers: [web()] }))
      .toThrow(/volumes\[data\]\.efsVolumeConfiguration\.transitEncryption: got nothing; allowed: "ENABLED"/);
  });

  test('duplicate volume names', () => {
    expect(make({ volumes: [{ name: 'a' }, { name: 'a' }], containers: [web()] })).toThrow(/volumes: got "a"; allowed: unique volume names/);
  });

  test('AWS credentials as plain environment variables point to secrets', () => {
    expect(make({ containers: [web({ environment: { AWS_SECRET_ACCESS_KEY: 'x' } })] }))
      .toThrow(/environment\.AWS_SECRET_ACCESS_KEY.*allowed: no AWS credentials in plain environment variables.*`secrets`/);
    expect(make({ containers: [web({ environment: { UPSTREAM_KEY: 'AKIAIOSFODNN7EXAMPLE' } })] }))
      .toThrow(/environment\.UPSTREAM_KEY: got "<redacted access key id>"/);
  });

  test('log retention "never expire"', () => {
    expect(make({ logRetention: logs.RetentionDays.INFINITE, containers: [web()] })).toThrow(/logRetention: got "INFINITE"; allowed: a finite logs.RetentionDays value/);
  });

  test('invalid family name', () => {
    expect(make({ family: 'my family!', containers: [web()] })).toThrow(/family: got "my family!"/);
  });

  test('eleventh container added later', () => {
    const stack = newStack();
    const td = new EcsTaskDefinition(stack, 'App', { containers: Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: IMAGE })) });
    expect(() => td.addContainer('extra', { image: IMAGE })).toThrow(/\[Stack\/App\] containers: got "11 containers"/);
  });

  test('a container added later fixes an empty task definition (validation runs on the finished tree)', () => {
    const stack = newStack();
    const td = new EcsTaskDefinition(stack, 'App');
    td.addVolume({ name: 'late' });
    td.addContainer('web', { image: IMAGE, mountPoints: [{ sourceVolume: 'late', containerPath: '/x', readOnly: false }] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('tokens are skipped', () => {
    const stack = newStack();
    const mem = new CfnParameter(stack, 'Memory', { type: 'Number' });
    const port = new CfnParameter(stack, 'Port', { type: 'Number' });
    const key = new CfnParameter(stack, 'Key');
    expect(() => {
      new EcsTaskDefinition(stack, 'App', {
        memoryMiB: mem.valueAsNumber,
        containers: [web({ memoryLimitMiB: 9999999, portMappings: [{ containerPort: port.valueAsNumber }, { containerPort: port.valueAsNumber }], environment: { KEY: key.valueAsString } })],
      });
      Template.fromStack(stack);
    }).not.toThrow();
    // and passed through unmangled
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', { Memory: { Ref: 'Memory' }, Cpu: '256' });
  });

  test('no warnings on the default setup', () => {
    const stack = newStack();
    new EcsTaskDefinition(stack, 'App', { containers: [web()] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});
