import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
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
    ['a subject that is only a wildcard (any branch, any PR, any environment)', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['*'] }),
      /subjects: got "\*"; allowed: .*not a claim of wildcards only\. Hint: a claim of wildcards only would let any workflow/],
    ['a subject of "?" wildcards only', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['**?'] }), /subjects: got "\*\*\?"/],
    ['a subject with a trailing space', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['environment:prod '] }), /subjects: got "environment:prod "/],
    ['a subject with a control character', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['environment:pr\tod'] }), /subjects: got "environment:pr\\tod"/],
    ['subjects as a list token', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: new CfnParameter(s, 'Subjects', { type: 'CommaDelimitedList' }).valueAsList }),
      /subjects: got .*; allowed: an array of sub claims, each a literal or a single-value token\. Hint: each claim is prefixed/],
    ['repository owner starting with "-"', (s) => new GitHubDeployRole(s, 'Deploy', { repository: '-org/platform' }), /repository: got "-org\/platform"/],
    ['repository named ".."', (s) => new GitHubDeployRole(s, 'Deploy', { repository: 'my-org/..' }), /repository: got "my-org\/\.\."/],
    ['access not a DeployRoleAccess', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, access: 'ADMIN' as DeployRoleAccess }), /access: got "ADMIN"; allowed: DEPLOY, DIFF\.$/],
    ['a region that is not a region name', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, regions: ['eu-west-1', 'Frankfurt'] }), /regions: got "Frankfurt"; allowed: AWS region names/],
    ['regions as a list token', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, regions: new CfnParameter(s, 'Regions', { type: 'CommaDelimitedList' }).valueAsList }),
      /regions: got .*; allowed: an array of regions, each a literal or a single-value token/],
    ['a role name with a space', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, roleName: 'deploy role' }), /\[Roles\/Deploy\] roleName: got "deploy role"; allowed: 1-64 letters, digits or "\+=,\.@_-" \(IAM role names\)\.$/],
    ['a session under an hour', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, maxSessionDuration: Duration.minutes(59) }),
      /\[Roles\/Deploy\] maxSessionDuration: got "59 minutes"; allowed: a whole number of seconds from 3600 \(1 hour\) to 43200 \(12 hours\)\.$/],
    ['a session over 12 hours', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, maxSessionDuration: Duration.hours(13) }), /maxSessionDuration: got "13 hours"/],
    ['a session of a fraction of a second', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, maxSessionDuration: Duration.millis(3600500) }), /maxSessionDuration: got "1 hour 500 millis"/],
    ['a session from a token in hours', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, maxSessionDuration: Duration.hours(new CfnParameter(s, 'Hours', { type: 'Number' }).valueAsNumber) }),
      /maxSessionDuration: got .*; allowed: Duration\.seconds\(\.\.\.\) when the amount is a token/],
    ['no regions', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, regions: [] }), /regions: got \[\]/],
  ])('%s', (_name, build, message) => {
    const stack = new Stack(new App(), 'Roles');
    expect(() => build(stack)).toThrow(message);
  });
});

describe('GitHubDeployRole accepts what GitHub and IAM accept', () => {
  test('environment and branch names with spaces, slashes and other printable characters go into the sub claim as written', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: 'My-Org/.github', subjects: ['environment:Prod East (eu)', 'ref:refs/heads/feature/a+b#1'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: Match.objectLike({ [`${ISSUER}:sub`]: ['repo:My-Org/.github:environment:Prod East (eu)', 'repo:My-Org/.github:ref:refs/heads/feature/a+b#1'] }) } })] },
    });
  });

  test('a "?" wildcard makes the sub condition StringLike, as "*" does', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, subjects: ['ref:refs/heads/release-?'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: Match.objectLike({ StringLike: { [`${ISSUER}:sub`]: ['repo:my-org/platform:ref:refs/heads/release-?'] } }) })] },
    });
  });

  test('sessions of 1 and 12 hours, and a token session in seconds, synthesize', () => {
    roleStack((stack) => new GitHubDeployRole(stack, 'One', { repository: REPO, maxSessionDuration: Duration.seconds(3600) }))
      .hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 3600 });
    roleStack((stack) => new GitHubDeployRole(stack, 'Twelve', { repository: REPO, maxSessionDuration: Duration.hours(12) }))
      .hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: 43200 });
    roleStack((stack) => new GitHubDeployRole(stack, 'Token', { repository: REPO, maxSessionDuration: Duration.seconds(new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber) }))
      .hasResourceProperties('AWS::IAM::Role', { MaxSessionDuration: { Ref: 'Seconds' } });
  });

  test('token repository, subjects, regions and role name pass through unchecked', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', {
      repository: new CfnParameter(stack, 'Repo').valueAsString,
      subjects: [new CfnParameter(stack, 'Subject').valueAsString],
      regions: [new CfnParameter(stack, 'Region').valueAsString],
      roleName: new CfnParameter(stack, 'RoleName').valueAsString,
    }));
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: { Ref: 'RoleName' } });
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
