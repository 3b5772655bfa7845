// The examples of the README (ECR: EcrRepository and EcrRegistrySettings), type-checked by `npm run build` and
// synthesized by test/examples/ecr.test.ts. In an app, import from 'cdk-containers' instead of '../lib'.
import { Stack } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  EcrRegistrySettings, EcrRepository, PullThroughUpstream, RegistryScanning, ScanFrequency,
} from '../lib';

/** What {@link ecrExamples} builds, for tests. */
export interface EcrExamples {
  readonly repo: EcrRepository;
  readonly taskRole: iam.Role;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly nodeRole: iam.Role;
  /** `repo.imageUri` of a tag. */
  readonly tagUri: string;
  /** `repo.imageUri` of a digest. */
  readonly digestUri: string;
  /** `repo.kubernetesImage`: the image URI for a pod spec. */
  readonly podImageUri: string;
  readonly existing: ecr.IRepository;
  readonly other: ecr.IRepository;
  readonly registry: EcrRegistrySettings;
  readonly dockerHubCache: ecr.CfnPullThroughCacheRule;
}

/** Builds every example of the README (ECR sections) into `stack`. */
export function ecrExamples(stack: Stack): EcrExamples {
  // --- EcrRepository: one repository, pulled by an ECS task, its execution role, EKS nodes and two other accounts ---
  const taskRole = new iam.Role(stack, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { taskRole });
  const nodeRole = new iam.Role(stack, 'NodeRole', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });

  const repo = new EcrRepository(stack, 'Api', { repositoryName: 'shop/api' });
  repo.grantPull(taskRole);                                   // also grantPush, grantPullPush
  repo.addPullAccounts(['111111111111', '222222222222']);     // one CrossAccountPull statement, however many calls
  const tagUri = repo.imageUri('1.4.2');                      // ACCOUNT.dkr.ecr.REGION.amazonaws.com/shop/api:1.4.2
  const digestUri = repo.imageUri('sha256:be38658ca9e45e98e332446ec3a1d193b685ab55ce7efc6f028a7da9722aaaf0'); // ...shop/api@sha256:be38...
  taskDefinition.addContainer('app', { image: repo.containerImage('1.4.2') });  // ECS: execution role may pull
  const podImageUri = repo.kubernetesImage(nodeRole, '1.4.2'); // EKS: node role may pull; URI for the pod spec
  const existing = EcrRepository.fromRepositoryName(stack, 'Existing', 'shop/web');
  const other = EcrRepository.fromRepositoryArn(stack, 'Other', 'arn:aws:ecr:eu-west-1:111111111111:repository/shop/web');

  // --- EcrRegistrySettings: Inspector scanning of prod/*, replication of prod*, a Docker Hub cache ---
  const registry = new EcrRegistrySettings(stack, 'Registry', {
    scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.CONTINUOUS, repositoryFilters: ['prod/*'] }]),
    replication: [{ destinations: [{ region: 'eu-west-1' }, { region: 'us-east-1', account: '222222222222' }], repositoryPrefixes: ['prod'] }],
  });
  const dockerHubCache = registry.addPullThroughCache('DockerHub', {
    prefix: 'docker-hub',
    upstream: PullThroughUpstream.dockerHub(secretsmanager.Secret.fromSecretNameV2(stack, 'Hub', 'ecr-pullthroughcache/docker-hub')),
  });

  return { repo, taskRole, taskDefinition, nodeRole, tagUri, digestUri, podImageUri, existing, other, registry, dockerHubCache };
}
