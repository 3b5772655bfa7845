// aws-cdk-lib's barrel loads a module on first use: the library's index stays as light as before.
import { CfnResource, Duration, RemovalPolicy, Stack, Token, aws_ec2 as ec2, aws_elasticloadbalancingv2 as elbv2, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../../errors';
import { RULES, acknowledge, acknowledgeOpenIngress } from '../../private/acknowledge';
import { privateSubnets } from '../../private/subnets';

/** What {@link accessLogsBucket} is asked for. */
export interface AccessLogsRequest {
  /** The property prefix for errors: `loadBalancer.` for `loadBalancer.accessLogs`, `''` for `accessLogs`. */
  readonly prefix: string;
  /** `accessLogs` as given (default true). */
  readonly accessLogs?: boolean;
  /** `accessLogsBucket` as given. */
  readonly bucket?: s3.IBucket;
  /** Which load balancer writes the logs, for the messages: `ALB` or `NLB`. */
  readonly kind: 'ALB' | 'NLB';
}

/**
 * Checks the access log settings of a load balancer and turns its access logs on: into the given
 * bucket, or into a new one (construct id `AccessLogs` under `scope`: SSE-S3, TLS only, public access
 * blocked, versioned with Object Lock, object events to EventBridge, retained, objects expire after
 * 90 days, its unavoidable findings acknowledged). Returns the bucket, or undefined without logs.
 *
 * The checks (errors on `owner`): no bucket with `accessLogs: false`; a concrete stack region (the
 * log delivery principal depends on it, aws-cdk-lib `resourcePolicyPrincipal`); no KMS-encrypted
 * bucket (ALB writes only to SSE-S3 buckets; an NLB's SSE-KMS delivery needs a key policy aws-cdk-lib
 * does not write).
 */
export function accessLogsBucket(owner: IConstruct, scope: Construct, lb: elbv2.BaseLoadBalancer, o: AccessLogsRequest): s3.IBucket | undefined {
  if (o.accessLogs === false && o.bucket) {
    throw new ValidationError(owner, {
      property: `${o.prefix}accessLogsBucket`, value: o.bucket.node.path, allowed: 'nothing with accessLogs: false',
      hint: 'drop accessLogsBucket, or drop accessLogs: false to write the logs to it',
    });
  }
  if (o.accessLogs === false) return undefined;
  if (Token.isUnresolved(Stack.of(owner).region)) {
    throw new ValidationError(owner, {
      property: `${o.prefix}accessLogs`, value: true, allowed: 'a stack with a concrete region (env: { region })',
      hint: `${o.kind} access logs need the region to name the log delivery principal; set the stack env, or accessLogs: false`,
    });
  }
  if (o.bucket?.encryptionKey) {
    throw new ValidationError(owner, {
      property: `${o.prefix}accessLogsBucket`, value: o.bucket.node.path,
      allowed: o.kind === 'ALB'
        ? 'a bucket with SSE-S3 encryption (ALB cannot write to KMS-encrypted buckets)'
        : 'a bucket with SSE-S3 encryption (NLB delivery to SSE-KMS needs a key policy for delivery.logs.amazonaws.com, which is not written here)',
    });
  }
  const bucket = o.bucket ?? newAccessLogsBucket(scope, o.kind);
  lb.logAccessLogs(bucket);
  return bucket;
}

function newAccessLogsBucket(scope: Construct, kind: 'ALB' | 'NLB'): s3.Bucket {
  const bucket = new s3.Bucket(scope, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(30) }],
  });
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  // Object Lock on (without a default retention: the 90-day expiry still applies) and object
  // events to EventBridge, natively (aws-cdk-lib's eventBridgeEnabled would add a custom resource).
  cfnBucket.objectLockEnabled = true;
  cfnBucket.objectLockConfiguration = { objectLockEnabled: 'Enabled' };
  cfnBucket.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  acknowledge(cfnBucket, [
    [RULES.BUCKET_LOGS, `this bucket receives ${kind} access logs; logging access to it would need another bucket, and so on`],
    [RULES.BUCKET_REPLICATION, 'access logs are diagnostic data kept 90 days; replicate them with your own bucket (accessLogsBucket) if required'],
    [RULES.BUCKET_KMS, kind === 'ALB'
      ? 'ALB access logs support only SSE-S3 encryption, not KMS (Elastic Load Balancing user guide)'
      : 'NLB access logs to SSE-KMS need a key policy for the log delivery service; SSE-S3 needs none (Elastic Load Balancing user guide)'],
  ]);
  return bucket;
}

