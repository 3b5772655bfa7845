/**
 * A price table for {@link CostEstimator.estimate}: on-demand list prices of one region, in USD.
 *
 * Only the resources that cost money while idle are priced: usage charges (GB processed, requests,
 * log ingestion, image storage, LCUs) depend on traffic and are left out of a fixed-cost estimate.
 *
 * `CostEstimator.estimate` checks a table before using it: every price is a finite number of USD, 0
 * or more (no tokens), `hoursPerMonth` is 672 to 744 and `fargateSpotFactor` 0 to 1; anything else
 * is a `ValidationError` naming the field.
 */
export interface PriceTable {
  /** The AWS region the prices are for, e.g. `us-east-1`. */
  readonly region: string;
  /** Where the prices come from (page addresses). */
  readonly source: string;
  /** The date the prices were transcribed, ISO `YYYY-MM-DD`, and how they were checked. */
  readonly asOf: string;
  /** Hours in a month for hourly prices: 672 to 744 (28 to 31 days; AWS's pricing pages use 730). */
  readonly hoursPerMonth: number;
  /** NAT gateway, per hour. */
  readonly natGatewayHour: number;
  /** Public IPv4 address (Elastic IP, load balancer node, public instance), per address-hour. */
  readonly publicIpv4Hour: number;
  /** Application Load Balancer, per hour (LCUs are usage). */
  readonly applicationLoadBalancerHour: number;
  /** Network Load Balancer, per hour (NLCUs are usage). */
  readonly networkLoadBalancerHour: number;
  /** EKS cluster control plane in standard support, per hour. */
  readonly eksClusterHour: number;
  /**
   * EKS cluster control plane in extended support (a Kubernetes version past its 14 months of
   * standard support, under the `EXTENDED` upgrade policy), per hour.
   *
   * @default 0.60
   */
  readonly eksClusterExtendedSupportHour?: number;
  /** Interface VPC endpoint, per AZ-hour (gateway endpoints are free). */
  readonly interfaceEndpointAzHour: number;
  /** KMS customer managed key, per month. */
  readonly kmsKeyMonth: number;
  /** Secrets Manager secret, per month. */
  readonly secretMonth: number;
  /** EBS gp3 storage, per GB-month (baseline IOPS and throughput are free). */
  readonly ebsGp3GbMonth: number;
  /** EBS gp2 storage, per GB-month. */
  readonly ebsGp2GbMonth: number;
  /** Fargate Linux/x86_64, per vCPU-hour. */
  readonly fargateX86VcpuHour: number;
  /** Fargate Linux/x86_64, per GB-hour. */
  readonly fargateX86GbHour: number;
  /** Fargate Linux/ARM64 (Graviton), per vCPU-hour. */
  readonly fargateArmVcpuHour: number;
  /** Fargate Linux/ARM64 (Graviton), per GB-hour. */
  readonly fargateArmGbHour: number;
  /**
   * Fargate Spot as a fraction of the on-demand price, 0 to 1. Spot prices move; this is a typical
   * figure, stated as such in every line item that uses it.
   */
  readonly fargateSpotFactor: number;
  /**
   * CloudWatch standard-resolution alarm, per month for each metric it evaluates (a metric-math
   * alarm pays for every metric in its expression).
   * @default 0.10 (us-east-1)
   */
  readonly alarmMetricMonth?: number;
  /** EC2 Linux on-demand instances, per hour, by instance type (each a finite price, 0 or more). */
  readonly ec2InstanceHour: { [instanceType: string]: number };
}

/** See `PriceTables.US_EAST_1`. */
const US_EAST_1_PRICES: PriceTable = {
  region: 'us-east-1',
  source: 'https://aws.amazon.com/vpc/pricing/ (NAT gateway, public IPv4, PrivateLink), '
    + 'https://aws.amazon.com/elasticloadbalancing/pricing/, https://aws.amazon.com/eks/pricing/, '
    + 'https://aws.amazon.com/fargate/pricing/, https://aws.amazon.com/ec2/pricing/on-demand/, '
    + 'https://aws.amazon.com/ebs/pricing/, https://aws.amazon.com/kms/pricing/, https://aws.amazon.com/secrets-manager/pricing/, '
    + 'https://aws.amazon.com/cloudwatch/pricing/ (alarms)',
  asOf: '2026-11-29 (list prices as published through 2025; not re-checked online from this offline machine)',
  hoursPerMonth: 730,
  natGatewayHour: 0.045,
  publicIpv4Hour: 0.005,
  applicationLoadBalancerHour: 0.0225,
  networkLoadBalancerHour: 0.0225,
  eksClusterHour: 0.10,
  eksClusterExtendedSupportHour: 0.60,
  interfaceEndpointAzHour: 0.01,
  kmsKeyMonth: 1.0,
  secretMonth: 0.40,
  alarmMetricMonth: 0.10,
  ebsGp3GbMonth: 0.08,
  ebsGp2GbMonth: 0.10,
  fargateX86VcpuHour: 0.04048,
  fargateX86GbHour: 0.004445,
  fargateArmVcpuHour: 0.03238,
  fargateArmGbHour: 0.00356,
  fargateSpotFactor: 0.30,
  ec2InstanceHour: {
    't3.micro': 0.0104, 't3.small': 0.0208, 't3.medium': 0.0416, 't3.large': 0.0832, 't3.xlarge': 0.1664,
    't4g.micro': 0.0084, 't4g.small': 0.0168, 't4g.medium': 0.0336, 't4g.large': 0.0672, 't4g.xlarge': 0.1344,
    'm5.large': 0.096, 'm5.xlarge': 0.192, 'm5d.large': 0.113,
    'm6i.large': 0.096, 'm6i.xlarge': 0.192, 'm6g.medium': 0.0385, 'm6g.large': 0.077, 'm6g.xlarge': 0.154,
    'm7i.large': 0.1008, 'm7g.medium': 0.0408, 'm7g.large': 0.0816, 'm7g.xlarge': 0.1632,
    'c6g.large': 0.068, 'c6i.large': 0.085, 'c7g.large': 0.0725, 'c7g.xlarge': 0.145, 'c7i.large': 0.08925,
    'r6g.large': 0.1008, 'r7g.large': 0.1071,
  },
};

/** The price tables that come with the library. */
export class PriceTables {
  /**
   * us-east-1 (N. Virginia) on-demand list prices, USD: the estimator's default.
   *
   * Transcribed from the AWS pricing pages named in `source`. The machines this library is built on
   * have no internet access, so the figures were not re-read on the day in `asOf`: check them (and
   * pass your own `PriceTable` to `CostEstimator.estimate`) before quoting a budget.
   */
  public static readonly US_EAST_1: PriceTable = US_EAST_1_PRICES;

  private constructor() {}
}
