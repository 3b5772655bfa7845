/**
 * Template drift guard for the integ apps (what integ-runner's snapshots would do; the newest
 * integ-runner cannot read this aws-cdk-lib's cloud assembly). Asset hashes are blanked by
 * test/support/asset-hash-serializer.ts. Fast: synthesis only, no deploy.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from './integ.ecr';
import * as ecsEc2 from './integ.ecs-ec2';
import * as ecsFargate from './integ.ecs-fargate';
import * as ecsTraffic from './integ.ecs-traffic';
import * as eks from './integ.eks';
import * as eksWorkloads from './integ.eks-workloads';
import * as platform from './integ.platform';

const APPS: Array<[string, (app: App) => Stack[], Record<string, string>]> = [
  ['integ.ecr', ecr.build, {}],
  ['integ.ecr v2', ecr.build, { 'integ:variant': 'v2' }],
  ['integ.ecs-fargate', ecsFargate.build, {}],
  ['integ.ecs-fargate v2', ecsFargate.build, { 'integ:variant': 'v2' }],
  ['integ.ecs-ec2', ecsEc2.build, {}],
  ['integ.ecs-traffic', ecsTraffic.build, {}],
  ['integ.eks', eks.build, {}],
  ['integ.eks v2', eks.build, { 'integ:variant': 'v2' }],
  ['integ.eks-workloads', eksWorkloads.build, {}],
  ['integ.platform', platform.build, {}],
];

describe('integ app templates', () => {
  test.each(APPS)('%s', (_name, build, context) => {
    // GIVEN
    const app = new App({ context });
    // WHEN
    const stacks = build(app);
    // THEN
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) {
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot(stack.stackName);
    }
  });
});
