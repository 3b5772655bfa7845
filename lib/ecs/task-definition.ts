import { Annotations, Fn, Lazy, Token, Tokenization, aws_ec2 as ec2, aws_ecs as ecs, aws_iam as iam, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ContainerErrors, ValidationError } from '../errors';
import { ECR_AUTH_TOKEN_GRANT, acknowledgeRolePolicies } from '../private/acknowledge';
import { allowLogsService, denyGrantsNotForAwsResources, newKey } from '../private/kms';
import { checkStackLimits } from '../private/stack-limits';
import { taskSubnets } from '../private/subnets';
import { checkIntegerRange, isToken } from '../private/validate';
import { checkFiniteRetention } from '../private/log-retention';
import { TaskContext, checkHealthCheck, checkImageName, checkLogDriver, checkMountPoints, checkPortMapping, checkProcess, checkVolume } from './private/container-checks';
import { CPU_ARCHITECTURES, OS_FAMILIES, isArm64 } from './private/runtime-platform';
import { FARGATE_EPHEMERAL_STORAGE_GIB, describeMemory, fargateRows, isFargateSize } from './private/task-sizes';

/** Where the tasks of a task definition may run. */
export enum TaskCompatibility {
  /** AWS Fargate only (serverless capacity). */
  FARGATE = 'FARGATE',
  /** EC2 container instances only. */
  EC2 = 'EC2',
  /** Either: the task definition must satisfy both Fargate's and EC2's rules. */
  EC2_AND_FARGATE = 'EC2_AND_FARGATE',
}

/**
 * One container of an application, without its name (see {@link EcsContainerSpec} and
 * {@link EcsTaskDefinition.addContainer}).
 */
export interface EcsContainerOptions {
  /** The image to run, e.g. `ecs.ContainerImage.fromEcrRepository(repo, 'v1')`. */
  readonly image: ecs.ContainerImage;
  /**
   * CPU units reserved for this container. The sum over all containers must fit the task's `cpu`.
   * @default - no container-level reservation: the container shares the task's CPU
   */
  readonly cpu?: number;
  /**
   * Hard memory limit in MiB: the container is killed above it. Must not exceed the task's memory.
   * @default - no container-level limit: the task's memory is the limit
   */
  readonly memoryLimitMiB?: number;
  /**
   * Soft memory reservation in MiB. Must not exceed `memoryLimitMiB` when both are given.
   * @default - no reservation
   */
  readonly memoryReservationMiB?: number;
  /**
   * The ports the container listens on. Under `awsvpc` all containers of a task share one network
   * interface, so each container port may appear once per task, and a host port must equal its container port.
   * @default - no ports
   */
  readonly portMappings?: ecs.PortMapping[];
  /**
   * Plain environment variables. Never put credentials here: AWS keys (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
   * `AWS_SESSION_TOKEN`) and values that look like access key ids are rejected; use `secrets` and a task role.
   * @default - none
   */
  readonly environment?: { [key: string]: string };
  /**
   * Environment variables read from Secrets Manager or SSM Parameter Store when the task starts
   * (`ecs.Secret.fromSecretsManager(...)`, `ecs.Secret.fromSsmParameter(...)`); the execution role is granted read access.
   * @default - none
   */
  readonly secrets?: { [key: string]: ecs.Secret };
  /**
   * Volumes mounted into the container; each `sourceVolume` must name a volume of the task definition.
   * @default - none
   */
  readonly mountPoints?: ecs.MountPoint[];
  /**
   * The container health check, passed through to ECS as given.
   * @default - no container health check (a load balancer health check may still apply)
   */
  readonly healthCheck?: ecs.HealthCheck;
  /**
   * Whether the task stops when this container stops. At least one container must be essential.
   * @default true
   */
  readonly essential?: boolean;
  /**
   * Overrides the image's `CMD`.
   * @default - the image's command
   */
  readonly command?: string[];
  /**
   * Overrides the image's `ENTRYPOINT`.
   * @default - the image's entry point
   */
  readonly entryPoint?: string[];
  /**
   * Mounts the root filesystem read-only. Write to mounted volumes (a task volume without
   * configuration is a scratch bind mount) instead of the image's filesystem.
   * Not supported by Windows containers.
   * @default true on Linux, false on Windows
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * The user (`name`, `uid`, `uid:gid`, ...) the container runs as. Prefer a non-root user where the
   * image allows it (many official images document one, e.g. `101` for nginx-unprivileged).
   * On Linux, leaving it unset gives the synth warning `cdk-containers:ecs-container-image-user`:
   * the library does not invent a user, since only the image knows which one owns its files.
   * @default - the image's user (often root)
   */
  readonly user?: string;
  /**
   * The working directory of the command.
   * @default - the image's working directory
   */
  readonly workingDirectory?: string;
  /**
   * How the container's output is logged.
   * @default - CloudWatch Logs (awslogs driver) into the task definition's log group, stream prefix = container name
   */
  readonly logging?: ecs.LogDriver;
}

