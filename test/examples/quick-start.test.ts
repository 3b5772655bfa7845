import { Template } from 'aws-cdk-lib/assertions';
import { quickStart } from '../../examples/quick-start';

describe('README quick start', () => {
  test('synthesizes the repository, the push grant and the registry settings', () => {
    const stack = quickStart();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ECR::Repository', 1);
    template.resourceCountIs('AWS::ECR::RegistryScanningConfiguration', 1);
    template.resourceCountIs('AWS::ECR::PullThroughCacheRule', 1);
    template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: 'shop/api', ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION' });
  });
});
