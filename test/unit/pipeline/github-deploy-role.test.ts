import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CdkBootstrapRole, DeployRoleAccess, GitHubDeployRole } from '../../../lib/pipeline';

const REPO = 'my-org/platform';
const ISSUER = 'token.actions.githubusercontent.com';

test('GitHubDeployRole.OIDC_ISSUER is the issuer of GitHub Actions\' tokens, as the trust policy names it', () => {
  expect(GitHubDeployRole.OIDC_ISSUER).toBe(ISSUER);
});

/** The template's JSON with `Fn::Join`s of plain strings and `AWS::Partition` (always `aws` here) flattened to strings. */
function flatten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flatten);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj.Ref === 'AWS::Partition') return 'aws';
    const join = obj['Fn::Join'] as [string, unknown[]] | undefined;
    if (join) {
      const parts = join[1].map(flatten);
      if (parts.every((p) => typeof p === 'string')) return parts.join(join[0]);
      return { 'Fn::Join': [join[0], parts] };
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, flatten(v)]));
  }
  return value;
}

function roleStack(build: (stack: Stack) => void): Template {
  const stack = new Stack(new App(), 'Roles', { env: { account: '123456789012', region: 'eu-west-1' } });
  build(stack);
  return Template.fromJSON(flatten(Template.fromStack(stack).toJSON()) as Record<string, unknown>);
}

describe('GitHubDeployRole (default: DEPLOY, main branch, existing OIDC provider)', () => {
  let template: Template;
  let role: GitHubDeployRole;
  beforeAll(() => {
    // GIVEN / WHEN
    template = roleStack((stack) => { role = new GitHubDeployRole(stack, 'Deploy', { repository: REPO }); });
  });

  test('only GitHub workflows of the repository on main, with audience sts.amazonaws.com, may assume it', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRoleWithWebIdentity',
          Effect: 'Allow',
          Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${ISSUER}` },
          Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: [`repo:${REPO}:ref:refs/heads/main`] } },
        }],
      },
    });
  });

  test('may only assume the four CDK bootstrap roles of its account and region', () => {
    const roles = ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map((r) => `arn:aws:iam::123456789012:role/cdk-hnb659fds-${r}-role-123456789012-eu-west-1`);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Sid: 'AssumeCdkBootstrapRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roles }] },
    });
    expect(role.bootstrapRoles).toEqual([CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING, CdkBootstrapRole.IMAGE_PUBLISHING, CdkBootstrapRole.LOOKUP]);
  });

  test('has no other policy: no inline policy, no AWS managed policy, no static keys', () => {
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^DeployAssumeBootstrapRoles') }] });
  });

  test('construct tree: the role is the default child', () => {
    expect(role.node.defaultChild).toBe(role.role);
    expect(role.role.node.id).toBe('Resource');
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('GitHubDeployRole options', () => {
  test('DIFF: the lookup role only, for pull requests', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Diff', { repository: REPO, access: DeployRoleAccess.DIFF }));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/cdk-hnb659fds-lookup-role-123456789012-eu-west-1' }] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: Match.objectLike({ [`${ISSUER}:sub`]: [`repo:${REPO}:pull_request`] }) } })] },
    });
  });

  test('GitHub environments as subjects; a wildcard subject switches to StringLike', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, subjects: ['environment:prod', 'ref:refs/tags/v*'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com' },
            StringLike: { [`${ISSUER}:sub`]: [`repo:${REPO}:environment:prod`, `repo:${REPO}:ref:refs/tags/v*`] },
          },
        })],
      },
    });
  });

  test('createOidcProvider makes a native AWS::IAM::OIDCProvider (no custom resource) that the role trusts', () => {
    const template = roleStack((stack) => {
      const provider = GitHubDeployRole.createOidcProvider(stack, 'GitHub');
      new GitHubDeployRole(stack, 'Deploy', { repository: REPO, oidcProvider: provider });
    });
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: `https://${ISSUER}`, ClientIdList: ['sts.amazonaws.com'] });
    template.resourceCountIs('AWS::Lambda::Function', 0);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Federated: { Ref: Match.stringLikeRegexp('^GitHub') } } })] },
    });
  });

  test('custom qualifier and several regions', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, access: DeployRoleAccess.DIFF, qualifier: 'platform', regions: ['eu-west-1', 'us-east-1'] }));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [{
          Action: 'sts:AssumeRole',
          Resource: ['eu-west-1', 'us-east-1'].map((r) => `arn:aws:iam::123456789012:role/cdk-platform-lookup-role-123456789012-${r}`),
        }],
      },
    });
  });

  test('an environment-agnostic stack scopes the roles with the stack account and region tokens', () => {
    const stack = new Stack(new App(), 'Agnostic');
    new GitHubDeployRole(stack, 'Deploy', { repository: REPO });
    const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'))[0];
    expect(JSON.stringify(policy)).toContain('AWS::AccountId');
    expect(JSON.stringify(policy)).toContain('AWS::Region');
  });
});

describe('GitHubDeployRole validation', () => {
  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['repository without an owner', (s) => new GitHubDeployRole(s, 'Deploy', { repository: 'platform' }), /\[Roles\/Deploy\] repository: got "platform"; allowed: owner\/name/],
    ['repository URL', (s) => new GitHubDeployRole(s, 'Deploy', { repository: 'https://github.com/my-org/platform' }), /repository: got "https:\/\/github.com\/my-org\/platform"/],
    ['qualifier too long', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, qualifier: 'elevenchars' }), /qualifier: got "elevenchars"; allowed: 1-10/],
    ['no subjects', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: [] }), /subjects: got \[\]/],
    ['a subject that is only a wildcard (any branch, any PR, any environment)', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['*'] }), /subjects: got "\*"; allowed: .*not "\*" alone/],
    ['a subject with a space', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['environment:my prod'] }), /subjects: got "environment:my prod"/],
    ['no regions', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, regions: [] }), /regions: got \[\]/],
  ])('%s', (_name, build, message) => {
    const stack = new Stack(new App(), 'Roles');
    expect(() => build(stack)).toThrow(message);
  });
});

describe('GitHubDeployRole lists', () => {
  test('bootstrapRoles is its own copy: changing one role\'s list changes no other role', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Roles', { env: { account: '123456789012', region: 'eu-west-1' } });
    const oidcProvider = GitHubDeployRole.createOidcProvider(stack, 'Oidc');
    const first = new GitHubDeployRole(stack, 'First', { repository: REPO, oidcProvider });
    // WHEN
    first.bootstrapRoles.length = 0;
    const second = new GitHubDeployRole(stack, 'Second', { repository: REPO, oidcProvider });
    // THEN
    expect(second.bootstrapRoles).toEqual([CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING, CdkBootstrapRole.IMAGE_PUBLISHING, CdkBootstrapRole.LOOKUP]);
  });
});
