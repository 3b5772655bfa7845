// The README's quick start, compiled by `npm run build` and synthesized by test/examples/quick-start.test.ts.
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { EcrRegistrySettings, EcrRepository, ImageTagMutability, PullThroughUpstream, RegistryScanning } from '../lib';

export function quickStart(): Stack {
  const app = new App();
  return imagesStack(app);
}

/** The quick start's stack, built into the given app (the compliance tier passes its own). */
export function imagesStack(app: App): Stack {
  const stack = new Stack(app, 'Images');

  // Immutable tags (except "latest"), scan on push, KMS at rest, lifecycle rules, RETAIN.
  const api = new EcrRepository(stack, 'Api', {
    repositoryName: 'shop/api',
    tagMutability: ImageTagMutability.immutableExcept(['latest']),
    pullAccounts: ['111111111111'],
  });

  // CI pushes, tasks pull.
  const ci = new iam.Role(stack, 'Ci', { assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com') });
  api.grantPush(ci);

  // Registry-wide: continuous Inspector scanning and a cache of ECR Public images.
  const registry = new EcrRegistrySettings(stack, 'Registry', { scanning: RegistryScanning.enhanced() });
  registry.addPullThroughCache('EcrPublic', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });

  return stack;
}
