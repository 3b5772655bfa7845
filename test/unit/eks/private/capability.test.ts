import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { capabilityName, capabilityRole, claimCapability } from '../../../../lib/eks/private/capability';
import { ValidationError } from '../../../../lib/errors';

const env = { account: '123456789012', region: 'us-east-1' };

describe('claimCapability', () => {
  test('one capability of each type per cluster; other types and other clusters are free', () => {
    const stack = new Stack(new App(), 'Test', { env });
    const [one, two] = [new Construct(stack, 'One'), new Construct(stack, 'Two')];
    claimCapability(new Construct(stack, 'Ack'), one, 'ACK', 'an ACK capability', 'hint');
    expect(() => claimCapability(new Construct(stack, 'Kro'), one, 'KRO', 'a kro capability', 'hint')).not.toThrow();
    expect(() => claimCapability(new Construct(stack, 'OtherAck'), two, 'ACK', 'an ACK capability', 'hint')).not.toThrow();
    const second = new Construct(stack, 'SecondAck');
    expect(() => claimCapability(second, one, 'ACK', 'an ACK capability', 'one is enough')).toThrow(ValidationError);
    expect(() => claimCapability(new Construct(stack, 'Third'), one, 'ACK', 'an ACK capability', 'one is enough'))
      .toThrow('[Test/Third] cluster: got "Test/One"; allowed: a cluster without an ACK capability (Test/Ack already has this one). Hint: one is enough');
  });
});

describe('capabilityName', () => {
  test('the name given, or one derived from the path that EKS accepts', () => {
    const stack = new Stack(new App(), 'Shop', { env });
    expect(capabilityName(new Construct(stack, 'Given'), 'my_capability-1')).toBe('my_capability-1');
    expect(capabilityName(new Construct(stack, 'Ack'), undefined)).toMatch(/^Shop-Ack-[A-F0-9]{8}$/);
    const deep = new Construct(new Construct(stack, 'A'.repeat(80)), 'B'.repeat(80));
    expect(capabilityName(deep, undefined)).toMatch(/^[A-Za-z0-9_-]{1,100}$/);
  });

  test.each(['', 'a'.repeat(101), 'has space', 'dots.are.refused'])('%j is refused', (name) => {
    const stack = new Stack(new App(), 'Shop', { env });
    expect(() => capabilityName(new Construct(stack, 'Ack'), name)).toThrow(/capabilityName: got .*; allowed: 1-100 letters, digits, "-" or "_"/);
  });
});

describe('capabilityRole', () => {
  test('a new role trusts the EKS capabilities service to assume it and tag its sessions, without permissions', () => {
    const stack = new Stack(new App(), 'Test', { env });
    const { role, ownRole } = capabilityRole(new Construct(stack, 'Ack'), undefined, 'the description');
    expect(ownRole).toBe(role);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'the description',
      AssumeRolePolicyDocument: { Statement: [{ Action: ['sts:AssumeRole', 'sts:TagSession'], Effect: 'Allow', Principal: { Service: 'capabilities.eks.amazonaws.com' } }] },
    });
    expect(Template.fromStack(stack).findResources('AWS::IAM::Role')[stack.getLogicalId(ownRole!.node.defaultChild as iam.CfnRole)].Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('a role given is used as it is in the cluster\'s account, refused from another', () => {
    const stack = new Stack(new App(), 'Test', { env });
    const mine = iam.Role.fromRoleArn(stack, 'Mine', 'arn:aws:iam::123456789012:role/capability');
    expect(capabilityRole(new Construct(stack, 'Ack'), mine, 'd')).toEqual({ role: mine });
    const theirs = iam.Role.fromRoleArn(stack, 'Theirs', 'arn:aws:iam::210987654321:role/capability');
    expect(() => capabilityRole(new Construct(stack, 'Kro'), theirs, 'd'))
      .toThrow(/^\[Test\/Kro\] role: got "arn:aws:iam::210987654321:role\/capability"; allowed: a role in the cluster's account \(123456789012\)/);
  });
});
