import { CfnParameter, Duration, Stack, aws_ec2 as ec2, aws_ecs as ecs, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { EcsContainerOptions, EcsTaskDefinition, EcsTaskDefinitionProps, TaskCompatibility } from '../../../lib';
import { ValidationRow, error, free, typed, warning } from '../table';

const TD = 'lib/ecs/task-definition.ts';
const CHECKS = 'lib/ecs/private/container-checks.ts';
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');
const WINDOWS = { operatingSystemFamily: ecs.OperatingSystemFamily.WINDOWS_SERVER_2022_CORE, cpu: 1024, memoryMiB: 2048 };
const EC2_BRIDGE = { compatibility: TaskCompatibility.EC2, networkMode: ecs.NetworkMode.BRIDGE };
const EFS = (o: Partial<ecs.EfsVolumeConfiguration> = {}): ecs.Volume => ({ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-0123abcd', transitEncryption: 'ENABLED', ...o } });

/** A task definition with one container `web` (given options on top) and the given task props. */
function task(stack: Stack, props: EcsTaskDefinitionProps = {}, web: Partial<EcsContainerOptions> = {}): EcsTaskDefinition {
  return new EcsTaskDefinition(stack, 'Task', { ...props, containers: props.containers ?? [{ name: 'web', image: IMAGE, ...web }] });
}
/** A task definition whose container `web` has the given options. */
const web = (o: Partial<EcsContainerOptions>, props: EcsTaskDefinitionProps = {}) => (s: Stack) => task(s, props, o);
/** A task definition with the given props. */
const props = (p: EcsTaskDefinitionProps) => (s: Stack) => task(s, p);
/** A task definition with the given port mappings on `web`. */
const ports = (portMappings: ecs.PortMapping[], p: EcsTaskDefinitionProps = {}) => web({ portMappings }, p);
/** A health check with `hc` on top of a valid command. */
const health = (hc: Partial<ecs.HealthCheck>) => web({ healthCheck: { command: ['CMD-SHELL', 'true'], ...hc } });
/** A cluster for runTaskCommand. */
function runTask(stack: Stack, o: { count?: number; groups?: number; subnets?: number }): string {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const groups = Array.from({ length: o.groups ?? 1 }, (_, i) => new ec2.SecurityGroup(stack, `Sg${i}`, { vpc }));
  const subnets = o.subnets === undefined ? undefined : { subnets: Array.from({ length: o.subnets }, (_, i) => ec2.Subnet.fromSubnetId(stack, `S${i}`, `subnet-${String(i).padStart(8, '0')}`)) };
  return task(stack).runTaskCommand({ cluster, securityGroups: groups, count: o.count, vpcSubnets: subnets });
}

/** The validation table's rows for ECS task definitions and their containers. */
export const rows: ValidationRow[] = [
  // EcsTaskDefinitionProps
  error({ type: 'EcsTaskDefinitionProps', property: 'containers', rule: '1 to 10 containers per task definition', source: 'guide: Amazon ECS service quotas (containers per task definition)', where: TD,
    bad: (s) => task(s, { containers: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, image: IMAGE, memoryLimitMiB: 32, essential: i === 0 })) }),
    edge: (s) => task(s, { containers: Array.from({ length: 10 }, (_, i) => ({ name: `c${i}`, image: IMAGE, memoryLimitMiB: 32, essential: i === 0 })) }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'containers.essential', rule: 'at least one essential container', source: 'API ecs ContainerDefinition.essential', where: TD, errorProperty: 'essential',
    bad: web({ essential: false }), edge: web({ essential: true }) }),
  ...typed('EcsTaskDefinitionProps', 'FARGATE, EC2 or EC2_AND_FARGATE (an enum); EC2_AND_FARGATE must meet both sets of rules', 'compatibility'),
  error({ type: 'EcsTaskDefinitionProps', property: 'cpu', rule: 'Fargate: 256, 512, 1024, 2048, 4096, 8192 or 16384 (Windows: 1024 to 4096)', source: 'guide: Amazon ECS task definition parameters (Task size)', where: TD,
    bad: props({ cpu: 300 }), edge: props({ cpu: 16384, memoryMiB: 32768 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'cpu (EC2)', rule: 'EC2: a whole number from 128 to 196608 CPU units', source: 'API ecs RegisterTaskDefinition.cpu', where: TD, errorProperty: 'cpu',
    bad: props({ compatibility: TaskCompatibility.EC2, cpu: 127 }), edge: props({ compatibility: TaskCompatibility.EC2, cpu: 128, memoryMiB: 6 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'cpu (Windows)', rule: 'Windows on Fargate: at least 1024 CPU units', source: 'guide: Amazon ECS task definition parameters (Task size)', where: TD, errorProperty: 'cpu',
    bad: props({ ...WINDOWS, cpu: 512, memoryMiB: 1024 }), edge: props(WINDOWS) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'memoryMiB', rule: 'Fargate: a memory size the cpu allows (e.g. 256: 512, 1024, 2048)', source: 'guide: Amazon ECS task definition parameters (Task size)', where: TD,
    bad: props({ cpu: 256, memoryMiB: 4096 }), edge: props({ cpu: 256, memoryMiB: 2048 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'memoryMiB (EC2)', rule: 'EC2: at least 6 MiB', source: 'API ecs ContainerDefinition.memory', where: TD, errorProperty: 'memoryMiB',
    bad: props({ compatibility: TaskCompatibility.EC2, memoryMiB: 5 }), edge: props({ compatibility: TaskCompatibility.EC2, memoryMiB: 6 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'memoryMiB (token)', rule: 'a CfnParameter works: checked when concrete, passed through as a token', source: 'library', where: TD, errorProperty: 'memoryMiB',
    bad: props({ cpu: 256, memoryMiB: 3072 }), edge: (s) => task(s, { cpu: new CfnParameter(s, 'Cpu', { type: 'Number' }).valueAsNumber, memoryMiB: new CfnParameter(s, 'Mem', { type: 'Number' }).valueAsNumber }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'ephemeralStorageGiB', rule: '21 to 200 GiB, Fargate only', source: 'API ecs EphemeralStorage.sizeInGiB', where: TD,
    bad: props({ ephemeralStorageGiB: 201 }), edge: props({ ephemeralStorageGiB: 200 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'ephemeralStorageGiB (EC2)', rule: 'not for EC2-only tasks', source: 'API ecs RegisterTaskDefinition.ephemeralStorage', where: TD, errorProperty: 'ephemeralStorageGiB',
    bad: props({ compatibility: TaskCompatibility.EC2, ephemeralStorageGiB: 30 }), edge: props({ ephemeralStorageGiB: 21 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'cpuArchitecture', rule: 'X86_64 or ARM64', source: 'API ecs RuntimePlatform.cpuArchitecture', where: TD,
    bad: props({ cpuArchitecture: ecs.CpuArchitecture.of('arm') }), edge: props({ cpuArchitecture: ecs.CpuArchitecture.of('ARM64') }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'cpuArchitecture (Windows)', rule: 'X86_64 for Windows containers', source: 'guide: Amazon ECS task definition parameters (Runtime platform)', where: TD, errorProperty: 'cpuArchitecture',
    bad: props({ ...WINDOWS, cpuArchitecture: ecs.CpuArchitecture.ARM64 }), edge: props({ ...WINDOWS, cpuArchitecture: ecs.CpuArchitecture.X86_64 }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'operatingSystemFamily', rule: 'LINUX or one of the WINDOWS_SERVER_* families', source: 'API ecs RuntimePlatform.operatingSystemFamily', where: TD,
    bad: props({ operatingSystemFamily: ecs.OperatingSystemFamily.of('WINDOWS') }), edge: props({ ...WINDOWS, operatingSystemFamily: ecs.OperatingSystemFamily.of('WINDOWS_SERVER_2025_CORE') }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'networkMode', rule: 'Fargate: AWS_VPC', source: 'guide: Amazon ECS task definition parameters (Network mode)', where: TD,
    bad: props({ networkMode: ecs.NetworkMode.BRIDGE }), edge: props({ compatibility: TaskCompatibility.EC2, networkMode: ecs.NetworkMode.BRIDGE }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'networkMode (Windows)', rule: 'Windows: AWS_VPC or NAT; NAT is Windows only', source: 'API ecs RegisterTaskDefinition.networkMode', where: TD, errorProperty: 'networkMode',
    bad: props({ compatibility: TaskCompatibility.EC2, networkMode: ecs.NetworkMode.NAT }),
    edge: props({ ...WINDOWS, compatibility: TaskCompatibility.EC2, networkMode: ecs.NetworkMode.NAT }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.name', rule: '1-255 letters, digits, underscores and hyphens; unique in the task', source: 'API ecs Volume.name', where: CHECKS, errorProperty: 'volumes',
    bad: props({ volumes: [{ name: 'my data' }] }), edge: props({ volumes: [{ name: 'A'.repeat(255) }] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes (unique)', rule: 'volume names unique in the task definition', source: 'API ecs Volume.name', where: TD, errorProperty: 'volumes',
    bad: props({ volumes: [{ name: 'tmp' }, { name: 'tmp' }] }), edge: props({ volumes: [{ name: 'tmp' }, { name: 'tmp2' }] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.host.sourcePath', rule: 'no host paths on Fargate', source: 'guide: Fargate task storage (bind mounts)', where: CHECKS, errorProperty: 'host.sourcePath',
    bad: props({ volumes: [{ name: 'logs', host: { sourcePath: '/var/log' } }] }), edge: props({ ...EC2_BRIDGE, volumes: [{ name: 'logs', host: { sourcePath: '/var/log' } }] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.dockerVolumeConfiguration', rule: 'Docker volumes need EC2 (not Fargate)', source: 'guide: Use Docker volumes with Amazon ECS', where: CHECKS, errorProperty: 'dockerVolumeConfiguration',
    bad: props({ volumes: [{ name: 'v', dockerVolumeConfiguration: { driver: 'local', scope: ecs.Scope.TASK } }] }),
    edge: props({ ...EC2_BRIDGE, volumes: [{ name: 'v', dockerVolumeConfiguration: { driver: 'local', scope: ecs.Scope.TASK } }] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.dockerVolumeConfiguration.autoprovision', rule: 'autoprovision only with scope shared', source: 'API ecs DockerVolumeConfiguration.autoprovision', where: CHECKS, errorProperty: 'autoprovision',
    bad: props({ ...EC2_BRIDGE, volumes: [{ name: 'v', dockerVolumeConfiguration: { driver: 'local', scope: ecs.Scope.TASK, autoprovision: true } }] }),
    edge: props({ ...EC2_BRIDGE, volumes: [{ name: 'v', dockerVolumeConfiguration: { driver: 'local', scope: ecs.Scope.SHARED, autoprovision: true } }] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.efsVolumeConfiguration.transitEncryption', rule: '"ENABLED" (EFS traffic encrypted in transit)', source: 'library', where: CHECKS, errorProperty: 'transitEncryption',
    bad: props({ volumes: [EFS({ transitEncryption: 'DISABLED' })] }), edge: props({ volumes: [EFS()] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.efsVolumeConfiguration.fileSystemId', rule: 'fs- and 8 to 40 hex digits', source: 'API efs FileSystemDescription.FileSystemId', where: CHECKS, errorProperty: 'fileSystemId',
    bad: props({ volumes: [EFS({ fileSystemId: 'my-efs' })] }), edge: props({ volumes: [EFS({ fileSystemId: 'fs-0123456789abcdef0' })] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.efsVolumeConfiguration.rootDirectory', rule: 'omitted or "/" with an access point', source: 'API ecs EFSVolumeConfiguration.rootDirectory', where: CHECKS, errorProperty: 'rootDirectory',
    bad: props({ volumes: [EFS({ rootDirectory: '/data', authorizationConfig: { accessPointId: 'fsap-0123456789abcdef0' } })] }),
    edge: props({ volumes: [EFS({ rootDirectory: '/', authorizationConfig: { accessPointId: 'fsap-0123456789abcdef0' } })] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.efsVolumeConfiguration.transitEncryptionPort', rule: '1 to 65535', source: 'API ecs EFSVolumeConfiguration.transitEncryptionPort', where: CHECKS, errorProperty: 'transitEncryptionPort',
    bad: props({ volumes: [EFS({ transitEncryptionPort: 70000 })] }), edge: props({ volumes: [EFS({ transitEncryptionPort: 65535 })] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.efsVolumeConfiguration.authorizationConfig.iam', rule: '"ENABLED" or "DISABLED"', source: 'API ecs EFSAuthorizationConfig.iam', where: CHECKS, errorProperty: 'iam',
    bad: props({ volumes: [EFS({ authorizationConfig: { iam: 'enabled' } })] }), edge: props({ volumes: [EFS({ authorizationConfig: { iam: 'ENABLED' } })] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'volumes.efsVolumeConfiguration (Windows)', rule: 'EFS volumes need Linux containers', source: 'guide: Use Amazon EFS volumes with Amazon ECS', where: CHECKS, errorProperty: 'efsVolumeConfiguration',
    bad: props({ ...WINDOWS, volumes: [EFS()] }), edge: props({ volumes: [EFS()] }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'family', rule: '1-255 letters, digits, hyphens and underscores', source: 'API ecs RegisterTaskDefinition.family', where: TD,
    bad: props({ family: 'web.app' }), edge: props({ family: 'W'.repeat(255) }) }),
  ...typed('EcsTaskDefinitionProps', 'an iam.IRole', 'taskRole', 'executionRole'),
  error({ type: 'EcsTaskDefinitionProps', property: 'logGroup', rule: 'no logRetention or logEncryptionKey with it (they shape the log group this construct creates)', source: 'library', where: TD, errorProperty: 'logRetention',
    bad: (s) => task(s, { logGroup: new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.ONE_YEAR }), logRetention: logs.RetentionDays.ONE_MONTH }),
    edge: (s) => task(s, { logGroup: new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.ONE_YEAR }) }) }),
  warning({ type: 'EcsTaskDefinitionProps', property: 'logGroup (retention)', rule: 'legal but likely wrong: a log group that never expires', source: 'library (Control Tower CT.CLOUDWATCH.PR.2)', where: TD, warningId: 'cdk-containers:ecs-log-group-never-expires',
    bad: (s) => task(s, { logGroup: new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.INFINITE }) }),
    edge: (s) => task(s, { logGroup: new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.TEN_YEARS }) }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'logRetention', rule: 'a value CloudWatch Logs accepts, and not INFINITE', source: 'API logs PutRetentionPolicy.retentionInDays; library (finite)', where: 'lib/private/log-retention.ts',
    bad: props({ logRetention: 8 as logs.RetentionDays }), edge: props({ logRetention: logs.RetentionDays.TEN_YEARS }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'logRetention (INFINITE)', rule: 'not INFINITE (logs that never expire cost money forever)', source: 'library (Control Tower CT.CLOUDWATCH.PR.2)', where: 'lib/private/log-retention.ts', errorProperty: 'logRetention',
    bad: props({ logRetention: logs.RetentionDays.INFINITE }), edge: props({ logRetention: logs.RetentionDays.ONE_DAY }) }),
  error({ type: 'EcsTaskDefinitionProps', property: 'logEncryptionKey', rule: 'not with logGroup (it encrypts the log group this construct creates)', source: 'library', where: TD,
    bad: (s) => task(s, { logGroup: new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.ONE_YEAR }), logEncryptionKey: new kms.Key(s, 'Key') }),
    edge: (s) => task(s, { logEncryptionKey: new kms.Key(s, 'Key', { enableKeyRotation: true }) }) }),

  // EcsContainerSpec
  error({ type: 'EcsContainerSpec', property: 'name', rule: '1-255 letters, digits, hyphens and underscores; unique in the task', source: 'API ecs ContainerDefinition.name', where: TD,
    bad: (s) => task(s, { containers: [{ name: 'web app', image: IMAGE }] }), edge: (s) => task(s, { containers: [{ name: 'w'.repeat(255), image: IMAGE }] }) }),

  // EcsContainerOptions
  error({ type: 'EcsContainerOptions', property: 'image', rule: '1 to 255 characters without spaces', source: 'API ecs ContainerDefinition.image', where: CHECKS,
    bad: web({ image: ecs.ContainerImage.fromRegistry('nginx latest') }), edge: web({ image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/r/${'a'.repeat(200)}@sha256:${'0'.repeat(30)}`) }) }),
  error({ type: 'EcsContainerOptions', property: 'cpu', rule: 'a whole number from 0; the sum over containers at most the task cpu', source: 'API ecs ContainerDefinition.cpu', where: TD,
    bad: web({ cpu: 257 }), edge: web({ cpu: 256 }) }),
  error({ type: 'EcsContainerOptions', property: 'memoryLimitMiB', rule: 'at least 6 MiB, at most the task memory; the sum at most the task memory', source: 'API ecs ContainerDefinition.memory', where: TD,
    bad: web({ memoryLimitMiB: 513 }), edge: web({ memoryLimitMiB: 6 }) }),
  error({ type: 'EcsContainerOptions', property: 'memoryReservationMiB', rule: 'at least 6 MiB, at most memoryLimitMiB', source: 'API ecs ContainerDefinition.memoryReservation', where: TD,
    bad: web({ memoryLimitMiB: 256, memoryReservationMiB: 300 }), edge: web({ memoryLimitMiB: 256, memoryReservationMiB: 256 }) }),
  error({ type: 'EcsContainerOptions', property: 'portMappings.containerPort', rule: '1 to 65535, once per task under awsvpc/host', source: 'API ecs PortMapping.containerPort', where: TD, errorProperty: 'containerPort',
    bad: ports([{ containerPort: 0 }]), edge: ports([{ containerPort: 65535 }]) }),
  error({ type: 'EcsContainerOptions', property: 'portMappings.hostPort', rule: 'awsvpc/host: equal to containerPort or omitted; bridge: 0 to 65535', source: 'API ecs PortMapping.hostPort', where: TD, errorProperty: 'hostPort',
    bad: ports([{ containerPort: 80, hostPort: 8080 }]), edge: ports([{ containerPort: 80, hostPort: 8080 }], EC2_BRIDGE) }),
  error({ type: 'EcsContainerOptions', property: 'portMappings.hostPort (reserved)', rule: 'not a port the ECS agent reserves (22, 2375, 2376, 51678-51680) on EC2 bridge/host', source: 'guide: Amazon ECS container instance (reserved ports)', where: CHECKS, errorProperty: 'hostPort',
    bad: ports([{ containerPort: 80, hostPort: 2375 }], EC2_BRIDGE), edge: ports([{ containerPort: 80, hostPort: 2377 }], EC2_BRIDGE) }),
  error({ type: 'EcsContainerOptions', property: 'portMappings.name', rule: 'up to 64 lower-case letters, digits, _ and -, not starting with -; unique in the task', source: 'API ecs PortMapping.name', where: CHECKS, errorProperty: 'name',
    bad: ports([{ containerPort: 80, name: 'Web' }]), edge: ports([{ containerPort: 80, name: `_${'a'.repeat(63)}` }]) }),
  error({ type: 'EcsContainerOptions', property: 'portMappings.appProtocol', rule: 'only with a port mapping name', source: 'API ecs PortMapping.appProtocol', where: CHECKS, errorProperty: 'appProtocol',
    bad: ports([{ containerPort: 80, appProtocol: ecs.AppProtocol.http }]), edge: ports([{ containerPort: 80, name: 'web', appProtocol: ecs.AppProtocol.http }]) }),
  error({ type: 'EcsContainerOptions', property: 'portMappings.containerPortRange', rule: '"start-end", 1 <= start < end <= 65535, with CONTAINER_PORT_USE_RANGE, awsvpc or bridge', source: 'API ecs PortMapping.containerPortRange', where: CHECKS, errorProperty: 'containerPortRange',
    bad: ports([{ containerPort: ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE, containerPortRange: '9000-8000' }]),
    edge: ports([{ containerPort: ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE, containerPortRange: '1-65535' }]) }),
  ...typed('EcsContainerOptions', 'ecs.Protocol.TCP or UDP (an enum)', 'portMappings.protocol'),
  error({ type: 'EcsContainerOptions', property: 'environment', rule: 'no AWS credentials (AWS_ACCESS_KEY_ID, ..., or an access key id value)', source: 'library', where: TD, errorProperty: 'environment',
    bad: web({ environment: { AWS_SECRET_ACCESS_KEY: 'x' } }), edge: web({ environment: { AWS_REGION: 'eu-west-1' } }) }),
  warning({ type: 'EcsContainerOptions', property: 'environment (secret names)', rule: 'legal but likely wrong: a variable named like a secret (…PASSWORD, …TOKEN, …API_KEY)', source: 'library', where: TD, warningId: 'cdk-containers:ecs-secret-in-environment',
    bad: web({ environment: { DB_PASSWORD: 'hunter2' } }), edge: web({ environment: { DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:db' } }) }),
  ...typed('EcsContainerOptions', 'ecs.Secret values (Secrets Manager or SSM references)', 'secrets'),
  error({ type: 'EcsContainerOptions', property: 'mountPoints.sourceVolume', rule: 'names a volume of the task definition', source: 'API ecs MountPoint.sourceVolume', where: TD, errorProperty: 'sourceVolume',
    bad: web({ mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }] }),
    edge: web({ mountPoints: [{ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false }] }, { volumes: [{ name: 'tmp' }] }) }),
  error({ type: 'EcsContainerOptions', property: 'mountPoints.containerPath', rule: 'Linux: an absolute path, once per container', source: 'API ecs MountPoint.containerPath', where: CHECKS, errorProperty: 'containerPath',
    bad: web({ mountPoints: [{ sourceVolume: 'tmp', containerPath: 'tmp', readOnly: false }] }, { volumes: [{ name: 'tmp' }] }),
    edge: web({ mountPoints: [{ sourceVolume: 'tmp', containerPath: '/', readOnly: false }] }, { volumes: [{ name: 'tmp' }] }) }),
  error({ type: 'EcsContainerOptions', property: 'healthCheck.command', rule: 'a command after CMD or CMD-SHELL', source: 'API ecs HealthCheck.command', where: CHECKS, errorProperty: 'command',
    bad: health({ command: ['CMD-SHELL'] }), edge: health({ command: ['curl -f http://localhost/'] }) }),
  error({ type: 'EcsContainerOptions', property: 'healthCheck.interval', rule: '5 to 300 seconds, whole seconds, not below the timeout', source: 'API ecs HealthCheck.interval', where: CHECKS, errorProperty: 'interval',
    bad: health({ interval: Duration.seconds(4) }), edge: health({ interval: Duration.seconds(5), timeout: Duration.seconds(5) }) }),
  error({ type: 'EcsContainerOptions', property: 'healthCheck.timeout', rule: '2 to 120 seconds, at most the interval', source: 'API ecs HealthCheck.timeout', where: CHECKS, errorProperty: 'timeout',
    bad: health({ timeout: Duration.seconds(31) }), edge: health({ timeout: Duration.seconds(120), interval: Duration.seconds(120) }) }),
  error({ type: 'EcsContainerOptions', property: 'healthCheck.retries', rule: '1 to 10', source: 'API ecs HealthCheck.retries', where: CHECKS, errorProperty: 'retries',
    bad: health({ retries: 11 }), edge: health({ retries: 10 }) }),
  error({ type: 'EcsContainerOptions', property: 'healthCheck.startPeriod', rule: '0 to 300 seconds', source: 'API ecs HealthCheck.startPeriod', where: CHECKS, errorProperty: 'startPeriod',
    bad: health({ startPeriod: Duration.seconds(301) }), edge: health({ startPeriod: Duration.seconds(300) }) }),
  ...typed('EcsContainerOptions', 'a boolean', 'essential'),
  ...free('EcsContainerOptions', 'any strings (passed to Docker as given)', 'command', 'entryPoint'),
  error({ type: 'EcsContainerOptions', property: 'readonlyRootFilesystem', rule: 'not true for Windows containers', source: 'API ecs ContainerDefinition.readonlyRootFilesystem', where: TD,
    bad: web({ readonlyRootFilesystem: true }, WINDOWS), edge: web({ readonlyRootFilesystem: false }, WINDOWS) }),
  error({ type: 'EcsContainerOptions', property: 'user', rule: 'user, user:group, uid, uid:gid, user:gid or uid:group; not on Windows', source: 'API ecs ContainerDefinition.user', where: CHECKS,
    bad: web({ user: '1000:1000:1' }), edge: web({ user: 'app:1000' }) }),
  warning({ type: 'EcsContainerOptions', property: 'user (root)', rule: 'legal but likely wrong: running as root', source: 'library', where: TD, warningId: 'cdk-containers:ecs-container-root-user',
    bad: web({ user: '0:0' }), edge: web({ user: '1000' }) }),
  error({ type: 'EcsContainerOptions', property: 'workingDirectory', rule: 'Linux: an absolute path', source: 'guide: Docker run reference (--workdir)', where: CHECKS,
    bad: web({ workingDirectory: 'app' }), edge: web({ workingDirectory: '/' }) }),
  error({ type: 'EcsContainerOptions', property: 'logging', rule: 'Fargate: awslogs, splunk or awsfirelens (Windows: awslogs)', source: 'API ecs LogConfiguration.logDriver', where: CHECKS,
    bad: web({ logging: ecs.LogDrivers.fluentd() }), edge: web({ logging: ecs.LogDrivers.fluentd() }, { compatibility: TaskCompatibility.EC2 }) }),

  // EcsTaskDefinition methods
  error({ type: 'EcsTaskDefinition', property: 'addContainer(id)', rule: '1-255 letters, digits, hyphens and underscores; unique', source: 'API ecs ContainerDefinition.name', where: TD, errorProperty: 'name',
    bad: (s) => task(s).addContainer('web', { image: IMAGE, essential: false }), edge: (s) => task(s).addContainer('web-2_B', { image: IMAGE, essential: false }) }),
  error({ type: 'EcsTaskDefinition', property: 'addVolume(volume)', rule: 'as EcsTaskDefinitionProps.volumes (names, platform support, EFS options)', source: 'API ecs Volume', where: CHECKS, errorProperty: 'volumes',
    bad: (s) => task(s).addVolume({ name: 'a/b' }), edge: (s) => task(s).addVolume({ name: 'a-b_C9' }) }),

  // RunTaskCommandOptions
  ...typed('RunTaskCommandOptions', 'an ecs.ICluster', 'cluster'),
  error({ type: 'RunTaskCommandOptions', property: 'count', rule: '1 to 10 tasks per run-task call', source: 'API ecs RunTask.count', where: TD,
    bad: (s) => runTask(s, { count: 11 }), edge: (s) => runTask(s, { count: 10 }) }),
  error({ type: 'RunTaskCommandOptions', property: 'securityGroups', rule: '1 to 5 for an awsvpc task', source: 'API ecs AwsVpcConfiguration.securityGroups', where: TD,
    bad: (s) => runTask(s, { groups: 6 }), edge: (s) => runTask(s, { groups: 5 }) }),
  error({ type: 'RunTaskCommandOptions', property: 'vpcSubnets', rule: '1 to 16 subnets', source: 'API ecs AwsVpcConfiguration.subnets', where: TD,
    bad: (s) => runTask(s, { subnets: 17 }), edge: (s) => runTask(s, { subnets: 16 }) }),
];
