import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ACKNOWLEDGED_METADATA, RULES, acknowledge, acknowledgeManagedPolicyWildcards, acknowledgeOpenIngress, acknowledgeRolePolicies, flattenReference, ignoreCfnLint,
  nagManagedPolicyRule,
} from '../../../lib/private/acknowledge';

/** The acknowledgements recorded in the template metadata of each resource of the stack, by logical id. */
function recorded(stack: Stack): Record<string, Array<{ id: string; reason: string }>> {
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Metadata?: Record<string, { acknowledged?: Array<{ id: string; reason: string }> }> }>;
  return Object.fromEntries(Object.entries(resources)
    .filter(([, r]) => r.Metadata?.[ACKNOWLEDGED_METADATA])
    .map(([id, r]) => [id, r.Metadata![ACKNOWLEDGED_METADATA]!.acknowledged!]));
}

const ids = (stack: Stack, logicalIdPrefix: string) => Object.entries(recorded(stack))
  .filter(([id]) => id.startsWith(logicalIdPrefix)).flatMap(([, acks]) => acks.map((a) => a.id));

describe('RULES', () => {
  test('every id is <plugin>::<rule>, cdk-nag ids carry their pack as the rule prefix, and no id is listed twice', () => {
    const all = Object.values(RULES).flat();
    for (const id of all) {
      expect(id).toMatch(/^(AwsSolutions|Serverless|HIPAA\.Security|NIST\.800\.53\.R4|NIST\.800\.53\.R5|PCI\.DSS\.321|cdk-validator-cfnguard|CloudFormation-Validate)::\S+$/);
      const [plugin, rule] = id.split('::');
      if (!['cdk-validator-cfnguard', 'CloudFormation-Validate'].includes(plugin!)) expect(rule!.startsWith(`${plugin}-`)).toBe(true);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  test('one check carries the id of every pack that has it, and only those', () => {
    expect(RULES.INLINE_POLICY).toEqual([
      'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy', 'NIST.800.53.R4::NIST.800.53.R4-IAMNoInlinePolicy',
      'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy',
    ]);
    // NIST 800-53 R4 has no VPCNoUnrestrictedRouteToIGW rule.
    expect(RULES.IGW_ROUTE.some((id) => id.startsWith('NIST.800.53.R4'))).toBe(false);
  });

  test('nagManagedPolicyRule names one AWS managed policy, with the partition placeholder cdk-nag reports', () => {
    expect(nagManagedPolicyRule('service-role/AmazonEBSCSIDriverPolicy'))
      .toEqual(['AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]']);
  });
});

describe('acknowledge', () => {
  test('records each id with its reason on the resource itself and in its template metadata, and nowhere else', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs');
    new s3.Bucket(stack, 'Other');
    // WHEN
    acknowledge(bucket.node.defaultChild as CfnResource, [[RULES.BUCKET_REPLICATION, 'diagnostic data']]);
    // THEN
    expect(bucket.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
    const onResource = (bucket.node.defaultChild as CfnResource).node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => Object.keys(m.data as object)[0]);
    expect(onResource).toEqual([...RULES.BUCKET_REPLICATION]);
    expect(recorded(stack)).toEqual({ [stack.getLogicalId(bucket.node.defaultChild as CfnResource)]: RULES.BUCKET_REPLICATION.map((id) => ({ id, reason: 'diagnostic data' })) });
  });

  test('a second acknowledgement on the same resource adds to the first', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs').node.defaultChild as CfnResource;
    acknowledge(bucket, [[RULES.BUCKET_REPLICATION, 'one']]);
    acknowledge(bucket, [[RULES.BUCKET_LOGS, 'two']]);
    expect(ids(stack, 'Logs')).toEqual([...RULES.BUCKET_REPLICATION, ...RULES.BUCKET_LOGS]);
  });
});

test('acknowledge with nothing to acknowledge records nothing, not even empty metadata', () => {
  const stack = new Stack(new App(), 'Stack');
  acknowledge(new s3.Bucket(stack, 'Logs').node.defaultChild as CfnResource, []);
  expect(recorded(stack)).toEqual({});
});

describe('ignoreCfnLint', () => {
  test('adds the rule to the resource\'s cfn-lint ignore_checks (keeping those there) and records the reason', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = new s3.Bucket(stack, 'Logs').node.defaultChild as CfnResource;
    bucket.addMetadata('cfn-lint', { config: { ignore_checks: ['W1001'] } });
    ignoreCfnLint(bucket, 'W3005', 'redundant DependsOn');
    const resource = Template.fromStack(stack).toJSON().Resources[stack.getLogicalId(bucket)];
    expect(resource.Metadata['cfn-lint']).toEqual({ config: { ignore_checks: ['W1001', 'W3005'] } });
    expect(resource.Metadata[ACKNOWLEDGED_METADATA].acknowledged).toEqual([{ id: 'cfn-lint::W3005', reason: 'redundant DependsOn' }]);
  });
});