/** A named container, for {@link EcsTaskDefinitionProps.containers}. */
export interface EcsContainerSpec extends EcsContainerOptions {
  /** The container name: 1-255 letters, digits, hyphens and underscores, unique in the task definition. */
  readonly name: string;
}

/** Options for {@link EcsTaskDefinition.runTaskCommand}. */
export interface RunTaskCommandOptions {
  /** The cluster to run the task in. */
  readonly cluster: ecs.ICluster;
  /**
   * Subnets for the task's network interface.
   * @default - the cluster VPC's private subnets with egress, else its isolated subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Security groups for the task's network interface: required (one to five) for `awsvpc` tasks,
   * since the VPC's default security group is closed on a `PlatformNetwork`.
   * @default - none: allowed only for bridge or host network mode
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
  /**
   * How many copies to start (1-10 per call).
   * @default 1
   */
  readonly count?: number;
}

/** Properties of an {@link EcsTaskDefinition}. */
export interface EcsTaskDefinitionProps {
  /**
   * The application's containers (one to ten in total, counting those added with `addContainer`).
   * @default - none here; add them with `addContainer` (at least one is required at synth)
   */
  readonly containers?: EcsContainerSpec[];
  /**
   * Where tasks may run.
   * @default TaskCompatibility.FARGATE
   */
  readonly compatibility?: TaskCompatibility;
  /**
   * Task CPU units. On Fargate it must be a Fargate size (256, 512, 1024, 2048, 4096, 8192, 16384).
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB. On Fargate it must be allowed for the chosen `cpu` (e.g. cpu 256 allows 512, 1024 or 2048).
   * @default 512
   */
  readonly memoryMiB?: number;
  /**
   * Fargate ephemeral storage in GiB (21-200). Fargate only.
   * @default - Fargate's default of 20 GiB
   */
  readonly ephemeralStorageGiB?: number;
  /**
   * CPU architecture of the images. `ecs.CpuArchitecture.ARM64` runs on Graviton (cheaper per vCPU).
   * Sent to ECS for Fargate-compatible tasks only (EC2-only tasks run on the instances' architecture).
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /**
   * Operating system of the images. Windows on Fargate needs at least 1024 CPU and X86_64.
   * @default ecs.OperatingSystemFamily.LINUX
   */
  readonly operatingSystemFamily?: ecs.OperatingSystemFamily;
  /**
   * Docker network mode. Fargate requires `AWS_VPC` (each task gets its own network interface and security groups).
   * @default ecs.NetworkMode.AWS_VPC
   */
  readonly networkMode?: ecs.NetworkMode;
  /**
   * Data volumes the containers can mount (bind mounts, Docker volumes, EFS with transit encryption).
   * @default - none
   */
  readonly volumes?: ecs.Volume[];
  /**
   * The task definition family name.
   * @default - generated by CloudFormation from the construct path
   */
  readonly family?: string;
  /**
   * The role the application's code uses to call AWS.
   * @default - a new role with no permissions
   */
  readonly taskRole?: iam.IRole;
  /**
   * The role ECS uses to pull images, read secrets and write logs.
   * @default - a new role with exactly those permissions
   */
  readonly executionRole?: iam.IRole;
  /**
   * The log group for containers using the default logging.
   * @default - a new log group (retained on stack deletion), KMS-encrypted, with `logRetention`
   */
  readonly logGroup?: logs.ILogGroup;
  /**
   * Retention of the log group this construct creates. "Never expire" is rejected: logs cost money forever.
   * The default meets the Control Tower control CT.CLOUDWATCH.PR.2 (at least 365 days).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The KMS key that encrypts the log group this construct creates (its key policy must let
   * CloudWatch Logs use it; keys defined in the app get that statement added). Share one key
   * between task definitions to pay for one key.
   * @default - a new customer managed key with rotation (about 1 USD a month), retained on stack deletion
   */
  readonly logEncryptionKey?: kms.IKey;
}

