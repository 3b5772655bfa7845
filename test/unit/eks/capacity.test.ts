import { AutoModeNodePool, EksCapacity, EksCapacityKind } from '../../../lib/eks';

describe('EksCapacity factories', () => {
  test('each factory records its kind and options', () => {
    expect(EksCapacity.autoMode().kind).toBe(EksCapacityKind.AUTO_MODE);
    expect(EksCapacity.nodeGroup({ id: 'Arm' }).nodeGroupOptions).toEqual({ id: 'Arm' });
    expect(EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] }).kind).toBe(EksCapacityKind.FARGATE_PROFILE);
  });

  test('autoMode records its node pools; the other options stay undefined', () => {
    const capacity = EksCapacity.autoMode({ nodePools: [AutoModeNodePool.SYSTEM] });
    expect(capacity.autoModeOptions).toEqual({ nodePools: ['system'] });
    expect(capacity.nodeGroupOptions).toBeUndefined();
    expect(capacity.fargateProfileOptions).toBeUndefined();
    expect(EksCapacity.autoMode().autoModeOptions).toEqual({});
  });

  test('nodeGroup defaults to no options; fargateProfile keeps its selectors and id', () => {
    const nodeGroup = EksCapacity.nodeGroup();
    expect(nodeGroup.kind).toBe(EksCapacityKind.NODE_GROUP);
    expect(nodeGroup.nodeGroupOptions).toEqual({});
    expect(nodeGroup.autoModeOptions).toBeUndefined();
    const profile = EksCapacity.fargateProfile({ id: 'Batch', selectors: [{ namespace: 'batch' }] });
    expect(profile.fargateProfileOptions).toEqual({ id: 'Batch', selectors: [{ namespace: 'batch' }] });
    expect(profile.nodeGroupOptions).toBeUndefined();
  });
});
