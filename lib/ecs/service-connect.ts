import { Duration, Token, aws_ecs as ecs, aws_servicediscovery as cloudmap } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { checkWholeDuration } from './private/durations';
import { EcsTaskDefinition } from './task-definition';

/** How a {@link ServiceConnectNamespace} is obtained. */
export enum ServiceConnectNamespaceKind {
  /** A new Cloud Map HTTP namespace, created by the `EcsCluster` it is given to. */
  CREATE = 'CREATE',
  /** An existing namespace, referred to by its name. */
  FROM_NAME = 'FROM_NAME',
  /** An existing namespace, referred to by its ARN. */
  FROM_ARN = 'FROM_ARN',
}

/**
 * The AWS Cloud Map namespace Service Connect services join: the names they publish and the names
 * their clients resolve live in it. Services in one namespace reach each other across clusters.
 *
 * Give it to a cluster (`EcsClusterProps.serviceConnectNamespace`) to make it the namespace every
 * Service Connect service of the cluster joins; give an imported one to a service
 * (`ServiceConnectOptions.cloudMapNamespace`) to override the cluster's.
 */
export class ServiceConnectNamespace {
  /**
   * A new Cloud Map HTTP namespace (`AWS::ServiceDiscovery::HttpNamespace`, the kind ECS itself creates
   * for Service Connect: no Route 53 hosted zone), created by the `EcsCluster` it is given to as the
   * cluster's default Cloud Map namespace. Only a cluster creates namespaces: a service takes imported ones.
   *
   * @param name the namespace name: 1-1024 printable ASCII characters, no spaces, not starting with
   * `arn:` (Cloud Map CreateHttpNamespace `Name`, pattern `^(?!arn:)[!-~]{1,1024}$`)
   */
  public static create(name: string): ServiceConnectNamespace {
    return new ServiceConnectNamespace(ServiceConnectNamespaceKind.CREATE, name);
  }

  /**
   * An existing namespace in this account and Region, by name. ECS takes any namespace type for
   * Service Connect (HTTP, private DNS or public DNS).
   *
   * @param name the namespace name: 1-1024 printable ASCII characters, no spaces, not an ARN (use `fromArn` for one)
   */
  public static fromName(name: string): ServiceConnectNamespace {
    return new ServiceConnectNamespace(ServiceConnectNamespaceKind.FROM_NAME, name);
  }

  /**
   * An existing namespace, by ARN (`arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-...`);
   * a token (e.g. another stack's `namespaceArn`) is taken as it is.
   *
   * @param arn the namespace ARN
   */
  public static fromArn(arn: string): ServiceConnectNamespace {
    return new ServiceConnectNamespace(ServiceConnectNamespaceKind.FROM_ARN, arn);
  }

  /** How the namespace is obtained. */
  public readonly kind: ServiceConnectNamespaceKind;
  /** The namespace name (for `create` and `fromName`), or the ARN (for `fromArn`), as given. */
  public readonly value: string;

  private constructor(kind: ServiceConnectNamespaceKind, value: string) {
    this.kind = kind;
    this.value = value;
  }

  /**
   * Makes the namespace the default (and Service Connect default) namespace of `cluster`, created or
   * imported; returns what the cluster's services pass to ECS as their namespace: the ARN of a created
   * namespace, the name or ARN of an imported one. `scope` is the construct that reports bad input.
   * @internal
   */
  public _bindToCluster(scope: IConstruct, cluster: ecs.Cluster, property: string): string {
    this.check(scope, property);
    if (this.kind === ServiceConnectNamespaceKind.CREATE) {
      // aws-cdk-lib's own way: an HttpNamespace under the cluster, and ServiceConnectDefaults naming its ARN.
      return cluster.addDefaultCloudMapNamespace({ name: this.value, type: cloudmap.NamespaceType.HTTP, useForServiceConnect: true }).namespaceArn;
    }
    // An imported namespace: aws-cdk-lib's addExistingDefaultCloudMapNamespace needs a full INamespace
    // (name, id and ARN) and refuses names for Service Connect; ServiceConnectDefaults takes a name or an ARN.
    (cluster.node.defaultChild as ecs.CfnCluster).serviceConnectDefaults = { namespace: this.value };
    return this.value;
  }

