import { EksAddon } from '../../../lib/eks';

describe('EksAddon factories', () => {
  test.each([
    ['vpcCni', EksAddon.vpcCni(), 'vpc-cni'],
    ['coreDns', EksAddon.coreDns(), 'coredns'],
    ['kubeProxy', EksAddon.kubeProxy(), 'kube-proxy'],
    ['podIdentityAgent', EksAddon.podIdentityAgent(), 'eks-pod-identity-agent'],
    ['ebsCsiDriver', EksAddon.ebsCsiDriver(), 'aws-ebs-csi-driver'],
    ['efsCsiDriver', EksAddon.efsCsiDriver(), 'aws-efs-csi-driver'],
    ['mountpointS3CsiDriver', EksAddon.mountpointS3CsiDriver(), 'aws-mountpoint-s3-csi-driver'],
    ['cloudWatchObservability', EksAddon.cloudWatchObservability(), 'amazon-cloudwatch-observability'],
    ['metricsServer', EksAddon.metricsServer(), 'metrics-server'],
    ['snapshotController', EksAddon.snapshotController(), 'snapshot-controller'],
    ['of', EksAddon.of('snapshot-controller'), 'snapshot-controller'],
  ])('%s names the EKS add-on', (_factory, addon, name) => {
    expect(addon.name).toBe(name);
  });

  test('without options: no pinned version and no configuration', () => {
    const addon = EksAddon.coreDns();
    expect(addon.version).toBeUndefined();
    expect(addon.configurationValues).toBeUndefined();
    expect(addon.podIdentity).toBeUndefined();
  });

  test('the version and configuration values are kept', () => {
    const addon = EksAddon.vpcCni({ version: 'v1.20.4-eksbuild.2', configurationValues: { env: { ENABLE_PREFIX_DELEGATION: 'true' } } });
    expect(addon.version).toBe('v1.20.4-eksbuild.2');
    expect(addon.configurationValues).toEqual({ env: { ENABLE_PREFIX_DELEGATION: 'true' } });
  });

  test('the EBS CSI driver gets its controller service account and AmazonEBSCSIDriverPolicy through Pod Identity', () => {
    expect(EksAddon.ebsCsiDriver({ version: 'v1.44.0-eksbuild.1' })).toMatchObject({
      version: 'v1.44.0-eksbuild.1',
      podIdentity: { serviceAccount: 'ebs-csi-controller-sa', managedPolicies: ['service-role/AmazonEBSCSIDriverPolicy'] },
    });
  });

  test('the add-ons without a documented role come with none; of() gets only what its options give', () => {
    for (const addon of [EksAddon.vpcCni(), EksAddon.kubeProxy(), EksAddon.podIdentityAgent(), EksAddon.metricsServer(), EksAddon.of('aws-efs-csi-driver')]) {
      expect(addon.podIdentities).toEqual([]);
      expect(addon.podIdentity).toBeUndefined();
    }
  });

  test('podIdentities: the typed add-on\'s documented role first, then those of the options; podIdentity is the first', () => {
    const extra = { serviceAccount: 'fluent-bit', managedPolicies: ['CloudWatchAgentServerPolicy'] };
    const addon = EksAddon.cloudWatchObservability({ podIdentities: [extra] });
    expect(addon.podIdentities).toEqual([
      { serviceAccount: 'cloudwatch-agent', managedPolicies: ['CloudWatchAgentServerPolicy', 'AWSXrayWriteOnlyAccess'] },
      extra,
    ]);
    expect(addon.podIdentity).toBe(addon.podIdentities[0]);
    expect(addon._documentedIdentities).toBe(1);
    expect(EksAddon.of('external-dns', { podIdentities: [extra] })).toMatchObject({ podIdentities: [extra], _documentedIdentities: 0 });
  });
});
