import { App, Lazy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { ValidationError } from '../../../../lib/errors';
import {
  amiArchitecture,
  checkLabelKey,
  checkNodeLabels,
  checkSelectorLabels,
  checkNamespace,
  checkPrincipalArn,
  checkPrivateSubnets,
  checkPublicAccessCidrs,
  checkServiceAccountName,
  checkTaints,
  isAl2AmiType,
  isBottlerocketAmiType,
  MAX_NODE_COMPONENT_SKEW,
  withinNodeComponentSkew,
} from '../../../../lib/eks/private/validate';
import { thrownBy } from '../../../support/thrown';

function newScope(): Construct {
  return new Construct(new Stack(new App(), 'Test'), 'Scope');
}

const token = Lazy.string({ produce: () => 'NOT_CHECKED' });

describe('checkNamespace', () => {
  test.each(['shop', 'shop-staging', 'a', 'a'.repeat(63)])('accepts %s', (ns) => {
    expect(() => checkNamespace(newScope(), 'namespace', ns)).not.toThrow();
  });

  test.each(['Shop', '-shop', 'shop-', 'shop_1', 'shop.prod', '', 'a'.repeat(64), 'batch-*'])('rejects %j', (ns) => {
    expect(() => checkNamespace(newScope(), 'namespace', ns)).toThrow(/^\[Test\/Scope\] namespace: got .*; allowed: a Kubernetes namespace name \(DNS-1123 label\)/);
  });

  test('wildcards only where asked for, and then named in the message', () => {
    expect(() => checkNamespace(newScope(), 'selectors namespace', 'batch-*', '*?')).not.toThrow();
    expect(() => checkNamespace(newScope(), 'selectors namespace', 'b?tch', '*?')).not.toThrow();
    expect(() => checkNamespace(newScope(), 'selectors namespace', 'batch_*', '*?')).toThrow(/"\*" and "\?" wildcards are allowed/);
  });

  test('a token passes', () => {
    expect(() => checkNamespace(newScope(), 'namespace', token)).not.toThrow();
  });
});

describe('checkServiceAccountName', () => {
  test.each(['api', 'ebs-csi-controller-sa', 'api.v2', 'a'.repeat(253)])('accepts %s', (name) => {
    expect(() => checkServiceAccountName(newScope(), 'serviceAccount', name)).not.toThrow();
  });

  test.each(['api_sa', 'API', 'api.', '.api', '', 'a'.repeat(254)])('rejects %j', (name) => {
    expect(() => checkServiceAccountName(newScope(), 'serviceAccount', name))
      .toThrow(/^\[Test\/Scope\] serviceAccount: got .*; allowed: a Kubernetes service account name \(DNS-1123 subdomain\)/);
  });

  test('a token passes', () => {
    expect(() => checkServiceAccountName(newScope(), 'serviceAccount', token)).not.toThrow();
  });
});

describe('checkLabelKey and checkLabels', () => {
  test.each(['team', 'kubernetes.io/os', 'example.com/tier', 'node_role.v1'])('accepts the key %s', (key) => {
    expect(() => checkLabelKey(newScope(), 'labels key', key)).not.toThrow();
  });

  test.each(['my team', 'a/b/c', '/name', 'example.com/', 'Example.com/tier', '', `${'a'.repeat(254)}/name`, 'a'.repeat(64)])('rejects the key %j', (key) => {
    expect(() => checkLabelKey(newScope(), 'labels key', key)).toThrow(/^\[Test\/Scope\] labels key: got .*; allowed: a Kubernetes label key/);
  });

  test('node label values: 1-63 name characters, named by their key', () => {
    expect(() => checkNodeLabels(newScope(), 'labels', { team: 'shop', version: 'v1.2_3' })).not.toThrow();
    expect(() => checkNodeLabels(newScope(), 'labels', { tier: '' })).toThrow(/^\[Test\/Scope\] labels\["tier"\]: got ""; allowed: a Kubernetes label value: 1-63/);
    expect(() => checkNodeLabels(newScope(), 'labels', { team: 'x'.repeat(64) })).toThrow(/^\[Test\/Scope\] labels\["team"\]: got "x{64}"; allowed: a Kubernetes label value/);
    expect(() => checkNodeLabels(newScope(), 'labels', { team: 'shop a' })).toThrow(/labels\["team"\]: got "shop a"/);
    expect(() => checkNodeLabels(newScope(), 'labels', { team: '-shop' })).toThrow(/labels\["team"\]: got "-shop"/);
  });

  test('node label keys: at most 63 characters in all, none kubelet refuses', () => {
    expect(() => checkNodeLabels(newScope(), 'labels', { [`example.com/${'a'.repeat(51)}`]: 'x' })).not.toThrow();
    expect(() => checkNodeLabels(newScope(), 'labels', { [`example.com/${'a'.repeat(52)}`]: 'x' })).toThrow(/labels key: got .*63 characters in all/);
    for (const key of ['node.kubernetes.io/role', 'kubelet.kubernetes.io/x', 'topology.kubernetes.io/zone', 'kubernetes.io/os', 'example.com/kubernetes.io']) {
      expect(() => checkNodeLabels(newScope(), 'labels', { [key]: 'x' })).not.toThrow();
    }
    for (const key of ['kubernetes.io/role', 'node-role.kubernetes.io/worker', 'k8s.io/x', 'node-restriction.kubernetes.io/x']) {
      expect(() => checkNodeLabels(newScope(), 'labels', { [key]: 'x' })).toThrow(/labels key: got .*kubelet refuses/);
    }
  });

  test('selector labels take wildcards in keys and values, at most 5', () => {
    expect(() => checkSelectorLabels(newScope(), 'selectors labels', { 'comp*': 'farg*', 'app?': 'x' })).not.toThrow();
    expect(() => checkNodeLabels(newScope(), 'labels', { compute: 'farg*' })).toThrow(/labels\["compute"\]/);
    expect(() => checkSelectorLabels(newScope(), 'selectors labels', { a: '1', b: '1', c: '1', d: '1', e: '1', f: '1' })).toThrow(/at most 5 labels/);
    expect(() => checkSelectorLabels(newScope(), 'selectors labels', { a: '' })).toThrow(/selectors labels\["a"\]/);
  });

  test('no labels and token values pass', () => {
    expect(() => checkNodeLabels(newScope(), 'labels', undefined)).not.toThrow();
    expect(() => checkNodeLabels(newScope(), 'labels', { team: token })).not.toThrow();
  });
});

describe('checkTaints', () => {
  test('accepts taints with a key, an optional value and a known effect', () => {
    expect(() => checkTaints(newScope(), [
      { key: 'dedicated', value: 'shop', effect: eks.TaintEffect.NO_SCHEDULE },
      { key: 'example.com/gpu', effect: eks.TaintEffect.NO_EXECUTE },
    ])).not.toThrow();
  });

  test.each<[string, eks.TaintSpec, RegExp]>([
    ['no key', { effect: eks.TaintEffect.NO_EXECUTE }, /^\[Test\/Scope\] taints key: got \{"effect":"NO_EXECUTE"\}; allowed: a Kubernetes label key on every taint/],
    ['a bad key', { key: 'my key', effect: eks.TaintEffect.NO_EXECUTE }, /^\[Test\/Scope\] taints key: got "my key"/],
    ['a bad value', { key: 'dedicated', value: 'shop a', effect: eks.TaintEffect.NO_EXECUTE }, /^\[Test\/Scope\] taints value\["dedicated"\]: got "shop a"/],
    ['no effect', { key: 'dedicated' }, /^\[Test\/Scope\] taints effect: got nothing; allowed: NO_SCHEDULE, PREFER_NO_SCHEDULE, NO_EXECUTE/],
    ['the kubectl spelling of an effect', { key: 'dedicated', effect: 'NoSchedule' as eks.TaintEffect }, /taints effect: got "NoSchedule"/],
  ])('rejects a taint with %s', (_name, taint, message) => {
    expect(() => checkTaints(newScope(), [taint])).toThrow(message);
  });

  test('at most 50 taints, one per key and effect', () => {
    const taints = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, effect: eks.TaintEffect.NO_SCHEDULE }));
    expect(() => checkTaints(newScope(), taints(50))).not.toThrow();
    expect(() => checkTaints(newScope(), taints(51))).toThrow(/taints: got "51 taints"; allowed: at most 50/);
    const twice = { key: 'k', effect: eks.TaintEffect.NO_SCHEDULE };
    expect(() => checkTaints(newScope(), [twice, twice])).toThrow(/taints key: got "k:NO_SCHEDULE"/);
    expect(() => checkTaints(newScope(), [twice, { ...twice, effect: eks.TaintEffect.NO_EXECUTE }])).not.toThrow();
  });
});

