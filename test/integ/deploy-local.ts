/**
 * `npm run deploy:local [-- --once]`: the shipped local deploy (`cdk-containers/local`,
 * `startLocalDeploy`) on the reference platform app (bin/app.ts): starts the local AWS emulator,
 * bootstraps it, deploys the app with the real CDK CLI, prints what exists per service with
 * counts, and keeps the emulator running until Ctrl-C (or exits at once with `--once`).
 * Exits non-zero when the deploy fails or a resource was skipped that is not a known emulator gap.
 */
import { CloudFormationClient, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeInstancesCommand, DescribeNatGatewaysCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient, ListClustersCommand, ListServicesCommand, ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';
import { EKSClient, ListClustersCommand as ListEksClustersCommand, ListFargateProfilesCommand, ListNodegroupsCommand } from '@aws-sdk/client-eks';
import * as path from 'path';
import { LocalDeploy, startLocalDeploy } from '../../local/deploy';
import { unexplainedSkips } from '../../local/resources';
import { ClientConfig } from '../../local/target';

const ROOT = path.join(__dirname, '..', '..');
const APP = path.join(ROOT, 'bin', 'app.ts');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

async function inventory(c: ClientConfig): Promise<Array<[string, number, string[]]>> {
  const [cfn, ecr, ecs, eks, ec2] = [new CloudFormationClient(c), new ECRClient(c), new ECSClient(c), new EKSClient(c), new EC2Client(c)];
  const stacks = ((await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []).filter((s) => s.StackStatus !== 'DELETE_COMPLETE');
  const repos = (await ecr.send(new DescribeRepositoriesCommand({}))).repositories ?? [];
  const clusters = (await ecs.send(new ListClustersCommand({}))).clusterArns ?? [];
  const services: string[] = [];
  for (const cluster of clusters) services.push(...((await ecs.send(new ListServicesCommand({ cluster }))).serviceArns ?? []));
  const taskDefinitions = (await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns ?? [];
  const eksClusters = (await eks.send(new ListEksClustersCommand({}))).clusters ?? [];
  const nodegroups: string[] = [];
  const profiles: string[] = [];
  for (const clusterName of eksClusters) {
    nodegroups.push(...((await eks.send(new ListNodegroupsCommand({ clusterName }))).nodegroups ?? []).map((n) => `${clusterName}/${n}`));
    profiles.push(...((await eks.send(new ListFargateProfilesCommand({ clusterName }))).fargateProfileNames ?? []).map((n) => `${clusterName}/${n}`));
  }
  const vpcs = ((await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? []).filter((v) => !v.IsDefault);
  const vpcIds = vpcs.map((v) => v.VpcId!);
  const inVpcs = vpcIds.length ? [{ Name: 'vpc-id', Values: vpcIds }] : [{ Name: 'vpc-id', Values: ['none'] }];
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: inVpcs }))).Subnets ?? [];
  const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: inVpcs }))).SecurityGroups ?? [];
  const nats = ((await ec2.send(new DescribeNatGatewaysCommand({}))).NatGateways ?? []).filter((n) => n.State !== 'deleted');
  const instances = ((await ec2.send(new DescribeInstancesCommand({}))).Reservations ?? []).flatMap((r) => r.Instances ?? []);
  const short = (arn: string) => arn.split('/').slice(1).join('/') || arn;
  return [
    ['CloudFormation stacks', stacks.length, stacks.map((s) => `${s.StackName} (${s.StackStatus})`)],
    ['ECR repositories', repos.length, repos.map((r) => r.repositoryName!)],
    ['ECS clusters', clusters.length, clusters.map(short)],
    ['ECS services', services.length, services.map(short)],
    ['ECS task definitions', taskDefinitions.length, taskDefinitions.map(short)],
    ['EKS clusters', eksClusters.length, eksClusters],
    ['EKS node groups', nodegroups.length, nodegroups],
    ['EKS Fargate profiles', profiles.length, profiles],
    ['EC2 VPCs (non-default)', vpcs.length, vpcIds],
    ['EC2 subnets in them', subnets.length, []],
    ['EC2 security groups in them', groups.length, []],
    ['EC2 NAT gateways', nats.length, nats.map((n) => n.NatGatewayId!)],
    ['EC2 instances', instances.length, instances.map((i) => `${i.InstanceId} ${i.InstanceType}`)],
  ];
}

async function main(): Promise<number> {
  const once = process.argv.includes('--once');
  process.stdout.write('Starting the local AWS emulator (moto with local/emulator)...\n');
  let deployment: LocalDeploy;
  try {
    // The shipped local deploy (cdk-containers/local), run on the reference app with the repository's CLI.
    deployment = await startLocalDeploy({ app: `${TSX} ${APP}`, cwd: ROOT, cli: CDK, name: 'reference-app' });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  let code = 0;
  try {
    for (const account of deployment.accounts) unexplainedSkips(account);
    if (deployment.unexplained.length) {
      process.stdout.write(`  skipped without a known reason: ${deployment.unexplained.join(', ')}\n`);
      code = 1;
    }
    process.stdout.write('\nWhat exists in the emulator:\n');
    for (const [what, count, names] of await inventory(deployment.clientConfig)) {
      process.stdout.write(`  ${what.padEnd(30)} ${String(count).padStart(3)}${names.length ? `  ${names.join(', ')}` : ''}\n`);
    }
    if (!once) {
      process.stdout.write(`\nEmulator running at ${deployment.endpoint} (region ${deployment.clientConfig.region}, account 123456789012, any credentials).\n` +
        `Try: ${Object.entries(deployment.env).filter(([k]) => !k.startsWith('CDK_')).map(([k, v]) => `${k}=${v}`).join(' ')} aws ecs list-clusters\n` +
        'Press Ctrl-C to stop it.\n');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
    }
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    code = 1;
  } finally {
    await deployment.close();
  }
  return code;
}

void main().then((code) => process.exit(code));
