import { CfnParameter, Token } from 'aws-cdk-lib';
import { checkKubernetesObjects, checkPriceTable, checkTemplate } from '../../../lib/cost/check-input';
import { CostEstimator, PriceTables } from '../../../lib/cost';
import { ValidationError } from '../../../lib/errors';
import { newStack } from '../../support/stack';
import { thrownBy } from '../../support/thrown';

// lib/cost/check-input.ts: the estimator's checks of its inputs (named [CostEstimator.estimate]).

const msg = (f: () => void): string | undefined => (thrownBy(f) as Error | undefined)?.message;

test('the shipped price table passes; a negative, infinite or token price is named', () => {
  expect(msg(() => checkPriceTable(PriceTables.US_EAST_1))).toBeUndefined();
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, natGatewayHour: -0.045 })))
    .toBe('[CostEstimator.estimate] prices.natGatewayHour: got -0.045; allowed: a finite price in USD, 0 or more.');
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, ec2InstanceHour: { 'm7g.large': Infinity } }))).toMatch(/prices\.ec2InstanceHour\["m7g\.large"\]: got Infinity/);
  const token = new CfnParameter(newStack(), 'Price', { type: 'Number' }).valueAsNumber;
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, kmsKeyMonth: token }))).toMatch(/prices\.kmsKeyMonth: got an unresolved token.*Hint: prices are read when the estimate is made/);
});

test('hours per month and the Spot factor have ranges', () => {
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, hoursPerMonth: 671 }))).toMatch(/prices\.hoursPerMonth: got 671; allowed: a number of hours from 672 to 744/);
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, hoursPerMonth: 744, fargateSpotFactor: 1 }))).toBeUndefined();
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, fargateSpotFactor: 1.2 }))).toMatch(/prices\.fargateSpotFactor: got 1\.2/);
});

test('a template without Resources passes; Resources must map ids to typed resources', () => {
  expect(msg(() => checkTemplate({}))).toBeUndefined();
  expect(msg(() => checkTemplate({ Resources: { A: { Type: 'AWS::SNS::Topic' } } }))).toBeUndefined();
  expect(msg(() => checkTemplate({ Resources: { A: { Properties: {} } } }))).toMatch(/^\[CostEstimator\.estimate\] template\.Resources: got .*Hint: pass Template\.fromStack\(stack\)\.toJSON\(\)/);
});

test('the ranges include their bounds: 672 and 744 hours, a Spot factor of 0 and 1, a price of 0', () => {
  for (const hoursPerMonth of [672, 730, 744]) expect([hoursPerMonth, msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, hoursPerMonth }))]).toEqual([hoursPerMonth, undefined]);
  for (const fargateSpotFactor of [0, 1]) expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, fargateSpotFactor }))).toBeUndefined();
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, natGatewayHour: 0, ec2InstanceHour: { 'm7g.large': 0 } }))).toBeUndefined();
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, hoursPerMonth: 745 })))
    .toBe('[CostEstimator.estimate] prices.hoursPerMonth: got 745; allowed: a number of hours from 672 to 744 (a month of 28 to 31 days; AWS prices with 730).');
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, fargateSpotFactor: -0.1 })))
    .toBe('[CostEstimator.estimate] prices.fargateSpotFactor: got -0.1; allowed: a fraction of the on-demand price from 0 to 1 (e.g. 0.3).');
});

test('every price field is checked, by name; a price that is not a number is refused', () => {
  const fields = ['natGatewayHour', 'publicIpv4Hour', 'applicationLoadBalancerHour', 'networkLoadBalancerHour', 'eksClusterHour',
    'interfaceEndpointAzHour', 'kmsKeyMonth', 'secretMonth', 'ebsGp3GbMonth', 'ebsGp2GbMonth',
    'fargateX86VcpuHour', 'fargateX86GbHour', 'fargateArmVcpuHour', 'fargateArmGbHour'];
  for (const field of fields) {
    expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, [field]: Number.NaN }))).toBe(`[CostEstimator.estimate] prices.${field}: got NaN; allowed: a finite price in USD, 0 or more.`);
  }
  const asText = { ...PriceTables.US_EAST_1, secretMonth: '0.40' } as unknown as typeof PriceTables.US_EAST_1;
  expect(msg(() => checkPriceTable(asText))).toBe('[CostEstimator.estimate] prices.secretMonth: got "0.40"; allowed: a finite price in USD, 0 or more.');
});

test.each([
  ['an array', []],
  ['null', null],
  ['a number', 0.08],
])('instance prices as %s are refused with what they should look like', (_name, ec2InstanceHour) => {
  const prices = { ...PriceTables.US_EAST_1, ec2InstanceHour } as unknown as typeof PriceTables.US_EAST_1;
  expect(msg(() => checkPriceTable(prices))).toMatch(/^\[CostEstimator\.estimate\] prices\.ec2InstanceHour: got .*; allowed: an object of hourly prices by instance type, e\.g\. \{ "m7g\.large": 0\.0816 \}\.$/);
});

