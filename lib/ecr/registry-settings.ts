import { Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkStackLimits } from '../private/stack-limits';
import { isToken } from '../private/validate';
import { ACCOUNT_ID, CACHE_PREFIX, REPLICATION_PREFIX, SCANNING_FILTER } from './private/patterns';

/**
 * A region name: ECR's pattern is `[0-9a-z-]{2,25}`; this also asks for the `<area>-<place>-<n>`
 * shape every region has (`eu-west-1`, `us-gov-west-1`, `eusc-de-east-1`), which catches `eu-west`.
 */
const REGION = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;
/** ECR's quota of unique replication destinations (region and account) across all rules. */
const MAX_REPLICATION_DESTINATIONS = 25;

/** How often images matching a scanning rule are scanned. */
export enum ScanFrequency {
  /** When an image is pushed. */
  ON_PUSH = 'SCAN_ON_PUSH',
  /** On push and again whenever new vulnerabilities are published (enhanced scanning only). */
  CONTINUOUS = 'CONTINUOUS_SCAN',
}

/** One registry scanning rule: a frequency for the repositories matching the filters. */
export interface RegistryScanningRule {
  /** How often matching repositories are scanned. */
  readonly frequency: ScanFrequency;
  /**
   * Wildcard filters of repository names (`*` matches any characters): at most 100, each 1 to 255
   * lower-case letters, digits and `*`, with single `.`, `_`, `-` or `/` between them (`prod/*`).
   * @default ['*'] - every repository
   */
  readonly repositoryFilters?: string[];
}

/**
 * The registry's image scanning type and rules.
 */
export class RegistryScanning {
  /**
   * Basic scanning (Clair-based CVE scan, free), on push for the matching repositories.
   * @param repositoryFilters wildcard filters of repositories to scan on push
   * @default ['*']
   */
  public static basic(repositoryFilters: string[] = ['*']): RegistryScanning {
    return new RegistryScanning('BASIC', [{ frequency: ScanFrequency.ON_PUSH, repositoryFilters: [...repositoryFilters] }]);
  }

  /**
   * Enhanced scanning with Amazon Inspector: OS and language packages, continuous re-scans.
   * Billed per image scanned by Inspector.
   * @default - one rule: continuous scanning of every repository
   */
  public static enhanced(rules: RegistryScanningRule[] = [{ frequency: ScanFrequency.CONTINUOUS }]): RegistryScanning {
    return new RegistryScanning('ENHANCED', [...rules]);
  }

  private constructor(
    /** `BASIC` or `ENHANCED`. */
    public readonly scanType: string,
    /** The scanning rules. */
    public readonly rules: RegistryScanningRule[],
  ) {}
}

/** One replication destination: a region, and optionally another account's registry. */
export interface ReplicationDestination {
  /** The destination region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * The destination account (12 digits). It must allow replication in its registry policy.
   * @default - this stack's account
   */
  readonly account?: string;
}

/** Where images are replicated to. */
export interface ReplicationRule {
  /** At least 1 destination; at most 25 unique destinations (region and account) across all rules. */
  readonly destinations: ReplicationDestination[];
  /**
   * Repository name prefixes to replicate: 1 to 100, each 2 to 256 characters of the start of a
   * repository name, which may end in a separator or `/` (`prod-`, `team/`).
   * @default - every repository
   */
  readonly repositoryPrefixes?: string[];
}

/** An upstream registry for a pull-through cache rule. */
export class PullThroughUpstream {
  /** Amazon ECR Public (`public.ecr.aws`); no credential needed. */
  public static ecrPublic(): PullThroughUpstream {
    return new PullThroughUpstream('ecr-public', 'public.ecr.aws', undefined, false);
  }

  /** The Kubernetes registry (`registry.k8s.io`); no credential needed. */
  public static kubernetes(): PullThroughUpstream {
    return new PullThroughUpstream('k8s', 'registry.k8s.io', undefined, false);
  }

  /** Quay (`quay.io`); a credential is optional. */
  public static quay(credential?: secretsmanager.ISecret): PullThroughUpstream {
    return new PullThroughUpstream('quay', 'quay.io', credential, false);
  }

