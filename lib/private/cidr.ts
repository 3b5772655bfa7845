/** A parsed IPv4 CIDR block. */
export interface Ipv4Cidr {
  /** The address family. */
  readonly family: 4;
  /** The address as written, as an unsigned 32-bit number (the network address when the host bits are zero). */
  readonly address: number;
  /** The prefix length (0-32). */
  readonly prefix: number;
}

/** A parsed IPv6 CIDR block. */
export interface Ipv6Cidr {
  /** The address family. */
  readonly family: 6;
  /** The prefix length (0-128). */
  readonly prefix: number;
}

/** An IPv4 or IPv6 CIDR block. */
export type ParsedCidr = Ipv4Cidr | Ipv6Cidr;

/** Options for {@link parseIpv4Cidr}. */
export interface Ipv4CidrOptions {
  /**
   * Accept a block whose host bits are set (`203.0.113.7/24`), as allow lists do (EKS public
   * access CIDRs, security group rules). A VPC or subnet block must be a network address.
   *
   * @default false
   */
  readonly allowHostBits?: boolean;
}

/**
 * Parses `a.b.c.d/n`.
 *
 * @returns the parsed block, or `undefined` when the text is not an IPv4 CIDR block (or, unless
 *          `allowHostBits`, when its host bits are not all zero)
 */
export function parseIpv4Cidr(text: string, options: Ipv4CidrOptions = {}): Ipv4Cidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (!options.allowHostBits && address % 2 ** (32 - prefix) !== 0) return undefined;
  return { family: 4, address, prefix };
}

/**
 * Parses an IPv6 block such as `2001:db8::/32` (eight groups, or fewer with one `::`); host bits
 * may be set.
 *
 * @returns the parsed block, or `undefined` when the syntax is wrong
 */
export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
  const match = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
  // Stryker disable next-line StringLiteral: a text without ':' is one group, which the group count below refuses too
  if (!match || !match[1].includes(':')) return undefined;
  const prefix = Number(match[2]);
  const halves = match[1].split('::');
  if (prefix > 128 || halves.length > 2) return undefined;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  // `::` stands for one or more zero groups: at most 7 others with it, exactly 8 without.
  if (groups.some((g) => g.length === 0 || g.length > 4) || (halves.length === 2 && groups.length > 7) || (halves.length === 1 && groups.length !== 8)) return undefined;
  return { family: 6, prefix };
}

/**
 * Parses an IPv4 or IPv6 CIDR block of an allow list: host bits may be set (`203.0.113.7/24`).
 *
 * @returns the parsed block, or `undefined` when the syntax is wrong
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  return parseIpv4Cidr(text, { allowHostBits: true }) ?? parseIpv6Cidr(text);
}

/** Whether `inner` lies wholly inside `outer` (host bits of either are ignored). */
export function ipv4Contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  const size = 2 ** (32 - outer.prefix);
  return inner.prefix >= outer.prefix && Math.floor(inner.address / size) === Math.floor(outer.address / size);
}

/** Whether two blocks share an address: for CIDR blocks, one then contains the other. */
export function ipv4Overlaps(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  return ipv4Contains(a, b) || ipv4Contains(b, a);
}

/** The number of IPv4 addresses: 2^32. */
export const IPV4_ADDRESS_COUNT = 2 ** 32;

/**
 * How many distinct IPv4 addresses the blocks cover together: each block is taken as its network
 * (host bits dropped, as AWS reads an allow-list block such as `203.0.113.7/24`), overlapping and
 * adjacent blocks are merged, and the sizes of the merged ranges are added up. So `0.0.0.0/1` plus
 * `128.0.0.0/1` covers all {@link IPV4_ADDRESS_COUNT} addresses, and `10.0.0.0/8` plus
 * `10.1.0.0/16` covers 2^24.
 */
export function ipv4Coverage(blocks: readonly Ipv4Cidr[]): number {
  const ranges = blocks
    .map((b) => {
      const size = 2 ** (32 - b.prefix);
      const start = b.address - (b.address % size);
      return { start, end: start + size };
    })
    .sort((a, b) => a.start - b.start);
  let covered = 0;
  let current: { start: number; end: number } | undefined;
  for (const range of ranges) {
    // Stryker disable next-line EqualityOperator: a range that starts where the current one ends adds the same count merged or on its own
    if (current && range.start <= current.end) {
      current.end = Math.max(current.end, range.end);
    } else {
      if (current) covered += current.end - current.start;
      current = { ...range };
    }
  }
  if (current) covered += current.end - current.start;
  return covered;
}
