import { createHash } from 'crypto';
import { Annotations, CfnResource, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { checkStackLimits } from '../private/stack-limits';
import { RULES, acknowledge, acknowledgeEcrAuthToken } from '../private/acknowledge';
import { isToken } from '../private/validate';
import { EcrLifecycle } from './lifecycle';
import { ACCOUNT_ID, ECR_NAME } from './private/patterns';

/** ECR's limit on a lifecycle policy's text (CFN AWS::ECR::Repository LifecyclePolicyText maxLength). */
const MAX_LIFECYCLE_POLICY_CHARS = 30720;

const REPOSITORY_NAME_ALLOWED =
  '2 to 256 characters of lower-case letters and digits, separated by ".", "_", "__" or one or more "-" (between letters or digits), ' +
  'optionally in "/"-separated namespaces, e.g. "team/app-api"';

/**
 * aws-cdk-lib's own repository name check: single separators only. ECR also takes `__` and `--`,
 * so a name valid for ECR but not for this pattern is handed to aws-cdk-lib as a token.
 */
const CDK_REPOSITORY_NAME = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** An image tag as the Docker registry API accepts it. */
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** An image digest (sha256 is the only algorithm ECR uses). */
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;
/** ECR's pattern for a tag-mutability exclusion filter. */
const EXCLUSION_FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;

/** Actions a cross-account puller needs on the repository (token is granted by its own account). */
const PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];

/**
 * Whether image tags can be overwritten.
 *
 * Immutable tags make a tag a promise: `app:1.4.2` is the same bytes in every environment,
 * which is what a pipeline that promotes images needs.
 */
export class ImageTagMutability {
  /** Every tag is immutable: pushing an existing tag fails. */
  public static immutable(): ImageTagMutability {
    return new ImageTagMutability(ecr.TagMutability.IMMUTABLE, []);
  }

  /**
   * Tags are immutable except those matching one of the wildcard filters (e.g. `latest`, `dev-*`),
   * which can be moved. At most 5 filters, each up to 128 characters of letters, digits, `._-` and `*`.
   */
  public static immutableExcept(filters: string[]): ImageTagMutability {
    return new ImageTagMutability(ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION, [...filters]);
  }

  /** Tags can be overwritten. Not recommended: a tag no longer identifies an image. */
  public static mutable(): ImageTagMutability {
    return new ImageTagMutability(ecr.TagMutability.MUTABLE, []);
  }

  private constructor(
    /** The CloudFormation tag mutability setting. */
    public readonly mutability: ecr.TagMutability,
    /** Wildcard filters of tags that stay mutable. */
    public readonly exclusions: string[],
  ) {}
}

/**
 * How images are encrypted at rest. Images are always encrypted; this picks the key.
 */
export class EcrEncryption {
  /** KMS with the AWS managed key `aws/ecr`: encrypted, audited in CloudTrail, no key to manage. */
  public static awsManagedKms(): EcrEncryption {
    return new EcrEncryption(ecr.RepositoryEncryption.KMS, undefined);
  }

  /**
   * KMS with a customer managed key you control (rotation, key policy, cross-account use). ECR
   * takes only symmetric encryption keys in the repository's region.
   */
  public static customerKey(key: kms.IKey): EcrEncryption {
    return new EcrEncryption(ecr.RepositoryEncryption.KMS, key);
  }

  /** Amazon S3 managed keys (AES-256): encrypted at rest, no KMS calls or costs. */
  public static aes256(): EcrEncryption {
    return new EcrEncryption(ecr.RepositoryEncryption.AES_256, undefined);
  }

  private constructor(
    /** The repository encryption type. */
    public readonly encryption: ecr.RepositoryEncryption,
    /** The customer key, when one is used. */
    public readonly key: kms.IKey | undefined,
  ) {}
}

/**
 * Properties of an {@link EcrRepository}.
 */
export interface EcrRepositoryProps {
  /**
   * The repository name. ECR requires 2 to 256 lower-case letters and digits, separated by `.`, `_`,
   * `__` or one or more `-`; namespaces with `/` are allowed.
   * Renaming a repository replaces it, so set a name once and keep it.
   * @default - derived deterministically from the stack name and the construct path, lower case,
   * with a hash of the path; a long path is shortened so that the name fits ECR's 256 characters
   */
  readonly repositoryName?: string;

  /**
   * Whether tags are immutable.
   * @default ImageTagMutability.immutable()
   */
  readonly tagMutability?: ImageTagMutability;

