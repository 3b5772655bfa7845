/**
 * Integration app: ECR repositories (integ-runner format: runs as a CDK app; `build` is also used by
 * the compliance tier and the deploy test). Context `integ:variant=v2` is the update that
 * test/integ/ecr.test.ts deploys on top of v1. The retained repository keeps the default encryption
 * (ECR's AWS managed key); the disposable one has a customer key of its own, destroyed with it.
 */
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { EcrEncryption, EcrLifecycle, EcrRepository, ImageTagMutability, PlatformKey } from '../../lib';
import { runIntegApp } from './harness/integ-app';

export const STACK = 'CdkContainersIntegEcr';

export function build(app: App): Stack[] {
  const v2 = app.node.tryGetContext('integ:variant') === 'v2';
  const stack = new Stack(app, STACK);
  new EcrRepository(stack, 'Retained', {
    repositoryName: 'integ/retained',
    tagMutability: ImageTagMutability.immutableExcept(['latest']),
    lifecycle: EcrLifecycle.standard({ keepTaggedImages: v2 ? 20 : 50 }),
    pullAccounts: v2 ? ['111111111111'] : undefined,
  });
  // Not the default key: the test reads back that the disposable repository uses this one.
  const key = PlatformKey.create(stack, 'DisposableKey', 'Images of integ/disposable');
  key.applyRemovalPolicy(RemovalPolicy.DESTROY);
  new EcrRepository(stack, 'Disposable', {
    repositoryName: 'integ/disposable',
    removalPolicy: RemovalPolicy.DESTROY,
    emptyOnDelete: true,
    encryption: EcrEncryption.customerKey(key),
  });
  return [stack];
}

if (require.main === module) runIntegApp('Ecr', build);
