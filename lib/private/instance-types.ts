import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from './validate';

/**
 * EC2 instance families from cfn-lint's instance type enums of every Region (cfn-lint 1.x, read on
 * 2026-11-29), joined at load time with the families aws-cdk-lib's `ec2.InstanceClass` names, so a
 * family either source knows is accepted. A family missing from both is a typo, or newer than both:
 * the caller then accepts it when the user names the architecture or AMI type some other way.
 */
const CFN_LINT_FAMILIES = (
  'a1 c1 c3 c4 c5 c5a c5ad c5d c5n c6a c6g c6gd c6gn c6i c6id c6in c7a c7g c7gd c7gn c7i c7i-flex ' +
  'c8a c8g c8gb c8gd c8gn c8i c8i-flex c8id cc1 cc2 cg1 cr1 d2 d3 d3en dl1 dl2q f1 f2 g2 g3 g3s ' +
  'g4ad g4dn g5 g5g g6 g6e g6f g7e gr6 gr6f h1 hi1 hpc6a hpc6id hpc7a hpc7g hpc8a hs1 i2 i3 i3en ' +
  'i4g i4i i7i i7ie i8g i8ge im4gn inf1 inf2 is4gen m1 m2 m3 m4 m5 m5a m5ad m5d m5dn m5n m5zn m6a ' +
  'm6g m6gd m6i m6id m6idn m6in m7a m7g m7gd m7i m7i-flex m8a m8azn m8g m8gb m8gd m8gn m8i ' +
  'm8i-flex m8id mac-m4 mac-m4max mac-m4pro mac1 mac2 mac2-m1ultra mac2-m2 mac2-m2pro p2 p3 p3dn ' +
  'p4d p4de p5 p5e p5en p6-b200 p6-b300 p6e-gb200 r3 r4 r5 r5a r5ad r5b r5d r5dn r5n r6a r6g r6gd ' +
  'r6i r6id r6idn r6in r7a r7g r7gd r7i r7iz r8a r8g r8gb r8gd r8gn r8i r8i-flex r8id t1 t2 t3 t3a ' +
  't4g trn1 trn1n trn2 u-12tb1 u-18tb1 u-24tb1 u-3tb1 u-6tb1 u-9tb1 u7i-12tb u7i-6tb u7i-8tb ' +
  'u7ib-12tb u7in-16tb u7in-24tb u7in-32tb u7inh-32tb vt1 x1 x1e x2gd x2idn x2iedn x2iezn x8aedz ' +
  'x8g x8i z1d').split(' ');
const KNOWN_FAMILIES = new Set<string>([...CFN_LINT_FAMILIES, ...Object.values(ec2.InstanceClass)]);

/** An instance type's shape: a lower-case family, a dot, and one of EC2's sizes. */
const INSTANCE_TYPE_SHAPE = /^([a-z][a-z0-9-]*)\.(nano|micro|small|medium|large|xlarge|[1-9]\d*xlarge|metal|metal-[1-9]\d*xl)$/;

/** The family of an instance type name (`m7g` of `m7g.large`), or undefined when the name has not EC2's shape. */
export function instanceFamily(name: string): string | undefined {
  return INSTANCE_TYPE_SHAPE.exec(name)?.[1];
}

/**
 * Refuses an instance type name EC2 has no such type for: a malformed name (always), or a family
 * neither cfn-lint nor aws-cdk-lib knows unless `unknownFamilyHint` is undefined (the caller was told
 * the architecture another way). Tokens pass.
 *
 * @param unknownFamilyHint how to use a family newer than the lists, or undefined to accept any family
 */
export function checkInstanceTypeName(scope: IConstruct, property: string, name: string, unknownFamilyHint: string | undefined): void {
  if (isToken(name)) return;
  const family = instanceFamily(name);
  if (family === undefined) {
    throw new ValidationError(scope, {
      property, value: name, allowed: 'an EC2 instance type: a lower-case family, a dot and a size (e.g. m7g.large, c6i.2xlarge, m5.metal)',
    });
  }
  if (unknownFamilyHint !== undefined && !KNOWN_FAMILIES.has(family)) {
    throw new ValidationError(scope, {
      property, value: name, allowed: 'an instance type of an EC2 instance family (e.g. t4g, m7g, c7i, r6i)',
      hint: `EC2 has no family "${family}" in the library's list; ${unknownFamilyHint}`,
    });
  }
}

/** A family name's parts as EC2 and Karpenter read them: `c7i-flex` is category `c`, generation 7. */
export interface InstanceFamilyParts {
  /** The letters before the generation (`c`, `inf`, `hpc`, `u`). */
  readonly category: string;
  /** The generation number, the digits after the category. */
  readonly generation: number;
}

/** A family's category (letters) and generation (digits): `u7i-12tb` is u, 7. */
const FAMILY_PARTS = /^([a-z]+)(\d+)/;

/**
 * The category and generation of an instance family (`m7g` -> m, 7), or undefined for a name of
 * another shape. Karpenter and EKS Auto Mode label nodes with these (`instance-category`,
 * `instance-generation`).
 */
export function instanceFamilyParts(family: string): InstanceFamilyParts | undefined {
  // The first high-memory generation is spelt by its memory (`u-6tb1`): Karpenter labels it generation 1.
  if (family.startsWith('u-')) return { category: 'u', generation: 1 };
  const match = FAMILY_PARTS.exec(family);
  return match ? { category: match[1], generation: Number(match[2]) } : undefined;
}

/** Whether cfn-lint's or aws-cdk-lib's list has the family. */
export function isKnownInstanceFamily(family: string): boolean {
  return KNOWN_FAMILIES.has(family);
}

/** Every instance category of cfn-lint's families (`a`, `c`, `d`, ..., `inf`, `trn`, `u`, `x`, `z`), sorted. */
export function knownInstanceCategories(): string[] {
  const categories = new Set<string>();
  // aws-cdk-lib's InstanceClass also spells families out (`standard7`): not categories.
  for (const family of CFN_LINT_FAMILIES) {
    const parts = instanceFamilyParts(family);
    if (parts !== undefined) categories.add(parts.category);
  }
  return [...categories].sort();
}