  /**
   * Scan every image for vulnerabilities when it is pushed (basic scanning). When the registry uses
   * enhanced scanning ({@link EcrRegistrySettings}), the registry's rules apply instead.
   * @default true
   */
  readonly scanOnPush?: boolean;

  /**
   * How images are encrypted at rest.
   * @default EcrEncryption.awsManagedKms()
   */
  readonly encryption?: EcrEncryption;

  /**
   * Which images are expired.
   * @default EcrLifecycle.standard(): untagged images expire after 7 days; the newest 100 tagged images are kept
   */
  readonly lifecycle?: EcrLifecycle;

  /**
   * Accounts (12-digit ids) whose principals may pull images. Each still needs `ecr:GetAuthorizationToken`
   * and pull permissions granted in its own account. A `*` principal is never created.
   * @default - no cross-account access
   */
  readonly pullAccounts?: string[];

  /**
   * What happens to the repository when it leaves the stack (or the stack is deleted).
   * Images are data: the default keeps them. `SNAPSHOT` is refused: CloudFormation cannot snapshot a repository.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Delete the images when the repository is deleted, so that a `DESTROY` removal policy can succeed on a
   * repository that holds images. Only allowed with `removalPolicy: RemovalPolicy.DESTROY`.
   * Uses CloudFormation's native `EmptyOnDelete` (no custom resource).
   * @default false
   */
  readonly emptyOnDelete?: boolean;
}

/**
 * An ECR repository with the defaults a security reviewer signs: immutable tags, scan on push,
 * KMS encryption, lifecycle rules and a RETAIN removal policy.
 *
 * @example
 * const images = new EcrRepository(this, 'Api', { repositoryName: 'shop/api' });
 * images.grantPull(taskRole);
 * const image = images.containerImage('1.4.2');
 */
export class EcrRepository extends Construct {
  /**
   * Imports a repository by name, validating the name against ECR's rules.
   */
  public static fromRepositoryName(scope: Construct, id: string, repositoryName: string): ecr.IRepository {
    validateRepositoryName(scope, 'repositoryName', repositoryName);
    return ecr.Repository.fromRepositoryName(scope, id, repositoryName);
  }

  /**
   * Imports a repository by ARN (`arn:aws:ecr:region:account:repository/name`), validating the ARN.
   */
  public static fromRepositoryArn(scope: Construct, id: string, repositoryArn: string): ecr.IRepository {
    if (!isToken(repositoryArn)) {
      const match = /^arn:aws[a-z-]*:ecr:[a-z0-9-]+:\d{12}:repository\/(.+)$/.exec(repositoryArn);
      if (!match) {
        throw new ValidationError(scope, {
          property: 'repositoryArn',
          value: repositoryArn,
          allowed: 'an ECR repository ARN of the form arn:aws:ecr:REGION:ACCOUNT:repository/NAME',
        });
      }
      validateRepositoryName(scope, 'repositoryArn', match[1]);
    }
    return ecr.Repository.fromRepositoryArn(scope, id, repositoryArn);
  }

  /** The wrapped aws-cdk-lib repository: the escape hatch for anything not covered here. */
  public readonly repository: ecr.Repository;
  /** The repository name. */
  public readonly repositoryName: string;
  /** The repository ARN. */
  public readonly repositoryArn: string;
  /** The repository URI (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME`), without tag. */
  public readonly repositoryUri: string;
  /** The customer KMS key, when one encrypts the images. */
  public readonly encryptionKey?: kms.IKey;

  /** The one `CrossAccountPull` statement, created by the first account added. */
  private pullStatement?: iam.PolicyStatement;
  /** Accounts already in {@link pullStatement}, so that none is listed twice. */
  private readonly pullAccountIds = new Set<string>();