describe('checkPublicAccessCidrs', () => {
  test.each([
    '203.0.113.0/24',
    '198.51.100.7/32',
    // Host bits may be set in an allow list (EKS accepts it): only the network's own CIDRs must be network addresses.
    '203.0.113.7/24',
    // A quarter of the IPv4 space: huge, but below the half the check refuses.
    '10.0.0.0/2',
  ])('accepts %s', (cidr) => {
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', [cidr])).not.toThrow();
  });

  test.each([
    '10.0.0.300/24', '10.0.0.0/33', '10.0.0/24', '203.0.113.9', 'a.b.c.d/8', ' 10.0.0.0/8',
    '2001:db8::/129', '2001:db8/32', '2001::db8::/32', '1:2:3:4:5:6:7/64', '1:2:3:4:5:6:7:8:9/64', '12345::/16', 'fe80::g/10', '2001:db8::',
  ])('rejects the malformed %j', (cidr) => {
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', [cidr]))
      .toThrow(/^\[Test\/Scope\] endpointAccess: got .*; allowed: IPv4 CIDR blocks such as "203\.0\.113\.0\/24"/);
  });

  test.each(['2001:db8::/32', '::1/128'])('rejects the IPv6 block %s (the clusters are IPv4), with a hint', (cidr) => {
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', [cidr])).toThrow(/allowed: IPv4 CIDR blocks.*Hint: EKS takes IPv6 allow-list blocks only for dual-stack IPv6 clusters/);
  });

  test('at most 40 blocks', () => {
    const cidrs = (n: number) => Array.from({ length: n }, (_, i) => `203.0.${i}.0/24`);
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', cidrs(40))).not.toThrow();
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', cidrs(41))).toThrow(/allowed: 1 to 40 CIDR blocks/);
  });

  test.each(['0.0.0.0/0', '::/0', '10.0.0.0/0'])('rejects the whole internet %s, with a hint', (cidr) => {
    const error = thrownBy(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', ['203.0.113.0/24', cidr]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ property: 'endpointAccess', value: cidr });
    expect((error as ValidationError).message).toMatch(/allowed: CIDR blocks narrower than the whole internet.*Hint: an endpoint open to 0\.0\.0\.0\/0/);
  });

  test.each<[string, string[], string]>([
    ['the whole internet in two blocks', ['0.0.0.0/1', '128.0.0.0/1'], '100%'],
    ['the whole internet in four blocks', ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'], '100%'],
    ['half of it in one block, written with host bits', ['10.0.0.0/1'], '50%'],
    ['half of it in two blocks', ['0.0.0.0/2', '64.0.0.0/2'], '50%'],
    ['half of it beside a small block', ['203.0.113.0/24', '128.0.0.0/1'], '50%'],
  ])('rejects %s: the blocks are added up, with a hint', (_name, cidrs, share) => {
    const error = thrownBy(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', cidrs));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ property: 'endpointAccess', value: cidrs });
    expect((error as ValidationError).message).toMatch(
      new RegExp(`^\\[Test/Scope\\] endpointAccess: got .*; allowed: CIDR blocks that together cover less than half of the IPv4 address space \\(these cover ${share} .*Hint: blocks that add up to half the internet`));
  });

  test('just under half of the IPv4 space passes: 31 blocks covering 2^31 - 1 addresses', () => {
    // 0.0.0.0/2, 64.0.0.0/3, 96.0.0.0/4, ... 127.255.255.254/32: every address below 128.0.0.0 but the last.
    const blocks = Array.from({ length: 31 }, (_, i) => {
      const start = 2 ** 31 - 2 ** (31 - i);
      return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join('.')}/${i + 2}`;
    });
    expect(blocks[0]).toBe('0.0.0.0/2');
    expect(blocks[30]).toBe('127.255.255.254/32');
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', blocks)).not.toThrow();
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', [...blocks, '127.255.255.255/32'])).toThrow(/cover less than half of the IPv4 address space \(these cover 50% \(2147483648 addresses\)\)/);
  });

  test('overlapping blocks are counted once', () => {
    // 2^30 + 3 x 2^29 if added naively (more than half); 0.0.0.0-95.255.255.255 (3/8 of the space) merged.
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', ['0.0.0.0/2', '0.0.0.0/3', '32.0.0.0/3', '64.0.0.0/3'])).not.toThrow();
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', ['203.0.113.0/24', '203.0.113.0/24'])).not.toThrow();
  });

  test('a token entry does not hide the literal blocks beside it', () => {
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', ['0.0.0.0/1', '128.0.0.0/1', token])).toThrow(/cover less than half of the IPv4 address space/);
  });

  test('an empty list is rejected', () => {
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', [])).toThrow(/^\[Test\/Scope\] endpointAccess: got \[\]; allowed: 1 to 40 CIDR blocks/);
  });

  test('tokens pass: a token list, and a token entry', () => {
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', Lazy.list({ produce: () => ['0.0.0.0/0'] }))).not.toThrow();
    expect(() => checkPublicAccessCidrs(newScope(), 'endpointAccess', ['203.0.113.0/24', token])).not.toThrow();
  });
});

describe('AMI types', () => {
  test('amiArchitecture tells arm64 from x86_64', () => {
    expect(amiArchitecture(eks.NodegroupAmiType.AL2023_ARM_64_STANDARD)).toBe(ec2.InstanceArchitecture.ARM_64);
    expect(amiArchitecture(eks.NodegroupAmiType.BOTTLEROCKET_ARM_64)).toBe(ec2.InstanceArchitecture.ARM_64);
    expect(amiArchitecture(eks.NodegroupAmiType.AL2023_X86_64_STANDARD)).toBe(ec2.InstanceArchitecture.X86_64);
    expect(amiArchitecture(eks.NodegroupAmiType.WINDOWS_CORE_2022_X86_64)).toBe(ec2.InstanceArchitecture.X86_64);
  });

  test('isAl2AmiType and isBottlerocketAmiType', () => {
    expect(isAl2AmiType(eks.NodegroupAmiType.AL2_X86_64)).toBe(true);
    expect(isAl2AmiType(eks.NodegroupAmiType.AL2023_X86_64_STANDARD)).toBe(false);
    expect(isBottlerocketAmiType(eks.NodegroupAmiType.BOTTLEROCKET_X86_64)).toBe(true);
    expect(isBottlerocketAmiType(eks.NodegroupAmiType.AL2023_ARM_64_STANDARD)).toBe(false);
  });
});

describe('withinNodeComponentSkew', () => {
  test('the same version, or up to three minor versions older than the API server', () => {
    expect([37, 36, 35, 34].map((c) => withinNodeComponentSkew(c, 37))).toEqual([true, true, true, true]);
    expect(MAX_NODE_COMPONENT_SKEW).toBe(3);
  });

  test('never newer, never four or more older', () => {
    expect([38, 33, 20].map((c) => withinNodeComponentSkew(c, 37))).toEqual([false, false, false]);
  });
});

describe('checkPrincipalArn', () => {
  test.each([
    'arn:aws:iam::123456789012:role/platform-admins',
    'arn:aws:iam::123456789012:role/teams/shop/deployers',
    'arn:aws:iam::123456789012:user/alice@example.com',
    'arn:aws-us-gov:iam::123456789012:role/admins',
    'arn:aws-cn:iam::123456789012:role/admins',
  ])('accepts %s', (arn) => {
    expect(() => checkPrincipalArn(newScope(), 'principalArn', arn)).not.toThrow();
  });

  test.each([
    'arn:aws:sts::123456789012:assumed-role/admins/alice',
    'arn:aws:iam::123456789012:group/admins',
    'arn:aws:iam::12345678901:role/admins',
    'arn:aws:iam::123456789012:role/',
    'admins',
  ])('rejects %s, with the hint about session ARNs', (arn) => {
    expect(() => checkPrincipalArn(newScope(), 'principalArn', arn))
      .toThrow(/^\[Test\/Scope\] principalArn: got .*; allowed: an IAM role or user ARN .*Hint: use the role ARN, not an assumed-role session ARN/);
  });

  test('a token passes', () => {
    expect(() => checkPrincipalArn(newScope(), 'principalArn', token)).not.toThrow();
  });
});

describe('checkPrivateSubnets', () => {
  test('rejects public subnets, with the hint', () => {
    expect(() => checkPrivateSubnets(newScope(), 'subnets', { subnetType: ec2.SubnetType.PUBLIC }))
      .toThrow(/^\[Test\/Scope\] subnets: got "SubnetType\.PUBLIC"; allowed: private subnets .*Hint: nodes, pods and control plane ENIs never need public IPs/);
  });

  test.each<[string, ec2.SubnetSelection]>([
    ['private with egress', { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
    ['isolated', { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    ['a subnet group by name', { subnetGroupName: 'Nodes' }],
  ])('accepts %s', (_name, selection) => {
    expect(() => checkPrivateSubnets(newScope(), 'subnets', selection)).not.toThrow();
  });
});
