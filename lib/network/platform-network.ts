import { Annotations, Aws, CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkStackLimits } from '../private/stack-limits';
import { checkIntegerRange, isToken } from '../private/validate';
import { RULES, acknowledge, acknowledgeRolePolicies, ignoreCfnLint } from '../private/acknowledge';
import { allowLogsService, newKey } from '../private/kms';
import { ipv4Overlaps, parseIpv4Cidr } from '../private/cidr';

/**
 * How private subnets reach the internet.
 *
 * Monthly cost (us-east-1, 730 hours, before data processing at $0.045/GB): a NAT gateway
 * costs about $32.85 a month, so `ONE` is about $33 and `PER_AZ` about $33 per AZ.
 */
export enum NatMode {
  /** No NAT gateway: private subnets are isolated; pair with `VpcEndpointSet` so tasks can pull images. */
  NONE = 'NONE',
  /** One NAT gateway shared by every AZ: cheapest egress, but an AZ outage in its AZ cuts egress for all. */
  ONE = 'ONE',
  /** One NAT gateway per AZ: egress survives the loss of an AZ, at one gateway's cost per AZ. */
  PER_AZ = 'PER_AZ',
}

/**
 * Which VPC endpoints to create so private subnets reach AWS services without NAT.
 *
 * Interface endpoints cost about $7.30 per endpoint per AZ a month ($0.01/hour) plus $0.01/GB;
 * the S3 gateway endpoint is free.
 */
export enum VpcEndpointSet {
  /** No endpoints. */
  NONE = 'NONE',
  /**
   * Only the S3 gateway endpoint: free, and ECR image layers are served from S3, so layer
   * downloads skip the NAT gateway's $0.045/GB processing charge. Not enough to pull without NAT.
   */
  S3_GATEWAY = 'S3_GATEWAY',
  /**
   * What private image pulls need: S3 (gateway; ECR stores layers there), ECR API, ECR Docker
   * and CloudWatch Logs (the `awslogs` driver). 3 interface endpoints.
   */
  IMAGE_PULL = 'IMAGE_PULL',
  /**
   * `IMAGE_PULL` plus what ECS tasks and EC2 container instances need with no NAT at all:
   * ECS, ECS agent, ECS telemetry, Secrets Manager and SSM (secrets and parameters in task
   * definitions), SSM Messages and KMS (ECS Exec sessions, encrypted with a customer managed
   * key). 10 interface endpoints.
   */
  ECS_FULL = 'ECS_FULL',
  /**
   * `IMAGE_PULL` plus what a private EKS cluster's nodes and pods need with no NAT: EC2 and EKS
   * (nodes join the cluster), STS and EKS Auth (IAM roles for pods, Pod Identity) and Elastic Load
   * Balancing (load balancers for Kubernetes services). 8 interface endpoints.
   */
  EKS_PRIVATE = 'EKS_PRIVATE',
}

/** How the VPC's default security group is closed (left with no rules). */
export enum DefaultSecurityGroupClosure {
  /**
   * A native `AWS::SSM::Association` runs the AWS-owned Automation runbook
   * `AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules` once, with a role that may only
   * revoke rules of that one group. No Lambda, no custom resource, no asset.
   */
  SSM_AUTOMATION = 'SSM_AUTOMATION',
  /** aws-cdk-lib's `restrictDefaultSecurityGroup`: a Lambda-backed custom resource (opt-in). */
  CUSTOM_RESOURCE = 'CUSTOM_RESOURCE',
  /** Leave the default rules (all traffic within the group, all egress). Nothing in this library uses the group. */
  LEAVE_OPEN = 'LEAVE_OPEN',
}

/** Properties of a {@link PlatformNetwork}. */
export interface PlatformNetworkProps {
  /**
   * The VPC's IPv4 CIDR block, a literal network address from `/16` to `/28` (AWS's VPC sizes) that
   * holds a public subnet (`/24` to `/28`) and a private subnet of at least `/28` in each AZ: `/27`
   * fits one AZ, `/26` two, `/25` four, `/24` five. Subnet blocks are computed at synth (no
   * `Fn::Cidr`), so it cannot be a token. Blocks of `/24` or smaller give `/28` public subnets, too
   * small for an Application Load Balancer (warning `cdk-containers:network-small-public-subnets`);
   * a block overlapping Docker's bridge network `172.17.0.0/16` is warned about
   * (`cdk-containers:network-docker-bridge-cidr`).
   * @default '10.0.0.0/16'
   */
  readonly cidr?: string;

