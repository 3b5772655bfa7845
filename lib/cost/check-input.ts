import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { isCalendarDay } from '../private/kubernetes-calendar';
import { PriceTable } from './prices';

/**
 * The estimator is not a construct: its errors name `CostEstimator.estimate` where a construct
 * path would be, from a root of its own (never part of an app).
 */
function estimatorScope(): Construct {
  return new Construct(undefined as unknown as Construct, 'CostEstimator.estimate');
}

/** The price fields that hold one price (USD, never negative). */
const PRICE_FIELDS = [
  'natGatewayHour', 'publicIpv4Hour', 'applicationLoadBalancerHour', 'networkLoadBalancerHour', 'eksClusterHour',
  'interfaceEndpointAzHour', 'kmsKeyMonth', 'secretMonth', 'ebsGp3GbMonth', 'ebsGp2GbMonth',
  'fargateX86VcpuHour', 'fargateX86GbHour', 'fargateArmVcpuHour', 'fargateArmGbHour',
] as const;

/** A month of 28 to 31 days. */
const MIN_HOURS_PER_MONTH = 28 * 24;
const MAX_HOURS_PER_MONTH = 31 * 24;

/**
 * Checks a price table before it is used: every price a finite, non-negative number of USD, the
 * month 672 to 744 hours, the Fargate Spot factor a fraction from 0 to 1. A wrong price would give
 * a wrong total without any other sign, so it is refused with the field's name.
 */
export function checkPriceTable(prices: PriceTable): void {
  for (const field of PRICE_FIELDS) checkPrice(`prices.${field}`, prices[field]);
  checkNumber('prices.hoursPerMonth', prices.hoursPerMonth, MIN_HOURS_PER_MONTH, MAX_HOURS_PER_MONTH,
    `a number of hours from ${MIN_HOURS_PER_MONTH} to ${MAX_HOURS_PER_MONTH} (a month of 28 to 31 days; AWS prices with 730)`);
  if (prices.alarmMetricMonth !== undefined) checkPrice('prices.alarmMetricMonth', prices.alarmMetricMonth);
  if (prices.eksClusterExtendedSupportHour !== undefined) checkPrice('prices.eksClusterExtendedSupportHour', prices.eksClusterExtendedSupportHour);
  checkNumber('prices.fargateSpotFactor', prices.fargateSpotFactor, 0, 1, 'a fraction of the on-demand price from 0 to 1 (e.g. 0.3)');
  const instances: unknown = prices.ec2InstanceHour;
  if (typeof instances !== 'object' || instances === null || Array.isArray(instances)) {
    throw new ValidationError(estimatorScope(), { property: 'prices.ec2InstanceHour', value: instances, allowed: 'an object of hourly prices by instance type, e.g. { "m7g.large": 0.0816 }' });
  }
  for (const [type, price] of Object.entries(instances as Record<string, unknown>)) checkPrice(`prices.ec2InstanceHour["${type}"]`, price);
}

/**
 * Checks the shape of the template the estimator reads: `Resources`, when present, maps logical
 * ids to objects with a string `Type`, as a synthesized template does.
 */
export function checkTemplate(template: { [key: string]: unknown }): void {
  const resources = template.Resources;
  if (resources === undefined) return;
  const bad = typeof resources !== 'object' || resources === null || Array.isArray(resources)
    || Object.values(resources).some((r) => typeof r !== 'object' || r === null || typeof (r as { Type?: unknown }).Type !== 'string');
  if (bad) {
    throw new ValidationError(estimatorScope(), {
      property: 'template.Resources', value: resources,
      allowed: 'an object mapping logical ids to resources with a string Type, as a synthesized template does',
      hint: 'pass Template.fromStack(stack).toJSON(), or the JSON of a cdk.out template',
    });
  }
}

/**
 * Checks the Kubernetes objects the estimator reads pods from: a list of objects, each with a string
 * `apiVersion` and `kind`, as a rendered manifest has (`chart.toJson()`, or the YAML documents of the
 * cloud assembly parsed). What is below that (specs, quantities) is read where it is used, and what
 * cannot be read is listed as unpriced, as the template's resource properties are.
 */
export function checkKubernetesObjects(objects: unknown): void {
  const allowed = 'a list of Kubernetes objects as JSON, each with a string apiVersion and kind (e.g. { "apiVersion": "apps/v1", "kind": "Deployment", ... })';
  const hint = 'pass what EksWorkload renders (workload.chart.toJson()), or the YAML documents of cdk.out/kubernetes/ parsed one by one';
  if (!Array.isArray(objects)) {
    throw new ValidationError(estimatorScope(), { property: 'kubernetesObjects', value: objects, allowed, hint });
  }
  objects.forEach((o: unknown, i) => {
    const bad = typeof o !== 'object' || o === null || Array.isArray(o)
      || typeof (o as { apiVersion?: unknown }).apiVersion !== 'string' || typeof (o as { kind?: unknown }).kind !== 'string';
    if (bad) throw new ValidationError(estimatorScope(), { property: `kubernetesObjects[${i}]`, value: o, allowed, hint });
  });
}

function checkPrice(property: string, value: unknown): void {
  checkNumber(property, value, 0, Number.POSITIVE_INFINITY, 'a finite price in USD, 0 or more');
}

function checkNumber(property: string, value: unknown, min: number, max: number, allowed: string): void {
  if (typeof value === 'number' && Token.isUnresolved(value)) {
    throw new ValidationError(estimatorScope(), { property, value, allowed, hint: 'prices are read when the estimate is made, not at deploy time: a token cannot be one' });
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(estimatorScope(), { property, value, allowed });
  }
}

/** Checks `CostEstimateOptions.supportDate`: a real day written `YYYY-MM-DD`. */
export function checkSupportDate(day: string): void {
  if (typeof day !== 'string' || !isCalendarDay(day)) {
    throw new ValidationError(estimatorScope(), {
      property: 'options.supportDate',
      value: day,
      allowed: 'a day written YYYY-MM-DD, e.g. "2026-12-07"',
      hint: 'the day the EKS clusters\' Kubernetes versions are placed in the EKS release calendar; leave it unset for today',
    });
  }
}