const MAX_CONTAINERS = 10;
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
const CREDENTIAL_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
const ACCESS_KEY_VALUE = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/;
/** Environment variable names that usually hold a secret: ending in PASSWORD, SECRET, TOKEN, API_KEY... */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;
/** awsvpc tasks take at most 16 subnets (ECS API, AwsVpcConfiguration.subnets). */
const MAX_TASK_SUBNETS = 16;

interface ContainerRecord {
  readonly name: string;
  readonly options: EcsContainerOptions;
  readonly definition: ecs.ContainerDefinition;
}

/**
 * An application: a task definition (the text file describing one to ten containers that forms
 * your application) with its containers, ports, data volumes, cpu and memory.
 *
 * A task is an instance of a task definition within a cluster: run it with an {@link EcsService}
 * (N copies kept running), an {@link EcsScheduledTask} or a one-off `aws ecs run-task`
 * ({@link EcsTaskDefinition.runTaskCommand}).
 *
 * Secure defaults: `awsvpc` networking, CloudWatch logs with one year retention (KMS-encrypted) for every
 * container, read-only root filesystems, secrets injected from Secrets Manager/SSM.
 * Bad input (Fargate sizes, memory sums, port clashes, unknown volumes, credentials in plain
 * environment variables, ...) throws a `ValidationError` at synth.
 */
export class EcsTaskDefinition extends Construct {
  /** The wrapped task definition. */
  public readonly taskDefinition: ecs.TaskDefinition;
  /** The log group used by containers with the default logging. */
  public readonly logGroup: logs.ILogGroup;
  /** The KMS key of the log group this construct created (undefined when `logGroup` was given). */
  public readonly logEncryptionKey?: kms.IKey;
  /** Where tasks may run. */
  public readonly compatibility: TaskCompatibility;
  /** Task CPU units. */
  public readonly cpu: number;
  /** Task memory in MiB. */
  public readonly memoryMiB: number;
  /** The Docker network mode. */
  public readonly networkMode: ecs.NetworkMode;
  /** The CPU architecture the images are built for (for EC2-only tasks too, where ECS is not told). */
  public readonly cpuArchitecture: ecs.CpuArchitecture;
  /** The operating system family of the images. */
  public readonly operatingSystemFamily: ecs.OperatingSystemFamily;

  private readonly windows: boolean;
  /** True when the user gave the execution role (its policies are then the user's to acknowledge). */
  private readonly ownExecutionRole: boolean;
  private readonly records: ContainerRecord[] = [];
  private readonly volumeNames = new Set<string>();

  constructor(scope: Construct, id: string, props: EcsTaskDefinitionProps = {}) {
    super(scope, id);
    checkStackLimits(this);
    this.compatibility = props.compatibility ?? TaskCompatibility.FARGATE;
    this.cpu = props.cpu ?? 256;
    this.memoryMiB = props.memoryMiB ?? 512;
    this.networkMode = props.networkMode ?? ecs.NetworkMode.AWS_VPC;
    const os = props.operatingSystemFamily ?? ecs.OperatingSystemFamily.LINUX;
    const arch = props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64;
    this.cpuArchitecture = arch;
    this.operatingSystemFamily = os;
    this.windows = os.isWindows();

    this.validateTaskSize(props, arch);
    if (props.family !== undefined && !isToken(props.family) && !NAME_PATTERN.test(props.family)) {
      throw new ValidationError(this, { property: 'family', value: props.family, allowed: '1-255 letters, digits, hyphens and underscores' });
    }
    const retention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    checkFiniteRetention(this, 'logRetention', retention, 'logs');
    if (props.logGroup) this.checkGivenLogGroup(props);

    this.taskDefinition = new ecs.TaskDefinition(this, 'Resource', {
      compatibility: toL2Compatibility(this.compatibility),
      cpu: Tokenization.stringifyNumber(this.cpu),
      memoryMiB: Tokenization.stringifyNumber(this.memoryMiB),
      networkMode: this.networkMode,
      ephemeralStorageGiB: props.ephemeralStorageGiB,
      // ECS accepts a runtime platform only for Fargate-compatible tasks; EC2 tasks run on the instances' platform.
      runtimePlatform: this.compatibility === TaskCompatibility.EC2 ? undefined : { cpuArchitecture: arch, operatingSystemFamily: os },
      family: props.family,
      taskRole: props.taskRole,
      executionRole: props.executionRole,
    });
    this.ownExecutionRole = props.executionRole !== undefined;
    if (props.logGroup) {
      this.logGroup = props.logGroup;
    } else {
      // A key of the library's own gets the grant restriction from newKey; a given key gets it here.
      const key = props.logEncryptionKey ?? newKey(this, 'LogsKey', `Encrypts the container logs of ${this.node.path}`);
      allowLogsService(key);
      if (props.logEncryptionKey) denyGrantsNotForAwsResources(key);
      this.logEncryptionKey = key;
      this.logGroup = new logs.LogGroup(this, 'Logs', { retention, encryptionKey: key });
    }

    for (const volume of props.volumes ?? []) this.addVolume(volume);
    for (const spec of props.containers ?? []) {
      const { name, ...options } = spec;
      this.addContainer(name, options);
    }
    this.node.addValidation({ validate: () => this.validateFinishedTree() });
  }