  /**
   * How many AZs to use, 1 to 6. In an environment-agnostic stack CDK can only offer 2.
   * Ignored when `availabilityZones` is given.
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * Explicit AZs, e.g. `['us-east-1a', 'us-east-1b']` (1 to 6, no duplicates), in the stack's
   * region when it is concrete. Tokens (e.g. `AWS::EC2::AvailabilityZone::Name` parameters) are
   * not checked; a list token (a `CommaDelimitedList` parameter) is refused, since the AZ count shapes
   * the subnets.
   * @default - the first `maxAzs` AZs of the stack's region
   */
  readonly availabilityZones?: string[];

  /**
   * NAT gateways for the private subnets' egress.
   * @default NatMode.ONE - one NAT gateway (about $33/month) instead of one per AZ
   */
  readonly natMode?: NatMode;

  /**
   * VPC endpoints for private access to AWS services.
   * @default VpcEndpointSet.S3_GATEWAY - free, and keeps image layer downloads off the NAT gateway
   */
  readonly endpoints?: VpcEndpointSet;

  /**
   * How long VPC flow logs are kept: one of the `logs.RetentionDays` values (CloudWatch Logs accepts
   * no other day counts).
   * @default logs.RetentionDays.ONE_YEAR (Control Tower asks for at least a year)
   */
  readonly flowLogRetention?: logs.RetentionDays;

  /**
   * How the default security group is closed.
   * @default DefaultSecurityGroupClosure.SSM_AUTOMATION
   */
  readonly defaultSecurityGroupClosure?: DefaultSecurityGroupClosure;
}

/** Set on each VPC a `PlatformNetwork` creates, pointing back to it (a symbol, so copies of the library agree). */
const OWNER_SYMBOL = Symbol.for('cdk-containers.PlatformNetwork.owner');

/** Docker's default bridge network, 172.17.0.0/16: containers using bridge networking cannot reach a VPC address inside it. */
const DOCKER_BRIDGE = parseIpv4Cidr('172.17.0.0/16')!;

/** The retention periods CloudWatch Logs accepts (`RetentionInDays`), and INFINITE (no retention set). */
const RETENTION_DAYS: readonly number[] = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number');

/** The public subnets' prefix length for a VPC block of `prefix`: 16 times smaller than the block, /24 to /28. */
function publicMask(prefix: number): number {
  return Math.min(28, Math.max(24, prefix + 4));
}

/**
 * Whether a public subnet per AZ plus a private subnet per AZ of at least /28 (EC2's smallest
 * subnet) fit a block of `prefix`, as ec2.Vpc divides it: public subnets first, the rest split evenly.
 */
function layoutFits(prefix: number, azCount: number): boolean {
  const remaining = 2 ** (32 - prefix) - azCount * 2 ** (32 - publicMask(prefix));
  return remaining / azCount >= 16;
}

/** Writes an unsigned 32-bit address as dotted quads. */
function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

/** The Automation runbook that removes every rule of a VPC's default security group (owned by AWS). */
const REMOVE_DEFAULT_SG_RULES_RUNBOOK = 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules';
/** How often the closure runs again after the deploy (a daily Automation run costs a few steps of the free tier). */
const DEFAULT_SG_CLOSURE_SCHEDULE = 'rate(1 day)';

interface EndpointSpec {
  readonly id: string;
  readonly service: ec2.InterfaceVpcEndpointAwsService;
}

const IMAGE_PULL_ENDPOINTS: readonly EndpointSpec[] = [
  { id: 'EcrApiEndpoint', service: ec2.InterfaceVpcEndpointAwsService.ECR },
  { id: 'EcrDockerEndpoint', service: ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER },
  { id: 'LogsEndpoint', service: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS },
];

const EKS_ENDPOINTS: readonly EndpointSpec[] = [
  { id: 'Ec2Endpoint', service: ec2.InterfaceVpcEndpointAwsService.EC2 },
  { id: 'EksEndpoint', service: ec2.InterfaceVpcEndpointAwsService.EKS },
  { id: 'EksAuthEndpoint', service: ec2.InterfaceVpcEndpointAwsService.EKS_AUTH },
  { id: 'StsEndpoint', service: ec2.InterfaceVpcEndpointAwsService.STS },
  { id: 'ElbEndpoint', service: ec2.InterfaceVpcEndpointAwsService.ELASTIC_LOAD_BALANCING },
];

