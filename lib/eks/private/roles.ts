import { CfnResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { Rule, acknowledge, nagManagedPolicyRule } from '../../private/acknowledge';

/**
 * An IAM role with the AWS managed policies EKS documents for it, acknowledged for cdk-nag's
 * AwsSolutions-IAM4 with that reason.
 *
 * @param policies AWS managed policy names (after `arn:aws:iam::aws:policy/`)
 */
export function eksServiceRole(scope: Construct, id: string, assumedBy: iam.IPrincipal, description: string, policies: string[]): iam.Role {
  const role = new iam.Role(scope, id, {
    assumedBy,
    description,
    managedPolicies: policies.map((p) => iam.ManagedPolicy.fromAwsManagedPolicyName(p)),
  });
  acknowledgeEksManagedPolicies(role, policies);
  return role;
}

/**
 * Acknowledges cdk-nag's AwsSolutions-IAM4 (AWS managed policies) on a role whose managed policies
 * are the ones EKS documents as required for that role: one acknowledgement per policy, so any
 * other managed policy added to the role is still reported.
 */
export function acknowledgeEksManagedPolicies(role: iam.IRole, policies: string[]): void {
  acknowledge(role.node.defaultChild as CfnResource, policies.map((p): [Rule, string] => [nagManagedPolicyRule(p),
    `${p} is the AWS managed policy EKS requires for this role (EKS user guide); AWS keeps it current with the service`]));
}
