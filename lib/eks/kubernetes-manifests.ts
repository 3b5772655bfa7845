import * as fs from 'fs';
import * as path from 'path';
import { Annotations, attachCustomSynthesis, Names } from 'aws-cdk-lib';
import type * as cdk8sModule from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../errors';
import { attachKubernetesObjects, KubernetesObjectJson } from '../private/kubernetes-objects';
import { EksCluster } from './cluster';
import { cdk8s } from './private/cdk8s';
import { describeFinding, KubernetesSchema, SchemaFinding } from './private/kubernetes-schema';
import { DroppedField, droppedFields } from './private/rendered-fields';
import { kubernetesMinor } from '../private/kubernetes-calendar';

/**
 * How the Kubernetes objects of an {@link EksWorkload} or {@link EksNamespace} reach the cluster.
 */
export enum KubernetesDelivery {
  /**
   * Written as YAML into the cloud assembly (`cdk.out/kubernetes/<cluster>/<namespace>/...`), for
   * Argo CD (the EKS capability) or a pipeline step to apply. No Lambda, no custom resource:
   * `cdk deploy` creates the AWS side (IAM, Pod Identity, image pull grants) only.
   */
  CLOUD_ASSEMBLY = 'CLOUD_ASSEMBLY',
  /**
   * Applied by CloudFormation through the cluster's kubectl provider (aws-eks-v2's `addCdk8sChart`):
   * a Lambda-backed custom resource, opt-in (the cluster needs `kubectlProviderOptions`). The
   * manifests are also written into the cloud assembly.
   */
  KUBECTL = 'KUBECTL',
}

/** The manifest files of each cluster, and the construct that writes each. */
const FILES = new WeakMap<EksCluster, Map<string, string>>();

/**
 * The Kubernetes objects of one construct (a part of `EksWorkload` and `EksNamespace`): a cdk8s
 * chart of its own, written at synth to `file` (relative to the cloud assembly) and, with
 * {@link KubernetesDelivery.KUBECTL}, applied through the cluster's kubectl provider. cdk8s's own
 * validation runs with the construct's, and its errors name the construct.
 */
export class KubernetesManifests {
  /** The chart the objects are created in. */
  public readonly chart: cdk8sModule.Chart;
  /** The YAML file in the cloud assembly, relative to its root. */
  public readonly file: string;
  private readonly owner: Construct;
  private readonly cluster: EksCluster;
  /** The objects as validated, written at synth without rendering them again. */
  private rendered?: KubernetesObjectJson[];