  /**
   * What a service passes to ECS as its namespace: the name or ARN of an imported namespace; a
   * namespace to create is refused (a service does not create namespaces).
   * @internal
   */
  public _forService(scope: IConstruct, property: string): string {
    if (this.kind === ServiceConnectNamespaceKind.CREATE) {
      throw new ValidationError(scope, {
        property, value: `ServiceConnectNamespace.create(${JSON.stringify(this.value)})`,
        allowed: 'an existing namespace: ServiceConnectNamespace.fromName or ServiceConnectNamespace.fromArn',
        hint: 'a service does not create namespaces: create it on the cluster (EcsClusterProps.serviceConnectNamespace), '
          + 'whose services then join it, or import it here by name or ARN',
      });
    }
    this.check(scope, property);
    return this.value;
  }

  private check(scope: IConstruct, property: string): void {
    if (Token.isUnresolved(this.value)) return;
    if (this.kind === ServiceConnectNamespaceKind.FROM_ARN) {
      if (!NAMESPACE_ARN.test(this.value)) {
        throw new ValidationError(scope, {
          property, value: this.value, allowed: 'a Cloud Map namespace ARN: arn:<partition>:servicediscovery:<region>:<account>:namespace/ns-<id>',
          hint: this.value.startsWith('arn:') ? undefined : 'for a namespace name use ServiceConnectNamespace.fromName',
        });
      }
      return;
    }
    if (!NAMESPACE_NAME.test(this.value)) {
      throw new ValidationError(scope, {
        property, value: this.value, allowed: '1-1024 printable ASCII characters without spaces, not starting with "arn:"',
        hint: this.value.startsWith('arn:') ? 'for a namespace ARN use ServiceConnectNamespace.fromArn' : undefined,
      });
    }
  }
}

/** One endpoint a Service Connect service publishes in the namespace: a named port of its task definition. */
export interface ServiceConnectService {
  /**
   * The name of a port mapping of the task definition (`portMappings: [{ containerPort, name }]`).
   * The port mapping's `appProtocol` (HTTP, HTTP/2, gRPC; TCP when not set) is what the proxy speaks.
   */
  readonly portMappingName: string;
  /**
   * The name of the Cloud Map service ECS creates for this endpoint: 1-64 lower-case letters, digits,
   * underscores and hyphens, not starting with a hyphen; unique in the namespace, so once per service here.
   * @default - the portMappingName
   */
  readonly discoveryName?: string;
  /**
   * The name clients use to connect (the client alias): a DNS name of up to 127 lower-case letters,
   * digits, underscores, hyphens and periods, not starting with a hyphen or a period, with no two periods in a row.
   * @default - `<discoveryName>.<namespace name>`
   */
  readonly dnsName?: string;
  /**
   * The port clients connect to (the client alias port): a whole number from 1 to 65535, not a token
   * (aws-cdk-lib checks it at synth).
   * @default - the port mapping's container port
   */
  readonly port?: number;
  /**
   * How long a connection may stay idle: whole seconds from 0 (no timeout) to 2147483647.
   * @default - ECS's: 5 minutes for HTTP, HTTP/2 and gRPC, 1 hour for TCP
   */
  readonly idleTimeout?: Duration;
  /**
   * How long the proxy waits for a complete response to each request: whole seconds from 0 (no timeout)
   * to 2147483647. Only for a port mapping with an `appProtocol` (HTTP, HTTP/2 or gRPC): ECS allows
   * none for TCP, which a port mapping without `appProtocol` is.
   * @default - ECS's default for the appProtocol
   */
  readonly perRequestTimeout?: Duration;
}

/**
 * The Service Connect settings of an `EcsService`. Without `services` the service is a client only: it
 * reaches the namespace's endpoints by their names and publishes none.
 */
export interface ServiceConnectOptions {
  /**
   * The namespace to join, instead of the cluster's: an imported one (`ServiceConnectNamespace.fromName`
   * or `.fromArn`).
   * @default - the cluster's: `EcsClusterProps.serviceConnectNamespace`, or an `ecs.Cluster`'s `defaultCloudMapNamespace`
   */
  readonly cloudMapNamespace?: ServiceConnectNamespace;
  /**
   * The endpoints this service publishes (at most one per discoveryName).
   * @default - none: a client-only service
   */
  readonly services?: ServiceConnectService[];
  /**
   * Where the Service Connect proxy's logs go.
   * @default - the task definition's log group (`EcsTaskDefinition.logGroup`), stream prefix `service-connect`
   */
  readonly logDriver?: ecs.LogDriver;
}

