import { Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EcrRegistrySettings, EcrRepository, PullThroughUpstream, RegistryScanning } from '../lib';

/**
 * The reference platform: every construct of the library in one stack, with the defaults a
 * platform team would ship. `npx cdk synth` synthesizes it offline (no credentials, no lookups).
 */
export class PlatformStack extends Stack {
  /** The application images. */
  public readonly images: EcrRepository;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.images = new EcrRepository(this, 'Images', { repositoryName: 'platform/app' });

    const registry = new EcrRegistrySettings(this, 'Registry', {
      scanning: RegistryScanning.basic(),
    });
    registry.addPullThroughCache('EcrPublic', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });
  }
}
