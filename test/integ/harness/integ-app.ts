import { IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Stack, Validations } from 'aws-cdk-lib';

/**
 * Runs an integ app as a CDK app in integ-runner format: its stacks become the test cases of one
 * `IntegTest`. The integ-tests assertion stack (`<name>/DefaultTest/DeployAssert`) has no resources
 * when a test makes no in-stack assertions (ours assert through the AWS SDK instead), which the CDK's
 * CloudFormation validation reports as F0001 "Resources section must exist and be non-empty"; that
 * finding is about integ-tests' own stack, never about a template of this library, so it is acknowledged there.
 */
export function runIntegApp(name: string, build: (app: App) => Stack[]): void {
  const app = new App();
  const testCases = build(app);
  const integ = new IntegTest(app, name, { testCases });
  for (const child of integ.node.findAll()) {
    if (Stack.isStack(child) && !testCases.includes(child)) {
      Validations.of(child).acknowledge({
        id: 'CloudFormation-Validate::F0001',
        reason: 'the integ-tests assertion stack is empty: these tests assert through the AWS SDK after deploy',
      });
    }
  }
  app.synth();
}