describe('acknowledgeRolePolicies', () => {
  const TOKEN_GRANT = { actions: ['ecr:GetAuthorizationToken'], reason: 'supports only "*"' };

  function roleWith(...statements: iam.PolicyStatement[]) {
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    for (const s of statements) role.addToPrincipalPolicy(s);
    return { stack, role };
  }

  test('acknowledges the wildcard of a known grant and the inline policy on the default policy only, naming the actions', () => {
    // GIVEN
    const { stack, role } = roleWith(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
    // WHEN
    acknowledgeRolePolicies(role, { inline: 'one role, one policy', wildcards: [TOKEN_GRANT] });
    // THEN
    const acks = recorded(stack);
    expect(Object.keys(acks)).toEqual([expect.stringMatching(/^RoleDefaultPolicy/)]);
    expect(Object.values(acks)[0]).toEqual([
      ...RULES.INLINE_POLICY.map((id) => ({ id, reason: 'one role, one policy' })),
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: 'ecr:GetAuthorizationToken: supports only "*"' },
    ]);
  });

  test('a wildcard the user adds to the same role leaves the finding unacknowledged', () => {
    const { stack, role } = roleWith(
      new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
    );
    acknowledgeRolePolicies(role, { wildcards: [TOKEN_GRANT] });
    expect(ids(stack, 'Role')).not.toContain('AwsSolutions::AwsSolutions-IAM5[Resource::*]');
  });

  test('a statement mixing a known action with another is not the grant', () => {
    const { stack, role } = roleWith(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken', 'secretsmanager:GetSecretValue'], resources: ['*'] }));
    acknowledgeRolePolicies(role, { wildcards: [TOKEN_GRANT] });
    expect(ids(stack, 'Role')).toEqual([]);
  });

  test('an action wildcard is acknowledged by its own id, a resource wildcard the user adds stays reported', () => {
    const { stack, role } = roleWith(
      new iam.PolicyStatement({ actions: ['ecs:Submit*'], resources: ['arn:aws:ecs:us-east-1:123456789012:cluster/c'] }),
      new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }),
    );
    acknowledgeRolePolicies(role, { wildcards: [{ actions: ['ecs:Submit*'], reason: 'agent state' }] });
    expect(ids(stack, 'Role')).toEqual(['AwsSolutions::AwsSolutions-IAM5[Action::ecs:Submit*]']);
  });

  test('grants acknowledged by two calls are judged together', () => {
    const { stack, role } = roleWith(
      new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] }),
    );
    acknowledgeRolePolicies(role, { wildcards: [TOKEN_GRANT] });
    acknowledgeRolePolicies(role, { wildcards: [{ actions: ['ec2:DescribeSecurityGroups'], reason: 'no resource-level permissions' }] });
    expect(Object.values(recorded(stack)).flat().map((a) => a.reason)).toEqual([
      'ecr:GetAuthorizationToken: supports only "*"; ec2:DescribeSecurityGroups: no resource-level permissions',
    ]);
  });

  test('inline policies of the role resource itself are judged the same way', () => {
    const stack = new Stack(new App(), 'Stack');
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com'),
      inlinePolicies: { Read: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['ec2:DescribeSecurityGroups'], resources: ['*'] })] }) },
    });
    acknowledgeRolePolicies(role, { inline: 'single purpose', wildcards: [{ actions: ['ec2:DescribeSecurityGroups'], reason: 'describe calls' }] });
    expect(Object.keys(recorded(stack))).toEqual([stack.getLogicalId(role.node.defaultChild as CfnResource)]);
    expect(ids(stack, 'Role')).toEqual([...RULES.INLINE_POLICY, 'AwsSolutions::AwsSolutions-IAM5[Resource::*]']);
  });
});