test.each([
  ['null', null],
  ['an array', [{ Type: 'AWS::SNS::Topic' }]],
  ['a number', 3],
  ['a resource whose Type is not a string', { A: { Type: 42 } }],
  ['a resource that is an array', { A: ['AWS::SNS::Topic'] }],
])('Resources as %s is refused', (_name, Resources) => {
  expect(msg(() => checkTemplate({ Resources }))).toMatch(/^\[CostEstimator\.estimate\] template\.Resources: got .*; allowed: an object mapping logical ids to resources with a string Type, as a synthesized template does\. Hint: pass Template\.fromStack\(stack\)\.toJSON\(\), or the JSON of a cdk\.out template$/);
});

test('a price that is a string token is refused as not a number (the token hint is for number tokens)', () => {
  const token = Token.asString({ Ref: 'Price' }) as unknown as number;
  expect(msg(() => checkPriceTable({ ...PriceTables.US_EAST_1, secretMonth: token })))
    .toMatch(/^\[CostEstimator\.estimate\] prices\.secretMonth: got an unresolved token \(.*\); allowed: a finite price in USD, 0 or more\.$/);
});

test.each([
  ['one bad resource among good ones', { A: { Type: 'AWS::SNS::Topic' }, B: { Properties: {} } }],
  ['a resource that is null', { A: { Type: 'AWS::SNS::Topic' }, B: null }],
  ['a resource that is a string', { A: 'AWS::SNS::Topic' }],
  ['a resource that is a function, even with a string Type', { A: Object.assign(() => undefined, { Type: 'AWS::SNS::Topic' }) }],
])('Resources with %s is refused with a ValidationError', (_name, Resources) => {
  const error = thrownBy(() => checkTemplate({ Resources }));
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as Error).message).toMatch(/^\[CostEstimator\.estimate\] template\.Resources: got .*; allowed: an object mapping logical ids to resources with a string Type/);
});

describe('checkKubernetesObjects', () => {
  const ALLOWED = 'allowed: a list of Kubernetes objects as JSON, each with a string apiVersion and kind (e.g. { "apiVersion": "apps/v1", "kind": "Deployment", ... }). '
    + 'Hint: pass what EksWorkload renders (workload.chart.toJson()), or the YAML documents of cdk.out/kubernetes/ parsed one by one';

  test('a list of objects with a string apiVersion and kind passes, whatever else they hold (or lack); so does an empty list', () => {
    expect(msg(() => checkKubernetesObjects([]))).toBeUndefined();
    expect(msg(() => checkKubernetesObjects([{ apiVersion: 'v1', kind: 'ConfigMap' }, { apiVersion: 'apps/v1', kind: 'Deployment', spec: 'odd' }]))).toBeUndefined();
  });

  test.each([
    ['not a list', { apiVersion: 'v1', kind: 'Pod' }, 'kubernetesObjects: got '],
    ['null', null, 'kubernetesObjects: got null'],
  ])('objects that are %s are refused', (_name, objects, start) => {
    const message = msg(() => checkKubernetesObjects(objects));
    expect(message!.startsWith(`[CostEstimator.estimate] ${start}`)).toBe(true);
    expect(message!.endsWith(ALLOWED)).toBe(true);
  });

  test.each<[string, unknown]>([
    ['a string (a YAML document not parsed)', 'apiVersion: v1\nkind: Pod'],
    ['null', null],
    ['a list', [{ apiVersion: 'v1', kind: 'Pod' }]],
    ['an object without kind', { apiVersion: 'v1' }],
    ['an object without apiVersion', { kind: 'Deployment' }],
    ['a kind that is not a string', { apiVersion: 'v1', kind: 7 }],
    ['a function', Object.assign(() => undefined, { apiVersion: 'v1', kind: 'Pod' })],
  ])('an entry that is %s is refused, by its index', (_name, entry) => {
    const error = thrownBy(() => checkKubernetesObjects([{ apiVersion: 'v1', kind: 'Namespace' }, entry]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ property: 'kubernetesObjects[1]' });
    expect((error as Error).message.startsWith('[CostEstimator.estimate] kubernetesObjects[1]: got ')).toBe(true);
    expect((error as Error).message.endsWith(ALLOWED)).toBe(true);
  });

  test('CostEstimator.estimate checks them (after the template and the prices), and only when they are given', () => {
    expect(thrownBy(() => CostEstimator.estimate({}, { kubernetesObjects: [42 as unknown as Record<string, unknown>] }))).toMatchObject({ property: 'kubernetesObjects[0]' });
    expect(thrownBy(() => CostEstimator.estimate({}, { kubernetesObjects: undefined }))).toBeUndefined();
  });
});
