import { EksEndpointAccess } from '../../../lib/eks';

describe('EksEndpointAccess', () => {
  test('PRIVATE has no public endpoint and no allow list', () => {
    expect(EksEndpointAccess.PRIVATE.isPublic).toBe(false);
    expect(EksEndpointAccess.PRIVATE.publicAccessCidrs).toEqual([]);
  });

  test('publicAndPrivate records the allow list in order', () => {
    const access = EksEndpointAccess.publicAndPrivate('203.0.113.0/24', '2001:db8::/32');
    expect(access.isPublic).toBe(true);
    expect(access.publicAccessCidrs).toEqual(['203.0.113.0/24', '2001:db8::/32']);
  });

  test('publicAndPrivate keeps its own copy of the allow list', () => {
    const cidrs = ['203.0.113.0/24'];
    const access = EksEndpointAccess.publicAndPrivate(...cidrs);
    cidrs.push('0.0.0.0/0');
    expect(access.publicAccessCidrs).toEqual(['203.0.113.0/24']);
  });

  test('the allow list is frozen: the shared PRIVATE and a public access cannot be changed afterwards', () => {
    expect(() => EksEndpointAccess.PRIVATE.publicAccessCidrs.push('0.0.0.0/0')).toThrow(TypeError);
    const access = EksEndpointAccess.publicAndPrivate('203.0.113.0/24');
    expect(() => { access.publicAccessCidrs[0] = '0.0.0.0/0'; }).toThrow(TypeError);
    expect(EksEndpointAccess.PRIVATE.publicAccessCidrs).toEqual([]);
    expect(access.publicAccessCidrs).toEqual(['203.0.113.0/24']);
  });

  test('publicAndPrivate without CIDRs is public with an empty list (the cluster rejects it)', () => {
    expect(EksEndpointAccess.publicAndPrivate()).toMatchObject({ isPublic: true, publicAccessCidrs: [] });
  });
});