  /**
   * @param owner the construct the objects belong to: errors name it
   * @param file the YAML file, relative to the cluster's manifest directory
   * @param nameProperty the owner's property the file is named after, for the error on a second owner of the file
   */
  constructor(owner: Construct, cluster: EksCluster, file: string, nameProperty?: string) {
    this.owner = owner;
    this.cluster = cluster;
    this.file = path.posix.join(cluster.manifestDirectory, file);
    const files = FILES.get(cluster) ?? new Map<string, string>();
    FILES.set(cluster, files);
    const other = files.get(this.file);
    if (other !== undefined) {
      throw new ValidationError(owner, {
        property: nameProperty ?? (file.endsWith('/namespace.yaml') ? 'namespaceName' : 'workloadName'),
        value: file.replace(/\.yaml$/, ''),
        allowed: 'a name no other namespace or workload of the cluster has (in the same namespace)',
        hint: `${other} already renders ${this.file}: both would write the same Kubernetes objects`,
      });
    }
    files.set(this.file, owner.node.path);
    const lib = cdk8s();
    // One cdk8s app per owner: its objects are validated and rendered on their own, outside the CDK tree.
    this.chart = new lib.Chart(new lib.App(), Names.uniqueId(owner));
    owner.node.addValidation({ validate: () => this.validate() });
    attachKubernetesObjects(owner, () => this.chart.toJson() as KubernetesObjectJson[]);
    attachCustomSynthesis(owner, {
      onSynthesize: (session) => {
        const target = path.join(session.outdir, ...this.file.split('/'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, lib.Yaml.stringify(...(this.rendered ?? this.chart.toJson())));
      },
    });
  }

  /** The rendered objects (cdk8s's validation runs first). */
  public toJson(): unknown[] {
    return this.chart.toJson() as unknown[];
  }

  /**
   * Applies the objects through the cluster's kubectl provider (aws-eks-v2 `addCdk8sChart`), after
   * `dependsOn` (the namespace's manifest). The chart is read now: objects added to it later are
   * written into the cloud assembly but not applied.
   */
  public applyWithKubectl(cluster: EksCluster, id: string, dependsOn: Construct[]): Construct {
    if (cluster.cluster.kubectlProvider === undefined) {
      throw new ValidationError(this.owner, {
        property: 'delivery',
        value: KubernetesDelivery.KUBECTL,
        allowed: 'KubernetesDelivery.KUBECTL only on a cluster with a kubectl provider',
        hint: 'set kubectlProviderOptions on the EksCluster (a Lambda-backed provider), or keep the default KubernetesDelivery.CLOUD_ASSEMBLY and sync the manifests with Argo CD',
      });
    }
    const manifest = cluster.cluster.addCdk8sChart(id, this.chart);
    for (const dependency of dependsOn) manifest.node.addDependency(dependency);
    return manifest;
  }

  /** The fields patched into a typed cdk8s object (KubeDeployment, ...) that its rendering drops. */
  private droppedByCdk8s(): Array<{ object: KubernetesObjectJson; field: DroppedField }> {
    const { ApiObject } = cdk8s();
    const found: Array<{ object: KubernetesObjectJson; field: DroppedField }> = [];
    for (const child of this.chart.node.findAll()) {
      // Only the typed objects convert (and so can drop) fields; a plain ApiObject is written as patched.
      if (!(child instanceof ApiObject) || child.toJson === ApiObject.prototype.toJson) continue;
      const rendered = child.toJson() as KubernetesObjectJson;
      for (const field of droppedFields(ApiObject.prototype.toJson.call(child), rendered)) found.push({ object: rendered, field });
    }
    return found;
  }

  /**
   * cdk8s's validation, then every object against the OpenAPI schema of the cluster's Kubernetes
   * version, and the fields cdk8s would drop: a `ValidationError` on the owner for the first
   * problem, with every other one in its hint. Against a cluster newer than the newest schema the
   * package has, a field or kind that schema lacks may be new, so it is a warning there.
   */
  private validate(): string[] {
    let objects: KubernetesObjectJson[];
    try {
      objects = this.chart.toJson() as KubernetesObjectJson[];
    } catch (error) {
      return [`Kubernetes objects of ${this.owner.node.path} are not valid: ${(error as Error).message}`];
    }
    this.rendered = objects;
    const version = this.cluster.version.version;
    const minor = kubernetesMinor(version);
    const schema = KubernetesSchema.forMinor(minor);
    const exact = minor === schema.minor;
    // Each problem as a finding whose path starts with the object: `Deployment "shop/web" spec.replicas`.
    const problems: SchemaFinding[] = [];
    const warnings: string[] = [];
    for (const { object, field } of this.droppedByCdk8s()) {
      problems.push({
        path: `${subjectOf(object)} ${field.path}`,
        value: field.value,
        unknown: false,
        allowed: `a field cdk8s's Kube${String(object.kind)} knows, which leaves out the others (patch by cdk8s's names: hostPid for the API's hostPID; quantities and int-or-strings as { "value": ... })`,
      });
    }
    for (const object of objects) {
      for (const finding of schema.check(object).findings) {
        const found = { ...finding, path: `${subjectOf(object)} ${finding.path}` };
        if (finding.unknown && !exact && (minor === undefined || minor > schema.minor)) warnings.push(describeFinding(found));
        else problems.push(found);
      }
    }
    if (warnings.length > 0) {
      Annotations.of(this.owner).addWarningV2('cdk-containers:eks-kubernetes-schema-newer',
        `Kubernetes ${version} is newer than the newest OpenAPI schema this library has (1.${schema.minor}); these fields or kinds are not in 1.${schema.minor}, check that ${version} has them: ${warnings.join('; ')}`);
    }
    const [first, ...others] = problems;
    if (first === undefined) return [];
    const api = exact ? `Kubernetes ${version}` : `Kubernetes 1.${schema.minor} (the nearest version to ${version} whose API schema this library has)`;
    throw new ValidationError(this.owner, {
      property: `Kubernetes objects (${this.file}): ${first.path}`,
      value: first.value,
      allowed: first.allowed,
      hint: `checked against the API schema of ${api}. ${others.length > 0 ? `Also ${others.map(describeFinding).join('; ')}. ` : ''}Fix the props, or the patches and objects added to the chart (ApiObject.addJsonPatch), that produce them`,
    });
  }
}

/** `Deployment "shop/web"`: an object by its kind, namespace and name. */
function subjectOf(object: KubernetesObjectJson): string {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const name = [metadata.namespace, metadata.name].filter((part) => typeof part === 'string').join('/');
  return `${String(object.kind)} "${name}"`;
}
