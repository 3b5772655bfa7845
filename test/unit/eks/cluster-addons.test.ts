import { Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ValidationError } from '../../../lib/errors';
import { EksAddon, EksCapacity, EksCluster } from '../../../lib/eks';
import { clusterWithPodSubnets, mixedCapacityCluster, podIdentityTrust } from '../../support/eks';
import { newStack } from '../../support/stack';

describe('EksCluster add-ons', () => {
  let stack: Stack;
  let template: Template;

  beforeAll(() => {
    // GIVEN
    stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.nodeGroup()],
      addons: [
        EksAddon.vpcCni({ version: 'v1.20.4-eksbuild.2', configurationValues: { env: { ENABLE_PREFIX_DELEGATION: 'true' } } }),
        EksAddon.podIdentityAgent({ version: 'v1.3.8-eksbuild.2' }),
        EksAddon.ebsCsiDriver(),
        EksAddon.of('snapshot-controller'),
      ],
    });
    template = Template.fromStack(stack);
  });

  test('node groups bring the four core add-ons, plus the requested ones', () => {
    const names = Object.values(template.findResources('AWS::EKS::Addon')).map((r) => r.Properties.AddonName).sort();
    expect(names).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'snapshot-controller', 'vpc-cni']);
  });

  test('versions and configuration are passed through', () => {
    template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'vpc-cni',
      AddonVersion: 'v1.20.4-eksbuild.2',
      ConfigurationValues: JSON.stringify({ env: { ENABLE_PREFIX_DELEGATION: 'true' } }),
    });
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'eks-pod-identity-agent', AddonVersion: 'v1.3.8-eksbuild.2' });
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'coredns', AddonVersion: Match.absent() });
  });

  test('the EBS CSI driver gets its IAM role through Pod Identity', () => {
    template.hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'aws-ebs-csi-driver',
      PodIdentityAssociations: [{ ServiceAccount: 'ebs-csi-controller-sa', RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('aws-ebs-csi-driverRole|awsebscsidriverRole'), 'Arn'] } }],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'pods.eks.amazonaws.com' } })] },
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy']] }],
    });
  });

  test('the add-on role trusts Pod Identity for this account and this cluster\'s pods only, with session tags', () => {
    const { actual, expected } = podIdentityTrust(template, 'EKS add-on aws-ebs-csi-driver (service account ebs-csi-controller-sa)');
    expect(actual).toEqual(expected);
  });

  test('nodes wait for VPC CNI and kube-proxy; CoreDNS waits for the nodes', () => {
    const addons = template.findResources('AWS::EKS::Addon');
    const idOf = (name: string) => Object.entries(addons).find(([, r]) => r.Properties.AddonName === name)![0];
    const nodegroup = Object.values(template.findResources('AWS::EKS::Nodegroup'))[0];
    expect(nodegroup.DependsOn).toEqual(expect.arrayContaining([idOf('vpc-cni'), idOf('kube-proxy')]));
    const nodegroupId = Object.keys(template.findResources('AWS::EKS::Nodegroup'))[0];
    expect(addons[idOf('coredns')].DependsOn).toEqual(expect.arrayContaining([nodegroupId]));
  });
});

describe('EksCluster with Auto Mode and explicit core add-ons', () => {
  test('warns that Auto Mode already runs them', () => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform', { addons: [EksAddon.coreDns()] });
    // THEN
    Template.fromStack(stack).resourceCountIs('AWS::EKS::Addon', 1);
    Annotations.fromStack(stack).hasWarning('/Test/Platform', Match.stringLikeRegexp('Auto Mode already runs coredns'));
  });
});

describe('EksCluster add-ons with Auto Mode alone', () => {
  let template: Template;

  beforeAll(() => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN
    new EksCluster(stack, 'Platform');
    template = Template.fromStack(stack);
  });

  test('no add-ons with Auto Mode alone: Auto Mode runs VPC CNI, kube-proxy, CoreDNS and the Pod Identity agent itself', () => {
    template.resourceCountIs('AWS::EKS::Addon', 0);
  });
});

