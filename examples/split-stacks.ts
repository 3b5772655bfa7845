// The README's Performance section: past about 55 services a stack is full (500 resources), so the
// cluster goes in one stack and services in others. Compiled by `npm run build`, synthesized by
// test/examples/split-stacks.test.ts.
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EcsCluster, EcsService, EcsTaskDefinition } from '../lib';

/** Builds the platform stack and one service stack per team into `app`; returns the stacks. */
export function splitStacks(app: App): Stack[] {
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx-unprivileged:1.27');
  const platform = new Stack(app, 'Platform');
  const cluster = new EcsCluster(platform, 'Cluster');
  const stacks = [platform];
  for (const team of ['Payments', 'Search', 'Catalog']) {
    const stack = new Stack(app, `${team}Services`);
    const task = new EcsTaskDefinition(stack, 'Task', { containers: [{ name: 'app', image, user: '101' }] });
    new EcsService(stack, 'Service', { cluster: cluster.cluster, taskDefinition: task });
    stacks.push(stack);
  }
  return stacks;
}
