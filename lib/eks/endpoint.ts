/**
 * Who can reach the Kubernetes API server endpoint of an {@link EksCluster}.
 *
 * Private by default; public access always comes with an explicit CIDR allow list
 * (the list is validated when the cluster is built: 1-40 IPv4 blocks, never `0.0.0.0/0`).
 */
export class EksEndpointAccess {
  /**
   * The endpoint is reachable only from inside the VPC (and networks connected to it).
   * Node and pod traffic to the API server stays in the VPC.
   */
  public static readonly PRIVATE = new EksEndpointAccess(false, []);

  /**
   * The endpoint is reachable from inside the VPC and, from outside it, only from the given CIDR blocks.
   * Node traffic still uses the private endpoint.
   *
   * @param cidrs the IPv4 CIDR blocks allowed to reach the public endpoint (1-40; not `0.0.0.0/0`; the
   *              clusters are IPv4, and EKS takes IPv6 blocks only on IPv6 clusters)
   */
  public static publicAndPrivate(...cidrs: string[]): EksEndpointAccess {
    return new EksEndpointAccess(true, cidrs);
  }

  /** Whether the public endpoint is enabled. */
  public readonly isPublic: boolean;
  /**
   * The CIDR blocks allowed to reach the public endpoint (empty when private).
   *
   * Frozen: jsii has no readonly arrays, so the type says `string[]`, but changing the list throws
   * (`EksEndpointAccess.PRIVATE` is shared by every cluster that uses it).
   */
  public readonly publicAccessCidrs: string[];

  private constructor(isPublic: boolean, cidrs: readonly string[]) {
    this.isPublic = isPublic;
    this.publicAccessCidrs = Object.freeze([...cidrs]) as string[];
  }
}
