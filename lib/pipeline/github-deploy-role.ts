import { Arn, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from '../private/validate';

/** The issuer of GitHub Actions' OIDC tokens. */
const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';

/** The CDK bootstrap roles (`cdk bootstrap`'s modern template) a CI role may assume. */
export enum CdkBootstrapRole {
  /** `cdk-<qualifier>-deploy-role-*`: creates change sets and hands them to CloudFormation's execution role. */
  DEPLOY = 'deploy',
  /** `cdk-<qualifier>-file-publishing-role-*`: uploads file assets to the staging bucket. */
  FILE_PUBLISHING = 'file-publishing',
  /** `cdk-<qualifier>-image-publishing-role-*`: pushes image assets to the staging ECR repository. */
  IMAGE_PUBLISHING = 'image-publishing',
  /** `cdk-<qualifier>-lookup-role-*`: read-only; context lookups and `cdk diff --no-change-set`. */
  LOOKUP = 'lookup',
}

/** What a {@link GitHubDeployRole} may do, as the CDK bootstrap roles it may assume. */
export enum DeployRoleAccess {
  /** `cdk deploy`: the deploy, file-publishing, image-publishing and lookup roles. */
  DEPLOY = 'DEPLOY',
  /** `cdk diff --no-change-set` (pull requests): the read-only lookup role only. */
  DIFF = 'DIFF',
}

const ROLES_FOR_ACCESS: Record<DeployRoleAccess, CdkBootstrapRole[]> = {
  [DeployRoleAccess.DEPLOY]: [CdkBootstrapRole.DEPLOY, CdkBootstrapRole.FILE_PUBLISHING, CdkBootstrapRole.IMAGE_PUBLISHING, CdkBootstrapRole.LOOKUP],
  [DeployRoleAccess.DIFF]: [CdkBootstrapRole.LOOKUP],
};

/** Properties of a {@link GitHubDeployRole}. */
export interface GitHubDeployRoleProps {
  /**
   * The GitHub repository whose workflows may assume the role, as `owner/name`: the owner is 1-39
   * letters, digits or hyphens, not starting with a hyphen; the name 1-100 letters, digits, `.`,
   * `-` or `_` (not `.` or `..`). Written as GitHub spells it: IAM compares the `sub` claim
   * case-sensitively. No wildcards: one role trusts one repository.
   */
  readonly repository: string;

  /**
   * What the role may do.
   * @default DeployRoleAccess.DEPLOY
   */
  readonly access?: DeployRoleAccess;

  /**
   * The branches whose workflow runs may assume the role, as branch names (`main`, `release/2026`),
   * not refs. The trust policy then also requires the token's `ref` claim (the Git ref that started
   * the run) to be `refs/heads/<branch>` for one of them (`StringEquals` on
   * `token.actions.githubusercontent.com:ref`, a condition key AWS STS evaluates for GitHub's
   * provider). A job in a GitHub environment has the `sub` claim `repo:<owner>/<name>:environment:<env>`,
   * which names no branch: without this pin, a workflow on any branch that names the environment
   * could deploy. Name protected branches only (branch protection or a ruleset that requires
   * reviews), since whoever can push to one of them can deploy. A token without the claim matches
   * no `StringEquals`: the pin fails closed.
   *
   * Each name follows Git's branch name rules (`git check-ref-format --branch`): no spaces, control
   * characters, backslashes, `~ ^ : ? * [`, `..` or `@{`; not starting with `-` or `/`, not ending with `/`,
   * `.` or `.lock`. No wildcards: one pattern would span branches anyone with write access can
   * create. A `DEPLOY` role is always pinned; a `DIFF` role is pinned only when this is given (then
   * it cannot take `pull_request` subjects, whose `ref` is `refs/pull/<n>/merge`).
   * @default - `['main']` for `DEPLOY`; no pin for `DIFF`
   */
  readonly branches?: string[];

  /**
   * The `sub` claims (after `repo:<owner>/<name>:`) allowed to assume the role: `environment:prod`
   * for a job with `environment: prod`, `ref:refs/heads/main` for a job on main without an
   * environment, `pull_request` for pull-request jobs (`DIFF` roles only). Environment and branch
   * names are taken as GitHub allows them (spaces, `/` and other printable characters included);
   * control characters and leading or trailing spaces are refused. A repository that customizes
   * its subject claim template (GitHub's REST API, "customize OIDC subject claim") gives the claims
   * in that template's form.
   *
   * Claims are compared exactly (`StringEquals`): no `*` or `?` anywhere. Every wildcard spans
   * more than it names: `environment:*` or `environment:prod*` any environment someone creates,
   * `ref:refs/heads/*` any branch, and `*` also matches `:`, so it can cross from one kind of claim
   * into another. Release tags (`ref:refs/tags/v*`) are refused too: anyone who can push to the
   * repository can tag any commit unless a ruleset forbids it, which the role cannot see; deploy
   * releases from a protected branch instead. On a role pinned to branches (see `branches`),
   * `ref:` claims must be `ref:refs/heads/<branch>` of a listed branch, and `pull_request` is refused.
   * @default - for `DEPLOY`, `ref:refs/heads/<branch>` for each of `branches`; for `DIFF`,
   * `['pull_request']` (`ref:refs/heads/<branch>` for each of `branches` when they are given).
   * Jobs in GitHub environments need `environment:<env>` claims given here.
   */
  readonly subjects?: string[];

  /**
   * The account's GitHub OIDC provider. There is one per account: create it once with
   * {@link GitHubDeployRole.createOidcProvider} or import it.
   * @default - the account's existing provider for `token.actions.githubusercontent.com`, imported by ARN
   */
  readonly oidcProvider?: iam.IOidcProvider;

  /**
   * The bootstrap qualifier (`cdk bootstrap --qualifier`): 1-10 letters, digits, `-` or `_`, as
   * the bootstrap template's `Qualifier` parameter allows.
   * @default 'hnb659fds' (the CDK default)
   */
  readonly qualifier?: string;

  /**
   * The regions whose bootstrap roles the role may assume (each region is bootstrapped separately),
   * as region names such as `eu-west-1`; not a list token.
   * @default - the stack's region
   */
  readonly regions?: string[];

  /**
   * The role's name: 1-64 letters, digits or `+=,.@_-` (IAM).
   * @default - generated by CloudFormation
   */
  readonly roleName?: string;

  /**
   * How long a session lasts: a whole number of seconds from 1 hour to 12 hours (IAM). A token
   * amount must be given as `Duration.seconds(...)`. Calls from this role to the bootstrap roles are
   * role chaining, which AWS limits to 1 hour whatever this says.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/** GitHub's owner (user or organization) and repository name rules. */
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/(?!\.{1,2}$)[A-Za-z0-9._-]{1,100}$/;
/** The CDK bootstrap template's `Qualifier` parameter pattern. */
const QUALIFIER = /^[A-Za-z0-9_-]{1,10}$/;
/**
 * True when the claim is non-empty and holds no control character (U+0000-U+001F, U+007F): the
 * claim is JSON text GitHub signs; printable characters are allowed as GitHub names allow them.
 */
function isPrintableClaim(claim: string): boolean {
  return claim.length > 0 && [...claim].every((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f);
}
/** The prefix of a branch in a `ref` claim and in a `ref:` sub claim. */
const BRANCH_REF = 'refs/heads/';
/**
 * What is wrong with a branch name by Git's rules (`git check-ref-format --branch`) and the
 * library's (a name, not a ref), or `undefined` when it is a valid branch name.
 */
function branchNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'an empty name';
  if (/[*?[]/.test(name)) return 'a wildcard: list each branch (a pattern matches branches anyone with write access can create)';
  if (name.startsWith('refs/')) return `a ref: give the branch name without "${BRANCH_REF}" (the role adds it)`;
  if ([...name].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f) || /[~^:\\]/.test(name)) {
    return 'a space, control character or one of ~ ^ : \\ (Git refuses them in ref names)';
  }
  if (name.includes('..') || name.includes('@{') || name === '@') return '"..", "@{" or "@" (Git refuses them in ref names)';
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.includes('//')) {
    return 'a leading "-" or "/", a trailing "/" or ".", or "//" (Git refuses them in branch names)';
  }
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) {
    return 'a part starting with "." or ending with ".lock" (Git refuses them in ref names)';
  }
  return undefined;
}
/** AWS region names: `us-east-1`, `us-gov-west-1`, `cn-north-1`. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** IAM role names (`AWS::IAM::Role` RoleName). */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/**
 * An IAM role that GitHub Actions assumes through OIDC (no static keys) to run `cdk deploy` or
 * `cdk diff`, with least privilege: it may only assume the CDK bootstrap roles of its own account
 * (`sts:AssumeRole` on `cdk-<qualifier>-<role>-role-<account>-<region>`), and only a workflow of
 * the given repository, audience `sts.amazonaws.com` and exact `sub` claim may assume it. A `DEPLOY`
 * role also requires the token's `ref` claim to be one of the given branches (`main` by default),
 * so that naming a GitHub environment from another branch is not enough. What a deploy can change
 * is then decided by the bootstrap's CloudFormation execution policies
 * (`cdk bootstrap --cloudformation-execution-policies`), not by this role.
 *
 * @example
 * const provider = GitHubDeployRole.createOidcProvider(this, 'GitHub');
 * // Jobs with `environment: prod` in runs on main only.
 * new GitHubDeployRole(this, 'Deploy', { repository: 'my-org/platform', subjects: ['environment:prod'], branches: ['main'], oidcProvider: provider });
 * new GitHubDeployRole(this, 'Diff', { repository: 'my-org/platform', access: DeployRoleAccess.DIFF, oidcProvider: provider });
 */
