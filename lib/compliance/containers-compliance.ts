import { AspectPriority, Aspects, CfnResource, IPolicyValidationPlugin, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { acknowledge } from '../private/acknowledge';
import { EksClusterChecks } from './eks-cluster-checks';
import { EksWorkloadChecks } from './eks-workload-checks';

/**
 * The library's compliance gate for your app, and exact acknowledgements for what you accept.
 *
 * `ContainersCompliance.addChecks(app, [...plugins])` adds the library's own checks
 * ({@link EksClusterChecks} for EKS clusters, {@link EksWorkloadChecks} for the Kubernetes objects
 * of EKS workloads and namespaces) and the validation plugins you give — cdk-nag's packs, the Control
 * Tower rules of `@cdklabs/cdk-validator-cfnguard` — so `cdk synth` fails on any finding nobody
 * acknowledged, as the library's own compliance tier does. The plugins are yours to install and
 * construct (this library does not depend on them): the README's Compliance section shows the
 * call with every cdk-nag pack and every Control Tower rule folder.
 *
 * `ContainersCompliance.acknowledge(resource, ids, reason)` accepts findings the way the library
 * does: on exactly one CloudFormation resource (never a construct and its children), each id as
 * the plugin reports it, with the reason recorded for the plugins and in the resource's template
 * metadata (`Metadata["cdk-containers"].acknowledged`), where tools that read the template — a
 * cfn-guard run in your pipeline, an auditor — find it.
 */
export class ContainersCompliance {
  /**
   * Adds the library's checks and the given validation plugins to an app or stage.
   *
   * @param scope the app (or a stage): validation plugins are registered there
   * @param plugins validation plugins to run at synthesis (cdk-nag packs, cfn-guard validators)
   */
  public static addChecks(scope: Stage, plugins: IPolicyValidationPlugin[] = []): void {
    if (!Stage.isStage(scope)) {
      throw new ValidationError(scope, { property: 'scope', value: (scope as IConstruct).node?.path, allowed: 'an App or a Stage (validation plugins are registered there)' });
    }
    Aspects.of(scope).add(new EksClusterChecks(), { priority: AspectPriority.READONLY });
    Aspects.of(scope).add(new EksWorkloadChecks(), { priority: AspectPriority.READONLY });
    if (plugins.length > 0) Validations.of(scope).addPlugins(...plugins);
  }

  /**
   * Acknowledges findings on exactly one CloudFormation resource, with the reason you accept them.
   *
   * @param resource the L1 resource the findings are on (`construct.node.defaultChild`, or the
   *                 `CfnResource` itself), never a construct holding several
   * @param ids each finding's id as the plugin reports it, `<plugin>::<rule>` (e.g.
   *            `NIST.800.53.R5::NIST.800.53.R5-IAMNoInlinePolicy`,
   *            `AwsSolutions::AwsSolutions-IAM5[Resource::*]`,
   *            `cdk-validator-cfnguard::s3_bucket_logging_enabled_check`)
   * @param reason why the findings are acceptable here: at least 10 characters
   */
  public static acknowledge(resource: CfnResource, ids: string[], reason: string): void {
    if (!CfnResource.isCfnResource(resource)) {
      throw new ValidationError(resource as IConstruct, {
        property: 'resource', value: (resource as IConstruct).node?.path, allowed: 'one CloudFormation resource (a CfnResource)',
        hint: 'pass construct.node.defaultChild: an acknowledgement on a construct would cover everything in it',
      });
    }
    if (ids.length === 0) {
      throw new ValidationError(resource, { property: 'ids', value: ids, allowed: 'one or more finding ids, <plugin>::<rule>' });
    }
    for (const id of ids) {
      if (typeof id !== 'string' || !/^[A-Za-z0-9.-]+::\S+$/.test(id)) {
        throw new ValidationError(resource, {
          property: 'ids', value: id, allowed: 'a finding id as the plugin reports it, <plugin>::<rule>',
          hint: 'e.g. "AwsSolutions::AwsSolutions-IAM5[Resource::*]" or "cdk-validator-cfnguard::s3_bucket_logging_enabled_check"',
        });
      }
    }
    if (typeof reason !== 'string' || reason.trim().length < 10) {
      throw new ValidationError(resource, { property: 'reason', value: reason, allowed: 'a reason of at least 10 characters saying why the finding is acceptable' });
    }
    acknowledge(resource, [[ids, reason]]);
  }
}
