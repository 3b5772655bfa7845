import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ArgoCdCapability } from '../../../lib/eks/argo-cd-capability';
import { AckCapability, KroCapability } from '../../../lib/eks/capabilities';
import { EksCluster } from '../../../lib/eks/cluster';
import { ValidationError } from '../../../lib/errors';
import { cfnLint } from '../../support/cfn-lint';
import { newStack } from '../../support/stack';
import { resourceTypes } from '../../support/template';

const QUEUES = new iam.PolicyStatement({ actions: ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes'], resources: ['arn:aws:sqs:us-east-1:123456789012:shop-*'] });

function ackWarnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('ack-no-permissions')).map((w) => String(w.entry.data));
}

describe('AckCapability', () => {
  test('an ACK capability on the cluster with its own role: no permissions, RETAIN, native resources only', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    const ack = new AckCapability(stack, 'Ack', { cluster: platform });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EKS::Capability', {
      CapabilityName: ack.capabilityName, Type: 'ACK', DeletePropagationPolicy: 'RETAIN',
      ClusterName: { Ref: stack.getLogicalId(platform.cluster.node.defaultChild as eks.CfnCluster) },
      RoleArn: { 'Fn::GetAtt': [stack.getLogicalId(ack.role.node.defaultChild as iam.CfnRole), 'Arn'] },
    });
    expect(Object.values(template.findResources('AWS::EKS::Capability'))[0].Properties.Configuration).toBeUndefined();
    expect(ack.capabilityName).toMatch(/^Test-Ack-[A-F0-9]{8}$/);
    expect(stack.resolve(ack.capabilityArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(ack.capability), 'Arn'] });
    const roleRef = { Ref: stack.getLogicalId(ack.role.node.defaultChild as iam.CfnRole) };
    expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([roleRef]) } })).toEqual({});
    expect(template.findResources('AWS::IAM::Role')[roleRef.Ref].Properties.ManagedPolicyArns).toBeUndefined();
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::') || t === 'AWS::Lambda::Function')).toEqual([]);
  });

  test('without permissions it warns that ACK can create nothing; a statement or a grant silences it', () => {
    const bare = newStack('Test');
    new AckCapability(bare, 'Ack', { cluster: new EksCluster(bare, 'Platform') });
    expect(ackWarnings(bare)).toEqual([expect.stringMatching(/^The ACK capability role has no permissions: ACK can create no AWS resource/)]);

    const withStatement = newStack('Test');
    new AckCapability(withStatement, 'Ack', { cluster: new EksCluster(withStatement, 'Platform') }).addToRolePolicy(QUEUES);
    expect(ackWarnings(withStatement)).toEqual([]);

    const withGrant = newStack('Test');
    const granted = new AckCapability(withGrant, 'Ack', { cluster: new EksCluster(withGrant, 'Platform') });
    new sqs.Queue(withGrant, 'Queue', { enforceSSL: true }).grantSendMessages(granted.role);
    expect(ackWarnings(withGrant)).toEqual([]);
  });

  test('addToRolePolicy: the statement on the role, the policy before the capability, only the attachment acknowledged', () => {
    const stack = newStack('Test');
    const ack = new AckCapability(stack, 'Ack', { cluster: new EksCluster(stack, 'Platform') });
    ack.addToRolePolicy(QUEUES);
    const template = Template.fromStack(stack);
    const [[policyId, policy]] = Object.entries(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: stack.getLogicalId(ack.role.node.defaultChild as iam.CfnRole) }] } }));
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{ Action: QUEUES.actions, Effect: 'Allow', Resource: QUEUES.resources[0] }]);
    expect(template.findResources('AWS::EKS::Capability')[stack.getLogicalId(ack.capability)].DependsOn).toContain(policyId);
    // The wildcard in the user's resource stays the user's to justify.
    expect(JSON.stringify(policy.Metadata ?? {})).not.toContain('AwsSolutions-IAM5');
  });

  test('a role given is used, gets the statements, and no warning or acknowledgement is added to it', () => {
    const stack = newStack('Test');
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('capabilities.eks.amazonaws.com') });
    const ack = new AckCapability(stack, 'Ack', { cluster: new EksCluster(stack, 'Platform'), role, capabilityName: 'shop-ack' });
    expect(ack.role).toBe(role);
    ack.addToRolePolicy(QUEUES);
    expect(ackWarnings(stack)).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', { Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }] });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Capability', { CapabilityName: 'shop-ack' });
    expect(ack.node.tryFindChild('Role')).toBeUndefined();
  });

  test('one ACK capability per cluster, next to Argo CD and kro', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    new AckCapability(stack, 'Ack', { cluster: platform });
    new KroCapability(stack, 'Kro', { cluster: platform });
    new ArgoCdCapability(stack, 'ArgoCd', { cluster: platform, identityCenter: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' } });
    const template = Template.fromStack(stack);
    expect(Object.values(template.findResources('AWS::EKS::Capability')).map((c) => c.Properties.Type).sort()).toEqual(['ACK', 'ARGOCD', 'KRO']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'capabilities-')), 'template.json');
    fs.writeFileSync(file, JSON.stringify(template.toJSON()));
    expect(cfnLint([file]).map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
    expect(() => new AckCapability(stack, 'Ack2', { cluster: platform })).toThrow(ValidationError);
    expect(() => new AckCapability(stack, 'Ack3', { cluster: platform }))
      .toThrow(/^\[Test\/Ack3\] cluster: got "Test\/Platform"; allowed: a cluster without an ACK capability \(Test\/Ack already has this one\)/);
  });

  test('a bad capability name or a role from another account fails at synth', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    expect(() => new AckCapability(stack, 'Named', { cluster: platform, capabilityName: 'shop.ack' })).toThrow(/capabilityName: got "shop\.ack"/);
    const inAccount = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
    const foreign = iam.Role.fromRoleArn(inAccount, 'Foreign', 'arn:aws:iam::210987654321:role/ack');
    expect(() => new AckCapability(inAccount, 'Ack', { cluster: new EksCluster(inAccount, 'Platform'), role: foreign }))
      .toThrow(/^\[Test\/Ack\] role: got "arn:aws:iam::210987654321:role\/ack"; allowed: a role in the cluster's account \(123456789012\)/);
  });
});

