import { parseCidr, parseIpv4Cidr, parseIpv6Cidr } from '../../../lib/private/cidr';

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

  test.each([
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
