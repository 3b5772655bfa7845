/** A parsed IPv4 CIDR block. */
export interface ParsedCidr {
  /** The network address as an unsigned 32-bit number. */
  readonly address: number;
  /** The prefix length. */
  readonly prefix: number;
}

/**
 * Parses `a.b.c.d/n`.
 *
 * @returns the parsed block, or `undefined` when the text is not an IPv4 CIDR block whose
 *          host bits are all zero
 */
export function parseIpv4Cidr(text: string): ParsedCidr | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const hostBits = 2 ** (32 - prefix);
  if (address % hostBits !== 0) return undefined;
  return { address, prefix };
}