export class GitHubDeployRole extends Construct {
  /** The issuer of GitHub Actions' OIDC tokens: `token.actions.githubusercontent.com`. */
  public static readonly OIDC_ISSUER = GITHUB_OIDC_ISSUER;

  /**
   * Creates the account's GitHub OIDC provider (native `AWS::IAM::OIDCProvider`, audience
   * `sts.amazonaws.com`). An account has one provider per issuer: create it in one stack only.
   */
  public static createOidcProvider(scope: Construct, id: string): iam.IOidcProvider {
    return new iam.OidcProviderNative(scope, id, { url: `https://${GITHUB_OIDC_ISSUER}`, clientIds: ['sts.amazonaws.com'] });
  }

  /** The role. */
  public readonly role: iam.Role;
  /** The bootstrap roles it may assume. */
  public readonly bootstrapRoles: CdkBootstrapRole[];

  constructor(scope: Construct, id: string, props: GitHubDeployRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const access = props.access ?? DeployRoleAccess.DEPLOY;
    const qualifier = props.qualifier ?? 'hnb659fds';
    this.validateProps(props, access, qualifier);
    // A DEPLOY role is always pinned to branches; a DIFF role only when branches are given.
    const branches = props.branches ?? (access === DeployRoleAccess.DEPLOY ? ['main'] : undefined);
    const subjects = props.subjects
      ?? (branches ? branches.map((b) => `ref:${BRANCH_REF}${b}`) : ['pull_request']);
    this.validateSubjects(subjects, branches);
    const regions = props.regions ?? [stack.region];

    const provider = props.oidcProvider ?? iam.OidcProviderNative.fromOidcProviderArn(this, 'OidcProvider',
      Arn.format({ service: 'iam', region: '', resource: 'oidc-provider', resourceName: GITHUB_OIDC_ISSUER }, stack));
    // Exact matches only (no StringLike): the sub claim names the repository and the environment,
    // branch or pull request; the ref claim pins the branch, which an environment's sub claim omits.
    const claims: Record<string, unknown> = {
      [`${GITHUB_OIDC_ISSUER}:aud`]: 'sts.amazonaws.com',
      [`${GITHUB_OIDC_ISSUER}:sub`]: subjects.map((s) => `repo:${props.repository}:${s}`),
    };
    if (branches) claims[`${GITHUB_OIDC_ISSUER}:ref`] = branches.map((b) => `${BRANCH_REF}${b}`);
    this.role = new iam.Role(this, 'Resource', {
      roleName: props.roleName,
      description: `GitHub Actions (${props.repository}) ${access === DeployRoleAccess.DIFF ? 'cdk diff' : 'cdk deploy'} through the CDK bootstrap roles`,
      // aws-cdk-lib compares the duration with its limits, which a token's number fails: a token is set on the CfnRole below.
      maxSessionDuration: props.maxSessionDuration?.isUnresolved() ? undefined : props.maxSessionDuration ?? Duration.hours(1),
      assumedBy: new iam.WebIdentityPrincipal(provider.oidcProviderArn, { StringEquals: claims }),
    });
    if (props.maxSessionDuration?.isUnresolved()) {
      (this.role.node.defaultChild as iam.CfnRole).maxSessionDuration = props.maxSessionDuration.toSeconds();
    }

    // A customer-managed policy, not an inline one: only sts:AssumeRole on the named bootstrap roles.
    this.bootstrapRoles = [...ROLES_FOR_ACCESS[access]];
    const policy = new iam.ManagedPolicy(this, 'AssumeBootstrapRoles', {
      description: `Assume the CDK bootstrap roles (${this.bootstrapRoles.join(', ')}) of qualifier ${qualifier}`,
      statements: [new iam.PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        resources: regions.flatMap((region) => this.bootstrapRoles.map((role) =>
          `arn:${stack.partition}:iam::${stack.account}:role/cdk-${qualifier}-${role}-role-${stack.account}-${region}`)),
      })],
    });
    this.role.addManagedPolicy(policy);
  }

  private validateProps(props: GitHubDeployRoleProps, access: DeployRoleAccess, qualifier: string): void {
    if (!Token.isUnresolved(props.repository) && !REPOSITORY.test(props.repository)) {
      throw new ValidationError(this, {
        property: 'repository', value: props.repository,
        allowed: 'owner/name, e.g. "my-org/platform": an owner of 1-39 letters, digits or "-" (not first), a name of 1-100 letters, digits, ".", "-" or "_"',
      });
    }
    if (!Object.values(DeployRoleAccess).includes(access)) {
      throw new ValidationError(this, { property: 'access', value: access, allowed: Object.values(DeployRoleAccess).join(', ') });
    }
    if (!Token.isUnresolved(qualifier) && !QUALIFIER.test(qualifier)) {
      throw new ValidationError(this, { property: 'qualifier', value: qualifier, allowed: '1-10 letters, digits, "-" or "_" (cdk bootstrap --qualifier)' });
    }
    if (props.branches !== undefined) this.validateBranches(props.branches);
    if (props.regions !== undefined) this.validateRegions(props.regions);
    if (props.roleName !== undefined && !Token.isUnresolved(props.roleName) && !ROLE_NAME.test(props.roleName)) {
      throw new ValidationError(this, { property: 'roleName', value: props.roleName, allowed: '1-64 letters, digits or "+=,.@_-" (IAM role names)' });
    }
    this.validateSessionDuration(props.maxSessionDuration);
  }

  private validateBranches(branches: string[]): void {
    if (isToken(branches)) {
      throw new ValidationError(this, {
        property: 'branches', value: branches, allowed: 'an array of branch names, each a literal or a single-value token',
        hint: `each branch is written into the ref condition as "${BRANCH_REF}<branch>" at synth, which a list token cannot be`,
      });
    }
    if (branches.length === 0) {
      throw new ValidationError(this, {
        property: 'branches', value: branches, allowed: 'one or more branch names, e.g. "main"',
        hint: 'a DEPLOY role is always pinned to branches; leave branches out of a DIFF role to trust pull requests',
      });
    }
    for (const branch of branches) {
      if (Token.isUnresolved(branch)) continue;
      const problem = branchNameProblem(branch);
      if (problem !== undefined) {
        throw new ValidationError(this, {
          property: 'branches', value: branch,
          allowed: 'Git branch names (git check-ref-format --branch), e.g. "main" or "release/2026": no spaces, control characters, '
            + 'wildcards or ~ ^ : \\, "..", "@{"; not starting with "-" or "/", not ending with "/", "." or ".lock"',
          hint: `the name has ${problem}`,
        });
      }
    }
  }

  /** Checks each literal sub claim; `branches` is the role's branch pin, if it has one. */
  private validateSubjects(subjects: string[], branches: string[] | undefined): void {
    if (isToken(subjects)) {
      throw new ValidationError(this, {
        property: 'subjects', value: subjects, allowed: 'an array of sub claims, each a literal or a single-value token',
        hint: 'each claim is prefixed with "repo:<owner>/<name>:" at synth, which a list token cannot be',
      });
    }
    if (subjects.length === 0) {
      throw new ValidationError(this, { property: 'subjects', value: subjects, allowed: 'one or more sub claims, e.g. "environment:prod"' });
    }
    // With a token branch the listed branches are not known at synth: ref claims are then not compared with them.
    const knownBranches = branches?.every((b) => !Token.isUnresolved(b)) ? branches : undefined;
    for (const subject of subjects) {
      if (Token.isUnresolved(subject)) continue;
      if (!isPrintableClaim(subject) || subject.trim() !== subject) {
        throw new ValidationError(this, {
          property: 'subjects', value: subject,
          allowed: 'a sub claim after "repo:<owner>/<name>:", e.g. "environment:prod", "ref:refs/heads/main" or "pull_request": '
            + 'printable characters without leading or trailing spaces',
        });
      }
      if (/[*?]/.test(subject)) {
        throw new ValidationError(this, {
          property: 'subjects', value: subject,
          allowed: 'exact sub claims, without "*" or "?", e.g. "environment:prod" or "ref:refs/heads/main"',
          hint: 'a wildcard spans environments, branches or tags that anyone with write access can create ("*" also matches ":"); '
            + 'list each claim, and deploy releases from a protected branch rather than from tags',
        });
      }
      if (branches === undefined) continue;
      if (subject === 'pull_request') {
        throw new ValidationError(this, {
          property: 'subjects', value: subject,
          allowed: 'on a role pinned to branches: "environment:<env>" or "ref:refs/heads/<branch>" of a listed branch',
          hint: 'a pull request\'s ref claim is refs/pull/<n>/merge, which the branch pin refuses: trust pull requests with a DIFF role without branches',
        });
      }
      if (subject.startsWith('ref:')) {
        const ref = subject.slice('ref:'.length);
        const listed = ref.startsWith(BRANCH_REF) && (knownBranches === undefined || knownBranches.includes(ref.slice(BRANCH_REF.length)));
        if (!listed) {
          throw new ValidationError(this, {
            property: 'subjects', value: subject,
            allowed: `on a role pinned to branches, ref claims of the listed branches only: ${(knownBranches ?? []).map((b) => `"ref:${BRANCH_REF}${b}"`).join(', ') || `"ref:${BRANCH_REF}<branch>"`}`,
            hint: ref.startsWith(BRANCH_REF)
              ? `add "${ref.slice(BRANCH_REF.length)}" to branches: the ref condition would refuse every run of this claim`
              : 'the ref condition only admits runs on the listed branches: a run on a tag or other ref could never assume the role',
          });
        }
      }
    }
  }

  private validateRegions(regions: string[]): void {
    if (isToken(regions)) {
      throw new ValidationError(this, {
        property: 'regions', value: regions, allowed: 'an array of regions, each a literal or a single-value token',
        hint: 'each region is written into a bootstrap role ARN at synth, which a list token cannot be',
      });
    }
    if (regions.length === 0) {
      throw new ValidationError(this, { property: 'regions', value: regions, allowed: 'one or more regions' });
    }
    const bad = regions.find((r) => !Token.isUnresolved(r) && !REGION.test(r));
    if (bad !== undefined) {
      throw new ValidationError(this, { property: 'regions', value: bad, allowed: 'AWS region names such as "eu-west-1" or "us-gov-west-1"' });
    }
  }

  private validateSessionDuration(duration: Duration | undefined): void {
    if (duration === undefined) return;
    if (duration.isUnresolved()) {
      if (duration.unitLabel() === 'seconds') return;
      throw new ValidationError(this, {
        property: 'maxSessionDuration', value: duration.toString(), allowed: 'Duration.seconds(...) when the amount is a token',
        hint: 'a token amount in other units cannot be converted to seconds at synth',
      });
    }
    const seconds = duration.toSeconds({ integral: false });
    if (!Number.isInteger(seconds) || seconds < 3600 || seconds > 43200) {
      throw new ValidationError(this, {
        property: 'maxSessionDuration', value: duration.toHumanString(), allowed: 'a whole number of seconds from 3600 (1 hour) to 43200 (12 hours)',
      });
    }
  }
}
