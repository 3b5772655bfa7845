import { Ipv4Cidr, IPV4_ADDRESS_COUNT, ipv4Contains, ipv4Coverage, ipv4Overlaps, parseCidr, parseIpv4Cidr, parseIpv6Cidr } from '../../../lib/private/cidr';

describe('parseIpv4Cidr', () => {
  test('parses a network address and its prefix', () => {
    expect(parseIpv4Cidr('10.0.0.0/16')).toEqual({ family: 4, address: 10 * 2 ** 24, prefix: 16 });
    expect(parseIpv4Cidr('192.168.1.0/24')).toEqual({ family: 4, address: ((192 * 256 + 168) * 256 + 1) * 256, prefix: 24 });
    expect(parseIpv4Cidr('0.0.0.0/0')).toEqual({ family: 4, address: 0, prefix: 0 });
    expect(parseIpv4Cidr('255.255.255.255/32')).toEqual({ family: 4, address: 2 ** 32 - 1, prefix: 32 });
  });

  test('host bits must be zero unless allowHostBits', () => {
    expect(parseIpv4Cidr('10.0.1.0/16')).toBeUndefined();
    expect(parseIpv4Cidr('203.0.113.7/24')).toBeUndefined();
    expect(parseIpv4Cidr('203.0.113.7/24', { allowHostBits: true })).toEqual({ family: 4, address: ((203 * 256 + 0) * 256 + 113) * 256 + 7, prefix: 24 });
    expect(parseIpv4Cidr('203.0.113.7/32')).toMatchObject({ prefix: 32 });
  });

  test.each(['10.0.0/16', '10.0.0.0', '10.0.0.0/', '10.0.0.0/33', '10.300.0.0/16', '256.0.0.0/8', '10.0.0.0/16 ', ' 10.0.0.0/16', '10.0.0.0/016', 'a.b.c.d/8', '2001:db8::/32', ''])(
    '%j is not an IPv4 block', (text) => {
      expect(parseIpv4Cidr(text, { allowHostBits: true })).toBeUndefined();
    });
});

describe('parseIpv6Cidr', () => {
  test.each<[string, number]>([
    ['2001:db8::/32', 32],
    ['::/0', 0],
    ['::1/128', 128],
    ['fe80::1:2/64', 64],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329/128', 128],
    ['2001:DB8::/48', 48],
  ])('%s has prefix %i', (text, prefix) => {
    expect(parseIpv6Cidr(text)).toEqual({ family: 6, prefix });
  });

  test('"::" stands for one or more zero groups: 7 groups beside it parse, 8 do not', () => {
    expect(parseIpv6Cidr('1:2:3:4:5:6:7::/64')).toEqual({ family: 6, prefix: 64 });
    expect(parseIpv6Cidr('::1:2:3:4:5:6:7/64')).toEqual({ family: 6, prefix: 64 });
    expect(parseIpv6Cidr('1:2:3:4:5:6:7:8::/64')).toBeUndefined();
    expect(parseIpv6Cidr('1:2:3:4::5:6:7:8/64')).toBeUndefined();
    expect(parseIpv6Cidr('1:2:3:4:5:6:7:8:9::/64')).toBeUndefined();
  });

  test.each([
    'x::/64', ' 2001:db8::/32', '2001:db8::/32 ', '2001:db8::/64x', '2001:db8::/1280',
    ':1:2:3:4:5:6:7/64', '1:2:3:4:5:6:7:/64', '2001:db8:::1/64',
    '2001:db8::/129', '2001:db8/32', '2001::db8::1/64', '2001:db8:0:0:0:0:0/64', '2001:db8:0:0:0:0:0:0:1/64', '12345::/16', '2001:db8::g/64', '10.0.0.0/8', '2001:db8::', '',
  ])('%j is not an IPv6 block', (text) => {
    expect(parseIpv6Cidr(text)).toBeUndefined();
  });
});

describe('parseCidr (allow lists)', () => {
  test('either family; IPv4 host bits allowed', () => {
    expect(parseCidr('203.0.113.7/24')).toMatchObject({ family: 4, prefix: 24 });
    expect(parseCidr('2001:db8::/32')).toEqual({ family: 6, prefix: 32 });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ family: 4, prefix: 0 });
    expect(parseCidr('example.com/24')).toBeUndefined();
    expect(parseCidr('10.0.0.0/40')).toBeUndefined();
  });
});