describe('KroCapability', () => {
  test('a kro capability on the cluster, with a role that only the EKS capabilities service assumes and that holds no permissions', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    const kro = new KroCapability(stack, 'Kro', { cluster: platform });
    const template = Template.fromStack(stack);
    const roleId = stack.getLogicalId(kro.role.node.defaultChild as iam.CfnRole);
    expect(template.findResources('AWS::EKS::Capability')[stack.getLogicalId(kro.capability)].Properties).toEqual({
      CapabilityName: kro.capabilityName, Type: 'KRO', DeletePropagationPolicy: 'RETAIN',
      ClusterName: { Ref: stack.getLogicalId(platform.cluster.node.defaultChild as eks.CfnCluster) },
      RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    expect(kro.capabilityName).toMatch(/^Test-Kro-[A-F0-9]{8}$/);
    const role = template.findResources('AWS::IAM::Role')[roleId].Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: ['sts:AssumeRole', 'sts:TagSession'], Effect: 'Allow', Principal: { Service: 'capabilities.eks.amazonaws.com' } },
    ]);
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).toEqual({});
  });

  test('a name and role given are used; a second kro capability on the cluster fails at synth', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform');
    const role = iam.Role.fromRoleArn(stack, 'Shared', 'arn:aws:iam::123456789012:role/capabilities');
    const kro = new KroCapability(stack, 'Kro', { cluster: platform, capabilityName: 'platform_kro', role });
    expect(kro.role).toBe(role);
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Capability', { CapabilityName: 'platform_kro', RoleArn: role.roleArn });
    expect(() => new KroCapability(stack, 'Again', { cluster: platform }))
      .toThrow(/^\[Test\/Again\] cluster: got "Test\/Platform"; allowed: a cluster without a kro capability \(Test\/Kro already has this one\)/);
    expect(() => new KroCapability(stack, 'Bad', { cluster: new EksCluster(stack, 'Other'), capabilityName: 'kro!' })).toThrow(/capabilityName: got "kro!"/);
  });
});
