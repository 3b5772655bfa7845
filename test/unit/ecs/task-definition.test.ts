import { App, CfnParameter, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_kms as kms, aws_logs as logs, aws_secretsmanager as sm, aws_ssm as ssm } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ValidationError } from '../../../lib/errors';
import { EcsTaskDefinition, RunTaskCommandOptions, TaskCompatibility } from '../../../lib/ecs/task-definition';
import { NGINX_IMAGE, webContainer } from '../../support/ecs';
import { notesContainer } from '../../support/seed-notes';
import { newStack } from '../../support/stack';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

describe('EcsTaskDefinition defaults', () => {
  let template: Template;
  let td: EcsTaskDefinition;
  beforeAll(() => {
    // GIVEN
    const stack = newStack();
    // WHEN
    td = new EcsTaskDefinition(stack, 'App', { containers: [webContainer()] });
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
        webContainer({ cpu: 256, memoryLimitMiB: 512, mountPoints: [{ sourceVolume: 'cache', containerPath: '/var/cache/nginx', readOnly: false }] }),
        { name: 'sidecar', image: NGINX_IMAGE, cpu: 128, memoryReservationMiB: 256, portMappings: [{ containerPort: 9000 }], essential: false,
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
    const containers = Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: NGINX_IMAGE }));
    new EcsTaskDefinition(stack, 'App', { containers });
    const defs = Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition');
    const only = Object.values(defs)[0] as { Properties: { ContainerDefinitions: Array<{ Memory?: number }> } };
    expect(only.Properties.ContainerDefinitions).toHaveLength(10);
    // With several containers no hard limit is invented (ECS counts each against the task memory).
    expect(only.Properties.ContainerDefinitions.filter((c) => c.Memory !== undefined)).toEqual([]);
  });
});

