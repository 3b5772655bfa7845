import { Annotations, CfnResource, IAspect, Stack, Token } from 'aws-cdk-lib';
import * as eksv1 from 'aws-cdk-lib/aws-eks';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { IConstruct } from 'constructs';
import { acknowledgementsOf, asRecord, recordAcknowledgement } from './private/acknowledgements';

/** The five control-plane log types every cluster should send to CloudWatch Logs. */
const REQUIRED_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

/**
 * The rules of {@link EksClusterChecks}.
 */
export enum EksClusterRule {
  /** The public API endpoint is open to any address (enabled without an allow list, or with 0.0.0.0/0 or ::/0). */
  PUBLIC_ENDPOINT_OPEN = 'CdkContainers-EKS1',
  /** One or more of the five control-plane log types is not enabled. */
  CONTROL_PLANE_LOGS = 'CdkContainers-EKS2',
  /** Kubernetes secrets are not envelope-encrypted with a KMS key. */
  SECRETS_ENCRYPTION = 'CdkContainers-EKS3',
}

/**
 * The library's own checks for EKS clusters, for what cdk-nag's EKS rules miss (they do not
 * recognise aws-eks-v2 clusters). Inspects every `AWS::EKS::Cluster` in the tree, whoever made it
 * (this library, aws-eks-v2, aws-eks or a plain `CfnCluster`), and adds an error annotation with
 * the rule id for each finding, which fails `cdk synth`/`cdk deploy`:
 *
 * - `CdkContainers-EKS1`: public endpoint open to 0.0.0.0/0 (or public without an allow list);
 * - `CdkContainers-EKS2`: missing control-plane log types;
 * - `CdkContainers-EKS3`: no secrets envelope encryption.
 *
 * Acknowledge a finding in code, with a reason, on the cluster or any of its parents:
 * `EksClusterChecks.acknowledge(scope, EksClusterRule.CONTROL_PLANE_LOGS, 'why')` (recorded as
 * metadata) or `Validations.of(scope).acknowledge({ id: 'CdkContainers-EKS2', reason })`.
 * An acknowledged finding becomes an info annotation that keeps the reason.
 *
 * @example
 * Aspects.of(app).add(new EksClusterChecks(), { priority: AspectPriority.READONLY });
 */
export class EksClusterChecks implements IAspect {
  /**
   * Acknowledges a rule for every cluster at or below `scope`.
   *
   * @param scope the cluster (or a parent: stack, app)
   * @param rule the rule id, e.g. `CdkContainers-EKS2`
   * @param reason why the finding is acceptable (required, shown in the synth output)
   */
  public static acknowledge(scope: IConstruct, rule: EksClusterRule, reason: string): void {
    recordAcknowledgement(scope, Object.values(EksClusterRule), rule, reason);
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.cfnResourceType !== 'AWS::EKS::Cluster') return;
    if (!(node instanceof eks.CfnCluster) && !(node instanceof eksv1.CfnCluster)) {
      Annotations.of(node).addWarningV2('cdk-containers:eks-checks-skipped',
        'EksClusterChecks cannot read this AWS::EKS::Cluster (not a CfnCluster); review its endpoint, logging and encryption by hand.');
      return;
    }
    const stack = Stack.of(node);
    const findings: Array<[EksClusterRule, string]> = [];

    const vpcConfig = asRecord(stack.resolve(node.resourcesVpcConfig));
    const publicAccess = vpcConfig.endpointPublicAccess;
    const cidrs = stack.resolve(vpcConfig.publicAccessCidrs);
    // CloudFormation's defaults: public access on, from 0.0.0.0/0.
    if (publicAccess === undefined || publicAccess === true) {
      const list = Array.isArray(cidrs) ? cidrs : [];
      const open = list.length === 0 || list.some((c) => c === '0.0.0.0/0' || c === '::/0');
      if (open && !Token.isUnresolved(cidrs)) {
        findings.push([EksClusterRule.PUBLIC_ENDPOINT_OPEN,
          `The Kubernetes API endpoint is public and open to ${list.length === 0 ? 'any address (no allow list)' : list.join(', ')}. Make it private, or allow only known CIDR blocks.`]);
      }
    }

    const logging = asRecord(asRecord(stack.resolve(node.logging)).clusterLogging);
    const enabledTypes = Array.isArray(logging.enabledTypes) ? logging.enabledTypes.map((t) => asRecord(t).type) : [];
    const missing = REQUIRED_LOG_TYPES.filter((t) => !enabledTypes.includes(t));
    if (missing.length > 0 && !Token.isUnresolved(node.logging)) {
      findings.push([EksClusterRule.CONTROL_PLANE_LOGS,
        `Control-plane log types not enabled: ${missing.join(', ')}. Enable all five (api, audit, authenticator, controllerManager, scheduler).`]);
    }

    const encryption = stack.resolve(node.encryptionConfig);
    const encryptsSecrets = Array.isArray(encryption) && encryption.some((e) => {
      const entry = asRecord(e);
      const resources = entry.resources;
      return asRecord(entry.provider).keyArn !== undefined && (resources === undefined || (Array.isArray(resources) && resources.includes('secrets')));
    });
    if (!encryptsSecrets) {
      findings.push([EksClusterRule.SECRETS_ENCRYPTION,
        'Kubernetes secrets are not envelope-encrypted with a KMS key. Set encryptionConfig (secretsEncryptionKey) with a customer managed key.']);
    }

    const acknowledged = acknowledgementsOf(node, Object.values(EksClusterRule));
    for (const [rule, message] of findings) {
      const reason = acknowledged.get(rule);
      if (reason !== undefined) {
        Annotations.of(node).addInfo(`[${rule}] acknowledged: ${reason}`);
      } else {
        Annotations.of(node).addError(`[${rule}] ${message}`);
      }
    }
  }
}