describe('EksCluster add-ons on a Fargate-only cluster', () => {
  let template: Template;

  beforeAll(() => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN
    const platform = new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }, { namespace: 'batch-*', labels: { 'compute': 'fargate' } }] })],
    });
    platform.addPodIdentity('Worker', { serviceAccountNamespace: 'batch-a', serviceAccount: 'worker' });
    template = Template.fromStack(stack);
  });

  test('on a Fargate-only cluster CoreDNS is configured for Fargate and waits for the profile', () => {
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'coredns', ConfigurationValues: JSON.stringify({ computeType: 'Fargate' }) });
    template.hasResource('AWS::EKS::Addon', { Properties: Match.objectLike({ AddonName: 'coredns' }), DependsOn: [Match.stringLikeRegexp('^PlatformFargateProfile')] });
  });
});

describe('EksCluster add-ons with Auto Mode, node groups and Fargate profiles', () => {
  let template: Template;

  beforeAll(() => {
    // GIVEN / WHEN
    ({ template } = mixedCapacityCluster());
  });

  test('node groups outside Auto Mode bring the core add-ons, CoreDNS runs on EC2 nodes', () => {
    template.resourceCountIs('AWS::EKS::Addon', 4);
    template.hasResourceProperties('AWS::EKS::Addon', { AddonName: 'coredns', ConfigurationValues: Match.absent() });
  });
});

describe('EksCluster.addon after construction', () => {
  let platform: EksCluster;

  beforeAll(() => {
    // GIVEN: a node group cluster on a network with two private subnet groups
    const stack = newStack('Test');
    platform = clusterWithPodSubnets(stack);
    // WHEN
    platform.addFargateProfile('Jobs', { selectors: [{ namespace: 'jobs' }], subnets: { subnetGroupName: 'Pods' } });
  });

  test('addon(name) returns the cluster\'s add-ons by name, and undefined for one it lacks', () => {
    for (const name of ['vpc-cni', 'coredns', 'kube-proxy', 'eks-pod-identity-agent']) {
      const addon = platform.addon(name);
      expect(addon).toBeDefined();
      expect((addon!.node.defaultChild as eks.CfnAddon).addonName).toBe(name);
    }
    expect(platform.addon('aws-ebs-csi-driver')).toBeUndefined();
  });
});

describe('EksCluster add-ons bad input', () => {
  const cases: Array<[string, (scope: Stack) => void, RegExp]> = [
    ['add-on version in the wrong format', (s) => new EksCluster(s, 'Platform', { addons: [EksAddon.vpcCni({ version: '1.20' })] }),
      /^\[Test\/Platform\] addons version \(vpc-cni\): got "1\.20"; allowed: an add-on version such as/],
    ['add-on name with capitals', (s) => new EksCluster(s, 'Platform', { addons: [EksAddon.of('My-Addon')] }),
      /^\[Test\/Platform\] addons name: got "My-Addon"; allowed: an EKS add-on name/],
    ['same add-on twice', (s) => new EksCluster(s, 'Platform', { addons: [EksAddon.coreDns(), EksAddon.coreDns()] }),
      /^\[Test\/Platform\] addons: got "coredns"; allowed: each add-on name once/],
  ];

  test.each(cases)('%s', (_name, build, message) => {
    // GIVEN
    const stack = newStack('Test');
    // WHEN / THEN
    expect(() => build(stack)).toThrow(ValidationError);
    expect(() => build(newStack('Test'))).toThrow(message);
  });
});

