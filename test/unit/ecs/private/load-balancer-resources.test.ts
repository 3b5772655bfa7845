import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { accessLogsBucket, literalVpcCidr } from '../../../../lib/ecs/private/load-balancer-resources';
import { thrownBy } from '../../../support/thrown';

// lib/ecs/private/load-balancer-resources.ts: the access log bucket every ECS load balancer shares
// the recipe of, and the VPC block its security groups admit.

function nlbIn(region = 'us-east-1'): { stack: Stack; nlb: elbv2.NetworkLoadBalancer } {
  const stack = new Stack(new App(), 'Stack', region ? { env: { region } } : {});
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
  return { stack, nlb: new elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc }) };
}

test('a new bucket: under the given scope as AccessLogs, secured, its findings acknowledged with the kind of load balancer', () => {
  // GIVEN
  const { stack, nlb } = nlbIn();
  // WHEN
  const bucket = accessLogsBucket(stack, nlb, nlb, { prefix: '', kind: 'NLB' });
  // THEN
  expect(bucket?.node.path).toBe('Stack/Nlb/AccessLogs');
  const t = Template.fromStack(stack);
  t.hasResource('AWS::S3::Bucket', {
    Properties: Match.objectLike({
      ObjectLockEnabled: true, ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 30 } })] },
    }),
    DeletionPolicy: 'Retain',
    Metadata: { 'cdk-containers': { acknowledged: Match.arrayWith([Match.objectLike({ id: 'AwsSolutions::AwsSolutions-S1', reason: Match.stringLikeRegexp('receives NLB access logs') })]) } },
  });
  t.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]) });
});

test('a given bucket is used as is, without acknowledgements; accessLogs: false turns logs off', () => {
  const { stack, nlb } = nlbIn();
  const given = new s3.Bucket(stack, 'Mine');
  expect(accessLogsBucket(stack, nlb, nlb, { prefix: '', kind: 'NLB', bucket: given })).toBe(given);
  expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toMatch(/acknowledged/);
  const other = nlbIn();
  expect(accessLogsBucket(other.stack, other.nlb, other.nlb, { prefix: '', kind: 'NLB', accessLogs: false })).toBeUndefined();
  Template.fromStack(other.stack).resourceCountIs('AWS::S3::Bucket', 0);
});

test('errors carry the prefix and the kind', () => {
  const { stack, nlb } = nlbIn('');
  expect((thrownBy(() => accessLogsBucket(stack, nlb, nlb, { prefix: 'lb.', kind: 'ALB' })) as Error).message)
    .toBe('[Stack] lb.accessLogs: got true; allowed: a stack with a concrete region (env: { region }). Hint: ALB access logs need the region to name the log delivery principal; set the stack env, or accessLogs: false');
});

test('the VPC block: the literal CIDR when known, the attribute otherwise', () => {
  const stack = new Stack();
  expect(literalVpcCidr(new ec2.Vpc(stack, 'Vpc', { ipAddresses: ec2.IpAddresses.cidr('10.20.0.0/16') }))).toBe('10.20.0.0/16');
  const imported = ec2.Vpc.fromVpcAttributes(stack, 'Imported', { vpcId: 'vpc-1', vpcCidrBlock: '10.9.0.0/16', availabilityZones: ['a'] });
  expect(literalVpcCidr(imported)).toBe('10.9.0.0/16');
  const ipam = new ec2.Vpc(stack, 'Ipam', { ipAddresses: ec2.IpAddresses.awsIpamAllocation({ ipv4IpamPoolId: 'ipam-pool-1', ipv4NetmaskLength: 16, defaultSubnetIpv4NetmaskLength: 20 }) });
  expect(stack.resolve(literalVpcCidr(ipam))).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Ipam/), 'CidrBlock'] });
});