describe('EcsTaskDefinition options', () => {
  test('a container that names root as its user gets a warning; a non-root user and the image\'s default do not', () => {
    // GIVEN
    const s = newStack();
    // WHEN
    new EcsTaskDefinition(s, 'Root', { containers: [webContainer({ user: '0:0' })] });
    new EcsTaskDefinition(s, 'RootName', { containers: [webContainer({ user: 'root' })] });
    new EcsTaskDefinition(s, 'NonRoot', { containers: [webContainer({ user: '101' })] });
    new EcsTaskDefinition(s, 'ImageUser', { containers: [webContainer({ user: undefined })] });
    // THEN
    const annotations = Annotations.fromStack(s);
    annotations.hasWarning('/Stack/Root', Match.stringLikeRegexp('Container "web" runs as root \\(user "0:0"\\)'));
    annotations.hasWarning('/Stack/RootName', Match.stringLikeRegexp('runs as root \\(user "root"\\)'));
    annotations.hasNoWarning('/Stack/NonRoot', Match.stringLikeRegexp('runs as root'));
    annotations.hasNoWarning('/Stack/ImageUser', Match.stringLikeRegexp('runs as root'));
  });

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
      containers: [webContainer({
        environment: { LOG_LEVEL: 'info' },
        secrets: { DB_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password') },
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] },
        readonlyRootFilesystem: false,
        user: '101',
        command: ['nginx', '-g', 'daemon off;'],
      })],
    });
    td.addContainer('worker', { image: NGINX_IMAGE, memoryLimitMiB: 1024 });
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
    new EcsTaskDefinition(s, 'App', { containers: [webContainer()], logRetention: logs.RetentionDays.THREE_MONTHS, logEncryptionKey: key });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Shared'), 'Arn'] } });
    t.resourceCountIs('AWS::KMS::Key', 1);
  });

  test('EC2 with bridge networking', () => {
    const s = newStack();
    new EcsTaskDefinition(s, 'App', {
      compatibility: TaskCompatibility.EC2, networkMode: ecs.NetworkMode.BRIDGE, cpu: 128, memoryMiB: 300,
      containers: [webContainer({ portMappings: [{ containerPort: 80, hostPort: 0 }] })],
    });
    Template.fromStack(s).hasResourceProperties('AWS::ECS::TaskDefinition', { NetworkMode: 'bridge', RequiresCompatibilities: ['EC2'], Cpu: '128', Memory: '300' });
  });

  test('EC2-only task definitions omit RuntimePlatform (ECS rejects it there), even with an architecture given', () => {
    // GIVEN
    const s = newStack();
    // WHEN
    new EcsTaskDefinition(s, 'Default', { compatibility: TaskCompatibility.EC2, containers: [webContainer()] });
    new EcsTaskDefinition(s, 'Arm', { compatibility: TaskCompatibility.EC2, cpuArchitecture: ecs.CpuArchitecture.ARM64, containers: [webContainer()] });
    // THEN
    const defs = Template.fromStack(s).findResources('AWS::ECS::TaskDefinition');
    expect(Object.values(defs)).toHaveLength(2);
    for (const def of Object.values(defs)) {
      expect(def.Properties.RequiresCompatibilities).toEqual(['EC2']);
      expect(def.Properties).not.toHaveProperty('RuntimePlatform');
    }
  });

  test('secrets from SSM parameters: ValueFrom is the parameter ARN and the execution role may read it', () => {
    // GIVEN
    const s = newStack();
    const password = ssm.StringParameter.fromSecureStringParameterAttributes(s, 'DbPassword', { parameterName: '/prod/db/password' });
    const url = ssm.StringParameter.fromStringParameterName(s, 'ApiUrl', 'api-url');
    // WHEN
    new EcsTaskDefinition(s, 'App', {
      containers: [webContainer({ secrets: { DB_PASSWORD: ecs.Secret.fromSsmParameter(password), API_URL: ecs.Secret.fromSsmParameter(url) } })],
    });
    // THEN
    const parameterArn = (name: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:parameter${name}`]],
    });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Name: 'web',
        Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: parameterArn('/prod/db/password') }, { Name: 'API_URL', ValueFrom: parameterArn('/api-url') }],
        Environment: Match.absent(),
      })],
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^AppExecutionRole') }],
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Action: Match.arrayWith(['ssm:GetParameters']), Resource: parameterArn('/prod/db/password') }),
        Match.objectLike({ Action: Match.arrayWith(['ssm:GetParameters']), Resource: parameterArn('/api-url') }),
      ]) },
    });
  });

  test('Windows: 1 vCPU minimum, writable root filesystem by default', () => {
    const s = newStack();
    new EcsTaskDefinition(s, 'App', {
      cpu: 1024, memoryMiB: 2048, operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE,
      containers: [webContainer({ user: undefined })],
    });
    // ECS has no user on Windows, so there is nothing to warn about.
    Annotations.fromStack(s).hasNoWarning('*', Match.stringLikeRegexp('sets no user'));
    Template.fromStack(s).hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
      ContainerDefinitions: [Match.objectLike({ ReadonlyRootFilesystem: false })],
    });
  });

  test('EFS volume with transit encryption is accepted', () => {
    const s = newStack();
    new EcsTaskDefinition(s, 'App', {
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', transitEncryption: 'ENABLED' } }],
      containers: [webContainer({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: true }] })],
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
    const app = new EcsTaskDefinition(s, 'App', { containers: [webContainer()] });
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
    const app = new EcsTaskDefinition(s, 'App', { containers: [webContainer()] });
    const text = JSON.stringify(s.resolve(app.runTaskCommand({ cluster, securityGroups: [new ec2.SecurityGroup(s, 'Sg', { vpc })] })));
    expect(text).toMatch(/VpcIsolatedSubnet1/);
  });
});

describe('EcsTaskDefinition validation', () => {
  /** Builds a task definition in `stack` and synthesizes, so checks on the finished tree run too. */
  const make = (props: ConstructorParameters<typeof EcsTaskDefinition>[2]) => (stack: Stack) => {
    new EcsTaskDefinition(stack, 'App', props);
    Template.fromStack(stack);
  };
  const WINDOWS = ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE;
  /** An awsvpc task definition's run-task command in a cluster of its own VPC. */
  const runTask = (options: Omit<RunTaskCommandOptions, 'cluster'>) => (stack: Stack) => {
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    new EcsTaskDefinition(stack, 'App', { containers: [webContainer()] }).runTaskCommand({ cluster, ...options });
  };

  const cases: Array<[string, (stack: Stack) => void, RegExp]> = [
    // Fargate and Windows
    ['Windows on ARM64', make({ cpu: 1024, memoryMiB: 2048, cpuArchitecture: ecs.CpuArchitecture.ARM64, operatingSystemFamily: WINDOWS, containers: [webContainer()] }),
      /^\[Stack\/App\] cpuArchitecture: got "ARM64"; allowed: X86_64 for Windows containers\./],
    ['Windows with a read-only root filesystem', make({ cpu: 1024, memoryMiB: 2048, operatingSystemFamily: WINDOWS, containers: [webContainer({ readonlyRootFilesystem: true })] }),
      /^\[Stack\/App\] containers\[web\]\.readonlyRootFilesystem: got true; allowed: false \(Windows containers do not support a read-only root filesystem\)/],
    ['ephemeral storage on EC2-only', make({ compatibility: TaskCompatibility.EC2, ephemeralStorageGiB: 30, containers: [webContainer()] }),
      /^\[Stack\/App\] ephemeralStorageGiB: got 30; allowed: nothing for EC2-only tasks\. Hint: ephemeral storage size applies to Fargate/],
    ['Fargate with bridge networking', make({ networkMode: ecs.NetworkMode.BRIDGE, containers: [webContainer()] }),
      /^\[Stack\/App\] networkMode: got "bridge"; allowed: ecs\.NetworkMode\.AWS_VPC for Fargate-compatible tasks\./],
    // EC2 sizes
    ['EC2 cpu below 128', make({ compatibility: TaskCompatibility.EC2, cpu: 64, containers: [webContainer()] }),
      /^\[Stack\/App\] cpu: got 64; allowed: a whole number from 128 to 196608\. Hint: EC2 tasks take 128/],
    ['EC2 memory below 6 MiB', make({ compatibility: TaskCompatibility.EC2, memoryMiB: 5, containers: [webContainer()] }),
      /^\[Stack\/App\] memoryMiB: got 5; allowed: a whole number from 6 to 10000000\./],
    // containers
    ['zero containers', make({}),
      /^\[Stack\/App\] containers: got "0 containers"; allowed: 1 to 10 containers per task definition\. Hint: pass `containers` or call addContainer\(\)/],
    ['eleven containers', make({ containers: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: NGINX_IMAGE })) }),
      /^\[Stack\/App\] containers: got "11 containers"; allowed: 1 to 10 containers per task definition\. Hint: split the application/],
    ['eleventh container added later', (stack) => {
      const td = new EcsTaskDefinition(stack, 'App', { containers: Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: NGINX_IMAGE })) });
      td.addContainer('extra', { image: NGINX_IMAGE });
    }, /^\[Stack\/App\] containers: got "11 containers"; allowed: 1 to 10 containers per task definition\./],
    ['duplicate container names', make({ containers: [webContainer(), webContainer({ portMappings: [] })] }),
      /^\[Stack\/App\] containers\[\]\.name: got "web"; allowed: a name not used by another container of this task definition\./],
    ['invalid container name', make({ containers: [webContainer({ name: 'my web' })] }),
      /^\[Stack\/App\] containers\[\]\.name: got "my web"; allowed: 1-255 letters, digits, hyphens and underscores\./],
    ['no essential container', make({ containers: [webContainer({ essential: false })] }),
      /^\[Stack\/App\] containers\[\]\.essential: got false; allowed: at least one essential container\./],
    ['negative container cpu', make({ containers: [webContainer({ cpu: -1 })] }),
      /^\[Stack\/App\] containers\[web\]\.cpu: got -1; allowed: a whole number from 0 to 196608\./],
    ['container cpu sum above the task cpu', make({ containers: [webContainer({ cpu: 200 }), { name: 'b', image: NGINX_IMAGE, cpu: 100 }] }),
      /^\[Stack\/App\] containers\[b\]\.cpu: got 100; allowed: container cpu sum at most the task cpu 256 \(sum would be 300\)\. Hint: raise the task cpu/],
    ['container memory sum above the task memory (a reservation)', make({ containers: [webContainer({ memoryLimitMiB: 400 }), { name: 'b', image: NGINX_IMAGE, memoryReservationMiB: 200 }] }),
      /^\[Stack\/App\] containers\[b\]\.memoryReservationMiB: got 200; allowed: container memory sum at most the task memory 512 MiB \(sum would be 600\)\. Hint: raise the task memoryMiB/],
    ['container memory sum above the task memory (a limit)', make({ containers: [webContainer({ memoryLimitMiB: 400 }), { name: 'b', image: NGINX_IMAGE, memoryLimitMiB: 200 }] }),
      /^\[Stack\/App\] containers\[b\]\.memoryLimitMiB: got 200; allowed: container memory sum at most the task memory 512 MiB \(sum would be 600\)/],
    ['container memory limit above the task memory', make({ containers: [webContainer({ memoryLimitMiB: 1024 })] }),
      /^\[Stack\/App\] containers\[web\]\.memoryLimitMiB: got 1024; allowed: at most the task memory \(512 MiB\)\./],
    ['memory reservation above the limit', make({ containers: [webContainer({ memoryLimitMiB: 256, memoryReservationMiB: 300 })] }),
      /^\[Stack\/App\] containers\[web\]\.memoryReservationMiB: got 300; allowed: at most memoryLimitMiB \(256\)\. Hint: the reservation is the soft limit/],
    // ports
    ['same container port twice in one container', make({ containers: [webContainer({ portMappings: [{ containerPort: 80 }, { containerPort: 80 }] })] }),
      /^\[Stack\/App\] containers\[web\]\.portMappings\.containerPort: got 80; allowed: a port not already mapped in this task \(80\/tcp is used by container "web"\)/],
    ['same container port in two containers under awsvpc', make({ containers: [webContainer(), { name: 'b', image: NGINX_IMAGE, portMappings: [{ containerPort: 80 }] }] }),
      /^\[Stack\/App\] containers\[b\]\.portMappings\.containerPort: got 80; allowed: a port not already mapped in this task \(80\/tcp is used by container "web"\)\. Hint: containers of one task share a network namespace/],
    ['host port different from container port under awsvpc', make({ containers: [webContainer({ portMappings: [{ containerPort: 80, hostPort: 8080 }] })] }),
      /^\[Stack\/App\] containers\[web\]\.portMappings\.hostPort: got 8080; allowed: 80 \(equal to containerPort\) or nothing under awsvpc networking\./],
    ['container port out of range', make({ containers: [webContainer({ portMappings: [{ containerPort: 70000 }] })] }),
      /^\[Stack\/App\] containers\[web\]\.portMappings\.containerPort: got 70000; allowed: a whole number from 1 to 65535\./],
    // volumes
    ['mount point naming an unknown volume', make({ volumes: [{ name: 'cache' }], containers: [webContainer({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }] })] }),
      /^\[Stack\/App\] containers\[web\]\.mountPoints\.sourceVolume: got "data"; allowed: one of the task's volumes: cache\. Hint: declare the volume/],
    ['mount point in a task definition without volumes', make({ containers: [webContainer({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }] })] }),
      /^\[Stack\/App\] containers\[web\]\.mountPoints\.sourceVolume: got "data"; allowed: the name of a task volume \(this task definition has none\)\./],
    ['EFS volume without transit encryption', make({ volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678' } }], containers: [webContainer()] }),
      /^\[Stack\/App\] volumes\[data\]\.efsVolumeConfiguration\.transitEncryption: got nothing; allowed: "ENABLED"\. Hint: EFS traffic must be encrypted in transit/],
    ['duplicate volume names', make({ volumes: [{ name: 'a' }, { name: 'a' }], containers: [webContainer()] }),
      /^\[Stack\/App\] volumes: got "a"; allowed: unique volume names\. Hint: a volume named "a" already exists/],
    // environment, logs, family
    ['an AWS credential key as a plain environment variable', make({ containers: [webContainer({ environment: { AWS_SECRET_ACCESS_KEY: 'x' } })] }),
      /^\[Stack\/App\] containers\[web\]\.environment\.AWS_SECRET_ACCESS_KEY: got "AWS_SECRET_ACCESS_KEY"; allowed: no AWS credentials in plain environment variables\. Hint: .*`secrets`/],
    ['an access key id as a plain environment value (redacted in the message)', make({ containers: [webContainer({ environment: { UPSTREAM_KEY: 'AKIAIOSFODNN7EXAMPLE' } })] }),
      /^\[Stack\/App\] containers\[web\]\.environment\.UPSTREAM_KEY: got "<redacted access key id>"; allowed: no AWS credentials in plain environment variables\.(?!.*AKIAIOSFODNN7EXAMPLE)/],
    ['invalid family name', make({ family: 'my family!', containers: [webContainer()] }),
      /^\[Stack\/App\] family: got "my family!"; allowed: 1-255 letters, digits, hyphens and underscores\./],
    // runTaskCommand
    ['runTaskCommand without a security group for an awsvpc task (the default group is closed)', runTask({}),
      /^\[Stack\/App\] runTaskCommand\.securityGroups: got "none"; allowed: one to five security groups for an awsvpc task\. Hint: without one ECS uses the VPC's default security group/],
    ['runTaskCommand with an empty security group list', runTask({ securityGroups: [] }),
      /^\[Stack\/App\] runTaskCommand\.securityGroups: got \[\]; allowed: one to five security groups for an awsvpc task\. Hint: without one ECS uses the VPC's default security group/],
    ['runTaskCommand with more than 10 tasks', runTask({ count: 11 }),
      /^\[Stack\/App\] runTaskCommand\.count: got 11; allowed: a whole number from 1 to 10\. Hint: run-task starts at most 10 tasks per call/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, build, message) => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const error = thrownBy(() => build(stack));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('the error carries the path, property, value and allowed values', () => {
    const error = thrownBy(() => make({ cpu: 300, containers: [webContainer()] })(newStack()));
    expect(error).toMatchObject({ constructPath: 'Stack/App', property: 'cpu', value: 300, allowed: '256, 512, 1024, 2048, 4096, 8192, 16384 (Fargate)' });
  });

  test('a container added later fixes an empty task definition (validation runs on the finished tree)', () => {
    const stack = newStack();
    const td = new EcsTaskDefinition(stack, 'App');
    td.addVolume({ name: 'late' });
    td.addContainer('web', { image: NGINX_IMAGE, mountPoints: [{ sourceVolume: 'late', containerPath: '/x', readOnly: false }] });
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
        containers: [webContainer({ memoryLimitMiB: 9999999, portMappings: [{ containerPort: port.valueAsNumber }, { containerPort: port.valueAsNumber }], environment: { KEY: key.valueAsString } })],
      });
      Template.fromStack(stack);
    }).not.toThrow();
    // and passed through unmangled
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      Memory: { Ref: 'Memory' },
      Cpu: '256',
      ContainerDefinitions: [Match.objectLike({
        PortMappings: [{ ContainerPort: { Ref: 'Port' }, Protocol: 'tcp' }, { ContainerPort: { Ref: 'Port' }, Protocol: 'tcp' }],
        Environment: [{ Name: 'KEY', Value: { Ref: 'Key' } }],
      })],
    });
  });

  test('a Linux container without a user warns: it runs as the image\'s user, often root', () => {
    const stack = newStack();
    new EcsTaskDefinition(stack, 'App', { containers: [webContainer({ user: undefined }), webContainer({ name: 'sidecar', portMappings: [{ containerPort: 81 }] })] });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('sets no user'));
    expect(warnings.map((w) => w.id)).toEqual(['/Stack/App']);
    expect(String(warnings[0]!.entry.data)).toMatch(/^Container "web" sets no user, .*ecs_task_definition_nonroot_user_check.*Set user to the image's non-root user/);
  });

  test('no warnings on the default setup', () => {
    const stack = newStack();
    new EcsTaskDefinition(stack, 'App', { containers: [webContainer()] });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });
});

describe('notes: task definitions (SEED notes, ECS)', () => {
  test('notes: "a task definition (text file describing one to ten containers) forms your application": ten containers render as JSON, eleven are refused', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const names = Array.from({ length: 10 }, (_, i) => `c${i}`);
    // WHEN
    new EcsTaskDefinition(stack, 'Ten', { cpu: 1024, memoryMiB: 2048, containers: names.map((n) => notesContainer(n, { memoryLimitMiB: 128 })) });
    const eleven = thrownBy(() => new EcsTaskDefinition(new Stack(new App(), 'Stack'), 'Eleven', { cpu: 1024, memoryMiB: 4096, containers: [...names, 'c10'].map((n) => notesContainer(n)) }));
    // THEN
    const definitions = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'));
    expect(definitions).toHaveLength(1);
    const text = JSON.stringify(definitions[0]!.Properties.ContainerDefinitions);
    expect((JSON.parse(text) as Array<{ Name: string }>).map((c) => c.Name)).toEqual(names);
    expect(eleven).toBeInstanceOf(ValidationError);
    expect((eleven as ValidationError).message).toMatch(/^\[Stack\/Eleven\] containers: got "11 containers"; allowed: 1 to 10 containers per task definition/);
  });

  test('notes: "task definitions specify which containers, ports and data volumes should be used"', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    new EcsTaskDefinition(stack, 'App', {
      volumes: [{ name: 'data' }],
      containers: [notesContainer('web', { portMappings: [{ containerPort: 8080 }], mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }] })],
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
});
