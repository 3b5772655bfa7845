import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NIST80053R5Checks } from 'cdk-nag';
import { Template } from 'aws-cdk-lib/assertions';
import { complianceGate } from '../../examples/compliance';
import { ContainersCompliance } from '../../lib/compliance';
import { EcrRepository } from '../../lib/ecr';

describe('examples/compliance.ts (README: Compliance)', () => {
  test('synthesizes with every pack and rule folder: nothing is left unacknowledged', () => {
    // The unit tier turns aws-cdk-lib's own CloudFormation validation off; the plugins still run.
    const app = new App();
    const stack = complianceGate(app);
    expect(() => app.synth()).not.toThrow();
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    expect(Object.values(policies).map((p) => (p.Metadata['cdk-containers'].acknowledged as Array<{ id: string }>).map((a) => a.id).sort())).toEqual([[
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R4::NIST.800.53.R4-IAMNoInlinePolicy',
      'NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy',
    ].sort()]);
  });

  test('the same gate without the acknowledgement fails the synth: the gate is live', () => {
    const app = new App();
    ContainersCompliance.addChecks(app, [new NIST80053R5Checks(app)]);
    const stack = new Stack(app, 'Images');
    const ci = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
    new EcrRepository(stack, 'Api', { repositoryName: 'shop/api' }).grantPush(ci);
    expect(() => app.synth()).toThrow(/NIST\.800\.53\.R5-IAMNoInlinePolicy/);
  });
});
