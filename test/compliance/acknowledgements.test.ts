import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PlatformPipelineStack } from '../../bin/pipeline-stack';
import { EcrRepository } from '../../lib/ecr';
import { ClusterCapacity, EcsCluster, EcsService, EcsTaskDefinition } from '../../lib/ecs';
import { EksCapacity, EksCluster } from '../../lib/eks';
import { runCompliance } from '../support/compliance';

// Every construct that acknowledges a finding: a finding the user adds to the same construct (the
// same role, policy or security group) is still reported. Each case would pass if an
// acknowledgement covered the construct's subtree or the same finding id wherever it came from.
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx-unprivileged:1.27');
const WILDCARD = (action: string) => new iam.PolicyStatement({ actions: [action], resources: ['*'] });
const env = { region: 'eu-west-1' };

function task(stack: Stack): EcsTaskDefinition {
  return new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: IMAGE, user: '101', portMappings: [{ containerPort: 8080 }] }] });
}

const CASES: Array<[string, (app: App) => void, string, RegExp]> = [
  ['EcsTaskDefinition: a wildcard on the execution role, next to the library\'s ECR token grant', (app) => {
    task(new Stack(app, 'Apps', { env })).taskDefinition.addToExecutionRolePolicy(WILDCARD('secretsmanager:GetSecretValue'));
  }, 'AwsSolutions-IAM5[Resource::*]', /^Apps\/App\/Resource\/ExecutionRole\/DefaultPolicy\/Resource$/],
  ['EcsTaskDefinition: a wildcard on the task role', (app) => {
    task(new Stack(app, 'Apps', { env })).taskDefinition.addToTaskRolePolicy(WILDCARD('s3:GetObject'));
  }, 'AwsSolutions-IAM5[Resource::*]', /^Apps\/App\/Resource\/TaskRole\/DefaultPolicy\/Resource$/],
  ['EC2 capacity: a wildcard on the instance role, next to the ECS agent\'s grants', (app) => {
    const cluster = new EcsCluster(new Stack(app, 'Compute', { env }), 'Cluster', { capacity: [ClusterCapacity.ec2()] });
    cluster.ec2Capacities[0]!.autoScalingGroup.role.addToPrincipalPolicy(WILDCARD('secretsmanager:GetSecretValue'));
  }, 'AwsSolutions-IAM5[Resource::*]', /^Compute\/Cluster\/.*InstanceRole\/DefaultPolicy\/Resource$/],
  ['EcsService: SSH from anywhere on the internet-facing load balancer\'s group', (app) => {
    const stack = new Stack(app, 'Apps', { env });
    const cluster = new EcsCluster(stack, 'Cluster');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555');
    const service = new EcsService(stack, 'Web', { cluster: cluster.cluster, taskDefinition: task(stack), loadBalancer: { internetFacing: true, certificate } });
    service.loadBalancer!.connections.allowFromAnyIpv4(ec2.Port.tcp(22));
  }, 'AwsSolutions-EC23', /^Apps\/Web\/LoadBalancer\/.*SecurityGroup\/Resource$/],
  ['EksCluster.grantImagePull: a wildcard on the node role, next to the ECR token grant', (app) => {
    const stack = new Stack(app, 'Eks', { env });
    const cluster = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup()] });
    cluster.grantImagePull(new EcrRepository(stack, 'Images', { repositoryName: 'shop/api' }));
    (cluster.node.findChild('NodeGroupRole') as iam.Role).addToPrincipalPolicy(WILDCARD('s3:GetObject'));
  }, 'AwsSolutions-IAM5[Resource::*]', /^Eks\/Platform\/NodeGroupRole\/DefaultPolicy\/Resource$/],
  ['EcrRepository.grantPush: a wildcard on the grantee role, next to the ECR token grant', (app) => {
    const stack = new Stack(app, 'Images', { env });
    const ci = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    new EcrRepository(stack, 'Api', { repositoryName: 'shop/api' }).grantPush(ci);
    ci.addToPrincipalPolicy(WILDCARD('s3:GetObject'));
  }, 'AwsSolutions-IAM5[Resource::*]', /^Images\/Ci\/DefaultPolicy\/Resource$/],
  ['reference pipeline: a wildcard on the pipeline role', (app) => {
    const pipeline = new PlatformPipelineStack(app, 'PlatformPipeline', { repository: 'my-org/cdk-containers' });
    pipeline.pipeline.pipeline.role.addToPrincipalPolicy(WILDCARD('s3:GetObject'));
  }, 'AwsSolutions-IAM5[Resource::*]', /^PlatformPipeline\/Pipeline\/Pipeline\/Role\/DefaultPolicy\/Resource$/],
];

describe('acknowledgements never hide what the user adds to the same construct', () => {
  test.each(CASES)('%s is reported', (_name, build, rule, path) => {
    const result = runCompliance(build);
    expect(result.findings.filter((f) => f.rule === rule).map((f) => f.path)).toEqual([expect.stringMatching(path)]);
  });
});
