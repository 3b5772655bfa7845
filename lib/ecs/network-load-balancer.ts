import {
  CfnResource, Duration,
  aws_certificatemanager as acm, aws_ec2 as ec2, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_s3 as s3,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { RULES, acknowledge, acknowledgeOpenIngress } from '../private/acknowledge';
import { checkIntegerRange, isToken } from '../private/validate';
import { trafficTarget } from './private/load-balancer-checks';
import { accessLogsBucket, literalVpcCidr, loadBalancerSubnets } from './private/load-balancer-resources';
import type { EcsService } from './service';

/** How one {@link EcsService} is attached to an {@link EcsNetworkLoadBalancer}: a listener port of its own. */
export interface NetworkServiceOptions {
  /** The service whose tasks receive the connections. */
  readonly service: EcsService;
  /** The listener port: a whole number from 1 to 65535, unique on the load balancer (whatever the protocol). */
  readonly port: number;
  /**
   * The listener protocol: `TCP`, `TLS` (terminated here with `certificate`, forwarded as TCP),
   * `UDP` or `TCP_UDP` (both on one port).
   * @default elbv2.Protocol.TCP
   */
  readonly protocol?: elbv2.Protocol;
  /**
   * The certificate of a `TLS` listener (TLS 1.2+ policy `SslPolicy.RECOMMENDED_TLS`); only with `TLS`.
   * @default - none (required for TLS)
   */
  readonly certificate?: acm.ICertificate;
  /**
   * The container that receives traffic.
   * @default - the first container with a port mapping
   */
  readonly containerName?: string;
  /**
   * The container port that receives traffic. The container must map it with the listener's
   * transport: TCP for TCP and TLS, UDP for UDP, both for TCP_UDP.
   * @default - that container's first port mapping of that transport
   */
  readonly containerPort?: number;
  /**
   * The TCP port the load balancer health-checks the tasks on. UDP cannot be health-checked: a `UDP`
   * listener needs it (a TCP port some container of the task maps, e.g. a health sidecar).
   * @default - the traffic port over TCP (required for UDP)
   */
  readonly healthCheckPort?: number;
}

/** Properties of an {@link EcsNetworkLoadBalancer}. */
export interface EcsNetworkLoadBalancerProps {
  /** The VPC of the load balancer: the VPC of the services' clusters. */
  readonly vpc: ec2.IVpc;
  /**
   * Reachable from the internet (in public subnets: the VPC must have some).
   * @default false - internal, in private subnets, reachable from the VPC only
   */
  readonly internetFacing?: boolean;
  /**
   * Access logs to S3 (a new bucket: SSE-S3, TLS only, public access blocked, retained, objects
   * expire after 90 days). A Network Load Balancer writes access logs for TLS listeners only
   * (Elastic Load Balancing, "Access logs for your Network Load Balancer"): with TCP and UDP
   * listeners only, the bucket stays empty. On by default so the load balancer meets the logging
   * rules of the compliance packs and logs as soon as it has a TLS listener. Needs a stack with a
   * concrete region.
   * @default true
   */
  readonly accessLogs?: boolean;
  /**
   * The bucket for access logs (SSE-S3; not with `accessLogs: false`).
   * @default - a new bucket
   */
  readonly accessLogsBucket?: s3.IBucket;
  /**
   * Deletion protection (the Control Tower rule elbv2_deletion_protection_enabled_check asks for it).
   * Turn it off (and deploy) before deleting the stack or replacing the load balancer.
   * @default true
   */
  readonly deletionProtection?: boolean;
}

/**
 * A Network Load Balancer for ECS services that speak TCP, TLS, UDP or TCP+UDP: one listener port
 * per service ({@link addService}).
 *
 * Defaults: internal, in private subnets; a security group of its own (admitting each listener port
 * from the VPC's CIDR, or from anywhere when internet-facing; sending only to the tasks);
 * cross-zone load balancing; deletion protection; access logs (written for TLS listeners only).
 * Tasks accept traffic only from the load balancer's security group.
 */
export class EcsNetworkLoadBalancer extends Construct {
  /** The load balancer. */
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;
  /** The load balancer's security group. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The access log bucket created here, or the one given; undefined without access logs. */
  public readonly accessLogsBucket?: s3.IBucket;

  private readonly vpc: ec2.IVpc;
  private readonly internetFacing: boolean;
  /** Listener ports taken, and by which service. */
  private readonly ports = new Map<number, string>();
  /** The TCP ports open to the internet (read at synthesis by the open-ingress acknowledgement). */
  private readonly openTcpPorts: number[] = [];

  constructor(scope: Construct, id: string, props: EcsNetworkLoadBalancerProps) {
    super(scope, id);
    const vpc = props.vpc;
    this.vpc = vpc;
    this.internetFacing = props.internetFacing ?? false;
    const vpcSubnets = loadBalancerSubnets(this, 'internetFacing', vpc, this.internetFacing);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc, allowAllOutbound: false, description: `${this.node.path}: the Network Load Balancer, to the ECS tasks behind it`,
    });
    const nlb = new elbv2.NetworkLoadBalancer(this, 'Resource', {
      vpc,
      internetFacing: this.internetFacing,
      vpcSubnets,
      securityGroups: [this.securityGroup],
      crossZoneEnabled: true,
      deletionProtection: props.deletionProtection ?? true,
    });
    this.loadBalancer = nlb;
    this.accessLogsBucket = accessLogsBucket(this, this, nlb, { prefix: '', accessLogs: props.accessLogs, bucket: props.accessLogsBucket, kind: 'NLB' });
    if (this.internetFacing) {
      acknowledgeOpenIngress(this.securityGroup, this.openTcpPorts,
        'an internet-facing load balancer accepts its listener ports from anywhere by definition; tasks accept traffic only from it');
    }
  }

  /**
   * Adds a listener on `port` that forwards to the service's tasks: a target group (to the
   * container port, 30 s deregistration delay) and a listener, under a construct `id`. The load
   * balancer's security group admits the port (from the VPC, or from anywhere when
   * internet-facing); the tasks admit the load balancer on the container port (and the health
   * check port). Checked at synth: the port (1-65535, not yet used here), a certificate with TLS and
   * only then, the container's port mapping of the right transport, a health check port for UDP.
   *
   * @param id the construct id of the service's target group (`TargetGroup`) and listener (`Listener`)
   */
  public addService(id: string, options: NetworkServiceOptions): elbv2.NetworkListener {
    const p = `services[${id}]`;
    const service = options.service;
    if (service.deployment.runsTwoTaskSets) {
      throw new ValidationError(this, {
        property: `${p}.service`, value: `${service.node.path} (${service.deployment.strategy} deployment)`,
        allowed: 'a service with rolling deployments',
        hint: 'the library does not wire blue/green traffic shifting on a Network Load Balancer yet; use ServiceDeployment.rolling() for this service',
      });
    }
    const protocol = options.protocol ?? elbv2.Protocol.TCP;
    if (![elbv2.Protocol.TCP, elbv2.Protocol.TLS, elbv2.Protocol.UDP, elbv2.Protocol.TCP_UDP].includes(protocol)) {
      throw new ValidationError(this, { property: `${p}.protocol`, value: protocol, allowed: 'TCP, TLS, UDP or TCP_UDP', hint: 'HTTP and HTTPS services belong behind an EcsLoadBalancer (Application Load Balancer)' });
    }
    checkIntegerRange(this, `${p}.port`, options.port, 1, 65535);
    if (protocol === elbv2.Protocol.TLS && !options.certificate) {
      throw new ValidationError(this, { property: `${p}.certificate`, value: undefined, allowed: 'a certificate with protocol TLS', hint: 'a TLS listener terminates TLS and needs an ACM certificate; use TCP to pass TLS through to the tasks' });
    }
    if (protocol !== elbv2.Protocol.TLS && options.certificate) {
      throw new ValidationError(this, { property: `${p}.certificate`, value: options.certificate.certificateArn, allowed: `nothing with protocol ${protocol} (a certificate only with TLS)` });
    }
    const vpc = service.service.cluster.vpc;
    if (vpc !== this.vpc && vpc instanceof ec2.Vpc && this.vpc instanceof ec2.Vpc) {
      throw new ValidationError(this, {
        property: `${p}.service`, value: service.node.path, allowed: `a service whose cluster is in the load balancer's VPC (${this.vpc.node.path})`,
      });
    }
    const udp = protocol === elbv2.Protocol.UDP || protocol === elbv2.Protocol.TCP_UDP;
    const tcp = protocol !== elbv2.Protocol.UDP;
    const containers = service.taskDefinition.containers;
    const { container, containerPort } = trafficTarget(this, p, containers, options.containerName, options.containerPort, udp ? ecs.Protocol.UDP : ecs.Protocol.TCP);
    if (protocol === elbv2.Protocol.TCP_UDP) {
      // The same port again over TCP: the target group's health checks and TCP connections arrive there.
      trafficTarget(this, p, containers, container.containerName, containerPort, ecs.Protocol.TCP);
    }
    const healthCheckPort = options.healthCheckPort;
    checkIntegerRange(this, `${p}.healthCheckPort`, healthCheckPort, 1, 65535);
    if (protocol === elbv2.Protocol.UDP && healthCheckPort === undefined) {
      throw new ValidationError(this, {
        property: `${p}.healthCheckPort`, value: undefined, allowed: 'a TCP port of the task with protocol UDP',
        hint: 'UDP cannot be health-checked: the load balancer checks a TCP port; map one (a health sidecar, say) and give it here',
      });
    }
    if (healthCheckPort !== undefined && !isToken(healthCheckPort)
      && !containers.some((c) => c.portMappings.some((pm) => pm.containerPort === healthCheckPort && (pm.protocol ?? ecs.Protocol.TCP) === ecs.Protocol.TCP))) {
      throw new ValidationError(this, { property: `${p}.healthCheckPort`, value: healthCheckPort, allowed: 'a port a container of the task maps with protocol TCP' });
    }
    if (!isToken(options.port)) {
      const holder = this.ports.get(options.port);
      if (holder !== undefined) {
        throw new ValidationError(this, {
          property: `${p}.port`, value: options.port, allowed: `a port no other listener of the load balancer has: ${options.port} is taken by service "${holder}"`,
          hint: 'a Network Load Balancer takes one listener per port; for TCP and UDP on one port use protocol TCP_UDP',
        });
      }
      this.ports.set(options.port, service.node.path);
    }

    const scope = new Construct(this, id);
    const targetProtocol = protocol === elbv2.Protocol.TLS ? elbv2.Protocol.TCP : protocol;
    const targetGroup = new elbv2.NetworkTargetGroup(scope, 'TargetGroup', {
      vpc,
      port: containerPort,
      protocol: targetProtocol,
      targets: [service.service.loadBalancerTarget({ containerName: container.containerName, containerPort, protocol: udp && !tcp ? ecs.Protocol.UDP : ecs.Protocol.TCP })],
      healthCheck: { protocol: elbv2.Protocol.TCP, port: healthCheckPort === undefined ? 'traffic-port' : String(healthCheckPort) },
      deregistrationDelay: Duration.seconds(30),
    });
    const listener = new elbv2.NetworkListener(scope, 'Listener', {
      loadBalancer: this.loadBalancer,
      port: options.port,
      protocol,
      certificates: options.certificate ? [elbv2.ListenerCertificate.fromCertificateManager(options.certificate)] : undefined,
      sslPolicy: protocol === elbv2.Protocol.TLS ? elbv2.SslPolicy.RECOMMENDED_TLS : undefined,
      defaultTargetGroups: [targetGroup],
    });
    if (protocol !== elbv2.Protocol.TLS) {
      acknowledge(listener.node.defaultChild as CfnResource, [[RULES.LISTENER_CERT,
        `a ${protocol} listener passes the connection through without terminating TLS, so it holds no certificate; use protocol TLS to terminate TLS here`]]);
    }

    // Who may connect: the listener port on the load balancer's group; the load balancer on the tasks' ports.
    const peer = this.internetFacing ? ec2.Peer.anyIpv4() : ec2.Peer.ipv4(literalVpcCidr(this.vpc));
    const from = this.internetFacing ? 'from anywhere' : 'from the VPC';
    if (tcp) {
      this.securityGroup.addIngressRule(peer, ec2.Port.tcp(options.port), `${from} (${id})`);
      if (this.internetFacing && !isToken(options.port)) this.openTcpPorts.push(options.port);
      service.service.connections.allowFrom(this.securityGroup, ec2.Port.tcp(containerPort), `from the Network Load Balancer (${id})`);
    }
    if (udp) {
      this.securityGroup.addIngressRule(peer, ec2.Port.udp(options.port), `${from} (${id})`);
      service.service.connections.allowFrom(this.securityGroup, ec2.Port.udp(containerPort), `from the Network Load Balancer (${id})`);
    }
    if (healthCheckPort !== undefined && (!tcp || healthCheckPort !== containerPort)) {
      service.service.connections.allowFrom(this.securityGroup, ec2.Port.tcp(healthCheckPort), `health checks of the Network Load Balancer (${id})`);
    }
    return listener;
  }
}