describe('ipv4Coverage (distinct addresses of a list of blocks)', () => {
  const blocks = (...texts: string[]): Ipv4Cidr[] => texts.map((t) => {
    const parsed = parseIpv4Cidr(t, { allowHostBits: true });
    if (!parsed) throw new Error(`not a block: ${t}`);
    return parsed;
  });

  test.each<[string, string[], number]>([
    ['no block', [], 0],
    ['one /24', ['203.0.113.0/24'], 256],
    ['one address', ['198.51.100.7/32'], 1],
    ['host bits dropped: the block is its network', ['203.0.113.7/24'], 256],
    ['disjoint blocks add up', ['203.0.113.0/24', '198.51.100.0/24'], 512],
    ['a block inside another counts once', ['10.0.0.0/8', '10.1.0.0/16'], 2 ** 24],
    ['in either order', ['10.1.0.0/16', '10.0.0.0/8'], 2 ** 24],
    ['a duplicate counts once', ['203.0.113.0/24', '203.0.113.7/24'], 256],
    ['adjacent blocks join', ['10.0.0.0/9', '10.128.0.0/9'], 2 ** 24],
    ['overlapping runs merge', ['0.0.0.0/2', '0.0.0.0/3', '32.0.0.0/3', '64.0.0.0/3'], 3 * 2 ** 29],
    ['the whole space in two blocks', ['0.0.0.0/1', '128.0.0.0/1'], IPV4_ADDRESS_COUNT],
    ['the whole space in one', ['0.0.0.0/0'], IPV4_ADDRESS_COUNT],
    ['the last address', ['255.255.255.255/32'], 1],
  ])('%s', (_name, texts, expected) => {
    expect(ipv4Coverage(blocks(...texts))).toBe(expected);
  });

  test('does not change the blocks it is given', () => {
    const given = blocks('203.0.113.7/24', '10.0.0.0/8');
    const copy = given.map((b) => ({ ...b }));
    ipv4Coverage(given);
    expect(given).toEqual(copy);
  });
});

describe('ipv4Contains and ipv4Overlaps', () => {
  const block = (text: string): Ipv4Cidr => parseIpv4Cidr(text, { allowHostBits: true })!;

  test('a block contains itself and the smaller blocks inside it, not its neighbours or its parent', () => {
    expect(ipv4Contains(block('10.0.0.0/8'), block('10.0.0.0/8'))).toBe(true);
    expect(ipv4Contains(block('10.0.0.0/8'), block('10.255.255.255/32'))).toBe(true);
    expect(ipv4Contains(block('10.0.0.0/8'), block('11.0.0.0/32'))).toBe(false);
    expect(ipv4Contains(block('10.0.0.0/8'), block('9.255.255.255/32'))).toBe(false);
    expect(ipv4Contains(block('10.1.0.0/16'), block('10.0.0.0/8'))).toBe(false);
    expect(ipv4Contains(block('0.0.0.0/0'), block('255.255.255.255/32'))).toBe(true);
  });

  test('host bits are ignored on either side', () => {
    expect(ipv4Contains(block('192.168.1.77/24'), block('192.168.1.128/25'))).toBe(true);
    expect(ipv4Contains(block('192.168.1.0/24'), block('192.168.1.200/25'))).toBe(true);
    expect(ipv4Contains(block('192.168.1.0/25'), block('192.168.1.200/26'))).toBe(false);
  });

  test('blocks overlap when either contains the other, in both argument orders', () => {
    expect(ipv4Overlaps(block('172.16.0.0/12'), block('172.20.0.0/16'))).toBe(true);
    expect(ipv4Overlaps(block('172.20.0.0/16'), block('172.16.0.0/12'))).toBe(true);
    expect(ipv4Overlaps(block('172.16.0.0/16'), block('172.17.0.0/16'))).toBe(false);
    expect(ipv4Overlaps(block('172.17.0.0/16'), block('172.16.0.0/16'))).toBe(false);
    expect(ipv4Overlaps(block('192.168.0.0/24'), block('192.168.0.255/32'))).toBe(true);
  });
});
