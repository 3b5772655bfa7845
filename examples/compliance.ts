// The README's Compliance section: the library's gate in a user's app, in one call, and an exact
// acknowledgement of a finding the app accepts. Compiled by `npm run build`, synthesized by
// test/examples/compliance.test.ts and run under every tool by test/compliance/examples.test.ts.
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R4Checks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { ContainersCompliance, EcrRepository } from '../lib';

/** The gate on `app`, with a repository and the CI role that pushes to it; returns the stack. */
export function complianceGate(app: App): Stack {
  const plugins = [
    new AwsSolutionsChecks(app), new HIPAASecurityChecks(app), new NIST80053R4Checks(app),
    new NIST80053R5Checks(app), new PCIDSS321Checks(app), new ServerlessChecks(app),
    new CfnGuardValidator({ controlTowerRulesEnabled: true }), // every Control Tower rule folder
  ];
  ContainersCompliance.addChecks(app, plugins);

  const stack = new Stack(app, 'Images');
  const repository = new EcrRepository(stack, 'Web', { repositoryName: 'shop/web' });
  const ci = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  repository.grantPush(ci);

  // The CI role's grants are an inline policy: accept that on that one policy, with the reason.
  const ciPolicy = ci.node.findChild('DefaultPolicy').node.defaultChild as CfnResource;
  ContainersCompliance.acknowledge(ciPolicy, [
    'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R4::NIST.800.53.R4-IAMNoInlinePolicy',
    'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy',
  ], 'the CI role\'s push grant is written by aws-cdk-lib as a policy of that one role');
  return stack;
}