describe('acknowledgeOpenIngress', () => {
  function groupWith(...ports: number[]) {
    const stack = new Stack(new App(), 'Stack');
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 }) });
    for (const port of ports) group.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(port));
    group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(22));
    acknowledgeOpenIngress(group, [443, 80], 'listener ports');
    return ids(stack, 'Group');
  }

  test('acknowledged while every rule open to anywhere is on a listener port', () => {
    expect(groupWith(443, 80)).toEqual([...RULES.OPEN_INGRESS]);
  });

  test('SSH from anywhere added to the same group leaves the finding reported', () => {
    expect(groupWith(443, 22)).toEqual([]);
  });
});

describe('flattenReference', () => {
  test('names intrinsics as cdk-nag does in its finding ids', () => {
    expect(flattenReference('*')).toBe('*');
    expect(flattenReference({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':*:instance/*']] }))
      .toBe('arn:<AWS::Partition>:ec2:<AWS::Region>:*:instance/*');
    expect(flattenReference({ 'Fn::GetAtt': ['Queue4A7E3555', 'Arn'] })).toBe('<Queue4A7E3555.Arn>');
    expect(flattenReference({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/*' })).toBe('arn:<AWS::Partition>:s3:::b/*');
    expect(flattenReference({ 'Fn::ImportValue': 'Shared' })).toBe('Shared');
    expect(flattenReference({ 'Fn::If': ['C', 'a', 'b'] })).toBe('{"Fn::If":["C","a","b"]}');
    expect(flattenReference(undefined)).toBe('');
  });
});

describe('acknowledgeManagedPolicyWildcards', () => {
  const terminate = (stack: Stack) => new iam.PolicyStatement({
    actions: ['ec2:TerminateInstances'], resources: [stack.formatArn({ service: 'ec2', account: '*', resource: 'instance', resourceName: '*' })],
    conditions: { StringEquals: { 'aws:ResourceTag/owner': 'platform' } },
  });

  function policyWith(build: (stack: Stack) => iam.PolicyStatement) {
    const stack = new Stack(new App(), 'Stack');
    const statement = build(stack);
    const policy = new iam.ManagedPolicy(stack, 'Policy', { statements: [statement] });
    acknowledgeManagedPolicyWildcards(policy, [{ statement, reason: 'only tagged instances' }]);
    return { stack, policy };
  }

  test('acknowledges each ARN-pattern wildcard of the library\'s statement by the id cdk-nag reports, on the policy only', () => {
    const { stack } = policyWith(terminate);
    const acks = recorded(stack);
    expect(Object.keys(acks)).toEqual([expect.stringMatching(/^Policy/)]);
    expect(Object.values(acks)[0]).toEqual([
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:*:instance/*]', reason: 'ec2:TerminateInstances: only tagged instances' },
    ]);
  });

  test('a statement the user adds with the same wildcard, even with the same actions, leaves it reported; so do its own wildcards', () => {
    const { stack, policy } = policyWith(terminate);
    // The same action on the same pattern, without the library's condition: not the library's statement.
    policy.addStatements(new iam.PolicyStatement({ actions: ['ec2:TerminateInstances'], resources: [stack.formatArn({ service: 'ec2', account: '*', resource: 'instance', resourceName: '*' })] }));
    policy.addStatements(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    expect(ids(stack, 'Policy')).toEqual([]);
  });

  test('records the acknowledgement once, however often aspects run', () => {
    const { stack } = policyWith(() => new iam.PolicyStatement({ sid: 'Read', actions: ['ec2:DescribeInstances'], resources: ['*'] }));
    Template.fromStack(stack);
    expect(ids(stack, 'Policy')).toEqual(['AwsSolutions::AwsSolutions-IAM5[Resource::*]']);
  });
});