  /** Docker Hub (`registry-1.docker.io`); needs a credential secret named `ecr-pullthroughcache/...`. */
  public static dockerHub(credential: secretsmanager.ISecret): PullThroughUpstream {
    return new PullThroughUpstream('docker-hub', 'registry-1.docker.io', credential, true);
  }

  /** GitHub Container Registry (`ghcr.io`); needs a credential secret named `ecr-pullthroughcache/...`. */
  public static githubContainerRegistry(credential: secretsmanager.ISecret): PullThroughUpstream {
    return new PullThroughUpstream('github-container-registry', 'ghcr.io', credential, true);
  }

  /** GitLab Container Registry (`registry.gitlab.com`); needs a credential secret named `ecr-pullthroughcache/...`. */
  public static gitlabContainerRegistry(credential: secretsmanager.ISecret): PullThroughUpstream {
    return new PullThroughUpstream('gitlab-container-registry', 'registry.gitlab.com', credential, true);
  }

  private constructor(
    /** The upstream registry's name in ECR's API. */
    public readonly registry: string,
    /** The upstream registry URL. */
    public readonly url: string,
    /** The Secrets Manager secret holding the upstream credential. */
    public readonly credential: secretsmanager.ISecret | undefined,
    /** Whether the upstream requires a credential. */
    public readonly credentialRequired: boolean,
  ) {}
}

/** Options of one pull-through cache rule. */
export interface PullThroughCacheOptions {
  /**
   * The ECR repository prefix for cached images: `ACCOUNT.dkr.ecr.REGION.amazonaws.com/PREFIX/library/nginx`.
   * 2 to 30 characters of ECR's name grammar, optionally ending in `/` (ECR adds one anyway), or
   * `ROOT`; each cache needs its own prefix.
   */
  readonly prefix: string;
  /** The upstream registry. */
  readonly upstream: PullThroughUpstream;
}

/** Properties of {@link EcrRegistrySettings}. */
export interface EcrRegistrySettingsProps {
  /**
   * The registry's scanning configuration.
   * @default - the registry's scanning configuration is not managed by this stack
   */
  readonly scanning?: RegistryScanning;

  /**
   * Replication rules (at most 10; an empty list manages a configuration that replicates nothing).
   * @default - no replication
   */
  readonly replication?: ReplicationRule[];
}

/**
 * Account- and region-wide ECR settings: scanning rules, replication and pull-through caches
 * (`addPullThroughCache`).
 *
 * These are singletons per registry (account and region): create at most one per stack, and
 * deploy only one stack with it per account and region.
 *
 * Repositories that a pull-through cache creates get this library's settings through a
 * repository creation template: KMS encryption and a lifecycle policy (their tags stay mutable
 * so that the cache can refresh them from upstream).
 */
export class EcrRegistrySettings extends Construct {
  /** The scanning configuration, when managed. */
  public readonly scanningConfiguration?: ecr.CfnRegistryScanningConfiguration;
  /** The replication configuration, when managed. */
  public readonly replicationConfiguration?: ecr.CfnReplicationConfiguration;
  private readonly cachePrefixes = new Set<string>();

  constructor(scope: Construct, id: string, props: EcrRegistrySettingsProps = {}) {
    super(scope, id);
    checkStackLimits(this);

    const stack = Stack.of(this);
    const other = stack.node.findAll().find((c) => c !== this && c instanceof EcrRegistrySettings);
    if (other) {
      throw new ValidationError(this, {
        property: 'EcrRegistrySettings',
        value: `a second instance (the first is ${other.node.path})`,
        allowed: 'one EcrRegistrySettings per stack: scanning and replication are registry-wide singletons',
        hint: 'put all settings into the first instance.',
      });
    }

    if (props.scanning) {
      this.scanningConfiguration = this.renderScanning(props.scanning);
    }
    if (props.replication) {
      this.replicationConfiguration = this.renderReplication(props.replication);
    }
  }