/** Cloud Map HTTP namespace names (Cloud Map API reference, CreateHttpNamespace `Name`). */
const NAMESPACE_NAME = /^(?!arn:)[!-~]{1,1024}$/;
/** Cloud Map namespace ARNs (`arn:<partition>:servicediscovery:<region>:<account>:namespace/<namespace id>`). */
const NAMESPACE_ARN = /^arn:[a-z0-9-]+:servicediscovery:[a-z0-9-]+:\d{12}:namespace\/ns-[A-Za-z0-9]+$/;
/** Service Connect discovery names (ECS API reference, ServiceConnectService `discoveryName`). */
const DISCOVERY_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
/** Client alias DNS names (ECS API reference, ServiceConnectClientAlias `dnsName`): no empty label but a closing period. */
const DNS_NAME = /^(?=.{1,127}$)[a-z0-9_][a-z0-9_-]*(\.[a-z0-9_-]+)*\.?$/;
/** The longest Service Connect timeout (ECS API reference, TimeoutConfiguration). */
const MAX_TIMEOUT_SECONDS = 2_147_483_647;

/**
 * The aws-cdk-lib Service Connect configuration of a service, checked: `options` as given to the
 * service (`serviceConnect`), the task definition it runs, its cluster and, when the cluster is an
 * `EcsCluster`, that cluster's `serviceConnectNamespace`. Undefined without `options`.
 *
 * The namespace is `options.cloudMapNamespace`, else the cluster's namespace; an `ecs.Cluster` with only a
 * `defaultCloudMapNamespace` is left to aws-cdk-lib, which names that namespace. Every error names
 * `serviceConnect.<field>` on `scope`, the service.
 */
export function serviceConnectConfiguration(
  scope: IConstruct, options: ServiceConnectOptions | undefined, taskDefinition: EcsTaskDefinition, cluster: ecs.ICluster, clusterNamespace: string | undefined,
): ecs.ServiceConnectProps | undefined {
  if (!options) return undefined;
  const namespace = options.cloudMapNamespace?._forService(scope, 'serviceConnect.cloudMapNamespace') ?? clusterNamespace;
  if (namespace === undefined && !cluster.defaultCloudMapNamespace) {
    throw new ValidationError(scope, {
      property: 'serviceConnect.cloudMapNamespace', value: undefined,
      allowed: 'a Cloud Map namespace, here or the cluster\'s (EcsClusterProps.serviceConnectNamespace, or an ecs.Cluster\'s defaultCloudMapNamespace)',
      hint: 'create the cluster with EcsClusterProps.serviceConnectNamespace (ServiceConnectNamespace.create(\'internal\')), '
        + 'or pass serviceConnect.cloudMapNamespace (ServiceConnectNamespace.fromName or .fromArn)',
    });
  }
  const services = options.services ?? [];
  const ports = namedPortMappings(taskDefinition);
  services.forEach((svc, i) => checkService(scope, `serviceConnect.services[${i}]`, svc, ports));
  checkUnique(scope, services, ports);
  return {
    namespace,
    // None: a client-only service (no Services in the template, rather than an empty list).
    services: services.length === 0 ? undefined : services.map((svc) => ({
      portMappingName: svc.portMappingName,
      discoveryName: svc.discoveryName,
      dnsName: svc.dnsName,
      port: svc.port,
      idleTimeout: svc.idleTimeout,
      perRequestTimeout: svc.perRequestTimeout,
    })),
    logDriver: options.logDriver ?? ecs.LogDrivers.awsLogs({ logGroup: taskDefinition.logGroup, streamPrefix: 'service-connect' }),
  };
}

/** The task definition's port mappings that have a name, by name. */
function namedPortMappings(taskDefinition: EcsTaskDefinition): Map<string, ecs.PortMapping> {
  const ports = new Map<string, ecs.PortMapping>();
  for (const pm of taskDefinition.containers.flatMap((c) => c.portMappings)) {
    if (pm.name !== undefined) ports.set(pm.name, pm);
  }
  return ports;
}