const ECS_ENDPOINTS: readonly EndpointSpec[] = [
  { id: 'EcsEndpoint', service: ec2.InterfaceVpcEndpointAwsService.ECS },
  { id: 'EcsAgentEndpoint', service: ec2.InterfaceVpcEndpointAwsService.ECS_AGENT },
  { id: 'EcsTelemetryEndpoint', service: ec2.InterfaceVpcEndpointAwsService.ECS_TELEMETRY },
  { id: 'SecretsManagerEndpoint', service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER },
  { id: 'SsmEndpoint', service: ec2.InterfaceVpcEndpointAwsService.SSM },
  { id: 'SsmMessagesEndpoint', service: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES },
  // ECS Exec sessions are encrypted with the cluster's customer managed key: the agent calls KMS.
  { id: 'KmsEndpoint', service: ec2.InterfaceVpcEndpointAwsService.KMS },
];

/**
 * A VPC for the platform with cost-aware egress.
 *
 * Public subnets (for load balancers) and private subnets (for tasks and instances) in each
 * AZ; one NAT gateway by default; optional VPC endpoints so private subnets pull images
 * without NAT; flow logs to a log group with retention; the default security group closed.
 * Synthesizes with no context lookups. Clusters accept any `ec2.IVpc` instead.
 *
 * @example
 * const network = new PlatformNetwork(this, 'Network', { natMode: NatMode.NONE, endpoints: VpcEndpointSet.ECS_FULL });
 */
export class PlatformNetwork extends Construct {
  /**
   * The `PlatformNetwork` that created `vpc` (its `vpc` property), or undefined for any other VPC.
   * Clusters use it to tell which VPC endpoints a network has (`EksCluster` on isolated subnets);
   * each `PlatformNetwork` registers itself on the VPC it creates.
   */
  public static ownerOf(vpc: ec2.IVpc): PlatformNetwork | undefined {
    const owner = (vpc as unknown as Record<symbol, PlatformNetwork | undefined>)[OWNER_SYMBOL];
    return owner?.vpc === vpc ? owner : undefined;
  }

  /** The VPC. */
  public readonly vpc: ec2.Vpc;
  /** The NAT mode in use. */
  public readonly natMode: NatMode;
  /** The log group receiving the VPC's flow logs. */
  public readonly flowLogGroup: logs.LogGroup;
  /** The customer managed key (rotation on) that encrypts the flow logs. */
  public readonly flowLogKey: kms.Key;
  /** The flow log. */
  public readonly flowLog: ec2.FlowLog;
  /** The endpoint set in use. */
  public readonly endpointSet: VpcEndpointSet;

  /** The security group of the interface endpoints (HTTPS from the VPC), when there are any. */
  public readonly endpointSecurityGroup?: ec2.SecurityGroup;

  private readonly _endpoints: ec2.IVpcEndpoint[] = [];