describe('EksCluster add-on IAM through Pod Identity', () => {
  /** The add-on's Pod Identity associations, each with the managed policies and inline statements of its role. */
  const identitiesOf = (template: Template, name: string) => {
    const [addon] = Object.values(template.findResources('AWS::EKS::Addon', { Properties: { AddonName: name } }));
    const roles = template.findResources('AWS::IAM::Role');
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));
    return (addon.Properties.PodIdentityAssociations as { ServiceAccount: string; RoleArn: { 'Fn::GetAtt': [string, string] } }[]).map((a) => {
      const roleId = a.RoleArn['Fn::GetAtt'][0];
      return {
        serviceAccount: a.ServiceAccount,
        managedPolicies: (roles[roleId].Properties.ManagedPolicyArns ?? []).map((arn: { 'Fn::Join': [string, unknown[]] }) => String(arn['Fn::Join'][1][2]).replace(':iam::aws:policy/', '')),
        statements: policies.filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }])).flatMap((p) => p.Properties.PolicyDocument.Statement),
      };
    });
  };

  test.each<[string, EksAddon, string, string[]]>([
    ['EBS CSI driver', EksAddon.ebsCsiDriver(), 'ebs-csi-controller-sa', ['service-role/AmazonEBSCSIDriverPolicy']],
    ['EFS CSI driver', EksAddon.efsCsiDriver(), 'efs-csi-controller-sa', ['service-role/AmazonEFSCSIDriverPolicy']],
    ['CloudWatch Observability', EksAddon.cloudWatchObservability(), 'cloudwatch-agent', ['CloudWatchAgentServerPolicy', 'AWSXrayWriteOnlyAccess']],
    ['Mountpoint for S3 CSI driver', EksAddon.mountpointS3CsiDriver(), 's3-csi-driver-sa', []],
  ])('the typed %s gets its documented service account\'s role', (_name, addon, serviceAccount, managedPolicies) => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { addons: [addon] });
    const template = Template.fromStack(stack);
    expect(identitiesOf(template, addon.name)).toEqual([{ serviceAccount, managedPolicies, statements: [] }]);
    const { actual, expected } = podIdentityTrust(template, `EKS add-on ${addon.name} (service account ${serviceAccount})`);
    expect(actual).toEqual(expected);
  });

  test.each<[string, EksAddon]>([
    ['metrics-server', EksAddon.metricsServer()],
    ['snapshot-controller', EksAddon.snapshotController()],
  ])('the typed %s needs no role', (name, addon) => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { addons: [addon] });
    const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::EKS::Addon'));
    expect(resource.Properties).toMatchObject({ AddonName: name });
    expect(resource.Properties.PodIdentityAssociations).toBeUndefined();
    expect(addon.podIdentities).toEqual([]);
  });

  test('any add-on gets roles for its service accounts: managed policies, inline statements, and grants through addonRole', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform', {
      addons: [
        EksAddon.of('aws-network-flow-monitoring-agent', {
          podIdentities: [{ serviceAccount: 'aws-network-flow-monitor-agent-service-account', managedPolicies: ['CloudWatchNetworkFlowMonitorAgentPublishPolicy'] }],
        }),
        EksAddon.of('external-dns', {
          podIdentities: [{
            serviceAccount: 'external-dns',
            managedPolicies: [],
            policyStatements: [new iam.PolicyStatement({ actions: ['route53:ChangeResourceRecordSets'], resources: ['arn:aws:route53:::hostedzone/Z123'] })],
          }],
        }),
        EksAddon.mountpointS3CsiDriver(),
      ],
    });
    const bucket = new s3.Bucket(stack, 'Data');
    bucket.grantRead(platform.addonRole('aws-mountpoint-s3-csi-driver', 's3-csi-driver-sa')!);
    const template = Template.fromStack(stack);
    expect(identitiesOf(template, 'aws-network-flow-monitoring-agent')).toEqual([
      { serviceAccount: 'aws-network-flow-monitor-agent-service-account', managedPolicies: ['CloudWatchNetworkFlowMonitorAgentPublishPolicy'], statements: [] },
    ]);
    expect(identitiesOf(template, 'external-dns')).toEqual([{
      serviceAccount: 'external-dns', managedPolicies: [],
      statements: [{ Action: 'route53:ChangeResourceRecordSets', Effect: 'Allow', Resource: 'arn:aws:route53:::hostedzone/Z123' }],
    }]);
    expect(identitiesOf(template, 'aws-mountpoint-s3-csi-driver')[0]!.statements).toEqual([
      expect.objectContaining({ Action: expect.arrayContaining(['s3:GetObject*', 's3:List*']) }),
    ]);
    expect(platform.addonRole('external-dns', 'other')).toBeUndefined();
    expect(platform.addonRole('not-installed', 'external-dns')).toBeUndefined();
  });

  test('a typed add-on takes more service accounts; its first role keeps its construct id', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform', {
      addons: [EksAddon.cloudWatchObservability({ podIdentities: [{ serviceAccount: 'fluent-bit', managedPolicies: ['CloudWatchAgentServerPolicy'] }] })],
    });
    expect(identitiesOf(Template.fromStack(stack), 'amazon-cloudwatch-observability').map((i) => i.serviceAccount)).toEqual(['cloudwatch-agent', 'fluent-bit']);
    expect(platform.addonRole('amazon-cloudwatch-observability', 'cloudwatch-agent')!.node.path).toBe('Test/Platform/Addons/amazon-cloudwatch-observability/Role');
    expect(platform.addonRole('amazon-cloudwatch-observability', 'fluent-bit')!.node.path).toBe('Test/Platform/Addons/amazon-cloudwatch-observability/Role-fluent-bit');
  });

  test('only the managed policies an add-on\'s documentation names are acknowledged for AwsSolutions-IAM4; the user\'s stay visible', () => {
    const stack = newStack('Test');
    const platform = new EksCluster(stack, 'Platform', {
      addons: [EksAddon.cloudWatchObservability({ podIdentities: [{ serviceAccount: 'fluent-bit', managedPolicies: ['AdministratorAccess'] }] })],
    });
    const suppressions = (sa: string) => platform.addonRole('amazon-cloudwatch-observability', sa)!.node.defaultChild!.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap((m) => Object.keys(m.data as object));
    expect(suppressions('cloudwatch-agent')).toEqual([
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/CloudWatchAgentServerPolicy]',
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSXrayWriteOnlyAccess]',
    ]);
    expect(suppressions('fluent-bit')).toEqual([]);
  });

  test('Pod Identity does not reach Fargate: add-ons with roles on a Fargate-only cluster are warned about', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', {
      capacity: [EksCapacity.fargateProfile({ selectors: [{ namespace: 'kube-system' }, { namespace: 'amazon-cloudwatch' }] })],
      addons: [EksAddon.cloudWatchObservability(), EksAddon.metricsServer()],
    });
    expect(Annotations.fromStack(stack).findWarning('/Test/Platform', Match.stringLikeRegexp('Pod Identity')).map((w) => w.entry.data)).toEqual([
      expect.stringMatching(/^Add-ons amazon-cloudwatch-observability get their IAM roles through EKS Pod Identity, which does not reach pods on Fargate/),
    ]);
  });

  test.each<[string, EksAddon, RegExp]>([
    ['a service account name Kubernetes refuses', EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'External_DNS', managedPolicies: [] }] }),
      /^\[Test\/Platform\] addons podIdentities \(external-dns\) serviceAccount: got "External_DNS"; allowed: a Kubernetes service account name/],
    ['a service account twice', EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'dns', managedPolicies: [] }, { serviceAccount: 'dns', managedPolicies: [] }] }),
      /^\[Test\/Platform\] addons podIdentities \(external-dns\) serviceAccount: got "dns"; allowed: each service account of an add-on once\. Hint: merge the entries/],
    ['the typed add-on\'s own service account again', EksAddon.ebsCsiDriver({ podIdentities: [{ serviceAccount: 'ebs-csi-controller-sa', managedPolicies: ['AmazonEC2FullAccess'] }] }),
      /allowed: each service account of an add-on once\. Hint: the typed add-on already gives this service account its documented role: grant more to cluster\.addonRole/],
    ['a managed policy ARN', EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'dns', managedPolicies: ['arn:aws:iam::aws:policy/AmazonRoute53FullAccess'] }] }),
      /^\[Test\/Platform\] addons podIdentities \(external-dns\) managedPolicies: got "arn:aws:iam::aws:policy\/AmazonRoute53FullAccess"; allowed: an AWS managed policy name.*Hint: give the name, not the ARN/],
    ['a managed policy name with a space', EksAddon.of('external-dns', { podIdentities: [{ serviceAccount: 'dns', managedPolicies: ['Route53 Full'] }] }),
      /managedPolicies: got "Route53 Full"; allowed: an AWS managed policy name/],
  ])('%s fails at synth', (_name, addon, message) => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { addons: [addon] })).toThrow(ValidationError);
    expect(() => new EksCluster(newStack('Test'), 'Platform', { addons: [addon] })).toThrow(message);
  });
});

