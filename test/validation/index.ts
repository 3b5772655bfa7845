import { rows as ecr } from './rows/ecr';
import { rows as ecsTask } from './rows/ecs-task';
import { rows as ecsCluster } from './rows/ecs-cluster';
import { rows as ecsServices } from './rows/ecs-services';
import { rows as ecsTraffic } from './rows/ecs-traffic';
import { rows as eks } from './rows/eks';
import { rows as eksArgoCd } from './rows/eks-argo-cd';
import { rows as eksNodePools } from './rows/eks-node-pools';
import { rows as eksWorkloads } from './rows/eks-workloads';
import { rows as eksWorkloadChecks } from './rows/eks-workload-checks';
import { rows as platform } from './rows/platform';
import { ValidationRow } from './table';

/** Every row of the validation table, by area (ECR, ECS, EKS, then network, KMS, pipeline, cost and checks). */
export const AREAS: ReadonlyArray<{ readonly title: string; readonly rows: readonly ValidationRow[] }> = [
  { title: 'ECR', rows: ecr },
  { title: 'ECS clusters and capacity', rows: ecsCluster },
  { title: 'ECS task definitions', rows: ecsTask },
  { title: 'ECS services and scheduled tasks', rows: ecsServices },
  { title: 'ECS deployments, load balancers and Service Connect', rows: ecsTraffic },
  { title: 'EKS', rows: eks },
  { title: 'EKS Auto Mode node pools', rows: eksNodePools },
  { title: 'EKS workloads and namespaces', rows: [...eksWorkloads, ...eksWorkloadChecks] },
  { title: 'EKS Argo CD capability', rows: eksArgoCd },
  { title: 'Network, KMS, pipeline, cost and checks', rows: platform },
];

/** All rows. */
export const ALL_ROWS: readonly ValidationRow[] = AREAS.flatMap((a) => a.rows);
