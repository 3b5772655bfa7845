import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { checkIntegerRange, isToken } from '../../private/validate';

/*
 * The rules ECS applies to a container's and a task's fields (ECS API reference: ContainerDefinition,
 * HealthCheck, PortMapping, MountPoint, Volume, EFSVolumeConfiguration; the developer guide pages
 * named at each rule), checked before aws-cdk-lib sees the values so the error names the property.
 */

/** Volume names: up to 255 letters, digits, underscores and hyphens (ECS API, Volume.name). */
const VOLUME_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** Service Connect port names: up to 64 lower-case letters, digits, underscores and hyphens, not starting with a hyphen (ECS API, PortMapping.name). */
const PORT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
/** EFS file system ids (EFS API, FileSystemId). */
const EFS_ID = /^fs-[0-9a-f]{8,40}$/;
/** `user`, `user:group`, `uid`, `uid:gid`, `user:gid`, `uid:group` (ECS API, ContainerDefinition.user). */
const USER = /^[^:\s]+(:[^:\s]+)?$/;
/**
 * Host ports the ECS container agent reserves on every container instance (ECS developer guide,
 * "Container instance": 22, 2375, 2376, 51678-51680): a task that maps one never starts.
 */
const RESERVED_HOST_PORTS = [22, 2375, 2376, 51678, 51679, 51680];
/** Log drivers Fargate supports (ECS API, LogConfiguration.logDriver). */
const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

/** What the container checks need to know about the task definition. */
export interface TaskContext {
  readonly scope: IConstruct;
  readonly windows: boolean;
  readonly fargate: boolean;
  readonly ec2: boolean;
  readonly networkMode: ecs.NetworkMode;
}

/** Whole seconds of a duration, or undefined for a token; a fraction of a second is an error. */
function seconds(scope: IConstruct, property: string, d: Duration | undefined): number | undefined {
  if (d === undefined || d.isUnresolved()) return undefined;
  const s = d.toSeconds({ integral: false });
  if (!Number.isInteger(s)) throw new ValidationError(scope, { property, value: d.toString(), allowed: 'a whole number of seconds' });
  return s;
}

/** The container health check: HealthCheck's ranges, and aws-cdk-lib's interval-not-below-timeout rule. */
export function checkHealthCheck(scope: IConstruct, prefix: string, hc: ecs.HealthCheck | undefined): void {
  if (!hc) return;
  if (!isToken(hc.command) && (hc.command.length === 0 || (hc.command.length === 1 && /^(CMD|CMD-SHELL)$/.test(hc.command[0]!)))) {
    throw new ValidationError(scope, {
      property: `${prefix}.command`, value: hc.command, allowed: 'a command: ["CMD-SHELL", "<shell command>"], ["CMD", "<executable>", ...args], or one shell command',
    });
  }
  const interval = seconds(scope, `${prefix}.interval`, hc.interval);
  const timeout = seconds(scope, `${prefix}.timeout`, hc.timeout);
  checkIntegerRange(scope, `${prefix}.interval`, interval, 5, 300, 'ECS health checks run every 5 to 300 seconds (default 30)');
  checkIntegerRange(scope, `${prefix}.timeout`, timeout, 2, 120, 'ECS waits 2 to 120 seconds for a health check (default 5)');
  checkIntegerRange(scope, `${prefix}.retries`, hc.retries, 1, 10);
  checkIntegerRange(scope, `${prefix}.startPeriod`, seconds(scope, `${prefix}.startPeriod`, hc.startPeriod), 0, 300);
  const effectiveInterval = interval ?? (hc.interval ? undefined : 30);
  const effectiveTimeout = timeout ?? (hc.timeout ? undefined : 5);
  if (effectiveInterval !== undefined && effectiveTimeout !== undefined && effectiveTimeout > effectiveInterval) {
    throw new ValidationError(scope, {
      property: `${prefix}.${timeout !== undefined ? 'timeout' : 'interval'}`, value: `${timeout ?? interval} seconds`,
      allowed: `a timeout no longer than the interval (interval ${effectiveInterval} s, timeout ${effectiveTimeout} s)`,
    });
  }
}

