import * as eks from 'aws-cdk-lib/aws-eks-v2';
import {
  checkBudgetNodes, checkBudgetSchedule, KARPENTER_NEWEST_KUBERNETES_MINOR, karpenterDuration, karpenterMinimumVersion, kubernetesEffect, parseKarpenterVersion,
} from '../../../../lib/eks/private/node-pools';
import { newStack } from '../../../support/stack';
import { thrownMessage } from '../../../support/thrown';

describe('karpenterDuration', () => {
  test.each([
    [0, '0s'], [45, '45s'], [60, '1m'], [90, '1m30s'], [3600, '1h'], [5400, '1h30m'], [336 * 3600, '336h'], [3661, '1h1m1s'],
  ])('%d seconds is %s', (seconds, text) => {
    expect(karpenterDuration(seconds)).toBe(text);
  });
});

describe('checkBudgetNodes', () => {
  test.each(['0', '5', '100', '0%', '10%', '100%'])('takes %s', (nodes) => {
    expect(() => checkBudgetNodes(newStack(), 'nodes', nodes)).not.toThrow();
  });
  test.each(['', '-1', '1.5', '101%', '10 %', 'ten', '%'])('refuses %j', (nodes) => {
    expect(thrownMessage(() => checkBudgetNodes(newStack(), 'nodes', nodes))).toMatch(/nodes: got .*; allowed: a whole number of nodes/);
  });
});

describe('checkBudgetSchedule', () => {
  test.each(['@daily', '@hourly', '0 9 * * mon-fri', '*/15 * * * *', '0 0 1,15 * *', '0 22 * jan-mar 0', '0 0 * * 6', '30 1-5/2 * * SUN', '0 0 * * ?'])('takes %s', (schedule) => {
    expect(() => checkBudgetSchedule(newStack(), 'schedule', schedule)).not.toThrow();
  });
  test.each([
    ['@sometimes', /1 fields/],
    ['0 9 * *', /4 fields/],
    ['60 * * * *', /minute field's "60" is not from 0 to 59/],
    ['0 0 0 * *', /day of month field's "0" is not from 1 to 31/],
    ['0 0 * 13 *', /month field's "13" is not from 1 to 12/],
    ['0 0 * * 7', /day of week field's "7" is not from 0 to 6/],
    ['0 0 * * fri-mon', /range "fri-mon" runs backwards/],
    ['*/0 * * * *', /step "0" is not a whole number of 1 or more/],
    ['0 0 * * funday', /"funday"/],
  ])('refuses %s', (schedule, why) => {
    const message = thrownMessage(() => checkBudgetSchedule(newStack(), 'schedule', schedule));
    expect(message).toMatch(/schedule: got .*; allowed: a cron schedule of five fields/);
    expect(message).toMatch(why);
  });
});

test('kubernetesEffect spells the effects as Kubernetes does', () => {
  expect([eks.TaintEffect.NO_SCHEDULE, eks.TaintEffect.PREFER_NO_SCHEDULE, eks.TaintEffect.NO_EXECUTE, undefined].map(kubernetesEffect))
    .toEqual(['NoSchedule', 'PreferNoSchedule', 'NoExecute', 'NoSchedule']);
});

describe('Karpenter releases', () => {
  test.each([
    ['1.9.0', [1, 9, 0]], ['v1.10.2', [1, 10, 2]], ['1.0.5', [1, 0, 5]],
  ] as Array<[string, number[]]>)('%s parses', (version, parts) => {
    expect(parseKarpenterVersion(version)).toEqual(parts);
  });
  test.each(['0.37.0', '2.0.0', '1.9', '1.09.0', 'latest', '1.9.0-rc.1', ''])('%j is not a 1.x.y release', (version) => {
    expect(parseKarpenterVersion(version)).toBeUndefined();
  });
  test('the compatibility matrix: the first release per Kubernetes minor version, none outside it', () => {
    expect([31, 32, 33, 34, 35].map(karpenterMinimumVersion)).toEqual([[1, 0, 5], [1, 2, 0], [1, 5, 0], [1, 6, 0], [1, 9, 0]]);
    expect(karpenterMinimumVersion(KARPENTER_NEWEST_KUBERNETES_MINOR + 1)).toBeUndefined();
    expect(KARPENTER_NEWEST_KUBERNETES_MINOR).toBe(35);
  });
});
