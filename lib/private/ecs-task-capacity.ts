import { aws_ecs as ecs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { EcsCluster } from '../ecs/cluster';
import type { ServiceCapacity } from '../ecs/service';

/** What a service or scheduled task runs on, once the cluster is known. */
export interface ResolvedCapacity {
  /** The `EcsCluster` that owns the cluster, if any. */
  readonly owner?: EcsCluster;
  /** The capacity provider strategy (empty: use the launch type). */
  readonly strategies: ecs.CapacityProviderStrategy[];
  /** The `EcsCluster` EC2 capacity entry, for EC2 on an `EcsCluster`. */
  readonly capacityName?: string;
}

/**
 * The `EcsCluster` whose wrapped cluster is `cluster`, if any: the L2 cluster is a direct child of
 * its `EcsCluster`, so its scope is the `EcsCluster`. Imported clusters have none.
 */
export function owningEcsCluster(cluster: ecs.ICluster): EcsCluster | undefined {
  const parent = cluster.node.scope;
  return EcsCluster.isEcsCluster(parent) && parent.cluster === cluster ? parent : undefined;
}

/**
 * Resolves a {@link ServiceCapacity} against a cluster.
 *
 * - On an `EcsCluster`, EC2 uses the capacity provider of the named (or first) EC2 capacity, so
 *   managed scaling adds instances for pending tasks; no EC2 capacity, or an unknown name, is a
 *   ValidationError. Fargate Spot or a mix needs Fargate capacity on the cluster.
 * - On a plain `ecs.Cluster` of this app, Fargate strategies enable its FARGATE/FARGATE_SPOT providers.
 * - Imported clusters are taken as they are.
 */
export function resolveCapacity(scope: Construct, capacity: ServiceCapacity, cluster: ecs.ICluster): ResolvedCapacity {
  const owner = owningEcsCluster(cluster);
  if (!owner) {
    const needsFargateProviders = capacity.strategies.some((s) => s.capacityProvider === 'FARGATE' || s.capacityProvider === 'FARGATE_SPOT');
    if (needsFargateProviders && cluster instanceof ecs.Cluster) cluster.enableFargateCapacityProviders();
    return { strategies: capacity.strategies, capacityName: capacity.capacityName };
  }
  if (capacity.isFargate) {
    if (capacity.strategies.length && !owner.capacities.some((c) => c.isFargate)) {
      throw new ValidationError(scope, {
        property: 'capacity', value: capacity.kind, allowed: 'EC2 capacity or on-demand Fargate on a cluster without Fargate capacity providers',
        hint: `add ClusterCapacity.fargate()/fargateSpot() to ${owner.node.path}`,
      });
    }
    return { owner, strategies: capacity.strategies };
  }
  const names = owner.ec2Capacities.map((e) => e.name);
  if (names.length === 0) {
    throw new ValidationError(scope, {
      property: 'capacity', value: capacity.kind, allowed: 'Fargate capacity: the cluster has no EC2 capacity',
      hint: `add ClusterCapacity.ec2({...}) to ${owner.node.path}`,
    });
  }
  const name = capacity.capacityName ?? names[0]!;
  if (!names.includes(name)) {
    throw new ValidationError(scope, { property: 'capacity.capacityName', value: name, allowed: `one of the cluster's EC2 capacities: ${names.join(', ')}` });
  }
  const strategies = capacity.strategies.length
    ? capacity.strategies
    : [{ capacityProvider: owner.ec2Capacity(name).capacityProvider.capacityProviderName, weight: 1 }];
  return { owner, strategies, capacityName: name };
}