/** One container's port mappings: ranges, names, app protocols, and host ports the network mode and the ECS agent allow. */
export function checkPortMapping(ctx: TaskContext, prefix: string, pm: ecs.PortMapping): void {
  const { scope, networkMode } = ctx;
  const bridgeOrAwsvpc = networkMode === ecs.NetworkMode.BRIDGE || networkMode === ecs.NetworkMode.AWS_VPC;
  if (pm.containerPortRange !== undefined) {
    if (isToken(pm.containerPortRange)) {
      throw new ValidationError(scope, { property: `${prefix}.containerPortRange`, value: pm.containerPortRange, allowed: 'a literal "start-end" range', hint: 'aws-cdk-lib must read the range at synth' });
    }
    const m = /^(\d+)-(\d+)$/.exec(pm.containerPortRange);
    const [start, end] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!m || start < 1 || end > 65535 || start >= end) {
      throw new ValidationError(scope, { property: `${prefix}.containerPortRange`, value: pm.containerPortRange, allowed: '"start-end" with 1 <= start < end <= 65535' });
    }
    if (pm.containerPort !== ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE) {
      throw new ValidationError(scope, { property: `${prefix}.containerPort`, value: pm.containerPort, allowed: 'ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE with containerPortRange' });
    }
    if (pm.hostPort !== undefined) throw new ValidationError(scope, { property: `${prefix}.hostPort`, value: pm.hostPort, allowed: 'nothing with a containerPortRange' });
    if (!bridgeOrAwsvpc) throw new ValidationError(scope, { property: `${prefix}.containerPortRange`, value: pm.containerPortRange, allowed: `nothing under ${networkMode} networking (port ranges need awsvpc or bridge)` });
  } else if (pm.containerPort === ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE) {
    throw new ValidationError(scope, { property: `${prefix}.containerPortRange`, value: undefined, allowed: 'a "start-end" range when containerPort is CONTAINER_PORT_USE_RANGE' });
  }
  checkIntegerRange(scope, `${prefix}.hostPort`, pm.hostPort, 0, 65535, '0 (or nothing) lets ECS pick a dynamic host port under bridge networking');
  const hostPort = networkMode === ecs.NetworkMode.HOST ? (pm.hostPort ?? pm.containerPort) : pm.hostPort;
  if (ctx.ec2 && (networkMode === ecs.NetworkMode.BRIDGE || networkMode === ecs.NetworkMode.HOST) && hostPort !== undefined && !isToken(hostPort) && RESERVED_HOST_PORTS.includes(hostPort)) {
    throw new ValidationError(scope, {
      property: `${prefix}.hostPort`, value: hostPort, allowed: `a host port the ECS agent does not reserve (not ${RESERVED_HOST_PORTS.join(', ')})`,
      hint: 'under bridge networking leave hostPort out for a dynamic port; under host networking the container port is the host port',
    });
  }
  if (pm.name !== undefined && !isToken(pm.name) && !PORT_NAME.test(pm.name)) {
    throw new ValidationError(scope, { property: `${prefix}.name`, value: pm.name, allowed: 'up to 64 lower-case letters, digits, underscores and hyphens, not starting with a hyphen' });
  }
  if (pm.appProtocol !== undefined && pm.name === undefined) {
    throw new ValidationError(scope, { property: `${prefix}.appProtocol`, value: pm.appProtocol.value, allowed: 'an appProtocol only with a port mapping name', hint: 'Service Connect refers to the port by its name: set `name`' });
  }
  if ((pm.name !== undefined || pm.appProtocol !== undefined) && !bridgeOrAwsvpc) {
    throw new ValidationError(scope, { property: `${prefix}.name`, value: pm.name, allowed: `no Service Connect port name or appProtocol under ${networkMode} networking (awsvpc or bridge only)` });
  }
}

/** Mount points: absolute container paths on Linux, each path once per container. */
export function checkMountPoints(ctx: TaskContext, prefix: string, mountPoints: readonly ecs.MountPoint[]): void {
  const seen = new Set<string>();
  for (const mp of mountPoints) {
    if (isToken(mp.containerPath)) continue;
    if (!ctx.windows && !mp.containerPath.startsWith('/')) {
      throw new ValidationError(ctx.scope, { property: `${prefix}.containerPath`, value: mp.containerPath, allowed: 'an absolute path (starting with "/")' });
    }
    if (seen.has(mp.containerPath)) {
      throw new ValidationError(ctx.scope, { property: `${prefix}.containerPath`, value: mp.containerPath, allowed: 'a path mounted once per container', hint: 'Docker refuses two mounts at one path' });
    }
    seen.add(mp.containerPath);
  }
}

/** The process fields: the user (not on Windows; ECS's formats) and the working directory (absolute on Linux). */
export function checkProcess(ctx: TaskContext, prefix: string, user: string | undefined, workingDirectory: string | undefined): void {
  if (user !== undefined && ctx.windows) {
    throw new ValidationError(ctx.scope, { property: `${prefix}.user`, value: user, allowed: 'nothing for Windows containers (ECS does not support user on Windows)' });
  }
  if (user !== undefined && !isToken(user) && !USER.test(user)) {
    throw new ValidationError(ctx.scope, { property: `${prefix}.user`, value: user, allowed: 'user, user:group, uid, uid:gid, user:gid or uid:group' });
  }
  if (workingDirectory !== undefined && !isToken(workingDirectory) && !ctx.windows && !workingDirectory.startsWith('/')) {
    throw new ValidationError(ctx.scope, { property: `${prefix}.workingDirectory`, value: workingDirectory, allowed: 'an absolute path (starting with "/")', hint: 'Docker refuses a relative working directory' });
  }
}