  constructor(scope: Construct, id: string, props: EcrRepositoryProps = {}) {
    super(scope, id);
    checkStackLimits(this);

    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    if (removalPolicy === RemovalPolicy.SNAPSHOT) {
      throw new ValidationError(this, {
        property: 'removalPolicy',
        value: removalPolicy,
        allowed: 'RemovalPolicy.RETAIN, RETAIN_ON_UPDATE_OR_DELETE or DESTROY (CloudFormation cannot snapshot an ECR repository)',
      });
    }
    if (props.emptyOnDelete && removalPolicy !== RemovalPolicy.DESTROY) {
      throw new ValidationError(this, {
        property: 'emptyOnDelete',
        value: `true with removalPolicy ${removalPolicy}`,
        allowed: 'emptyOnDelete only together with removalPolicy: RemovalPolicy.DESTROY',
        hint: 'images are data: to delete them with the repository, set removalPolicy to DESTROY as well; otherwise drop emptyOnDelete.',
      });
    }

    const repositoryName = props.repositoryName ?? defaultRepositoryName(this);
    validateRepositoryName(this, 'repositoryName', repositoryName);

    const tags = props.tagMutability ?? ImageTagMutability.immutable();
    validateExclusions(this, tags);

    const encryption = props.encryption ?? EcrEncryption.awsManagedKms();
    validateKey(this, encryption.key);
    const lifecycle = props.lifecycle ?? EcrLifecycle.standard();
    const rules = lifecycle._bind(this);

    this.repository = new ecr.Repository(this, 'Resource', {
      repositoryName: isToken(repositoryName) || CDK_REPOSITORY_NAME.test(repositoryName)
        ? repositoryName
        : Lazy.string({ produce: () => repositoryName }),
      imageScanOnPush: props.scanOnPush ?? true,
      imageTagMutability: tags.mutability,
      // aws-cdk-lib checks each filter's characters, which a token's text fails: a placeholder goes
      // through it, and the real filters are written to the template below.
      imageTagMutabilityExclusionFilters: tags.exclusions.length > 0
        ? tags.exclusions.map((f) => ecr.ImageTagMutabilityExclusionFilter.wildcard(isToken(f) ? '*' : f))
        : undefined,
      encryption: encryption.encryption,
      encryptionKey: encryption.key,
      lifecycleRules: rules,
      removalPolicy,
      emptyOnDelete: props.emptyOnDelete ? true : undefined,
    });

    if (tags.exclusions.some((f) => isToken(f))) {
      (this.repository.node.defaultChild as ecr.CfnRepository).imageTagMutabilityExclusionFilters = tags.exclusions.map((f) => ({
        imageTagMutabilityExclusionFilterType: 'WILDCARD', imageTagMutabilityExclusionFilterValue: f,
      }));
    }
    if (encryption.encryption === ecr.RepositoryEncryption.AES_256) {
      // aws-cdk-lib leaves AES-256 implicit; state it so reviewers and policy checks see it in the template.
      (this.repository.node.defaultChild as ecr.CfnRepository).encryptionConfiguration = { encryptionType: 'AES256' };
    }

    this.node.addValidation({ validate: () => this.checkLifecyclePolicyLength() });

    this.repositoryName = this.repository.repositoryName;
    this.repositoryArn = this.repository.repositoryArn;
    this.repositoryUri = this.repository.repositoryUri;
    this.encryptionKey = encryption.key;

    if (props.pullAccounts && props.pullAccounts.length > 0) {
      this.addPullAccounts(props.pullAccounts);
    }
    if (tags.mutability === ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION) {
      acknowledge(this.repository.node.defaultChild as CfnResource, [[RULES.CT_ECR_TAG_IMMUTABILITY,
        `tags are immutable except those matching ${tags.exclusions.join(', ')}, chosen explicitly with ImageTagMutability.immutableExcept`]]);
    }
    if (tags.mutability === ecr.TagMutability.MUTABLE) {
      Annotations.of(this).addWarningV2('cdk-containers:ecrMutableTags',
        'Image tags are mutable: a tag no longer identifies one image. Prefer ImageTagMutability.immutableExcept([...]) for moving tags such as "latest".');
    }
  }

  /**
   * The rendered lifecycle policy (the library's rules and any added later through
   * `repository.addLifecycleRule`) must fit ECR's 30,720 characters (CFN AWS::ECR::Repository
   * LifecyclePolicyText; API ecr PutLifecyclePolicy).
   */
  private checkLifecyclePolicyLength(): string[] {
    const cfn = this.repository.node.defaultChild as ecr.CfnRepository;
    const policy = Stack.of(this).resolve(cfn.lifecyclePolicy) as { lifecyclePolicyText?: unknown } | undefined;
    const text = policy?.lifecyclePolicyText;
    if (typeof text === 'string' && text.length > MAX_LIFECYCLE_POLICY_CHARS) {
      throw new ValidationError(this, {
        property: 'lifecycle', value: `a lifecycle policy of ${text.length} characters`, allowed: `at most ${MAX_LIFECYCLE_POLICY_CHARS} characters of policy text`,
        hint: 'use fewer rules, or shorter tag prefix and pattern lists (one rule can hold several prefixes)',
      });
    }
    return [];
  }

