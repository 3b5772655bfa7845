import { Stack } from 'aws-cdk-lib';
import { checkInstanceTypeName, instanceFamily, instanceFamilyParts, isKnownInstanceFamily, knownInstanceCategories } from '../../../lib/private/instance-types';
import { newStack } from '../../support/stack';
import { thrownBy } from '../../support/thrown';

// lib/private/instance-types.ts: the one instance-type name rule ECS EC2 capacity and EKS node groups share.

const HINT = 'if it is newer than the list, set architecture to use it';
const messageWith = (stack: Stack, name: string, hint: string | undefined): string | undefined =>
  (thrownBy(() => checkInstanceTypeName(stack, 'instanceTypes', name, hint)) as Error | undefined)?.message;
const message = (stack: Stack, name: string): string | undefined => messageWith(stack, name, HINT);

test.each(['m7g.large', 'c6i.2xlarge', 'm5.metal', 'c7i-flex.large', 'u-6tb1.112xlarge', 'mac2-m2pro.metal', 'r8i.metal-48xl', 't4g.nano'])('%s is an EC2 instance type', (name) => {
  expect(message(newStack(), name)).toBeUndefined();
});

test.each(['m7g', 'M7G.large', 'm7g.huge', 'm7g.0xlarge', '.large', 'm7g.large '])('%s is not shaped like an instance type', (name) => {
  expect(message(newStack(), name)).toMatch(/^\[Stack\] instanceTypes: got .*; allowed: an EC2 instance type: a lower-case family, a dot and a size/);
});

test('an unknown family is refused with the caller\'s hint, or accepted when the caller has no hint (architecture given)', () => {
  expect(message(newStack(), 'm7q.large')).toBe(
    '[Stack] instanceTypes: got "m7q.large"; allowed: an instance type of an EC2 instance family (e.g. t4g, m7g, c7i, r6i). Hint: EC2 has no family "m7q" in the library\'s list; if it is newer than the list, set architecture to use it');
  expect(messageWith(newStack(), 'm7q.large', undefined)).toBeUndefined();
  // A malformed name is refused even then.
  expect(messageWith(newStack(), 'm7q', undefined)).toMatch(/a lower-case family, a dot and a size/);
});

test('a family only cfn-lint lists, and one only aws-cdk-lib names, are both known', () => {
  expect(message(newStack(), 'x8aedz.large')).toBeUndefined();
  expect(message(newStack(), 'm9g.large')).toBeUndefined();
});

test('instanceFamily: the part before the size, only for names of EC2\'s shape', () => {
  expect(instanceFamily('m7g.large')).toBe('m7g');
  expect(instanceFamily('c7i-flex.2xlarge')).toBe('c7i-flex');
  expect(instanceFamily('m7i.metal-48xl')).toBe('m7i');
  expect(instanceFamily('m7g')).toBeUndefined();
  expect(instanceFamily('M7G.large')).toBeUndefined();
});

test('instanceFamilyParts reads the category and generation as Karpenter labels them', () => {
  expect(instanceFamilyParts('m7g')).toEqual({ category: 'm', generation: 7 });
  expect(instanceFamilyParts('c7i-flex')).toEqual({ category: 'c', generation: 7 });
  expect(instanceFamilyParts('inf2')).toEqual({ category: 'inf', generation: 2 });
  expect(instanceFamilyParts('hpc7a')).toEqual({ category: 'hpc', generation: 7 });
  expect(instanceFamilyParts('u7in-16tb')).toEqual({ category: 'u', generation: 7 });
  expect(instanceFamilyParts('u-6tb1')).toEqual({ category: 'u', generation: 1 });
  expect(instanceFamilyParts('p6-b200')).toEqual({ category: 'p', generation: 6 });
  expect(instanceFamilyParts('m')).toBeUndefined();
});

test('known families and their categories come from the list, not from aws-cdk-lib\'s spelt-out names', () => {
  expect([isKnownInstanceFamily('m7g'), isKnownInstanceFamily('c8gn'), isKnownInstanceFamily('m9x')]).toEqual([true, true, false]);
  const categories = knownInstanceCategories();
  expect(categories).toEqual(expect.arrayContaining(['a', 'c', 'g', 'inf', 'm', 'p', 'r', 't', 'trn', 'u', 'x', 'z']));
  expect(categories).not.toContain('standard');
  expect(categories).toEqual([...categories].sort());
});
