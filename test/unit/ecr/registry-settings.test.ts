import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { EcrRegistrySettings, PullThroughUpstream, RegistryScanning, ScanFrequency, ValidationError } from '../../../lib';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';

function newStack(env?: { account: string; region: string }): Stack {
  return new Stack(new App(), 'Stack', { env });
}

describe('EcrRegistrySettings', () => {
  test('with no props it manages nothing', () => {
    const stack = newStack();
    new EcrRegistrySettings(stack, 'Registry');
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('basic scanning scans every repository on push', () => {
    const stack = newStack();
    new EcrRegistrySettings(stack, 'Registry', { scanning: RegistryScanning.basic() });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      ScanType: 'BASIC',
      Rules: [{ ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] }],
    });
  });

  test('enhanced scanning defaults to continuous scanning of every repository, rules configurable', () => {
    const stack = newStack();
    new EcrRegistrySettings(stack, 'Registry', { scanning: RegistryScanning.enhanced() });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      ScanType: 'ENHANCED',
      Rules: [{ ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] }],
    });

    const other = newStack();
    new EcrRegistrySettings(other, 'Registry', {
      scanning: RegistryScanning.enhanced([
        { frequency: ScanFrequency.CONTINUOUS, repositoryFilters: ['prod/*'] },
        { frequency: ScanFrequency.ON_PUSH },
      ]),
    });
    Template.fromStack(other).hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', {
      Rules: [
        { ScanFrequency: 'CONTINUOUS_SCAN', RepositoryFilters: [{ Filter: 'prod/*', FilterType: 'WILDCARD' }] },
        { ScanFrequency: 'SCAN_ON_PUSH', RepositoryFilters: [{ Filter: '*', FilterType: 'WILDCARD' }] },
      ],
    });
  });

  test('replication to another region and another account, filtered by prefix', () => {
    const stack = newStack({ account: '111111111111', region: 'us-east-1' });
    new EcrRegistrySettings(stack, 'Registry', {
      replication: [{ destinations: [{ region: 'eu-west-1' }, { region: 'us-east-1', account: '222222222222' }], repositoryPrefixes: ['prod'] }],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::ReplicationConfiguration', {
      ReplicationConfiguration: {
        Rules: [{
          Destinations: [{ Region: 'eu-west-1', RegistryId: '111111111111' }, { Region: 'us-east-1', RegistryId: '222222222222' }],
          RepositoryFilters: [{ Filter: 'prod', FilterType: 'PREFIX_MATCH' }],
        }],
      },
    });
  });

  test('pull-through caches: upstream, credential and a creation template that encrypts cached repositories', () => {
    const stack = newStack();
    const registry = new EcrRegistrySettings(stack, 'Registry');
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Hub', 'ecr-pullthroughcache/docker-hub');
    registry.addPullThroughCache('EcrPublic', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });
    registry.addPullThroughCache('DockerHub', { prefix: 'docker-hub', upstream: PullThroughUpstream.dockerHub(secret) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECR::PullThroughCacheRule', {
      EcrRepositoryPrefix: 'ecr-public-cache', UpstreamRegistry: 'ecr-public', UpstreamRegistryUrl: 'public.ecr.aws', CredentialArn: Match.absent(),
    });
    template.hasResourceProperties('AWS::ECR::PullThroughCacheRule', {
      EcrRepositoryPrefix: 'docker-hub', UpstreamRegistry: 'docker-hub', UpstreamRegistryUrl: 'registry-1.docker.io',
      CredentialArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
    template.resourceCountIs('AWS::ECR::RepositoryCreationTemplate', 2);
    template.hasResourceProperties('AWS::ECR::RepositoryCreationTemplate', {
      Prefix: 'docker-hub',
      AppliedFor: ['PULL_THROUGH_CACHE'],
      EncryptionConfiguration: { EncryptionType: 'KMS' },
      LifecyclePolicy: Match.stringLikeRegexp('"tagStatus":"untagged"'),
    });
  });

  const bad: Array<[string, (stack: Stack) => void, RegExp]> = [
    ['second instance in a stack', (s) => { new EcrRegistrySettings(s, 'A'); new EcrRegistrySettings(s, 'B'); },
      /\[Stack\/B\] EcrRegistrySettings: got "a second instance \(the first is Stack\/A\)"; allowed: one EcrRegistrySettings per stack/],
    ['three scanning rules', (s) => new EcrRegistrySettings(s, 'R', { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.ON_PUSH }, { frequency: ScanFrequency.CONTINUOUS }, { frequency: ScanFrequency.ON_PUSH }]) }),
      /scanning.rules: got "3 rules"; allowed: at most 2 rules/],
    ['scan filter with a trailing separator', (s) => new EcrRegistrySettings(s, 'R', { scanning: RegistryScanning.basic(['prod-']) }),
      /scanning.rules.repositoryFilters: got "prod-"; allowed: wildcard filters of 1 to 255 characters/],
    ['duplicate frequency', (s) => new EcrRegistrySettings(s, 'R', { scanning: RegistryScanning.enhanced([{ frequency: ScanFrequency.ON_PUSH }, { frequency: ScanFrequency.ON_PUSH }]) }),
      /scanning.rules.frequency: got "SCAN_ON_PUSH"; allowed: each frequency in one rule only/],
    ['upper-case scan filter', (s) => new EcrRegistrySettings(s, 'R', { scanning: RegistryScanning.basic(['Prod/*']) }),
      /scanning.rules.repositoryFilters: got "Prod\/\*"; allowed: wildcard filters/],
    ['bad region', (s) => new EcrRegistrySettings(s, 'R', { replication: [{ destinations: [{ region: 'europe' }] }] }),
      /replication destination region: got "europe"; allowed: an AWS region name such as "eu-west-1"/],
    ['bad account', (s) => new EcrRegistrySettings(s, 'R', { replication: [{ destinations: [{ region: 'eu-west-1', account: '12' }] }] }),
      /replication destination account: got "12"; allowed: a 12-digit AWS account id/],
    ['no destinations', (s) => new EcrRegistrySettings(s, 'R', { replication: [{ destinations: [] }] }), /replication destinations: got \[\]; allowed: at least 1 destination per rule/],
    ['26 unique destinations', (s) => new EcrRegistrySettings(s, 'R', {
      replication: [{ destinations: Array.from({ length: 26 }, (_, i) => ({ region: 'eu-west-1', account: String(100000000000 + i) })) }],
    }), /replication destinations: got "26 unique destinations"; allowed: at most 25 unique destinations/],
    ['eleven rules', (s) => new EcrRegistrySettings(s, 'R', { replication: Array.from({ length: 11 }, () => ({ destinations: [{ region: 'eu-west-1' }] })) }),
      /replication: got "11 rules"; allowed: at most 10 replication rules/],
    ['empty prefix list', (s) => new EcrRegistrySettings(s, 'R', { replication: [{ destinations: [{ region: 'eu-west-1' }], repositoryPrefixes: [] }] }),
      /replication repositoryPrefixes: got \[\]; allowed: 1 to 100 prefixes\. Hint: leave repositoryPrefixes out/],
    ['one-character replication prefix', (s) => new EcrRegistrySettings(s, 'R', { replication: [{ destinations: [{ region: 'eu-west-1' }], repositoryPrefixes: ['p'] }] }),
      /replication repositoryPrefixes: got "p"; allowed: prefixes of 2 to 256 characters/],
    ['upper-case cache prefix', (s) => new EcrRegistrySettings(s, 'R').addPullThroughCache('C', { prefix: 'Ecr', upstream: PullThroughUpstream.ecrPublic() }),
      /pullThroughCache.prefix: got "Ecr"; allowed: 2 to 30 characters/],
    ['duplicate cache id', (s) => {
      const r = new EcrRegistrySettings(s, 'R');
      r.addPullThroughCache('C', { prefix: 'one', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('C', { prefix: 'two', upstream: PullThroughUpstream.kubernetes() });
    }, /\[Stack\/R\] addPullThroughCache id: got "C"; allowed: a non-empty construct id not used by another child of Stack\/R \(used: C\)/],
    ['the same cache prefix with a trailing slash', (s) => {
      const r = new EcrRegistrySettings(s, 'R');
      r.addPullThroughCache('A', { prefix: 'team', upstream: PullThroughUpstream.ecrPublic() });
      r.addPullThroughCache('B', { prefix: 'team/', upstream: PullThroughUpstream.kubernetes() });
    }, /pullThroughCache.prefix: got "team\/"; allowed: a prefix not used by another cache rule \(used: team\)/],
    ['long cache prefix', (s) => new EcrRegistrySettings(s, 'R').addPullThroughCache('C', { prefix: 'x'.repeat(31), upstream: PullThroughUpstream.kubernetes() }),
      /pullThroughCache.prefix: got "x{31}"/],
    ['duplicate cache prefix', (s) => {
      const r = new EcrRegistrySettings(s, 'R');
      r.addPullThroughCache('A', { prefix: 'k8s-cache', upstream: PullThroughUpstream.kubernetes() });
      r.addPullThroughCache('B', { prefix: 'k8s-cache', upstream: PullThroughUpstream.quay() });
    }, /pullThroughCache.prefix: got "k8s-cache"; allowed: a prefix not used by another cache rule \(used: k8s-cache\)/],
    ['credential secret without the ECR prefix', (s) => new EcrRegistrySettings(s, 'R').addPullThroughCache('C', {
      prefix: 'ghcr', upstream: PullThroughUpstream.githubContainerRegistry(secretsmanager.Secret.fromSecretNameV2(s, 'S', 'github-token')),
    }), /pullThroughCache credential: got "github-token"; allowed: a secret whose name starts with "ecr-pullthroughcache\/".*Hint: rename the secret to "ecr-pullthroughcache\/github-token"/],
  ];

  test.each(bad)('%s is a ValidationError naming path, value and allowed values', (_name, build, message) => {
    expect(() => build(newStack())).toThrow(ValidationError);
    expect(() => build(newStack())).toThrow(message);
  });

  test('replicating to its own region and account is rejected when the environment is known', () => {
    const stack = newStack({ account: '111111111111', region: 'eu-west-1' });
    expect(() => new EcrRegistrySettings(stack, 'R', { replication: [{ destinations: [{ region: 'eu-west-1' }] }] }))
      .toThrow(/\[Stack\/R\] replication destination: got "111111111111\/eu-west-1"; allowed: a region or account other than the source registry's own/);
  });

  test('values ECR accepts are accepted: documented cache prefixes, prefix filters, region shapes, shared destinations', () => {
    const stack = newStack();
    const registry = new EcrRegistrySettings(stack, 'R', {
      scanning: RegistryScanning.enhanced([]),
      replication: [
        { destinations: [{ region: 'eusc-de-east-1' }, { region: 'us-gov-west-1' }], repositoryPrefixes: ['team/', 'prod-'] },
        { destinations: [{ region: 'eusc-de-east-1' }], repositoryPrefixes: ['a__b'] },
      ],
    });
    registry.addPullThroughCache('Public', { prefix: 'ecr-public', upstream: PullThroughUpstream.ecrPublic() });
    registry.addPullThroughCache('K8s', { prefix: 'team/k8s/', upstream: PullThroughUpstream.kubernetes() });
    registry.addPullThroughCache('Quay', { prefix: 'ROOT', upstream: PullThroughUpstream.quay() });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECR::RegistryScanningConfiguration', { ScanType: 'ENHANCED', Rules: [] });
    template.hasResourceProperties('AWS::ECR::PullThroughCacheRule', { EcrRepositoryPrefix: 'ecr-public' });
    template.hasResourceProperties('AWS::ECR::ReplicationConfiguration', {
      ReplicationConfiguration: { Rules: Match.arrayWith([Match.objectLike({ RepositoryFilters: [{ Filter: 'team/', FilterType: 'PREFIX_MATCH' }, { Filter: 'prod-', FilterType: 'PREFIX_MATCH' }] })]) },
    });
  });

  test('an empty replication list manages a configuration with no rules', () => {
    const stack = newStack();
    new EcrRegistrySettings(stack, 'R', { replication: [] });
    Template.fromStack(stack).hasResourceProperties('AWS::ECR::ReplicationConfiguration', { ReplicationConfiguration: { Rules: [] } });
  });

  test('token prefixes and regions are not checked at synth', () => {
    const stack = newStack();
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    const region = new CfnParameter(stack, 'Region').valueAsString;
    const registry = new EcrRegistrySettings(stack, 'R', { replication: [{ destinations: [{ region }] }] });
    expect(() => registry.addPullThroughCache('C', { prefix, upstream: PullThroughUpstream.ecrPublic() })).not.toThrow();
  });
});