  /** True when tasks can run on Fargate. */
  public get isFargateCompatible(): boolean {
    return this.compatibility !== TaskCompatibility.EC2;
  }

  /** True when tasks can run on EC2 container instances. */
  public get isEc2Compatible(): boolean {
    return this.compatibility !== TaskCompatibility.FARGATE;
  }

  /** The containers added so far, in order. */
  public get containers(): ecs.ContainerDefinition[] {
    return this.records.map((r) => r.definition);
  }

  /**
   * Adds a container named `id` (1-255 letters, digits, hyphens, underscores; unique).
   * The container is a child of the wrapped task definition, with construct id `id`.
   */
  public addContainer(id: string, options: EcsContainerOptions): ecs.ContainerDefinition {
    this.validateContainer(id, options);
    const readonlyRootFilesystem = options.readonlyRootFilesystem ?? !this.windows;
    const definition = rethrowWithPath(this, `containers[${id}]`, () => this.taskDefinition.addContainer(id, {
      containerName: id,
      image: options.image,
      cpu: options.cpu,
      memoryLimitMiB: options.memoryLimitMiB ?? this.defaultMemoryLimit(options),
      memoryReservationMiB: options.memoryReservationMiB,
      portMappings: options.portMappings,
      environment: options.environment,
      secrets: options.secrets,
      healthCheck: options.healthCheck,
      essential: options.essential ?? true,
      command: options.command,
      entryPoint: options.entryPoint,
      readonlyRootFilesystem,
      user: options.user,
      workingDirectory: options.workingDirectory,
      logging: options.logging ?? ecs.LogDriver.awsLogs({ logGroup: this.logGroup, streamPrefix: id }),
    }));
    checkImageName(this, `containers[${id}].image`, definition.imageName);
    checkLogDriver(this.taskContext, `containers[${id}].logging`, definition.logDriverConfig?.logDriver);
    if (options.mountPoints?.length) definition.addMountPoints(...options.mountPoints);
    if (options.user === undefined && !this.windows) {
      // No default is invented: the library cannot know a user the image owns its files for, and a
      // wrong one fails only when the task starts. So say it at synth instead.
      Annotations.of(this).addWarningV2('cdk-containers:ecs-container-image-user',
        `Container "${id}" sets no user, so it runs as the image's user (root unless the image says otherwise); Control Tower's non-root check (ecs_task_definition_nonroot_user_check) reports it. Set user to the image's non-root user, e.g. "1000".`);
    }
    if (options.user !== undefined && !isToken(options.user) && !this.windows && /^(root|0)(:(root|0))?$/.test(options.user)) {
      Annotations.of(this).addWarningV2('cdk-containers:ecs-container-root-user',
        `Container "${id}" runs as root (user "${options.user}"): a process that escapes the application owns the container. Give a non-root user if the image allows it.`);
    }
    this.acknowledgeExecutionRole();
    this.records.push({ name: id, options, definition });
    return definition;
  }

  /**
   * The execution role aws-cdk-lib creates with the first container that needs it (image pull, logs,
   * secrets): its policy is attached to it alone, and an image pull needs ecr:GetAuthorizationToken on `*`.
   */
  private acknowledgeExecutionRole(): void {
    const role = this.taskDefinition.executionRole;
    if (!role) return;
    acknowledgeRolePolicies(role, {
      inline: this.ownExecutionRole ? undefined : 'aws-cdk-lib writes the execution role\'s grants (image pull, logs, secrets) as a policy attached to this one role, created and deleted with it',
      wildcards: [ECR_AUTH_TOKEN_GRANT],
    });
  }

