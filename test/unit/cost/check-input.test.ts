import { CfnParameter } from 'aws-cdk-lib';
import { checkPriceTable, checkTemplate } from '../../../lib/cost/check-input';
import { PriceTables } from '../../../lib/cost';
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
