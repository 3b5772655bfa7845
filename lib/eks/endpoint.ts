/**
 * Who can reach the Kubernetes API server endpoint of an {@link EksCluster}.
 *
 * Private by default; public access always comes with an explicit CIDR allow list
 * (the list is validated when the cluster is built: 1-40 IPv4 blocks, never `0.0.0.0/0`, and
 * together less than half of the IPv4 address space).
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
   * The blocks must cover less than half of the IPv4 address space together (2^31 addresses,
   * overlaps counted once): an allow list names the networks that administer the cluster (offices,
   * VPN and CI egress), and blocks that add up to half the internet or more, such as `0.0.0.0/1`
   * plus `128.0.0.0/1`, are the internet by another name. The largest organisations hold a few /8s
   * (1/256 of the space each), so the limit refuses only what is certainly no allow list.
   *
   * @param cidrs the IPv4 CIDR blocks allowed to reach the public endpoint (1-40; not `0.0.0.0/0`;
   *              less than half of the IPv4 space in all; the clusters are IPv4, and EKS takes IPv6
   *              blocks only on IPv6 clusters)
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