  /**
   * A container without a hard memory limit gets the task's memory as its limit when it is the only
   * container (same behaviour, and the limit Control Tower's CT.ECS.PR.7 asks for); with several
   * containers none is invented, since ECS counts each container's limit against the task memory.
   */
  private defaultMemoryLimit(options: EcsContainerOptions): number | undefined {
    if (options.memoryReservationMiB !== undefined) return undefined;
    return Lazy.number({ produce: () => (this.records.length === 1 ? this.memoryMiB : undefined) });
  }

  /**
   * Adds a data volume. EFS volumes must enable transit encryption.
   */
  public addVolume(volume: ecs.Volume): void {
    if (this.volumeNames.has(volume.name)) {
      throw new ValidationError(this, { property: 'volumes', value: volume.name, allowed: 'unique volume names', hint: `a volume named "${volume.name}" already exists` });
    }
    checkVolume(this.taskContext, volume);
    this.volumeNames.add(volume.name);
    this.taskDefinition.addVolume(volume);
  }

  /**
   * The AWS CLI command that runs this task definition once (a one-off task) in a cluster:
   * `aws ecs run-task --cluster ... --task-definition ... --network-configuration ...`.
   * The returned string holds tokens that resolve at deploy time; put it in a `CfnOutput` and
   * copy it from the stack outputs. It launches on Fargate when the task is Fargate compatible,
   * otherwise on EC2. No public IP is assigned.
   */
  public runTaskCommand(options: RunTaskCommandOptions): string {
    const count = options.count ?? 1;
    checkIntegerRange(this, 'runTaskCommand.count', count, 1, 10, 'run-task starts at most 10 tasks per call');
    const awsvpc = this.networkMode === ecs.NetworkMode.AWS_VPC;
    if (awsvpc && (options.securityGroups ?? []).length === 0) {
      throw new ValidationError(this, {
        property: 'runTaskCommand.securityGroups', value: options.securityGroups ?? 'none', allowed: 'one to five security groups for an awsvpc task',
        hint: 'without one ECS uses the VPC\'s default security group, which PlatformNetwork closes, so the task could not pull its image; pass e.g. the service\'s group',
      });
    }
    checkIntegerRange(this, 'runTaskCommand.securityGroups.length', (options.securityGroups ?? []).length, awsvpc ? 1 : 0, 5, 'an awsvpc task takes one to five security groups');
    const subnets = options.cluster.vpc.selectSubnets(taskSubnets(this, options.cluster.vpc, options.vpcSubnets, awsvpc)).subnetIds;
    checkIntegerRange(this, 'runTaskCommand.vpcSubnets', subnets.length, 1, MAX_TASK_SUBNETS, 'an awsvpc task takes 1 to 16 subnets: select fewer (e.g. one per availability zone)');
    const parts = [
      'aws ecs run-task',
      `--cluster ${options.cluster.clusterName}`,
      `--task-definition ${this.taskDefinition.taskDefinitionArn}`,
      `--launch-type ${this.isFargateCompatible ? 'FARGATE' : 'EC2'}`,
      `--count ${count}`,
    ];
    if (awsvpc) {
      const sgs = (options.securityGroups ?? []).map((sg) => sg.securityGroupId);
      const sgPart = `,securityGroups=[${Fn.join(',', sgs)}]`;
      const ip = this.isFargateCompatible ? ',assignPublicIp=DISABLED' : '';
      parts.push(`--network-configuration "awsvpcConfiguration={subnets=[${Fn.join(',', subnets)}]${sgPart}${ip}}"`);
    }
    return parts.join(' ');
  }

  /**
   * A given log group replaces the one this construct makes, so the props that shape that one would
   * be ignored: refuse them. A given log group of this app that never expires gets a warning, since
   * the construct refuses to make one.
   */
  private checkGivenLogGroup(props: EcsTaskDefinitionProps): void {
    for (const [property, value] of [['logRetention', props.logRetention], ['logEncryptionKey', props.logEncryptionKey]] as const) {
      if (value === undefined) continue;
      throw new ValidationError(this, {
        property, value: property === 'logRetention' ? value : 'a key', allowed: 'nothing with logGroup (it applies to the log group this construct creates)',
        hint: 'set the retention and key on the log group you pass',
      });
    }
    const cfn = props.logGroup?.node.defaultChild;
    if (cfn instanceof logs.CfnLogGroup && cfn.retentionInDays === undefined) {
      Annotations.of(this).addWarningV2('cdk-containers:ecs-log-group-never-expires',
        `The log group ${props.logGroup!.node.path} keeps logs forever (no retention): they cost money forever, and Control Tower's CT.CLOUDWATCH.PR.2 asks for a retention. Give it one (e.g. logs.RetentionDays.ONE_YEAR).`);
    }
  }