  /**
   * Lets principals of other accounts pull images. Every account, from `pullAccounts` and from each
   * call, is listed once in a single resource policy statement (Sid `CrossAccountPull`), so calling
   * this repeatedly never produces duplicate statement ids. Account ids must be 12 digits; `*` is rejected.
   */
  public addPullAccounts(accountIds: string[]): void {
    for (const account of accountIds) {
      if (isToken(account)) continue;
      if (!ACCOUNT_ID.test(account)) {
        throw new ValidationError(this, {
          property: 'pullAccounts',
          value: account,
          allowed: '12-digit AWS account ids; "*" and other wildcards are never allowed',
          hint: 'list each account that may pull; for an AWS Organization, list its accounts.',
        });
      }
    }
    const added: string[] = [];
    for (const account of accountIds) {
      if (this.pullAccountIds.has(account)) continue;
      this.pullAccountIds.add(account);
      added.push(account);
    }
    if (added.length === 0) return;
    const principals = added.map((a) => new iam.AccountPrincipal(a));
    if (this.pullStatement) {
      this.pullStatement.addPrincipals(...principals);
      return;
    }
    this.pullStatement = new iam.PolicyStatement({ sid: 'CrossAccountPull', actions: PULL_ACTIONS, principals });
    this.repository.addToResourcePolicy(this.pullStatement);
  }

  /** Grants permission to pull images (and get the registry authorization token). */
  public grantPull(grantee: iam.IGrantable): iam.Grant {
    acknowledgeEcrAuthToken(grantee);
    return this.repository.grantPull(grantee);
  }

  /** Grants permission to push images (and get the registry authorization token). */
  public grantPush(grantee: iam.IGrantable): iam.Grant {
    acknowledgeEcrAuthToken(grantee);
    return this.repository.grantPush(grantee);
  }

  /** Grants permission to pull and push images. */
  public grantPullPush(grantee: iam.IGrantable): iam.Grant {
    acknowledgeEcrAuthToken(grantee);
    return this.repository.grantPullPush(grantee);
  }

  /**
   * The URI of one image: `REPOSITORY_URI:tag` for a tag, `REPOSITORY_URI@sha256:...` for a digest.
   * The tag or digest is validated unless it is a token.
   */
  public imageUri(tagOrDigest: string): string {
    validateTagOrDigest(this, tagOrDigest);
    return this.repository.repositoryUriForTagOrDigest(tagOrDigest);
  }

  /**
   * This repository as the image source of an ECS container (pull permission is granted to the
   * task's execution role by ECS when the container is added).
   */
  public containerImage(tagOrDigest: string): ecs.ContainerImage {
    validateTagOrDigest(this, tagOrDigest);
    return ecs.ContainerImage.fromEcrRepository(this.repository, tagOrDigest);
  }

  /**
   * This repository as the image source of Kubernetes nodes: grants the node role pull permission
   * and returns the image URI to use in pod specs.
   */
  public kubernetesImage(nodeRole: iam.IGrantable, tagOrDigest: string): string {
    this.grantPull(nodeRole);
    return this.imageUri(tagOrDigest);
  }
}

/** ECR's longest repository name. */
const REPOSITORY_NAME_MAX = 256;
/** The longest readable part of a derived name: every name derived within 256 characters before keeps its value. */
const DERIVED_BODY_MAX = 200;

function defaultRepositoryName(scope: Construct): string {
  // "<stack>/<path-in-stack>-<hash of full path>": readable, stable for a construct path, unique per app.
  // The readable path is cut so that the whole name fits ECR's 256 characters; the hash keeps it unique.
  const stack = Stack.of(scope);
  const inStack = scope.node.scopes.slice(scope.node.scopes.indexOf(stack) + 1).map((c) => c.node.id).join('-');
  const suffix = `-${createHash('sha256').update(scope.node.path).digest('hex').slice(0, 8)}`;
  // CloudFormation stack names are at most 128 characters, so the prefix leaves at least 118 for the body.
  const stackPart = Token.isUnresolved(stack.stackName) ? '' : trimSeparators(sanitize(stack.stackName).slice(0, 128));
  const prefix = stackPart ? `${stackPart}/` : '';
  const bodyMax = Math.min(DERIVED_BODY_MAX, REPOSITORY_NAME_MAX - prefix.length - suffix.length);
  const body = trimSeparators(sanitize(inStack).slice(0, bodyMax)) || 'repository';
  return `${prefix}${body}${suffix}`;
}

