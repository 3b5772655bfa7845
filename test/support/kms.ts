import { Template } from 'aws-cdk-lib/assertions';

/** One statement of a KMS key policy, as the template renders it. */
export interface KeyPolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Principal?: unknown;
  readonly [property: string]: unknown;
}

/** The key policy statements of the template's only KMS key (expecting exactly one key). */
export function keyPolicyStatements(template: Template): KeyPolicyStatement[] {
  const keys = Object.values(template.findResources('AWS::KMS::Key'));
  expect(keys).toHaveLength(1);
  return keys[0]!.Properties.KeyPolicy.Statement;
}
