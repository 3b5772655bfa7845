import { App, Stack } from 'aws-cdk-lib';
import { complianceGate } from '../../examples/compliance';
import { ecrExamples } from '../../examples/ecr';
import { ecsApps } from '../../examples/ecs-apps';
import { ecsCompute } from '../../examples/ecs-compute';
import { ecsDeployments } from '../../examples/ecs-deployments';
import { ecsServiceConnect } from '../../examples/ecs-service-connect';
import { ecsSharedLoadBalancer } from '../../examples/ecs-shared-load-balancer';
import { buildEksExamples } from '../../examples/eks';
import { eksWorkloads, fargateJobs } from '../../examples/eks-workloads';
import { appKeys } from '../../examples/kms';
import { imagesStack } from '../../examples/quick-start';
import { splitStacks } from '../../examples/split-stacks';
import { runCompliance } from '../support/compliance';

// The README's examples (examples/), each as the README builds it, under every tool of the tier.
// What the library builds in them must pass every pack and rule folder. Next to the library the
// examples build resources of their own, or make choices a reviewer must see; those are the
// example user's and stay reported, as they would in the user's app. Each is listed here with why.
const env = { region: 'eu-west-1' };
const EXAMPLES: Array<[string, (app: App) => void, string[]]> = [
  ['quick start (examples/quick-start.ts)', (app) => { imagesStack(app); },
    ['Images/Ci/DefaultPolicy/Resource']], // the CI role is the user's: its policy is inline
  ['ECR (examples/ecr.ts)', (app) => { ecrExamples(new Stack(app, 'Ecr', { env })); },
    ['Ecr/Task/', 'Ecr/TaskRole/', 'Ecr/NodeRole/']], // a plain aws-cdk-lib task definition and roles pulling from the repositories
  ['ECS compute (examples/ecs-compute.ts)', (app) => { ecsCompute(new Stack(app, 'Compute', { env })); }, []],
  ['ECS applications (examples/ecs-apps.ts)', (app) => { ecsApps(new Stack(app, 'Shop', { env })); }, []],
  ['ECS deployments (examples/ecs-deployments.ts)', (app) => { ecsDeployments(new Stack(app, 'Deployments', { env })); }, []],
  ['ECS Service Connect (examples/ecs-service-connect.ts)', (app) => { ecsServiceConnect(new Stack(app, 'Connect', { env })); }, ['Connect/StorefrontTask/']], // the example's plain environment variable (AwsSolutions-ECS2)
  ['ECS shared load balancers (examples/ecs-shared-load-balancer.ts)', (app) => { ecsSharedLoadBalancer(new Stack(app, 'Platform', { env })); }, []],
  ['EKS workloads (examples/eks-workloads.ts)', (app) => {
    // The image URIs need an account; its zones are given as `cdk context` would cache them.
    app.node.setContext('availability-zones:account=123456789012:region=eu-west-1', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    eksWorkloads(new Stack(app, 'Workloads', { env: { ...env, account: '123456789012' } }));
  }, ['Workloads/Cluster/PodIdentity-shop-worker/Role/DefaultPolicy/']], // the example's grantRead on a bucket (s3:GetObject* on its objects)
  ['EKS jobs on Fargate with IRSA (examples/eks-workloads.ts)', (app) => {
    app.node.setContext('availability-zones:account=123456789012:region=eu-west-1', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    fargateJobs(new Stack(app, 'Jobs', { env: { ...env, account: '123456789012' } }));
  }, ['Jobs/Cluster/Irsa-jobs-reporter/Role/DefaultPolicy/']], // the example's grantRead on a bucket, to the IRSA role
  ['EKS (examples/eks.ts)', (app) => { buildEksExamples(new Stack(app, 'Examples', { env })); }, [
    'Examples/Orders/', // the user's bucket, made with aws-cdk-lib's defaults
    'Examples/Shop/ApiIdentity/Role/DefaultPolicy/Resource', // the user's read/write grant on that bucket, to the Pod Identity role
    'Examples/Mixed/Resource/Resource', // a public endpoint the example chooses: the user's to accept
    'Examples/Observed/Addons/aws-mountpoint-s3-csi-driver/Role/DefaultPolicy/Resource', // the user's read grant on that bucket, to the add-on's role
    'Examples/Observed/Addons/aws-network-flow-monitoring-agent/Role/Resource', // the AWS managed policy the example gives an add-on by name
    'Examples/Ack/Role/DefaultPolicy/Resource', // the queues of a prefix (shop-*) the example lets ACK manage: its wildcard is the user's
  ]],
  ['keys (examples/kms.ts)', (app) => { appKeys(new Stack(app, 'Keys', { env })); }, ['Keys/Jobs/']], // the user's queue
  ['split stacks (examples/split-stacks.ts)', (app) => { splitStacks(app); }, []],
  ['the gate in your app (examples/compliance.ts)', (app) => { complianceGate(app); }, []],
];

describe('compliance tier: the README examples', () => {
  test.each(EXAMPLES)('%s: no unacknowledged finding but on what the example builds or chooses itself', (name, build, users) => {
    const result = runCompliance(build);
    const theirs = (path: string) => users.some((u) => (u.endsWith('/') ? path.startsWith(u) : path === u));
    console.log(`${name}: ${JSON.stringify(result.counts)}`);
    expect(result.templates.length).toBeGreaterThan(0);
    expect(result.findings.filter((f) => !theirs(f.path))).toEqual([]);
    // Every listed resource is still reported: nothing listed here is stale.
    for (const user of users) expect([user, result.findings.some((f) => theirs(f.path) && (user.endsWith('/') ? f.path.startsWith(user) : f.path === user))]).toEqual([user, true]);
  });
});