/** Drops separators left at the end by cutting a sanitized name. */
function trimSeparators(value: string): string {
  return value.replace(/-+$/, '');
}

/** Lower-cases and reduces a string to ECR's name alphabet, with single separators between words. */
function sanitize(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function validateRepositoryName(scope: Construct, property: string, name: string): void {
  if (isToken(name)) return;
  if (name.length < 2 || name.length > 256 || !ECR_NAME.test(name)) {
    const suggestion = sanitize(name.replace(/\//g, ' SLASH ')).replace(/-slash-/g, '/');
    throw new ValidationError(scope, {
      property,
      value: name,
      allowed: REPOSITORY_NAME_ALLOWED,
      hint: suggestion.length >= 2 && suggestion.length <= REPOSITORY_NAME_MAX && ECR_NAME.test(suggestion) ? `did you mean "${suggestion}"?` : undefined,
    });
  }
}

/**
 * ECR encrypts with symmetric KMS keys in the repository's region only. Checked for a key defined in
 * the app (its key spec and usage are known) and for an imported key whose region is known.
 */
function validateKey(scope: Construct, key: kms.IKey | undefined): void {
  if (!key) return;
  const keyRegion = key.env.region;
  const region = Stack.of(scope).region;
  if (!Token.isUnresolved(keyRegion) && !Token.isUnresolved(region) && keyRegion !== region) {
    throw new ValidationError(scope, {
      property: 'encryption',
      value: `a key in ${keyRegion}`,
      allowed: `a KMS key in the repository's region (${region})`,
      hint: 'ECR cannot use a key of another region; create or replicate the key (a multi-Region replica) in this region.',
    });
  }
  const cfnKey = key.node.defaultChild;
  if (!(cfnKey instanceof kms.CfnKey)) return;
  const spec = cfnKey.keySpec;
  const usage = cfnKey.keyUsage;
  const asymmetric = typeof spec === 'string' && !Token.isUnresolved(spec) && spec !== kms.KeySpec.SYMMETRIC_DEFAULT;
  const notEncryption = typeof usage === 'string' && !Token.isUnresolved(usage) && usage !== kms.KeyUsage.ENCRYPT_DECRYPT;
  if (asymmetric || notEncryption) {
    throw new ValidationError(scope, {
      property: 'encryption',
      value: `a key with keySpec ${spec ?? kms.KeySpec.SYMMETRIC_DEFAULT} and keyUsage ${usage ?? kms.KeyUsage.ENCRYPT_DECRYPT}`,
      allowed: 'a symmetric encryption key (keySpec SYMMETRIC_DEFAULT, keyUsage ENCRYPT_DECRYPT)',
    });
  }
}

function validateTagOrDigest(scope: Construct, tagOrDigest: string): void {
  if (isToken(tagOrDigest)) return;
  const looksLikeDigest = tagOrDigest.includes(':');
  if (looksLikeDigest ? !IMAGE_DIGEST.test(tagOrDigest) : !IMAGE_TAG.test(tagOrDigest)) {
    throw new ValidationError(scope, {
      property: 'tagOrDigest',
      value: tagOrDigest,
      allowed: 'a tag of 1 to 128 characters (letters, digits, "_", "." and "-", not starting with "." or "-") or a digest "sha256:" followed by 64 lower-case hex digits',
    });
  }
}

function validateExclusions(scope: Construct, tags: ImageTagMutability): void {
  if (tags.mutability !== ecr.TagMutability.IMMUTABLE_WITH_EXCLUSION) return;
  if (tags.exclusions.length < 1 || tags.exclusions.length > 5) {
    throw new ValidationError(scope, {
      property: 'tagMutability',
      value: tags.exclusions,
      allowed: '1 to 5 exclusion filters',
      hint: 'use ImageTagMutability.immutable() when no tag needs to move.',
    });
  }
  for (const filter of tags.exclusions) {
    if (isToken(filter)) continue;
    if (!EXCLUSION_FILTER.test(filter)) {
      throw new ValidationError(scope, {
        property: 'tagMutability',
        value: filter,
        allowed: 'exclusion filters of 1 to 128 characters: letters, digits, ".", "_", "-" and the wildcard "*"',
      });
    }
  }
}