  /**
   * Adds a pull-through cache rule, and a repository creation template that encrypts the
   * repositories it creates with KMS and expires their old images.
   * @param id the construct id of the cache (holds `Rule` and `Template`)
   * @returns the cache rule
   */
  public addPullThroughCache(id: string, options: PullThroughCacheOptions): ecr.CfnPullThroughCacheRule {
    const { prefix, upstream } = options;
    this.checkCacheId(id);
    if (!isToken(prefix)) {
      if (prefix.length < 2 || prefix.length > 30 || !CACHE_PREFIX.test(prefix)) {
        throw new ValidationError(this, {
          property: 'pullThroughCache.prefix',
          value: prefix,
          allowed: '2 to 30 characters: lower-case letters and digits separated by ".", "_", "__", "-" (one or more) or "/", '
            + 'optionally ending in "/", or "ROOT"',
        });
      }
      // ECR treats "team" and "team/" as the same prefix.
      const normalized = prefix.replace(/\/$/, '');
      if (this.cachePrefixes.has(normalized)) {
        throw new ValidationError(this, {
          property: 'pullThroughCache.prefix',
          value: prefix,
          allowed: `a prefix not used by another cache rule (used: ${[...this.cachePrefixes].join(', ')})`,
        });
      }
      this.cachePrefixes.add(normalized);
    }
    if (upstream.credentialRequired && !upstream.credential) {
      throw new ValidationError(this, {
        property: 'pullThroughCache.upstream',
        value: upstream.url,
        allowed: 'a Secrets Manager secret with the upstream user name and access token',
      });
    }
    const secretName = upstream.credential?.secretName;
    if (secretName && !Token.isUnresolved(secretName) && !secretName.startsWith('ecr-pullthroughcache/')) {
      throw new ValidationError(this, {
        property: 'pullThroughCache credential',
        value: secretName,
        allowed: 'a secret whose name starts with "ecr-pullthroughcache/" (ECR reads only those)',
        hint: `rename the secret to "ecr-pullthroughcache/${secretName}".`,
      });
    }

    const cache = new Construct(this, id);
    const rule = new ecr.CfnPullThroughCacheRule(cache, 'Rule', {
      ecrRepositoryPrefix: prefix,
      upstreamRegistry: upstream.registry,
      upstreamRegistryUrl: upstream.url,
      credentialArn: upstream.credential?.secretArn,
    });
    new ecr.CfnRepositoryCreationTemplate(cache, 'Template', {
      prefix,
      appliedFor: ['PULL_THROUGH_CACHE'],
      description: `Settings for repositories cached from ${upstream.url}`,
      encryptionConfiguration: { encryptionType: 'KMS' },
      // Cached tags follow upstream (e.g. nginx:1.27 gets patch rebuilds), so they must stay mutable.
      imageTagMutability: 'MUTABLE',
      lifecyclePolicy: JSON.stringify({
        rules: [
          { rulePriority: 1, description: 'Expire untagged cached images', selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 }, action: { type: 'expire' } },
          { rulePriority: 2, description: 'Expire cached images not refreshed for 90 days', selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 90 }, action: { type: 'expire' } },
        ],
      }),
    });
    return rule;
  }

  /** The cache's construct id must be new: constructs' own error would not name the property. */
  private checkCacheId(id: string): void {
    if (id === '' || this.node.tryFindChild(id) !== undefined) {
      throw new ValidationError(this, {
        property: 'addPullThroughCache id',
        value: id,
        allowed: `a non-empty construct id not used by another child of ${this.node.path} (used: ${this.node.children.map((c) => c.node.id).join(', ') || 'none'})`,
      });
    }
  }

  private renderScanning(scanning: RegistryScanning): ecr.CfnRegistryScanningConfiguration {
    if (scanning.rules.length > 2) {
      throw new ValidationError(this, {
        property: 'scanning.rules',
        value: `${scanning.rules.length} rules`,
        allowed: 'at most 2 rules (one per frequency)',
      });
    }
    const frequencies = new Set<ScanFrequency>();
    for (const rule of scanning.rules) {
      if (frequencies.has(rule.frequency)) {
        throw new ValidationError(this, {
          property: 'scanning.rules.frequency',
          value: rule.frequency,
          allowed: 'each frequency in one rule only; put all its filters into that rule',
        });
      }
      frequencies.add(rule.frequency);
      this.checkFilters('scanning.rules.repositoryFilters', rule.repositoryFilters ?? ['*'], { min: 1, max: 255, pattern: SCANNING_FILTER },
        'wildcard filters of 1 to 255 characters: lower-case letters, digits and "*", with single ".", "_", "-" or "/" between them, e.g. "prod/*"');
    }
    return new ecr.CfnRegistryScanningConfiguration(this, 'Scanning', {
      scanType: scanning.scanType,
      rules: scanning.rules.map((rule) => ({
        scanFrequency: rule.frequency,
        repositoryFilters: (rule.repositoryFilters ?? ['*']).map((filter) => ({ filter, filterType: 'WILDCARD' })),
      })),
    });
  }

  private renderReplication(rules: ReplicationRule[]): ecr.CfnReplicationConfiguration {
    if (rules.length > 10) {
      throw new ValidationError(this, { property: 'replication', value: `${rules.length} rules`, allowed: 'at most 10 replication rules' });
    }
    const stack = Stack.of(this);
    // The quota counts unique destinations: two rules replicating to eu-west-1 use one.
    const unique = new Set(rules.flatMap((r) => r.destinations.map((d) => `${d.account ?? stack.account}/${d.region}`)));
    if (unique.size > MAX_REPLICATION_DESTINATIONS) {
      throw new ValidationError(this, {
        property: 'replication destinations',
        value: `${unique.size} unique destinations`,
        allowed: `at most ${MAX_REPLICATION_DESTINATIONS} unique destinations (region and account) across all rules`,
      });
    }
    for (const rule of rules) {
      if (rule.destinations.length === 0) {
        throw new ValidationError(this, { property: 'replication destinations', value: [], allowed: 'at least 1 destination per rule' });
      }
      for (const dest of rule.destinations) {
        if (!isToken(dest.region) && !REGION.test(dest.region)) {
          throw new ValidationError(this, { property: 'replication destination region', value: dest.region, allowed: 'an AWS region name such as "eu-west-1" (up to 25 characters)' });
        }
        if (dest.account !== undefined && !isToken(dest.account) && !ACCOUNT_ID.test(dest.account)) {
          throw new ValidationError(this, { property: 'replication destination account', value: dest.account, allowed: 'a 12-digit AWS account id' });
        }
        const account = dest.account ?? stack.account;
        if (!Token.isUnresolved(stack.region) && !Token.isUnresolved(account) && !Token.isUnresolved(stack.account)
          && dest.region === stack.region && account === stack.account) {
          throw new ValidationError(this, {
            property: 'replication destination',
            value: `${account}/${dest.region}`,
            allowed: 'a region or account other than the source registry\'s own',
          });
        }
      }
      this.checkPrefixes(rule.repositoryPrefixes);
    }
    return new ecr.CfnReplicationConfiguration(this, 'Replication', {
      replicationConfiguration: {
        rules: rules.map((rule) => ({
          destinations: rule.destinations.map((d) => ({ region: d.region, registryId: d.account ?? stack.account })),
          repositoryFilters: rule.repositoryPrefixes?.map((filter) => ({ filter, filterType: 'PREFIX_MATCH' })),
        })),
      },
    });
  }

  private checkPrefixes(prefixes: string[] | undefined): void {
    if (prefixes === undefined) return;
    if (prefixes.length === 0) {
      throw new ValidationError(this, {
        property: 'replication repositoryPrefixes',
        value: [],
        allowed: '1 to 100 prefixes',
        hint: 'leave repositoryPrefixes out to replicate every repository.',
      });
    }
    this.checkFilters('replication repositoryPrefixes', prefixes, { min: 2, max: 256, pattern: REPLICATION_PREFIX },
      'prefixes of 2 to 256 characters: the start of a repository name (lower-case letters, digits, ".", "_", "-" and "/"), e.g. "prod", "prod-" or "team/"');
  }

  private checkFilters(property: string, filters: string[], rule: { min: number; max: number; pattern: RegExp }, allowed: string): void {
    if (filters.length > 100) {
      throw new ValidationError(this, { property, value: `${filters.length} filters`, allowed: 'at most 100 filters' });
    }
    for (const filter of filters) {
      if (isToken(filter)) continue;
      // The length is checked first: it bounds the pattern's work.
      if (filter.length < rule.min || filter.length > rule.max || !rule.pattern.test(filter)) {
        throw new ValidationError(this, { property, value: filter, allowed });
      }
    }
  }
}