describe('EksCluster kube-proxy version skew', () => {
  const build = (version: string, clusterVersion = eks.KubernetesVersion.V1_37) => (stack: Stack) =>
    new EksCluster(stack, 'Platform', { version: clusterVersion, capacity: [EksCapacity.nodeGroup()], addons: [EksAddon.kubeProxy({ version })] });

  test('a kube-proxy for the cluster\'s version passes without a warning', () => {
    const stack = newStack('Test');
    build('v1.37.1-eksbuild.2')(stack);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('kube-proxy'))).toEqual([]);
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Addon', { AddonName: 'kube-proxy', AddonVersion: 'v1.37.1-eksbuild.2' });
  });

  test('an older kube-proxy (up to three minor versions) is a warning: a pinned add-on is not upgraded with the cluster', () => {
    const stack = newStack('Test');
    build('v1.34.0-eksbuild.1')(stack);
    expect(Annotations.fromStack(stack).findWarning('/Test/Platform', Match.stringLikeRegexp('kube-proxy')).map((w) => w.entry.data)).toEqual([
      'kube-proxy v1.34.0-eksbuild.1 was built for Kubernetes 1.34, older than the cluster\'s 1.37: pin the kube-proxy version for 1.37 '
      + '(aws eks describe-addon-versions --addon-name kube-proxy --kubernetes-version 1.37). [ack: cdk-containers:eks-kube-proxy-version-skew]',
    ]);
  });

  test.each<[string, string, RegExp]>([
    ['newer than the control plane', 'v1.38.0-eksbuild.1', /^\[Test\/Platform\] addons version \(kube-proxy\): got "v1\.38\.0-eksbuild\.1"; allowed: a kube-proxy for Kubernetes 1\.34 to 1\.37, the cluster's version.*Hint: kube-proxy may not be newer than the control plane/],
    ['four minor versions older', 'v1.33.5-eksbuild.2', /^\[Test\/Platform\] addons version \(kube-proxy\): got "v1\.33\.5-eksbuild\.2"; allowed: a kube-proxy for Kubernetes 1\.34 to 1\.37.*Hint: kube-proxy may be at most three minor versions older/],
  ])('a kube-proxy %s fails at synth', (_name, version, message) => {
    expect(() => build(version)(newStack('Test'))).toThrow(ValidationError);
    expect(() => build(version)(newStack('Test'))).toThrow(message);
  });

  test('other add-ons\' versions are not tied to the Kubernetes version', () => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { addons: [EksAddon.vpcCni({ version: 'v1.38.0-eksbuild.1' })] })).not.toThrow();
  });
});

