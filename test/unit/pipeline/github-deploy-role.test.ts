import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ValidationError } from '../../../lib/errors';
import { CdkBootstrapRole, DeployRoleAccess, GitHubDeployRole } from '../../../lib/pipeline';
import { thrownBy } from '../../support/thrown';

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


/** The trust policy's StringEquals block: audience, the `sub` claims and (for a pinned role) the `ref` claims. */
function claims(sub: unknown[], ref?: unknown[]): Record<string, unknown> {
  return { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: sub, ...(ref ? { [`${ISSUER}:ref`]: ref } : {}) };
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
          Condition: {
            StringEquals: claims([`repo:${REPO}:ref:refs/heads/main`], ['refs/heads/main']),
          },
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
  test('DIFF: the lookup role only, for pull requests, with no ref condition (a pull request\'s ref is refs/pull/<n>/merge)', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Diff', { repository: REPO, access: DeployRoleAccess.DIFF }));
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::123456789012:role/cdk-hnb659fds-lookup-role-123456789012-eu-west-1' }] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: { StringEquals: { [`${ISSUER}:aud`]: 'sts.amazonaws.com', [`${ISSUER}:sub`]: [`repo:${REPO}:pull_request`] } },
        })],
      },
    });
  });

  test('a GitHub environment as subject: the environment\'s sub claim and the ref claim of main, both exact', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, subjects: ['environment:prod'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: claims([`repo:${REPO}:environment:prod`], ['refs/heads/main']),
          },
        })],
      },
    });
  });

  test('branches: the ref condition lists each branch, and the default subjects are those branches\' ref claims', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, branches: ['main', 'release/2026'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: claims([`repo:${REPO}:ref:refs/heads/main`, `repo:${REPO}:ref:refs/heads/release/2026`], ['refs/heads/main', 'refs/heads/release/2026']),
          },
        })],
      },
    });
  });

  test('branches and environments together: a job in environment prod on a listed branch', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, branches: ['release'], subjects: ['environment:prod', 'ref:refs/heads/release'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: claims([`repo:${REPO}:environment:prod`, `repo:${REPO}:ref:refs/heads/release`], ['refs/heads/release']),
          },
        })],
      },
    });
  });

  test('DIFF with branches is pinned too: cdk diff on pushes to main', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Diff', { repository: REPO, access: DeployRoleAccess.DIFF, branches: ['main'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: claims([`repo:${REPO}:ref:refs/heads/main`], ['refs/heads/main']),
          },
        })],
      },
    });
  });

  test('no trust policy uses StringLike: claims are compared exactly', () => {
    const template = roleStack((stack) => {
      const oidcProvider = GitHubDeployRole.createOidcProvider(stack, 'Oidc');
      new GitHubDeployRole(stack, 'Deploy', { repository: REPO, subjects: ['environment:prod'], oidcProvider });
      new GitHubDeployRole(stack, 'Diff', { repository: REPO, access: DeployRoleAccess.DIFF, oidcProvider });
    });
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(2);
    for (const role of roles) expect(Object.keys((role.Properties.AssumeRolePolicyDocument.Statement[0] as { Condition: object }).Condition)).toEqual(['StringEquals']);
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

describe('GitHubDeployRole refuses subjects whose wildcards span branches, tags, environments or claim kinds', () => {
  const WILDCARD = /\[Roles\/Deploy\] subjects: got ".*"; allowed: exact sub claims, without "\*" or "\?", e\.g\. "environment:prod" or "ref:refs\/heads\/main"\. Hint: a wildcard spans environments, branches or tags/;
  test.each([
    '*', '**?', '*:*', 'ref:*', 'ref:refs/heads/*', 'ref:refs/heads/release-?', 'ref:refs/tags/v*', 'environment:*', 'environment:prod*',
    'environment:pr?d', 'environment:*:ref:refs/heads/main', 'pull_request*', '*pull_request',
  ])('%s', (subject) => {
    for (const access of [DeployRoleAccess.DEPLOY, DeployRoleAccess.DIFF]) {
      expect(() => new GitHubDeployRole(new Stack(new App(), 'Roles'), 'Deploy', { repository: REPO, access, subjects: ['environment:prod', subject] })).toThrow(WILDCARD);
    }
  });
});

describe('GitHubDeployRole branches', () => {
  const ALLOWED = /allowed: Git branch names \(git check-ref-format --branch\), e\.g\. "main" or "release\/2026"/;
  test.each<[string, string, RegExp]>([
    ['a wildcard', 'release/*', /Hint: the name has a wildcard: list each branch/],
    ['only a wildcard', '*', /Hint: the name has a wildcard/],
    ['a "?" wildcard', 'release-?', /Hint: the name has a wildcard/],
    ['a character class', 'release-[0-9]', /Hint: the name has a wildcard/],
    ['a full ref', 'refs/heads/main', /Hint: the name has a ref: give the branch name without "refs\/heads\/"/],
    ['an empty name', '', /Hint: the name has an empty name/],
    ['a space', 'my branch', /Hint: the name has a space, control character/],
    ['a control character', 'ma\tin', /Hint: the name has a space, control character/],
    ['a colon', 'a:b', /one of ~ \^ : \\/],
    ['a tilde', 'main~1', /one of ~ \^ : \\/],
    ['a backslash', 'a\\b', /one of ~ \^ : \\/],
    ['".."', 'a..b', /"\.\.", "@\{" or "@"/],
    ['"@{"', 'main@{1}', /"\.\.", "@\{" or "@"/],
    ['"@" alone', '@', /"\.\.", "@\{" or "@"/],
    ['a leading "-"', '-main', /a leading "-" or "\/"/],
    ['a leading "/"', '/main', /a leading "-" or "\/"/],
    ['a trailing "/"', 'main/', /a trailing "\/" or "\."/],
    ['a trailing "."', 'main.', /a trailing "\/" or "\."/],
    ['"//"', 'release//1', /or "\/\/"/],
    ['a part starting with "."', 'release/.hidden', /a part starting with "\." or ending with "\.lock"/],
    ['a part ending with ".lock"', 'main.lock', /a part starting with "\." or ending with "\.lock"/],
  ])('a branch with %s is refused', (_name, branch, hint) => {
    const error = thrownBy(() => new GitHubDeployRole(new Stack(new App(), 'Roles'), 'Deploy', { repository: REPO, branches: ['main', branch] }));
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as Error).message;
    expect(message.startsWith(`[Roles/Deploy] branches: got ${JSON.stringify(branch)}; `)).toBe(true);
    expect(message).toMatch(ALLOWED);
    expect(message).toMatch(hint);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['no branches on a DEPLOY role', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, branches: [] }),
      /\[Roles\/Deploy\] branches: got \[\]; allowed: one or more branch names, e\.g\. "main"\. Hint: a DEPLOY role is always pinned to branches/],
    ['no branches on a DIFF role', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, access: DeployRoleAccess.DIFF, branches: [] }),
      /branches: got \[\]; allowed: one or more branch names.*leave branches out of a DIFF role/],
    ['branches as a list token', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, branches: new CfnParameter(s, 'Branches', { type: 'CommaDelimitedList' }).valueAsList }),
      /branches: got .*; allowed: an array of branch names, each a literal or a single-value token\. Hint: each branch is written into the ref condition/],
    ['pull_request on a DEPLOY role (pinned to main by default)', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['pull_request'] }),
      /\[Roles\/Deploy\] subjects: got "pull_request"; allowed: on a role pinned to branches: "environment:<env>" or "ref:refs\/heads\/<branch>" of a listed branch\. Hint: a pull request's ref claim is refs\/pull\/<n>\/merge/],
    ['pull_request on a DIFF role pinned to branches', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, access: DeployRoleAccess.DIFF, branches: ['main'], subjects: ['pull_request'] }),
      /subjects: got "pull_request"; allowed: on a role pinned to branches/],
    ['a ref claim of a branch that is not listed', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['ref:refs/heads/feature'] }),
      /subjects: got "ref:refs\/heads\/feature"; allowed: on a role pinned to branches, ref claims of the listed branches only: "ref:refs\/heads\/main"\. Hint: add "feature" to branches/],
    ['a ref claim of a branch that is not among several listed', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, branches: ['main', 'release'], subjects: ['environment:prod', 'ref:refs/heads/develop'] }),
      /ref claims of the listed branches only: "ref:refs\/heads\/main", "ref:refs\/heads\/release"\. Hint: add "develop" to branches/],
    ['a tag ref claim on a DEPLOY role', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['ref:refs/tags/v1.0.0'] }),
      /subjects: got "ref:refs\/tags\/v1\.0\.0"; allowed: on a role pinned to branches.*Hint: the ref condition only admits runs on the listed branches: a run on a tag/],
    ['a pull request ref claim on a DEPLOY role', (s) => new GitHubDeployRole(s, 'Deploy', { repository: REPO, subjects: ['ref:refs/pull/1/merge'] }),
      /subjects: got "ref:refs\/pull\/1\/merge"; allowed: on a role pinned to branches/],
  ])('%s', (_name, build, message) => {
    expect(() => build(new Stack(new App(), 'Roles'))).toThrow(message);
  });

  test('branch names as Git allows them go into the ref condition as written', () => {
    const branches = ['main', 'release/2026.1', 'feature/a+b#1', 'user@home', 'UPPER_case-1'];
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', { repository: REPO, branches, subjects: ['environment:prod', 'ref:refs/heads/feature/a+b#1'] }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: Match.objectLike({ [`${ISSUER}:ref`]: branches.map((b) => `refs/heads/${b}`) }) } })] },
    });
  });

  test('a token branch is written into the ref condition and the default subject; ref subjects are not compared with it', () => {
    const template = roleStack((stack) => {
      const branch = new CfnParameter(stack, 'Branch').valueAsString;
      new GitHubDeployRole(stack, 'Default', { repository: REPO, branches: [branch] });
      new GitHubDeployRole(stack, 'Listed', { repository: REPO, branches: [branch], subjects: ['ref:refs/heads/release'] });
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: Match.anyValue(),
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: claims([{ 'Fn::Join': ['', [`repo:${REPO}:ref:refs/heads/`, { Ref: 'Branch' }]] }], [{ 'Fn::Join': ['', ['refs/heads/', { Ref: 'Branch' }]] }]),
          },
        })],
      },
    });
  });
});