describe(SAME_IDENTITIES, () => {
  test('EcrRegistrySettings: scanning rules, replication destinations, cache upstream', () => {
    expectSameIdentities(
      (s) => {
        const registry = new EcrRegistrySettings(s, 'Registry', {
          scanning: RegistryScanning.basic(), replication: [{ destinations: [{ region: 'eu-west-1' }] }],
        });
        registry.addPullThroughCache('Public', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });
      },
      (s) => {
        const registry = new EcrRegistrySettings(s, 'Registry', {
          scanning: RegistryScanning.enhanced(), replication: [{ destinations: [{ region: 'eu-west-1' }, { region: 'eu-central-1' }], repositoryPrefixes: ['prod'] }],
        });
        registry.addPullThroughCache('Public', { prefix: 'ecr-public-cache', upstream: PullThroughUpstream.ecrPublic() });
      },
      ['AWS::ECR::RegistryScanningConfiguration', 'AWS::ECR::ReplicationConfiguration', 'AWS::ECR::PullThroughCacheRule'],
    );
  });
});

describe('RegistryScanning lists', () => {
  test('rules and filters are copies of what was given', () => {
    // GIVEN
    const filters = ['prod/*'];
    const rules = [{ frequency: ScanFrequency.CONTINUOUS, repositoryFilters: ['shop/*'] }];
    const basic = RegistryScanning.basic(filters);
    const enhanced = RegistryScanning.enhanced(rules);
    // WHEN
    filters.push('*');
    rules.push({ frequency: ScanFrequency.ON_PUSH, repositoryFilters: ['*'] });
    // THEN
    expect(basic.rules).toEqual([{ frequency: ScanFrequency.ON_PUSH, repositoryFilters: ['prod/*'] }]);
    expect(enhanced.rules).toHaveLength(1);
  });
});