describe('EksCluster add-on versions and configuration values', () => {
  test.each(['v1.20.4-eksbuild.2', 'v2.1.0', 'v0.4.6-rc.1-eksbuild.1'])('accepts the version %s', (version) => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { addons: [EksAddon.of('snapshot-controller', { version })] })).not.toThrow();
  });

  test.each(['1.20.4', 'v1.20', 'latest', 'v1.20.4-'])('rejects the version %j', (version) => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { addons: [EksAddon.of('snapshot-controller', { version })] }))
      .toThrow(/addons version \(snapshot-controller\): got/);
  });

  test.each<[string, Record<string, unknown>]>([
    ['NaN', { replicas: Number.NaN }],
    ['Infinity inside an array', { list: [1, Number.POSITIVE_INFINITY] }],
    ['a function', { hook: () => 1 }],
    ['undefined', { tolerations: undefined }],
    ['a Date', { at: new Date(0) }],
  ])('rejects configuration values JSON would change: %s', (_name, configurationValues) => {
    expect(() => new EksCluster(newStack('Test'), 'Platform', { addons: [EksAddon.of('snapshot-controller', { configurationValues })] }))
      .toThrow(/addons configurationValues \(snapshot-controller\): got .*; allowed: JSON values only/);
  });

  test('plain JSON configuration values reach the template', () => {
    const stack = newStack('Test');
    new EksCluster(stack, 'Platform', { addons: [EksAddon.of('snapshot-controller', { configurationValues: { replicas: 2, nested: { on: true, off: null } } })] });
    Template.fromStack(stack).hasResourceProperties('AWS::EKS::Addon', {
      AddonName: 'snapshot-controller',
      ConfigurationValues: JSON.stringify({ replicas: 2, nested: { on: true, off: null } }),
    });
  });
});