/** The image reference: not empty, no whitespace, at most 255 characters (ECS API, ContainerDefinition.image). */
export function checkImageName(scope: IConstruct, property: string, imageName: string): void {
  if (isToken(imageName) || imageName.includes('${Token[')) return;
  if (imageName.length === 0 || imageName.length > 255 || /\s/.test(imageName)) {
    throw new ValidationError(scope, { property, value: imageName, allowed: 'an image reference of 1 to 255 characters without spaces (repository[:tag] or repository@digest)' });
  }
}

/** The log driver: Fargate supports awslogs, splunk and awsfirelens, and Windows on Fargate awslogs only. */
export function checkLogDriver(ctx: TaskContext, property: string, driver: string | undefined): void {
  if (!ctx.fargate || driver === undefined) return;
  const allowed = ctx.windows ? ['awslogs'] : FARGATE_LOG_DRIVERS;
  if (!allowed.includes(driver)) {
    throw new ValidationError(ctx.scope, { property, value: driver, allowed: `${allowed.join(', ')} for a Fargate${ctx.windows ? ' Windows' : ''} task`, hint: 'other drivers need EC2 capacity (TaskCompatibility.EC2)' });
  }
}

/** A volume: its name, and what the task's platform supports (EFS options, Docker volumes and host paths). */
export function checkVolume(ctx: TaskContext, volume: ecs.Volume): void {
  const { scope } = ctx;
  const prop = (p: string): string => `volumes[${volume.name}].${p}`;
  if (!isToken(volume.name) && !VOLUME_NAME.test(volume.name)) {
    throw new ValidationError(scope, { property: 'volumes[].name', value: volume.name, allowed: '1-255 letters, digits, underscores and hyphens' });
  }
  if (ctx.fargate && volume.host?.sourcePath !== undefined) {
    throw new ValidationError(scope, { property: prop('host.sourcePath'), value: volume.host.sourcePath, allowed: 'nothing on Fargate (no host paths)', hint: 'leave host out for a task-scoped scratch volume, or use EFS' });
  }
  const docker = volume.dockerVolumeConfiguration;
  if (docker) {
    if (ctx.fargate) throw new ValidationError(scope, { property: prop('dockerVolumeConfiguration'), value: docker.driver, allowed: 'nothing on Fargate (Docker volumes need EC2)' });
    if (docker.autoprovision && docker.scope === ecs.Scope.TASK) {
      throw new ValidationError(scope, { property: prop('dockerVolumeConfiguration.autoprovision'), value: true, allowed: 'autoprovision only with scope ecs.Scope.SHARED' });
    }
  }
  const efs = volume.efsVolumeConfiguration;
  if (!efs) return;
  if (ctx.windows) {
    throw new ValidationError(scope, { property: prop('efsVolumeConfiguration'), value: efs.fileSystemId, allowed: 'nothing for Windows containers (ECS mounts EFS on Linux only)', hint: 'Windows tasks use FSx for Windows File Server' });
  }
  if (!isToken(efs.fileSystemId) && !EFS_ID.test(efs.fileSystemId)) {
    throw new ValidationError(scope, { property: prop('efsVolumeConfiguration.fileSystemId'), value: efs.fileSystemId, allowed: 'an EFS file system id (fs- and 8 to 40 hex digits)' });
  }
  if (efs.transitEncryption !== 'ENABLED') {
    throw new ValidationError(scope, {
      property: prop('efsVolumeConfiguration.transitEncryption'), value: efs.transitEncryption,
      allowed: '"ENABLED"', hint: 'EFS traffic must be encrypted in transit: set transitEncryption: "ENABLED"',
    });
  }
  checkIntegerRange(scope, prop('efsVolumeConfiguration.transitEncryptionPort'), efs.transitEncryptionPort, 1, 65535);
  const auth = efs.authorizationConfig;
  if (auth?.iam !== undefined && !['ENABLED', 'DISABLED'].includes(auth.iam)) {
    throw new ValidationError(scope, { property: prop('efsVolumeConfiguration.authorizationConfig.iam'), value: auth.iam, allowed: '"ENABLED" or "DISABLED"' });
  }
  if (auth?.accessPointId !== undefined && efs.rootDirectory !== undefined && !isToken(efs.rootDirectory) && efs.rootDirectory !== '/') {
    throw new ValidationError(scope, {
      property: prop('efsVolumeConfiguration.rootDirectory'), value: efs.rootDirectory, allowed: 'nothing or "/" with an access point',
      hint: 'the access point sets the directory; ECS refuses another root directory',
    });
  }
}
