import { Aspects, CfnResource, IAspect, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { isRecord } from './validate';

/** The cdk-nag packs that share rule names (`<pack>-<rule>`), as their plugins report them. */
const NIST_R5 = 'NIST.800.53.R5';
const NIST_R4 = 'NIST.800.53.R4';
const HIPAA = 'HIPAA.Security';
const PCI = 'PCI.DSS.321';

/** One cdk-nag rule as each of the given packs reports it: `<pack>::<pack>-<rule>`. */
function inPacks(rule: string, ...packs: string[]): string[] {
  return packs.map((pack) => `${pack}::${pack}-${rule}`);
}

/**
 * Compliance findings the library acknowledges, each as every tool and rule pack that reports
 * it names it (`<plugin>::<rule>`): one reason covers the same check in every pack that has it,
 * and nothing else. The lists name only the packs that have the rule (cdk-nag 3), so an
 * acknowledgement never waits for a finding no pack reports.
 */
export const RULES = {
  /** AwsSolutions-IAM5 for the action wildcard `ecs:Submit*`. */
  NAG_WILDCARD_ECS_SUBMIT: ['AwsSolutions::AwsSolutions-IAM5[Action::ecs:Submit*]'],
  NAG_ASG_NOTIFICATIONS: ['AwsSolutions::AwsSolutions-AS3'],
  NAG_EBS_ENCRYPTED: ['AwsSolutions::AwsSolutions-EC26'],
  IMDSV2: inPacks('EC2IMDSv2Enabled', NIST_R5, NIST_R4, HIPAA),
  OPEN_INGRESS: ['AwsSolutions::AwsSolutions-EC23'],
  DEFAULT_SG_CLOSED: inPacks('VPCDefaultSecurityGroupClosed', NIST_R5, NIST_R4, HIPAA, PCI),
  IGW_ROUTE: inPacks('VPCNoUnrestrictedRouteToIGW', NIST_R5, HIPAA, PCI),
  INLINE_POLICY: inPacks('IAMNoInlinePolicy', NIST_R5, NIST_R4, HIPAA, PCI),
  BUCKET_LOGS: ['AwsSolutions::AwsSolutions-S1', ...inPacks('S3BucketLoggingEnabled', NIST_R5, NIST_R4, HIPAA, PCI),
    'cdk-validator-cfnguard::s3_bucket_logging_enabled_check'],
  BUCKET_REPLICATION: inPacks('S3BucketReplicationEnabled', NIST_R5, NIST_R4, HIPAA, PCI),
  BUCKET_KMS: [...inPacks('S3DefaultEncryptionKMS', NIST_R5, HIPAA, PCI), 'cdk-validator-cfnguard::s3_bucket_default_encryption_kms_check'],
  ALB_WAF: inPacks('ALBWAFEnabled', NIST_R5, NIST_R4, PCI),
  ALARM_ACTION: [...inPacks('CloudWatchAlarmAction', NIST_R5, NIST_R4, HIPAA), 'cdk-validator-cfnguard::cloudwatch_alarm_action_check'],
  LISTENER_CERT: inPacks('ELBv2ACMCertificateRequired', NIST_R5, HIPAA, PCI),
  CT_CONTAINER_INSIGHTS: ['cdk-validator-cfnguard::ecs_container_insights_enabled_check'],
  CT_ECR_TAG_IMMUTABILITY: ['cdk-validator-cfnguard::ecr_private_tag_immutability_enabled_check'],
  CFN_EKS_SECRETS_RESOURCES: ['CloudFormation-Validate::W9009'],
  /** A queue without a dead-letter queue of its own (for a queue that is one). */
  SQS_NO_DLQ: ['Serverless::Serverless-SQSRedrivePolicy', 'cdk-validator-cfnguard::sqs_dlq_check'],
} as const;

/** A finding as {@link RULES} lists it: its id in every pack and tool that reports it. */
export type Rule = readonly string[];

/**
 * The template metadata key under which every acknowledgement is recorded on its resource, with
 * its reason, for tools that read the synthesized template (cfn-guard, cfn-lint, auditors):
 * `Metadata["cdk-containers"].acknowledged: [{ id, reason }]`.
 */
export const ACKNOWLEDGED_METADATA = 'cdk-containers';

/**
 * The id cdk-nag's AwsSolutions-IAM4 (AWS managed policies) reports for one AWS managed policy on
 * a role: one id per policy, so acknowledging a required policy leaves any other managed policy
 * on the role reported.
 *
 * @param policyName the policy's name after `arn:aws:iam::aws:policy/`, e.g. `AmazonEKSClusterPolicy`
 *                   or `service-role/AmazonEBSCSIDriverPolicy`
 */
export function nagManagedPolicyRule(policyName: string): Rule {
  return [`AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`];
}

/**
 * Acknowledges findings on exactly one resource (never a subtree), each with the reason it cannot
 * (or need not) be met. The acknowledgement is recorded for the validation plugins
 * (`Validations.acknowledge` on the L1 itself) and in the resource's template metadata, so tools
 * that read the template see the same reason.
 */
export function acknowledge(resource: CfnResource, acks: Array<[Rule, string]>): void {
  const entries = acks.flatMap(([ids, reason]) => ids.map((id) => ({ id, reason })));
  if (entries.length === 0) return;
  Validations.of(resource).acknowledge(...entries);
  const recorded = (resource.getMetadata(ACKNOWLEDGED_METADATA) as { acknowledged?: Array<{ id: string; reason: string }> } | undefined)?.acknowledged ?? [];
  resource.addMetadata(ACKNOWLEDGED_METADATA, { acknowledged: [...recorded, ...entries] });
}

/**
 * Tells cfn-lint to skip one of its rules on one resource (its `ignore_checks` metadata), with the
 * reason recorded beside it like every other acknowledgement.
 */
export function ignoreCfnLint(resource: CfnResource, rule: string, reason: string): void {
  const config = (resource.getMetadata('cfn-lint') as { config?: { ignore_checks?: string[] } } | undefined)?.config;
  resource.addMetadata('cfn-lint', { config: { ...config, ignore_checks: [...config?.ignore_checks ?? [], rule] } });
  acknowledge(resource, [[[`cfn-lint::${rule}`], reason]]);
}

/** A grant the library makes that cdk-nag's AwsSolutions-IAM5 reports, and why it is needed as it is. */
export interface WildcardGrant {
  /** The statement's actions, exactly as the library (or aws-cdk-lib for it) writes them. */
  readonly actions: string[];
  /** Why those actions need the wildcard (a resource of `*`, or an action wildcard). */
  readonly reason: string;
}

/** `ecr:GetAuthorizationToken`, part of every ECR image pull and push grant, on `*`. */
export const ECR_AUTH_TOKEN_GRANT: WildcardGrant = {
  actions: ['ecr:GetAuthorizationToken'],
  reason: 'part of every ECR image pull and push grant; it supports only Resource "*" (ECR API reference)',
};

/**
 * Acknowledges, on the grantee's own policy, the one wildcard an ECR grant of the library adds
 * there (`ecr:GetAuthorizationToken` on `*`), when the grantee is a role of this app. Only that
 * statement is covered: any other wildcard on the role stays reported, and nothing else is acknowledged.
 */
export function acknowledgeEcrAuthToken(grantee: iam.IGrantable): void {
  if (grantee.grantPrincipal instanceof iam.Role) acknowledgeRolePolicies(grantee.grantPrincipal, { wildcards: [ECR_AUTH_TOKEN_GRANT] });
}

/** What {@link acknowledgeRolePolicies} acknowledges on a role's policies. */
export interface RolePolicyAcknowledgement {
  /** Reason for the policies aws-cdk-lib attaches to this one role (NIST-style IAMNoInlinePolicy). */
  readonly inline?: string;
  /** The wildcard grants the library makes on the role. */
  readonly wildcards?: WildcardGrant[];
}

/**
 * Acknowledges findings on a role's own policies: its default policy (created by the first grant,
 * so it is looked up at synthesis) and its inline `Policies`. A wildcard finding is acknowledged
 * only when every statement that causes it is one of the given grants, so a wildcard the user
 * adds to the same role (or the same wildcard on other actions) is still reported.
 */
export function acknowledgeRolePolicies(role: iam.IRole, acks: RolePolicyAcknowledgement): void {
  let aspect = ROLE_ASPECTS.get(role);
  if (!aspect) {
    aspect = new RolePolicyAspect(role);
    ROLE_ASPECTS.set(role, aspect);
    Aspects.of(role).add(aspect);
  }
  aspect.add(acks);
}

/** One aspect per role, so grants acknowledged by several calls are judged together. */
const ROLE_ASPECTS = new WeakMap<iam.IRole, RolePolicyAspect>();

class RolePolicyAspect implements IAspect {
  private readonly inline = new Set<string>();
  private readonly wildcards: WildcardGrant[] = [];
  private readonly done = new Set<CfnResource>();

  constructor(private readonly role: iam.IRole) {}

  public add(acks: RolePolicyAcknowledgement): void {
    if (acks.inline) this.inline.add(acks.inline);
    this.wildcards.push(...acks.wildcards ?? []);
  }

  public visit(node: IConstruct): void {
    const cfnRole = this.role.node.defaultChild;
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
    if ((node !== cfnRole && node !== defaultPolicy) || this.done.has(node as CfnResource)) return;
    const resource = node as CfnResource;
    this.done.add(resource);
    const stack = Stack.of(resource);
    const documents: PolicyDocumentJson[] = resource instanceof iam.CfnPolicy
      ? [stack.resolve(resource.policyDocument) as PolicyDocumentJson]
      : ((stack.resolve((resource as iam.CfnRole).policies) ?? []) as Array<{ policyDocument: unknown }>)
        .map((p) => stack.resolve(p.policyDocument) as PolicyDocumentJson);
    if (documents.length === 0) return;
    const acks: Array<[Rule, string]> = [];
    if (this.inline.size > 0) acks.push([RULES.INLINE_POLICY, [...this.inline].join('; ')]);
    acks.push(...wildcardAcknowledgements(documents, this.wildcards));
    acknowledge(resource, acks);
  }
}

interface PolicyDocumentJson {
  readonly Statement?: Array<{ Sid?: string; Effect?: string; Action?: unknown; Resource?: unknown }>;
}

const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** One statement of a resolved policy document. */
type StatementJson = NonNullable<PolicyDocumentJson['Statement']>[number];

/**
 * The AwsSolutions-IAM5 findings of the statements (action wildcards; a resource of `*`, or with
 * `resourcePatterns` every resource with a wildcard, named as cdk-nag names it) whose every statement
 * is the library's, each with the reasons of the statements that cause it.
 *
 * @param reasonOf the reason of a statement the library wrote (prefixed with what names it), or undefined for any other
 */
function iam5Acknowledgements(statements: StatementJson[], reasonOf: (statement: StatementJson, actions: string[]) => string | undefined,
  resourcePatterns: boolean): Array<[Rule, string]> {
  const findings = new Map<string, { covered: boolean; reasons: Set<string> }>();
  for (const statement of statements) {
    if (statement.Effect !== 'Allow') continue;
    const actions = asArray(statement.Action).filter((a): a is string => typeof a === 'string');
    const resources = resourcePatterns ? asArray(statement.Resource).map(flattenReference).filter((r) => r.includes('*')) : asArray(statement.Resource).filter((r) => r === '*');
    const ids = [...actions.filter((a) => a.includes('*')).map((a) => `Action::${a}`), ...resources.map((r) => `Resource::${String(r)}`)];
    const reason = reasonOf(statement, actions);
    for (const id of ids) {
      const finding = findings.get(id) ?? { covered: true, reasons: new Set<string>() };
      finding.covered &&= reason !== undefined;
      if (reason !== undefined) finding.reasons.add(reason);
      findings.set(id, finding);
    }
  }
  return [...findings].filter(([, f]) => f.covered)
    .map(([id, f]): [Rule, string] => [[`AwsSolutions::AwsSolutions-IAM5[${id}]`], [...f.reasons].join('; ')]);
}

/**
 * The AwsSolutions-IAM5 findings of the documents (action wildcards, and a resource of `*`) whose
 * every statement is one of the grants, each with the reasons of the grants that cause it.
 * A statement is one of the grants when all its actions are that grant's.
 */
function wildcardAcknowledgements(documents: PolicyDocumentJson[], grants: WildcardGrant[]): Array<[Rule, string]> {
  return iam5Acknowledgements(documents.flatMap((d) => d.Statement ?? []), (_statement, actions) => {
    const grant = grants.find((g) => actions.length > 0 && actions.every((a) => g.actions.includes(a)));
    return grant && `${actions.join(', ')}: ${grant.reason}`;
  }, false);
}

/**
 * A resource of a policy statement as cdk-nag names it in a finding: intrinsic functions flattened
 * (`Fn::Join` joined, `Ref` as `<Name>`, `Fn::GetAtt` as `<Resource.Attribute>`), so an acknowledgement
 * id matches the finding's exactly.
 */
export function flattenReference(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (isRecord(value)) {
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) return join[1].map(flattenReference).join(join[0]);
    if (value['Fn::Sub'] !== undefined) return flattenReference(value['Fn::Sub']);
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flattenReference(getAtt[0])}.${flattenReference(getAtt[1])}>`;
    if (value['Fn::ImportValue'] !== undefined) return flattenReference(value['Fn::ImportValue']);
    if (value.Ref !== undefined) return `<${flattenReference(value.Ref)}>`;
  }
  return JSON.stringify(value);
}

/** A statement the library writes into a policy, and why its wildcards are needed. */
export interface LibraryStatement {
  /** The statement, as added to the policy. */
  readonly statement: iam.PolicyStatement;
  /** Why its wildcards (resource patterns, `*`, action wildcards) cannot be narrower. */
  readonly reason: string;
}

/**
 * Acknowledges, on one customer managed policy the library writes, the AwsSolutions-IAM5 findings
 * of its own statements: action wildcards and every resource with a wildcard (ARN patterns
 * included, named as cdk-nag names them). A statement counts as the library's only when it is
 * identical to one of `statements` once resolved (actions, resources, conditions, Sid), and a finding
 * is acknowledged only when every statement that causes it is the library's: a statement a user
 * adds to the policy keeps its findings, even with the same actions. Decided at synthesis.
 */
export function acknowledgeManagedPolicyWildcards(policy: iam.ManagedPolicy, statements: LibraryStatement[]): void {
  let done = false;
  Aspects.of(policy).add({
    visit: (node: IConstruct) => {
      if (done || !(node instanceof iam.CfnManagedPolicy) || node.node.scope !== policy) return;
      done = true;
      const stack = Stack.of(node);
      const own = new Map(statements.map((s) => [JSON.stringify(stack.resolve(s.statement.toStatementJson())), s.reason]));
      const document = stack.resolve(node.policyDocument) as PolicyDocumentJson;
      acknowledge(node, iam5Acknowledgements(document.Statement ?? [], (statement, actions) => {
        const reason = own.get(JSON.stringify(statement));
        return reason && `${statement.Sid ?? actions.join(', ')}: ${reason}`;
      }, true));
    },
  });
}

/**
 * Acknowledges AwsSolutions-EC23 (ingress from anywhere) on a security group only while every
 * inline rule open to the internet (a `/0` block) is on one of the given TCP ports: a rule the
 * user adds on another port (SSH from anywhere, say) leaves the finding reported. Decided at
 * synthesis. (An ingress rule written as its own resource is reported on that resource.)
 */
export function acknowledgeOpenIngress(group: ec2.SecurityGroup, ports: number[], reason: string): void {
  const cfnGroup = group.node.defaultChild as ec2.CfnSecurityGroup;
  Aspects.of(cfnGroup).add({
    visit(node: IConstruct) {
      if (node !== cfnGroup) return;
      const stack = Stack.of(cfnGroup);
      const rules = asArray(stack.resolve(cfnGroup.securityGroupIngress)) as Array<Record<string, unknown>>;
      const open = rules.filter((r) => [r.cidrIp, r.cidrIpv6].some((c) => typeof c === 'string' && c.endsWith('/0')));
      if (open.every((r) => r.ipProtocol === 'tcp' && r.fromPort === r.toPort && ports.includes(r.fromPort as number))) {
        acknowledge(cfnGroup, [[RULES.OPEN_INGRESS, reason]]);
      }
    },
  });
}
