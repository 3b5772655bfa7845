import { Stack, aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_scheduler as scheduler } from 'aws-cdk-lib';
import { EcsScheduledTask } from '../../lib/ecs/scheduled-task';
import { EcsService } from '../../lib/ecs/service';
import { EcsTaskDefinition } from '../../lib/ecs/task-definition';
import { ecsApps } from '../../examples/ecs-apps';
import { runCompliance } from '../support/compliance';

// cdk-nag (AwsSolutions, NIST 800-53 R5), the Control Tower cfn-guard rules, CloudFormation
// validation and cfn-lint over the task definition, service and scheduled task: every finding
// is either fixed by a default or acknowledged in code with its reason.
jest.setTimeout(120_000);

const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

describe('compliance of the ECS application constructs', () => {
  test('defaults (with a non-root user) and an HTTPS load balancer: 0 findings from every tool', () => {
    // GIVEN / WHEN
    const result = runCompliance((app) => {
      const stack = new Stack(app, 'Apps', { env: { region: 'us-east-1' } });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
      const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
      const td = new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: IMAGE, user: '101', portMappings: [{ containerPort: 8080 }] }] });
      const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555');
      new EcsService(stack, 'Default', { cluster, taskDefinition: td });
      new EcsService(stack, 'Public', { cluster, taskDefinition: td, loadBalancer: { internetFacing: true, certificate } });
      new EcsScheduledTask(stack, 'Nightly', { cluster, taskDefinition: td, schedule: scheduler.ScheduleExpression.expression('cron(0 3 * * ? *)') });
    });
    // THEN: no findings but on the plain VPC and cluster this test builds around the constructs
    const ours = result.findings.filter((f) => !/^Apps\/(Vpc|Cluster)\//.test(f.path));
    expect(ours).toEqual([]);
    expect(result.findings.filter((f) => f.tool === 'cfn-lint')).toEqual([]);
  });

  test('without a user the Control Tower non-root check reports the task definition', () => {
    const result = runCompliance((app) => {
      const stack = new Stack(app, 'Apps');
      new EcsTaskDefinition(stack, 'App', { containers: [{ name: 'web', image: IMAGE }] });
    });
    expect(result.findings.map((f) => [f.rule, f.path])).toEqual([['ecs_task_definition_nonroot_user_check', 'Apps/App/Resource/Resource']]);
  });

  test('the README examples: 0 findings', () => {
    const result = runCompliance((app) => { ecsApps(new Stack(app, 'Shop', { env: { region: 'eu-west-1' } })); });
    expect(result.findings).toEqual([]);
  });
});
