import { Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgementsOf, asRecord, recordAcknowledgement } from '../../../../lib/compliance/private/acknowledgements';

const RULES = ['CdkContainers-EKS1', 'CdkContainers-EKS10'];

describe('the acknowledgements the library\'s checks share', () => {
  test('an acknowledgement on a parent covers its children, not its siblings; ids match exactly or after a plugin prefix', () => {
    const stack = new Stack();
    const parent = new Construct(stack, 'Parent');
    const child = new Construct(parent, 'Child');
    const sibling = new Construct(stack, 'Sibling');
    recordAcknowledgement(parent, RULES, 'CdkContainers-EKS10', 'the reason, long enough');
    Validations.of(child).acknowledge({ id: 'some-plugin::CdkContainers-EKS1', reason: 'via Validations' });
    expect(acknowledgementsOf(child, RULES)).toEqual(new Map([['CdkContainers-EKS10', 'the reason, long enough'], ['CdkContainers-EKS1', 'via Validations']]));
    expect(acknowledgementsOf(sibling, RULES)).toEqual(new Map());
    // Another check's rules are not read: EKS10 is not EKS1.
    expect(acknowledgementsOf(child, ['CdkContainers-EKS1'])).toEqual(new Map([['CdkContainers-EKS1', 'via Validations']]));
  });

  test('unknown rules and short reasons are refused', () => {
    const stack = new Stack();
    expect(() => recordAcknowledgement(stack, RULES, 'CdkContainers-EKS2', 'the reason, long enough')).toThrow(/rule.*CdkContainers-EKS1, CdkContainers-EKS10/);
    expect(() => recordAcknowledgement(stack, RULES, 'CdkContainers-EKS1', ' short ')).toThrow(/at least 10 characters/);
  });

  test('asRecord answers plain objects only', () => {
    expect(asRecord({ a: 1 })).toEqual({ a: 1 });
    expect([asRecord([1]), asRecord(null), asRecord('x')]).toEqual([{}, {}, {}]);
  });
});