  private validateTaskSize(props: EcsTaskDefinitionProps, arch: ecs.CpuArchitecture): void {
    const fargate = this.compatibility !== TaskCompatibility.EC2;
    this.validateNetworkMode();
    if (fargate && this.networkMode !== ecs.NetworkMode.AWS_VPC) {
      throw new ValidationError(this, { property: 'networkMode', value: this.networkMode, allowed: 'ecs.NetworkMode.AWS_VPC for Fargate-compatible tasks' });
    }
    if (!CPU_ARCHITECTURES.includes(arch._cpuArchitecture)) {
      throw new ValidationError(this, { property: 'cpuArchitecture', value: arch._cpuArchitecture, allowed: CPU_ARCHITECTURES.join(' or '), hint: 'use ecs.CpuArchitecture.X86_64 or ecs.CpuArchitecture.ARM64' });
    }
    const family = props.operatingSystemFamily?._operatingSystemFamily;
    if (family !== undefined && !OS_FAMILIES.includes(family)) {
      throw new ValidationError(this, { property: 'operatingSystemFamily', value: family, allowed: OS_FAMILIES.join(', '), hint: 'use one of the ecs.OperatingSystemFamily constants' });
    }
    if (this.windows && isArm64(arch)) {
      throw new ValidationError(this, { property: 'cpuArchitecture', value: 'ARM64', allowed: 'X86_64 for Windows containers' });
    }
    if (props.ephemeralStorageGiB !== undefined) {
      if (!fargate) {
        throw new ValidationError(this, { property: 'ephemeralStorageGiB', value: props.ephemeralStorageGiB, allowed: 'nothing for EC2-only tasks', hint: 'ephemeral storage size applies to Fargate; size EC2 instance volumes instead' });
      }
      checkIntegerRange(this, 'ephemeralStorageGiB', props.ephemeralStorageGiB, FARGATE_EPHEMERAL_STORAGE_GIB.min, FARGATE_EPHEMERAL_STORAGE_GIB.max);
    }
    if (isToken(this.cpu) || isToken(this.memoryMiB)) return;
    if (!fargate) {
      checkIntegerRange(this, 'cpu', this.cpu, 128, 196608, 'EC2 tasks take 128 (0.125 vCPU) to 196608 CPU units');
      checkIntegerRange(this, 'memoryMiB', this.memoryMiB, 6, 10_000_000);
      return;
    }
    const rows = fargateRows(this.windows);
    const row = rows.find((r) => r.cpu === this.cpu);
    if (!row) {
      throw new ValidationError(this, {
        property: 'cpu', value: this.cpu,
        allowed: `${rows.map((r) => r.cpu).join(', ')} (Fargate${this.windows ? ' with Windows' : ''})`,
        hint: this.windows ? 'Windows containers on Fargate need at least 1024 CPU units (1 vCPU)' : undefined,
      });
    }
    if (!isFargateSize(this.cpu, this.memoryMiB, this.windows)) {
      throw new ValidationError(this, {
        property: 'memoryMiB', value: this.memoryMiB,
        allowed: `cpu ${this.cpu} allows memory ${describeMemory(row)}`,
        hint: 'pick a memory size from that list, or another cpu size (Fargate sizes are fixed pairs)',
      });
    }
  }

  /** Windows tasks use awsvpc or the Windows NAT mode; Linux tasks cannot use NAT (ECS API, TaskDefinition.networkMode). */
  private validateNetworkMode(): void {
    const nat = this.networkMode === ecs.NetworkMode.NAT;
    if (this.windows && !nat && this.networkMode !== ecs.NetworkMode.AWS_VPC) {
      throw new ValidationError(this, { property: 'networkMode', value: this.networkMode, allowed: 'ecs.NetworkMode.AWS_VPC or NAT for Windows containers' });
    }
    if (!this.windows && nat) {
      throw new ValidationError(this, { property: 'networkMode', value: this.networkMode, allowed: 'AWS_VPC, BRIDGE, HOST or NONE for Linux containers (NAT is Windows only)' });
    }
  }

  private get taskContext(): TaskContext {
    return { scope: this, windows: this.windows, fargate: this.isFargateCompatible, ec2: this.isEc2Compatible, networkMode: this.networkMode };
  }

