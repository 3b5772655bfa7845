import { Duration } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  TaskContext, checkHealthCheck, checkImageName, checkLogDriver, checkMountPoints, checkPortMapping, checkProcess, checkVolume,
} from '../../../../lib/ecs/private/container-checks';
import { newStack } from '../../../support/stack';
import { thrownBy } from '../../../support/thrown';

// lib/ecs/private/container-checks.ts: ECS's field rules for containers and volumes (the validation
// table runs them through EcsTaskDefinition; these pin the messages and the context each depends on).

const fargate = (o: Partial<TaskContext> = {}): TaskContext => ({ scope: newStack(), windows: false, fargate: true, ec2: false, networkMode: ecs.NetworkMode.AWS_VPC, ...o });
const ec2Bridge = (o: Partial<TaskContext> = {}): TaskContext => fargate({ fargate: false, ec2: true, networkMode: ecs.NetworkMode.BRIDGE, ...o });
const msg = (f: () => void): string | undefined => (thrownBy(f) as Error | undefined)?.message;

test('health check: ranges, whole seconds, timeout within the interval (defaults 30 and 5 count)', () => {
  const hc = (o: Partial<ecs.HealthCheck>) => () => checkHealthCheck(newStack(), 'hc', { command: ['CMD-SHELL', 'true'], ...o });
  expect(msg(hc({ interval: Duration.seconds(301) }))).toBe('[Stack] hc.interval: got 301; allowed: a whole number from 5 to 300. Hint: ECS health checks run every 5 to 300 seconds (default 30)');
  expect(msg(hc({ timeout: Duration.millis(2500) }))).toMatch(/^\[Stack\] hc\.timeout: got .*; allowed: a whole number of seconds\.$/);
  expect(msg(hc({ timeout: Duration.seconds(31) }))).toMatch(/hc\.timeout: got "31 seconds"; allowed: a timeout no longer than the interval \(interval 30 s, timeout 31 s\)/);
  expect(msg(hc({ interval: Duration.seconds(5) }))).toBeUndefined(); // default timeout 5
  expect(msg(hc({ command: ['CMD'] }))).toMatch(/hc\.command: got \["CMD"\]/);
  expect(msg(hc({ command: ['curl -f localhost'] }))).toBeUndefined();
});

test('port mappings: reserved host ports only where the agent owns the host\'s ports', () => {
  expect(msg(() => checkPortMapping(ec2Bridge(), 'p', { containerPort: 80, hostPort: 51678 }))).toMatch(/p\.hostPort: got 51678; allowed: a host port the ECS agent does not reserve/);
  // Under host networking the container port is the host port.
  expect(msg(() => checkPortMapping(ec2Bridge({ networkMode: ecs.NetworkMode.HOST }), 'p', { containerPort: 22 }))).toMatch(/p\.hostPort: got 22/);
  expect(msg(() => checkPortMapping(fargate(), 'p', { containerPort: 22 }))).toBeUndefined();
  expect(msg(() => checkPortMapping(ec2Bridge({ networkMode: ecs.NetworkMode.HOST }), 'p', { containerPort: 80, name: 'web' }))).toMatch(/p\.name: got "web"; allowed: no Service Connect port name/);
  expect(msg(() => checkPortMapping(fargate(), 'p', { containerPort: ecs.ContainerDefinition.CONTAINER_PORT_USE_RANGE }))).toMatch(/p\.containerPortRange: got nothing/);
});

test('paths and users: Linux rules, Windows exceptions', () => {
  expect(msg(() => checkMountPoints(fargate(), 'm', [{ sourceVolume: 'v', containerPath: '/a', readOnly: true }, { sourceVolume: 'w', containerPath: '/a', readOnly: true }])))
    .toMatch(/m\.containerPath: got "\/a"; allowed: a path mounted once per container/);
  expect(msg(() => checkMountPoints(fargate({ windows: true }), 'm', [{ sourceVolume: 'v', containerPath: 'C:\\data', readOnly: true }]))).toBeUndefined();
  expect(msg(() => checkProcess(fargate({ windows: true }), 'c', 'app', undefined))).toMatch(/c\.user: got "app"; allowed: nothing for Windows containers/);
  expect(msg(() => checkProcess(fargate(), 'c', undefined, 'srv'))).toMatch(/c\.workingDirectory: got "srv"; allowed: an absolute path/);
});

test('image names and log drivers', () => {
  expect(msg(() => checkImageName(newStack(), 'image', 'a'.repeat(256)))).toMatch(/image: got "a+"; allowed: an image reference of 1 to 255 characters/);
  expect(msg(() => checkLogDriver(fargate({ windows: true }), 'logging', 'splunk'))).toMatch(/logging: got "splunk"; allowed: awslogs for a Fargate Windows task/);
  expect(msg(() => checkLogDriver(ec2Bridge(), 'logging', 'syslog'))).toBeUndefined();
});

test('volumes: what each platform supports', () => {
  const efs = { name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-0123abcd', transitEncryption: 'ENABLED' } };
  expect(msg(() => checkVolume(fargate({ windows: true }), efs))).toMatch(/volumes\[data\]\.efsVolumeConfiguration: got "fs-0123abcd"; allowed: nothing for Windows containers/);
  expect(msg(() => checkVolume(ec2Bridge(), { name: 'logs', host: { sourcePath: '/var/log' } }))).toBeUndefined();
  expect(msg(() => checkVolume(fargate(), { name: 'logs', host: { sourcePath: '/var/log' } }))).toMatch(/volumes\[logs\]\.host\.sourcePath: got "\/var\/log"; allowed: nothing on Fargate/);
});
