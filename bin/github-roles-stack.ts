import { Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DeployRoleAccess, GitHubDeployRole } from '../lib';
import { PlatformStage } from './stages';

/** Properties of the {@link GitHubRolesStack}. */
export interface GitHubRolesStackProps extends StackProps {
  /** The GitHub repository whose workflow (`.github/workflows/deploy.yml`) deploys, `owner/name`. */
  readonly repository: string;
  /** The stage deployed into this stack's account: the deploy role trusts the GitHub environment of that name. */
  readonly stage: PlatformStage;
  /**
   * Create the account's GitHub OIDC provider here. Leave it off when the account already has one.
   * @default true
   */
  readonly createOidcProvider?: boolean;
}

/**
 * The branch `.github/workflows/deploy.yml` deploys from (its `push` trigger and the deploy jobs'
 * `github.ref` check): the deploy role trusts runs on it only. Protect it on GitHub.
 */
export const DEPLOY_BRANCH = 'main';

/**
 * The roles `.github/workflows/deploy.yml` assumes in one account (deploy once per account, by
 * hand, with admin credentials; after `cdk bootstrap`): `Deploy` for the job in the GitHub
 * environment of the stage (`environment:dev`, `environment:prod`) in runs on {@link DEPLOY_BRANCH}
 * (the token's `ref` claim), and `Diff` (read-only) for pull requests. Both may only assume the
 * CDK bootstrap roles.
 */
export class GitHubRolesStack extends Stack {
  /** The role of the deploy job (`AWS_DEPLOY_ROLE_ARN` in the GitHub environment), for runs on {@link DEPLOY_BRANCH} only. */
  public readonly deployRole: GitHubDeployRole;
  /** The role of the pull-request diff job (`<STAGE>_DIFF_ROLE_ARN` repository variable). */
  public readonly diffRole: GitHubDeployRole;

  constructor(scope: Construct, id: string, props: GitHubRolesStackProps) {
    super(scope, id, props);
    const oidcProvider: iam.IOidcProvider | undefined = props.createOidcProvider === false ? undefined : GitHubDeployRole.createOidcProvider(this, 'GitHubOidc');
    this.deployRole = new GitHubDeployRole(this, 'Deploy', {
      repository: props.repository,
      subjects: [`environment:${props.stage.name}`],
      branches: [DEPLOY_BRANCH],
      oidcProvider,
    });
    this.diffRole = new GitHubDeployRole(this, 'Diff', {
      repository: props.repository,
      access: DeployRoleAccess.DIFF,
      subjects: ['pull_request'],
      oidcProvider,
    });
  }
}
