import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The entries of one kind of EKS capacity (managed node groups, Fargate profiles) and the IAM role
 * they all share, created with the first entry so a cluster without that capacity has no such role.
 */
export class SharedRoleList<T> {
  /** The entries, in the order they were added. */
  protected readonly entries: T[] = [];
  private sharedRole?: iam.Role;

  /**
   * @param createRole makes the shared role; called once, when the first entry asks for it
   * @param onRoleCreated called with the role right after it is created
   */
  constructor(private readonly createRole: () => iam.Role, private readonly onRoleCreated: (role: iam.Role) => void) {}

  /** The entries, in the order they were added; a copy. */
  public get all(): T[] {
    return [...this.entries];
  }

  /** The shared role; undefined until the first entry. */
  public get role(): iam.Role | undefined {
    return this.sharedRole;
  }

  /** The shared role, created (and announced to `onRoleCreated`) on first use. */
  protected ensureRole(): iam.Role {
    if (!this.sharedRole) {
      this.sharedRole = this.createRole();
      this.onRoleCreated(this.sharedRole);
    }
    return this.sharedRole;
  }
}