describe('GitHubDeployRole accepts what GitHub and IAM accept', () => {
  test('environment and branch names with spaces, slashes and other printable characters go into the sub claim as written', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Deploy', {
      repository: 'My-Org/.github', branches: ['feature/a+b#1'], subjects: ['environment:Prod East (eu)', 'ref:refs/heads/feature/a+b#1'],
    }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { StringEquals: Match.objectLike({ [`${ISSUER}:sub`]: ['repo:My-Org/.github:environment:Prod East (eu)', 'repo:My-Org/.github:ref:refs/heads/feature/a+b#1'] }) } })] },
    });
  });

  test('a DIFF role takes pull_request, environment and ref claims of any branch when it has no branches', () => {
    const template = roleStack((stack) => new GitHubDeployRole(stack, 'Diff', {
      repository: REPO, access: DeployRoleAccess.DIFF, subjects: ['pull_request', 'environment:dev', 'ref:refs/heads/feature/x', 'ref:refs/tags/v1.0.0'],
    }));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Condition: {
            StringEquals: {
              [`${ISSUER}:aud`]: 'sts.amazonaws.com',
              [`${ISSUER}:sub`]: ['pull_request', 'environment:dev', 'ref:refs/heads/feature/x', 'ref:refs/tags/v1.0.0'].map((c) => `repo:${REPO}:${c}`),
            },
          },
        })],
      },
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
