import { Annotations as CoreAnnotations, App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { acknowledge, nagManagedPolicyRule, RULES } from '../../../lib/private/acknowledge';

describe('RULES', () => {
  test('every id is <plugin>::<rule> as the validation plugins report it, and no two are the same', () => {
    const ids = Object.values(RULES);
    for (const id of ids) {
      expect(id).toMatch(/^(AwsSolutions|NIST\.800\.53\.R5|cdk-validator-cfnguard|CloudFormation-Validate)::\S+$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('cdk-nag ids carry the rule pack as their prefix: AwsSolutions-*, NIST.800.53.R5-*', () => {
    for (const id of Object.values(RULES)) {
      const [plugin, rule] = id.split('::');
      if (plugin === 'AwsSolutions' || plugin === 'NIST.800.53.R5') expect(rule!.startsWith(`${plugin}-`)).toBe(true);
    }
    expect(RULES.NAG_WILDCARD).toBe('AwsSolutions::AwsSolutions-IAM5[Resource::*]');
  });
});

describe('nagManagedPolicyRule', () => {
  test('names one AWS managed policy, with the partition placeholder cdk-nag reports', () => {
    expect(nagManagedPolicyRule('AmazonEKSClusterPolicy'))
      .toBe('AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy]');
    expect(nagManagedPolicyRule('service-role/AmazonEBSCSIDriverPolicy'))
      .toBe('AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy]');
  });
});

describe('acknowledge', () => {
  test('records each rule with its reason on the construct', () => {
    // GIVEN
    const scope = new Construct(new Stack(new App(), 'Stack'), 'Role');
    // WHEN
    acknowledge(scope, [[RULES.NAG_WILDCARD, 'no resource-level permissions'], [RULES.NIST_INLINE_POLICY, 'one role, one policy']]);
    // THEN
    const recorded = scope.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data);
    expect(recorded).toEqual([
      { [RULES.NAG_WILDCARD]: 'no resource-level permissions' },
      { [RULES.NIST_INLINE_POLICY]: 'one role, one policy' },
    ]);
  });

  test('an acknowledged warning is silenced on the construct and its children only', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const acknowledged = new Construct(stack, 'Acknowledged');
    const child = new Construct(acknowledged, 'Child');
    const other = new Construct(stack, 'Other');
    for (const scope of [acknowledged, child, other]) CoreAnnotations.of(scope).addWarningV2('cdk-containers:test-rule', `warning on ${scope.node.id}`);
    // WHEN
    acknowledge(acknowledged, [['cdk-containers:test-rule', 'expected here']]);
    // THEN
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => w.id)).toEqual(['/Stack/Other']);
  });

  test('nothing to acknowledge records nothing', () => {
    const scope = new Construct(new Stack(new App(), 'Stack'), 'Quiet');
    acknowledge(scope, []);
    expect(scope.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)).toEqual([]);
  });
});