  private validateContainer(name: string, o: EcsContainerOptions): void {
    if (!NAME_PATTERN.test(name)) {
      throw new ValidationError(this, { property: 'containers[].name', value: name, allowed: '1-255 letters, digits, hyphens and underscores' });
    }
    if (this.records.some((r) => r.name === name)) {
      throw new ValidationError(this, { property: 'containers[].name', value: name, allowed: 'a name not used by another container of this task definition' });
    }
    if (this.records.length >= MAX_CONTAINERS) {
      throw new ValidationError(this, {
        property: 'containers', value: `${this.records.length + 1} containers`, allowed: `1 to ${MAX_CONTAINERS} containers per task definition`,
        hint: 'split the application into several task definitions and services',
      });
    }
    const prop = (p: string) => `containers[${name}].${p}`;
    if (this.windows && o.readonlyRootFilesystem === true) {
      throw new ValidationError(this, { property: prop('readonlyRootFilesystem'), value: true, allowed: 'false (Windows containers do not support a read-only root filesystem)' });
    }
    checkIntegerRange(this, prop('cpu'), o.cpu, 0, 196608);
    checkIntegerRange(this, prop('memoryLimitMiB'), o.memoryLimitMiB, 6, 10_000_000);
    checkIntegerRange(this, prop('memoryReservationMiB'), o.memoryReservationMiB, 6, 10_000_000);
    const limit = known(o.memoryLimitMiB);
    const reservation = known(o.memoryReservationMiB);
    if (limit !== undefined && reservation !== undefined && reservation > limit) {
      throw new ValidationError(this, { property: prop('memoryReservationMiB'), value: reservation, allowed: `at most memoryLimitMiB (${limit})`, hint: 'the reservation is the soft limit and must not exceed the hard limit' });
    }
    const taskMem = known(this.memoryMiB);
    if (taskMem !== undefined && limit !== undefined && limit > taskMem) {
      throw new ValidationError(this, { property: prop('memoryLimitMiB'), value: limit, allowed: `at most the task memory (${taskMem} MiB)` });
    }
    // Sums over all containers (they only grow, so checking at each addition is final).
    const all = [...this.records.map((r) => r.options), o];
    const taskCpu = known(this.cpu);
    const cpuSum = sum(all.map((c) => known(c.cpu) ?? 0));
    if (taskCpu !== undefined && cpuSum > taskCpu) {
      throw new ValidationError(this, { property: prop('cpu'), value: o.cpu, allowed: `container cpu sum at most the task cpu ${taskCpu} (sum would be ${cpuSum})`, hint: 'raise the task cpu or lower container reservations' });
    }
    const memSum = sum(all.map((c) => known(c.memoryLimitMiB) ?? known(c.memoryReservationMiB) ?? 0));
    if (taskMem !== undefined && memSum > taskMem) {
      throw new ValidationError(this, { property: prop(limit !== undefined ? 'memoryLimitMiB' : 'memoryReservationMiB'), value: limit ?? reservation, allowed: `container memory sum at most the task memory ${taskMem} MiB (sum would be ${memSum})`, hint: 'raise the task memoryMiB or lower container memory' });
    }
    this.validatePorts(name, o.portMappings ?? []);
    this.validateEnvironment(name, o.environment ?? {});
    checkHealthCheck(this, prop('healthCheck'), o.healthCheck);
    checkMountPoints(this.taskContext, prop('mountPoints'), o.mountPoints ?? []);
    checkProcess(this.taskContext, `containers[${name}]`, o.user, o.workingDirectory);
  }

  private validatePorts(name: string, mappings: ecs.PortMapping[]): void {
    const shared = this.networkMode === ecs.NetworkMode.AWS_VPC || this.networkMode === ecs.NetworkMode.HOST;
    const taken = new Map<string, string>();
    const sources = shared ? [...this.records.map((r) => ({ name: r.name, ports: r.options.portMappings ?? [] }))] : [];
    for (const src of sources) for (const pm of src.ports) taken.set(portKey(pm), src.name);
    const names = new Map(this.records.flatMap((r) => (r.options.portMappings ?? []).filter((p) => p.name !== undefined).map((p) => [p.name!, r.name] as const)));
    for (const pm of mappings) {
      checkPortMapping(this.taskContext, `containers[${name}].portMappings`, pm);
      if (pm.name !== undefined) {
        const owner = names.get(pm.name);
        if (owner !== undefined) {
          throw new ValidationError(this, { property: `containers[${name}].portMappings.name`, value: pm.name, allowed: `a port name not used elsewhere in this task (container "${owner}" has it)` });
        }
        names.set(pm.name, name);
      }
      if (isToken(pm.containerPort)) continue;
      if (pm.containerPort !== ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE) {
        checkIntegerRange(this, `containers[${name}].portMappings.containerPort`, pm.containerPort, 1, 65535);
      }
      if (shared && pm.hostPort !== undefined && !isToken(pm.hostPort) && pm.hostPort !== pm.containerPort) {
        throw new ValidationError(this, {
          property: `containers[${name}].portMappings.hostPort`, value: pm.hostPort,
          allowed: `${pm.containerPort} (equal to containerPort) or nothing under ${this.networkMode} networking`,
        });
      }
      const key = portKey(pm);
      const owner = taken.get(key);
      if (owner !== undefined) {
        throw new ValidationError(this, {
          property: `containers[${name}].portMappings.containerPort`, value: pm.containerPort,
          allowed: `a port not already mapped in this task (${key} is used by container "${owner}")`,
          hint: shared ? 'containers of one task share a network namespace under awsvpc/host networking' : undefined,
        });
      }
      taken.set(key, name);
    }
  }