/**
 * The VPC's primary CIDR block as written in the template: the literal block when the app knows it
 * (a VPC defined with a CIDR, or looked up), so that rules and tools reading the security group
 * see an address range rather than a reference; the VPC's `CidrBlock` attribute otherwise (an
 * IPAM-allocated VPC, say).
 */
export function literalVpcCidr(vpc: ec2.IVpc): string {
  if (!Token.isUnresolved(vpc.vpcCidrBlock)) return vpc.vpcCidrBlock;
  const cidrBlock = vpc instanceof ec2.Vpc ? (vpc.node.defaultChild as ec2.CfnVPC).cidrBlock : undefined;
  return cidrBlock !== undefined && !Token.isUnresolved(cidrBlock) ? cidrBlock : vpc.vpcCidrBlock;
}

/**
 * Who may reach an Application Load Balancer's listener ports, and the HTTP to HTTPS redirect:
 * internet-facing, its listener ports from anywhere (the open-ingress finding acknowledged for
 * exactly those ports); internal, from the VPC's CIDR only. With `https`, port 80 redirects to 443.
 */
export function listenerAccess(alb: elbv2.ApplicationLoadBalancer, vpc: ec2.IVpc, internetFacing: boolean, https: boolean): void {
  if (internetFacing) {
    const group = alb.connections.securityGroups[0] as ec2.SecurityGroup;
    acknowledgeOpenIngress(group, https ? [443, 80] : [80],
      'an internet-facing load balancer accepts its listener ports from anywhere by definition; tasks accept traffic only from it');
  }
  if (https) {
    const redirect = alb.addRedirect({ sourcePort: 80, sourceProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 443, targetProtocol: elbv2.ApplicationProtocol.HTTPS, open: internetFacing });
    acknowledge(redirect.node.defaultChild as CfnResource, [[RULES.LISTENER_CERT, 'this HTTP listener only redirects to the HTTPS listener, which has the certificate']]);
  }
  if (!internetFacing) {
    const fromVpc = ec2.Peer.ipv4(literalVpcCidr(vpc));
    alb.connections.allowFrom(fromVpc, ec2.Port.tcp(https ? 443 : 80), 'from the VPC');
    if (https) alb.connections.allowFrom(fromVpc, ec2.Port.tcp(80), 'from the VPC (redirect to HTTPS)');
  }
}

/**
 * The target group of an ECS service behind an Application Load Balancer: HTTP to the container
 * port, health-checked on `/` (200-399 every 30 seconds) unless `healthCheck` says otherwise, and
 * 30 seconds of deregistration delay (ELB's 300 would hold every deployment five minutes per task).
 */
export function serviceTargetGroupProps(vpc: ec2.IVpc, containerPort: number, healthCheck: elbv2.HealthCheck | undefined): elbv2.ApplicationTargetGroupProps {
  return {
    vpc,
    port: containerPort,
    protocol: elbv2.ApplicationProtocol.HTTP,
    healthCheck: healthCheck ?? { path: '/', healthyHttpCodes: '200-399', interval: Duration.seconds(30) },
    deregistrationDelay: Duration.seconds(30),
  };
}

/**
 * Where a load balancer goes: public subnets when internet-facing (the VPC must have some; the error
 * names `property`), else private or isolated ones, never public by default.
 */
export function loadBalancerSubnets(owner: Construct, property: string, vpc: ec2.IVpc, internetFacing: boolean): ec2.SubnetSelection {
  if (!internetFacing) return privateSubnets(owner, vpc, 'an internal load balancer never defaults to public subnets; use PlatformNetwork');
  if (vpc.publicSubnets.length === 0) {
    throw new ValidationError(owner, {
      property, value: true, allowed: 'false in a VPC without public subnets',
      hint: 'an internet-facing load balancer needs public subnets; add them to the VPC, or keep the load balancer internal',
    });
  }
  return { subnetType: ec2.SubnetType.PUBLIC };
}
