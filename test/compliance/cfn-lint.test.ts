import { PlatformStack } from '../../bin/platform-stack';
import { cfnLint, synthTemplates } from '../support/cfn-lint';

describe('cfn-lint', () => {
  test('the reference platform app has no findings', () => {
    // GIVEN
    const templates = synthTemplates((app) => new PlatformStack(app, 'Platform'));

    // WHEN
    const findings = cfnLint(templates);

    // THEN
    expect(templates.length).toBeGreaterThan(0);
    expect(findings.map((f) => `${f.Rule.Id} ${f.Message}`)).toEqual([]);
  });

  test('the check can fail: a template with a bad property is reported', () => {
    const templates = synthTemplates((app) => {
      const stack = new PlatformStack(app, 'Broken');
      (stack.images.repository.node.defaultChild as import('aws-cdk-lib').CfnResource).addPropertyOverride('ImageTagMutability', 'SOMETIMES');
    });
    expect(cfnLint(templates).map((f) => f.Rule.Id)).toContain('E3030');
  });
});