function checkService(scope: IConstruct, where: string, svc: ServiceConnectService, ports: Map<string, ecs.PortMapping>): void {
  const mapping = Token.isUnresolved(svc.portMappingName) ? undefined : ports.get(svc.portMappingName);
  if (!Token.isUnresolved(svc.portMappingName) && !mapping) {
    const names = [...ports.keys()];
    throw new ValidationError(scope, {
      property: `${where}.portMappingName`, value: svc.portMappingName,
      allowed: names.length ? `a port mapping name of the task definition: ${names.join(', ')}` : 'a named port mapping: the task definition has none',
      hint: 'name the container\'s port mapping (portMappings: [{ containerPort, name }])',
    });
  }
  if (svc.discoveryName !== undefined && !Token.isUnresolved(svc.discoveryName) && !DISCOVERY_NAME.test(svc.discoveryName)) {
    throw new ValidationError(scope, {
      property: `${where}.discoveryName`, value: svc.discoveryName,
      allowed: '1-64 lower-case letters, digits, underscores and hyphens, not starting with a hyphen',
    });
  }
  if (svc.dnsName !== undefined && !Token.isUnresolved(svc.dnsName) && !DNS_NAME.test(svc.dnsName)) {
    throw new ValidationError(scope, {
      property: `${where}.dnsName`, value: svc.dnsName,
      allowed: 'a DNS name of up to 127 lower-case letters, digits, underscores, hyphens and periods, not starting with a hyphen or a period, with no two periods in a row',
    });
  }
  if (svc.port !== undefined && Token.isUnresolved(svc.port)) {
    throw new ValidationError(scope, {
      property: `${where}.port`, value: svc.port, allowed: 'a literal whole number from 1 to 65535',
      hint: 'aws-cdk-lib checks the client alias port at synth and cannot take a token',
    });
  }
  if (svc.port !== undefined && (!Number.isInteger(svc.port) || svc.port < 1 || svc.port > 65535)) {
    throw new ValidationError(scope, {
      property: `${where}.port`, value: svc.port, allowed: 'a whole number from 1 to 65535',
      hint: svc.port === 0 ? 'ECS takes 0, but aws-cdk-lib reads 0 as "not given" and uses the container port: leave port out for that' : undefined,
    });
  }
  checkWholeDuration(scope, `${where}.idleTimeout`, svc.idleTimeout, 'seconds', 0, MAX_TIMEOUT_SECONDS, { min: '0 (no timeout)' });
  checkWholeDuration(scope, `${where}.perRequestTimeout`, svc.perRequestTimeout, 'seconds', 0, MAX_TIMEOUT_SECONDS, { min: '0 (no timeout)' });
  if (svc.perRequestTimeout !== undefined && mapping && mapping.appProtocol === undefined) {
    throw new ValidationError(scope, {
      property: `${where}.perRequestTimeout`, value: svc.perRequestTimeout.toHumanString(),
      allowed: `nothing for port mapping "${svc.portMappingName}": it has no appProtocol, so Service Connect treats it as TCP, which takes only idleTimeout`,
      hint: 'set the port mapping\'s appProtocol (ecs.AppProtocol.http, http2 or grpc), or use idleTimeout',
    });
  }
}

/**
 * Discovery names are unique in the namespace (so once per service), and so is each client alias (DNS
 * name and port) the service names itself; the defaults count (portMappingName, the container port).
 */
function checkUnique(scope: IConstruct, services: ServiceConnectService[], ports: Map<string, ecs.PortMapping>): void {
  const discovery = new Map<string, number>();
  const aliases = new Map<string, number>();
  services.forEach((svc, i) => {
    const name = svc.discoveryName ?? svc.portMappingName;
    if (!Token.isUnresolved(name)) {
      const first = discovery.get(name);
      if (first !== undefined) {
        throw new ValidationError(scope, {
          property: `serviceConnect.services[${i}].discoveryName`, value: name,
          allowed: `a discovery name not used by another entry (services[${first}] has it)`,
          hint: 'a discovery name is unique in the namespace; without discoveryName an entry takes its portMappingName: give one of them a discoveryName',
        });
      }
      discovery.set(name, i);
    }
    const port = svc.port ?? ports.get(svc.portMappingName)?.containerPort;
    if (svc.dnsName === undefined || Token.isUnresolved(svc.dnsName) || port === undefined || Token.isUnresolved(port)) return;
    const alias = `${svc.dnsName}:${port}`;
    const first = aliases.get(alias);
    if (first !== undefined) {
      throw new ValidationError(scope, {
        property: `serviceConnect.services[${i}].dnsName`, value: svc.dnsName,
        allowed: `a DNS name and port not used by another entry (services[${first}] has ${alias})`,
        hint: 'a client alias is unique in the namespace: change the dnsName or the port',
      });
    }
    aliases.set(alias, i);
  });
}