  private validateEnvironment(name: string, env: { [key: string]: string }): void {
    const secretLike = Object.keys(env).filter((key) => SECRET_NAME.test(key) && !CREDENTIAL_KEYS.includes(key.toUpperCase()));
    if (secretLike.length) {
      Annotations.of(this).addWarningV2('cdk-containers:ecs-secret-in-environment',
        `Container "${name}" has plain environment variables named like secrets (${secretLike.join(', ')}): their values are stored in the task definition, readable by anyone who can describe it. Pass them in \`secrets\` (ecs.Secret.fromSecretsManager or fromSsmParameter) instead.`);
    }
    for (const [key, value] of Object.entries(env)) {
      const badKey = CREDENTIAL_KEYS.includes(key.toUpperCase());
      const badValue = typeof value === 'string' && !Token.isUnresolved(value) && ACCESS_KEY_VALUE.test(value);
      if (badKey || badValue) {
        throw new ValidationError(this, {
          property: `containers[${name}].environment.${key}`, value: badKey ? key : '<redacted access key id>',
          allowed: 'no AWS credentials in plain environment variables',
          hint: 'give the task a taskRole for AWS access, or pass other credentials through `secrets` (ecs.Secret.fromSecretsManager)',
        });
      }
    }
  }

  private validateFinishedTree(): string[] {
    if (this.records.length === 0) {
      throw new ValidationError(this, { property: 'containers', value: '0 containers', allowed: `1 to ${MAX_CONTAINERS} containers per task definition`, hint: 'pass `containers` or call addContainer()' });
    }
    if (!this.records.some((r) => r.options.essential ?? true)) {
      throw new ValidationError(this, { property: 'containers[].essential', value: false, allowed: 'at least one essential container' });
    }
    for (const r of this.records) {
      for (const mp of r.options.mountPoints ?? []) {
        if (!this.volumeNames.has(mp.sourceVolume)) {
          throw new ValidationError(this, {
            property: `containers[${r.name}].mountPoints.sourceVolume`, value: mp.sourceVolume,
            allowed: this.volumeNames.size ? `one of the task's volumes: ${[...this.volumeNames].join(', ')}` : 'the name of a task volume (this task definition has none)',
            hint: 'declare the volume in `volumes` or with addVolume()',
          });
        }
      }
    }
    return [];
  }
}

/**
 * Runs an aws-cdk-lib call with input the library has checked; an error aws-cdk-lib still throws
 * (a rule the library does not know yet) is rethrown as a ValidationError with the path and property.
 */
function rethrowWithPath<T>(scope: Construct, property: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (ContainerErrors.isValidationError(e) || !(e instanceof Error)) throw e;
    throw new ValidationError(scope, { property, value: 'the given options', allowed: `what aws-cdk-lib accepts: ${e.message}` });
  }
}

function toL2Compatibility(c: TaskCompatibility): ecs.Compatibility {
  switch (c) {
    case TaskCompatibility.EC2: return ecs.Compatibility.EC2;
    case TaskCompatibility.EC2_AND_FARGATE: return ecs.Compatibility.EC2_AND_FARGATE;
    default: return ecs.Compatibility.FARGATE;
  }
}

function known(n: number | undefined): number | undefined {
  return n === undefined || isToken(n) ? undefined : n;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function portKey(pm: ecs.PortMapping): string {
  return `${pm.containerPort}/${pm.protocol ?? ecs.Protocol.TCP}`;
}
