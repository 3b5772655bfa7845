import { Template } from 'aws-cdk-lib/assertions';

/** The type of every resource in a synthesized template, in template order (repeats kept). */
export function resourceTypes(template: Template): string[] {
  return Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
}

/**
 * An AWS managed policy's ARN as a template renders it in an environment-agnostic stack:
 * `arn:${AWS::Partition}:iam::aws:policy/<name>`, `name` with its path if it has one (`service-role/...`).
 */
export function managedPolicyArn(name: string): { 'Fn::Join': [string, unknown[]] } {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] };
}