  constructor(scope: Construct, id: string, props: PlatformNetworkProps = {}) {
    super(scope, id);
    checkStackLimits(this);

    const cidr = props.cidr ?? '10.0.0.0/16';
    const natMode = props.natMode ?? NatMode.ONE;
    const endpointSet = props.endpoints ?? VpcEndpointSet.S3_GATEWAY;
    const closure = props.defaultSecurityGroupClosure ?? DefaultSecurityGroupClosure.SSM_AUTOMATION;
    this.natMode = natMode;
    this.endpointSet = endpointSet;

    const prefix = this.validateCidr(cidr);
    const azCount = this.validateAzs(props);
    this.validateLayout(cidr, prefix, azCount);
    this.validateRetention(props.flowLogRetention);
    this.validateEnum('natMode', natMode, NatMode);
    this.validateEnum('endpoints', endpointSet, VpcEndpointSet);
    this.validateEnum('defaultSecurityGroupClosure', closure, DefaultSecurityGroupClosure);

    const privateType = natMode === NatMode.NONE ? ec2.SubnetType.PRIVATE_ISOLATED : ec2.SubnetType.PRIVATE_WITH_EGRESS;
    this.vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: ec2.IpAddresses.cidr(cidr),
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : { maxAzs: props.maxAzs ?? 2 }),
      natGateways: natMode === NatMode.NONE ? 0 : natMode === NatMode.ONE ? 1 : undefined,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: publicMask(prefix), mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: privateType },
      ],
      restrictDefaultSecurityGroup: closure === DefaultSecurityGroupClosure.CUSTOM_RESOURCE,
    });
    Object.defineProperty(this.vpc, OWNER_SYMBOL, { value: this });
    this.warnAboutCidr(cidr, prefix);

    // Flow logs name every address that talked to the VPC: encrypt them with a key the account controls.
    this.flowLogKey = newKey(this, 'FlowLogsKey', 'Encryption of the platform VPC flow logs');
    allowLogsService(this.flowLogKey);
    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_YEAR,
      encryptionKey: this.flowLogKey,
    });
    this.flowLog = new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(this.vpc),
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });

    if (closure === DefaultSecurityGroupClosure.SSM_AUTOMATION) {
      this.closeDefaultSecurityGroup();
      acknowledge(this.vpc.node.defaultChild as CfnResource, [[RULES.DEFAULT_SG_CLOSED,
        'the default security group is closed by the DefaultSecurityGroupClosure SSM association (no custom resource), which the rule cannot see']]);
    }
    for (const subnet of this.vpc.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute') as CfnResource | undefined;
      if (route) {
        acknowledge(route, [[RULES.IGW_ROUTE,
          'public subnets exist for internet-facing load balancers and NAT gateways: their default route to the internet gateway is what makes them public; tasks and instances run in private subnets']]);
      }
    }
    // In a stack with an account and Region, aws-cdk-lib writes the zones it looked up (cached in
    // cdk.context.json) into each subnet; cfn-lint's W3010 then asks for Fn::GetAZs, which only an
    // environment-agnostic stack gets. The zones are the account's own, looked up for it.
    for (const subnet of [...this.vpc.publicSubnets, ...this.vpc.privateSubnets, ...this.vpc.isolatedSubnets]) {
      const cfnSubnet = subnet.node.defaultChild as CfnResource | undefined;
      if (cfnSubnet && !Token.isUnresolved(subnet.availabilityZone)) {
        ignoreCfnLint(cfnSubnet, 'W3010', 'aws-cdk-lib writes the availability zones it looked up for this stack\'s account and Region (cached in cdk.context.json); Fn::GetAZs is used only in environment-agnostic stacks');
      }
    }
    acknowledgeRolePolicies(this.flowLog.node.findChild('IAMRole') as iam.IRole, { inline: 'aws-cdk-lib writes the flow log role\'s grant on its log group as a policy attached to that one role' });

    if (endpointSet !== VpcEndpointSet.NONE) {
      this._endpoints.push(new ec2.GatewayVpcEndpoint(this, 'S3Endpoint', {
        vpc: this.vpc,
        service: ec2.GatewayVpcEndpointAwsService.S3,
        subnets: [{ subnetType: privateType }],
      }));
      const specs = {
        [VpcEndpointSet.NONE]: [],
        [VpcEndpointSet.S3_GATEWAY]: [],
        [VpcEndpointSet.IMAGE_PULL]: IMAGE_PULL_ENDPOINTS,
        [VpcEndpointSet.ECS_FULL]: [...IMAGE_PULL_ENDPOINTS, ...ECS_ENDPOINTS],
        [VpcEndpointSet.EKS_PRIVATE]: [...IMAGE_PULL_ENDPOINTS, ...EKS_ENDPOINTS],
      }[endpointSet];
      if (specs.length > 0) {
        // One group for every interface endpoint, open on 443 to the VPC's literal CIDR block
        // (not a token, so compliance checks can see it is not 0.0.0.0/0).
        this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
          vpc: this.vpc,
          description: 'Interface VPC endpoints: HTTPS from inside the VPC',
          allowAllOutbound: false,
        });
        this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      }
      for (const spec of specs) {
        this._endpoints.push(new ec2.InterfaceVpcEndpoint(this, spec.id, {
          vpc: this.vpc,
          service: spec.service,
          subnets: { subnetType: privateType },
          privateDnsEnabled: true,
          open: false,
          securityGroups: this.endpointSecurityGroup ? [this.endpointSecurityGroup] : undefined,
        }));
      }
    }

    if (!props.availabilityZones && (props.maxAzs ?? 2) > 2 && Token.isUnresolved(Stack.of(this).region)) {
      Annotations.of(this).addWarningV2('cdk-containers:network-env-agnostic-azs',
        `maxAzs is ${props.maxAzs} but the stack is environment-agnostic, so CDK can only use 2 AZs. Give the stack an env with a region, or availabilityZones.`);
    }

    if (natMode === NatMode.NONE && (endpointSet === VpcEndpointSet.NONE || endpointSet === VpcEndpointSet.S3_GATEWAY)) {
      Annotations.of(this).addWarningV2('cdk-containers:network-no-egress',
        `natMode is NONE and endpoints is ${endpointSet}: tasks and instances in the private subnets cannot reach ECR, ` +
        'so they could not pull images. Set endpoints: VpcEndpointSet.IMAGE_PULL (Fargate), VpcEndpointSet.ECS_FULL (EC2 capacity) or VpcEndpointSet.EKS_PRIVATE (EKS), or use a NAT mode.');
    }
  }

  /** The VPC endpoints created, interface and gateway (empty with `VpcEndpointSet.NONE`); a copy. */
  public get endpoints(): ec2.IVpcEndpoint[] {
    return [...this._endpoints];
  }

  /** Runs the AWS-owned runbook once through a State Manager association: native CloudFormation only. */
  private closeDefaultSecurityGroup(): void {
    const stack = Stack.of(this);
    const groupId = this.vpc.vpcDefaultSecurityGroup;
    const role = new iam.Role(this, 'DefaultSecurityGroupClosureRole', {
      description: 'Lets SSM Automation remove every rule from this VPC\'s default security group',
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      inlinePolicies: {
        RevokeDefaultSecurityGroupRules: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
              resources: [stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: groupId })],
            }),
            // Describe* calls do not support resource-level permissions; the runbook reads its own execution.
            new iam.PolicyStatement({
              actions: ['ec2:DescribeSecurityGroups', 'ssm:GetAutomationExecution'],
              resources: ['*'],
            }),
          ],
        }),
      },
    });
    acknowledgeRolePolicies(role, {
      inline: 'the revoke policy belongs to this single-purpose role only',
      wildcards: [{ actions: ['ec2:DescribeSecurityGroups', 'ssm:GetAutomationExecution'],
        reason: 'they support no resource-level permissions; the revoke actions are scoped to the one default security group' }],
    });
    new ssm.CfnAssociation(this, 'DefaultSecurityGroupClosure', {
      name: REMOVE_DEFAULT_SG_RULES_RUNBOOK,
      // At deploy, then every day: a rule someone adds to the default group later is removed again.
      scheduleExpression: DEFAULT_SG_CLOSURE_SCHEDULE,
      parameters: {
        GroupId: [groupId],
        AutomationAssumeRole: [role.roleArn],
      },
    });
  }

  private validateCidr(cidr: string): number {
    if (Token.isUnresolved(cidr)) {
      throw new ValidationError(this, { property: 'cidr', value: cidr, allowed: 'a literal IPv4 CIDR block such as "10.0.0.0/16"', hint: 'subnet blocks are computed at synth, so the VPC block cannot be a token' });
    }
    const parsed = parseIpv4Cidr(cidr, { allowHostBits: true });
    if (!parsed || parsed.prefix < 16 || parsed.prefix > 28) {
      throw new ValidationError(this, {
        property: 'cidr',
        value: cidr,
        allowed: 'an IPv4 CIDR block from /16 to /28, e.g. "10.0.0.0/16"',
        hint: 'RFC 1918 ranges (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) are recommended',
      });
    }
    const network = parsed.address - (parsed.address % 2 ** (32 - parsed.prefix));
    if (network !== parsed.address) {
      // EC2 would store the network address instead, and the subnets are computed from the block as written.
      throw new ValidationError(this, {
        property: 'cidr',
        value: cidr,
        allowed: 'a block whose host bits are zero (a network address)',
        hint: `write "${formatIpv4(network)}/${parsed.prefix}", the block EC2 would create`,
      });
    }
    return parsed.prefix;
  }

  /** The subnet layout (a public and a private subnet per AZ, each at least /28) must fit the VPC block. */
  private validateLayout(cidr: string, prefix: number, azCount: number): void {
    if (layoutFits(prefix, azCount)) return;
    let largestPrefix = prefix;
    while (largestPrefix > 16 && !layoutFits(largestPrefix, azCount)) largestPrefix--;
    throw new ValidationError(this, {
      property: 'cidr',
      value: cidr,
      allowed: `a block of /${largestPrefix} or larger for ${azCount} AZ(s), with room for a public and a private subnet (each at least /28) in each AZ`,
      hint: 'use a larger block, or fewer AZs (maxAzs or availabilityZones)',
    });
  }

  /** Warnings for blocks that are legal but likely to bite later. */
  private warnAboutCidr(cidr: string, prefix: number): void {
    if (ipv4Overlaps(parseIpv4Cidr(cidr)!, DOCKER_BRIDGE)) {
      Annotations.of(this).addWarningV2('cdk-containers:network-docker-bridge-cidr',
        `cidr ${cidr} overlaps 172.17.0.0/16, Docker's default bridge network: containers on EC2 instances with bridge networking cannot reach addresses in it ` +
        '(and AWS asks not to use the range, see "VPC CIDR blocks" in the VPC User Guide). Choose another block, e.g. 10.0.0.0/16.');
    }
    if (publicMask(prefix) > 27) {
      Annotations.of(this).addWarningV2('cdk-containers:network-small-public-subnets',
        `cidr ${cidr} leaves /${publicMask(prefix)} public subnets: an Application Load Balancer needs subnets of at least /27 with 8 free addresses. Use a /23 or larger block for internet-facing ALBs.`);
    }
  }

  /** Checks the AZ props; returns how many AZs the VPC will span (the subnet layout depends on it). */
  private validateAzs(props: PlatformNetworkProps): number {
    if (props.availabilityZones !== undefined) {
      const azs = props.availabilityZones;
      if (isToken(azs)) {
        throw new ValidationError(this, {
          property: 'availabilityZones', value: azs, allowed: 'an array of AZ names, each a literal or a single-value token',
          hint: 'the AZ count shapes the subnets, which are computed at synth: give one AWS::EC2::AvailabilityZone::Name parameter per AZ instead of a list parameter',
        });
      }
      const unique = new Set(azs);
      if (azs.length < 1 || azs.length > 6 || unique.size !== azs.length || azs.some((az) => !Token.isUnresolved(az) && !/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/.test(az))) {
        throw new ValidationError(this, { property: 'availabilityZones', value: azs, allowed: '1 to 6 distinct AZ names such as "us-east-1a"' });
      }
      if (props.maxAzs !== undefined) {
        throw new ValidationError(this, { property: 'maxAzs', value: props.maxAzs, allowed: 'nothing when availabilityZones is given', hint: 'give either maxAzs or availabilityZones' });
      }
      this.validateAzRegion(azs);
      return azs.length;
    }
    const maxAzs = props.maxAzs;
    if (maxAzs !== undefined && Token.isUnresolved(maxAzs)) {
      throw new ValidationError(this, {
        property: 'maxAzs', value: maxAzs, allowed: 'a literal whole number from 1 to 6',
        hint: 'a literal number is required because the AZ count shapes the subnets, which are computed at synth; to take AZ names from parameters, give availabilityZones instead',
      });
    }
    checkIntegerRange(this, 'maxAzs', maxAzs, 1, 6, 'an environment-agnostic stack only offers 2 AZs; give availabilityZones for more');
    // ec2.Vpc takes the first maxAzs of the stack's AZs (2 placeholders in an environment-agnostic stack).
    return Math.min(maxAzs ?? 2, Stack.of(this).availabilityZones.length);
  }

  /** An AZ of another region fails at deploy: AZ names start with their region's name. */
  private validateAzRegion(azs: string[]): void {
    const region = Stack.of(this).region;
    if (Token.isUnresolved(region)) return;
    const foreign = azs.find((az) => !Token.isUnresolved(az) && !(az.startsWith(region) && /^[a-z]$/.test(az.slice(region.length))));
    if (foreign !== undefined) {
      throw new ValidationError(this, { property: 'availabilityZones', value: foreign, allowed: `an AZ of the stack's region ${region}, e.g. "${region}a"` });
    }
  }

  private validateRetention(retention: logs.RetentionDays | undefined): void {
    if (retention === undefined || Token.isUnresolved(retention)) return;
    if (!RETENTION_DAYS.includes(retention)) {
      throw new ValidationError(this, {
        property: 'flowLogRetention', value: retention,
        allowed: `a logs.RetentionDays value: ${RETENTION_DAYS.filter((d) => d !== logs.RetentionDays.INFINITE).join(', ')} days, or INFINITE`,
      });
    }
  }

  private validateEnum(property: string, value: string, values: Record<string, string>): void {
    const allowed = Object.values(values);
    if (!allowed.includes(value)) {
      throw new ValidationError(this, { property, value, allowed: allowed.join(', ') });
    }
  }
}
