import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { AutoModeNodePool, EksCapacity, EksCluster } from '../../lib/eks';
import { newStack } from './stack';
import { evaluate } from './template';

/** What {@link mixedCapacityCluster} builds and synthesizes. */
export interface MixedCapacityCluster {
  /** The stack `Test`. */
  readonly stack: Stack;
  /** The cluster `Platform`. */
  readonly platform: EksCluster;
  /** The stack's template. */
  readonly template: Template;
}

/**
 * A new stack `Test` (see {@link newStack}) with the cluster `Platform` using every kind of capacity
 * at once: Auto Mode with the system node pool, a node group `Gpu` (g5.xlarge, Amazon Linux 2023
 * NVIDIA), a Fargate profile `Batch` for the `batch` namespace, and a node group `Later` (desired
 * size 1) added after construction with `addNodeGroup`; synthesized.
 */
export function mixedCapacityCluster(): MixedCapacityCluster {
  const stack = newStack('Test');
  const platform = new EksCluster(stack, 'Platform', {
    capacity: [
      EksCapacity.autoMode({ nodePools: [AutoModeNodePool.SYSTEM] }),
      EksCapacity.nodeGroup({ id: 'Gpu', instanceTypes: [new ec2.InstanceType('g5.xlarge')], amiType: eks.NodegroupAmiType.AL2023_X86_64_NVIDIA }),
      EksCapacity.fargateProfile({ id: 'Batch', selectors: [{ namespace: 'batch' }] }),
    ],
  });
  platform.addNodeGroup('Later', { desiredSize: 1 });
  return { stack, platform, template: Template.fromStack(stack) };
}

/**
 * A node group cluster `Platform` on a VPC `Vpc` (2 AZs, 1 NAT gateway) with a public subnet group
 * and two private ones: `Nodes`, where the cluster and its default node group run, and `Pods`, left
 * free for a Fargate profile added after construction.
 */
export function clusterWithPodSubnets(stack: Stack): EksCluster {
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 1,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Nodes', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'Pods', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    ],
  });
  return new EksCluster(stack, 'Platform', { vpc, vpcSubnets: { subnetGroupName: 'Nodes' }, capacity: [EksCapacity.nodeGroup()] });
}

/**
 * The trust statements of the roles with the given description in the template, and the one a
 * Pod Identity role of the template's cluster must have: the EKS Pod Identity service with
 * session tags, for this account and that cluster's pods only.
 */
export function podIdentityTrust(template: Template, description: string): { actual: unknown[]; expected: unknown[] } {
  const clusterId = Object.keys(template.findResources('AWS::EKS::Cluster'))[0]!;
  const roles = template.findResources('AWS::IAM::Role', { Properties: { Description: description } });
  return {
    actual: Object.values(roles).map((r) => r.Properties.AssumeRolePolicyDocument.Statement),
    expected: [[{
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:RequestTag/eks-cluster-arn': { 'Fn::GetAtt': [clusterId, 'Arn'] } },
      },
    }]],
  };
}

/** An IRSA role's trust policy, as {@link irsaTrust} reads it. */
export interface IrsaTrustPolicy {
  readonly Version: string;
  readonly Statement: ReadonlyArray<{
    readonly Effect: string;
    readonly Principal: { readonly Federated: string };
    readonly Action: string;
    readonly Condition: { readonly StringEquals: Record<string, string> };
  }>;
}

/**
 * The trust policy IAM receives for the IRSA role with the given description: its JSON text as
 * CloudFormation joins it, with the template's OIDC provider resolving to an ARN of `issuer`
 * (`oidc.eks.<region>.amazonaws.com/id/<id>`, which EKS assigns at deploy), parsed.
 */
export function irsaTrust(template: Template, description: string, issuer: string, account = '123456789012'): IrsaTrustPolicy {
  const providers = Object.keys(template.findResources('AWS::IAM::OIDCProvider'));
  expect(providers).toHaveLength(1);
  const roles = Object.values(template.findResources('AWS::IAM::Role', { Properties: { Description: description } }));
  expect(roles).toHaveLength(1);
  const text = evaluate(roles[0]!.Properties.AssumeRolePolicyDocument, { [providers[0]!]: `arn:aws:iam::${account}:oidc-provider/${issuer}` });
  expect(typeof text).toBe('string');
  return JSON.parse(text as string);
}
