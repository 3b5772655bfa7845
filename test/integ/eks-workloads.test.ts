import { CloudFormationClient, DescribeStacksCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeRepositoriesCommand, ECRClient, Repository } from '@aws-sdk/client-ecr';
import {
  Cluster, DescribeCapabilityCommand, DescribeClusterCommand, DescribeNodegroupCommand, DescribePodIdentityAssociationCommand, EKSClient,
  ListCapabilitiesCommand, ListClustersCommand, ListNodegroupsCommand, ListPodIdentityAssociationsCommand, PodIdentityAssociation,
} from '@aws-sdk/client-eks';
import {
  GetOpenIDConnectProviderCommand, GetRoleCommand, GetRolePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand, ListOpenIDConnectProvidersCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as cdk8s from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { KubernetesObject, objectOf, schemaFindings } from '../support/kubernetes';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, PHASE_TIMEOUT, unexplained } from './harness/session';
import { CLUSTER_NAME, STACK, WORKLOADS } from './integ.eks-workloads';

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::KMS::Key ClusterNetworkFlowLogsKey77AAFA2E',
  'AWS::Logs::LogGroup ClusterNetworkFlowLogs839012C3',
  'AWS::KMS::Key ClusterSecretsKey462B29B5',
  'AWS::KMS::Key ClusterControlPlaneLogsKey0D2DDA5F',
  'AWS::ECR::Repository ImagesF8C4E866',
];

/** The ECR pull actions `grantPull` gives (`grantRepositoryRead` and `grantImagePull` both end there). */
const ECR_PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: { readonly Service?: string | string[]; readonly Federated?: string };
  readonly Condition?: Record<string, Record<string, string>>;
}

/** `x` or `[x]` as a sorted list (IAM documents hold either). */
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat().sort());

/** Every Kubernetes manifest in a cloud assembly directory (`kubernetes/**.yaml`), keyed by its path relative to the assembly. */
function manifestsIn(assembly: string): Record<string, KubernetesObject[]> {
  const result: Record<string, KubernetesObject[]> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) result[path.relative(assembly, full).split(path.sep).join('/')] = cdk8s.Yaml.load(full) as KubernetesObject[];
    }
  };
  walk(path.join(assembly, 'kubernetes'));
  return result;
}

describe('integ.eks-workloads: a workload with Pod Identity, one on Fargate with IRSA, and the Argo CD capability, then destroyed', () => {
  let session: IntegSession;
  let eks: EKSClient;
  let iam: IAMClient;
  let cluster: Cluster;
  let created: StackResourceSummary[] = [];
  let association: PodIdentityAssociation;

  /** The physical id of the one created resource of this type whose logical id starts with `prefix`. */
  const idOf = (type: string, prefix: string): string => {
    const found = created.filter((r) => r.ResourceType === type && r.LogicalResourceId!.startsWith(prefix));
    expect(found.map((r) => r.LogicalResourceId)).toHaveLength(1);
    return found[0]!.PhysicalResourceId!;
  };
  /** The role's trust statements. */
  const trustOf = async (roleName: string): Promise<Statement[]> => {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    return JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement as Statement[];
  };
  /** The statements of the role's inline policies (aws-cdk-lib's grants are `AWS::IAM::Policy` resources, which IAM lists as such). */
  const statementsOf = async (roleName: string): Promise<Statement[]> => {
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
    const documents = await Promise.all(names.map((p) => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: p }))));
    return documents.flatMap((d) => JSON.parse(decodeURIComponent(d.PolicyDocument!)).Statement as Statement[]);
  };
  const repository = async (repositoryName: string): Promise<Repository> =>
    (await new ECRClient(session.target.clientConfig).send(new DescribeRepositoriesCommand({ repositoryNames: [repositoryName] }))).repositories![0]!;
  const roleName = (arn: string): string => arn.split('/').pop()!;

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.eks-workloads.ts'));
    eks = new EKSClient(session.target.clientConfig);
    iam = new IAMClient(session.target.clientConfig);
    const accounts = await session.deploy([STACK]);
    expect(unexplained(accounts)).toEqual([]);
    created = accounts[0]!.created;
    // The emulator skips only known gaps (the add-ons, the default security group's SSM association): the
    // association and the capability are created in its EKS backend, so the reads below reach them.
    const skipped = accounts[0]!.skipped.map((s) => s.type);
    expect(skipped).not.toContain('AWS::EKS::PodIdentityAssociation');
    expect(skipped).not.toContain('AWS::EKS::Capability');
    cluster = (await eks.send(new DescribeClusterCommand({ name: CLUSTER_NAME }))).cluster!;
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('the Pod Identity association: namespace shop, service account web, the deployed role', async () => {
    const { associations } = await eks.send(new ListPodIdentityAssociationsCommand({
      clusterName: CLUSTER_NAME, namespace: WORKLOADS.namespace, serviceAccount: WORKLOADS.web.workloadName,
    }));
    expect(associations).toHaveLength(1);
    expect(associations![0]!.associationArn).toBe(idOf('AWS::EKS::PodIdentityAssociation', 'ClusterPodIdentityshopweb'));
    // No other association in the cluster: only the workload asked for one.
    expect((await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER_NAME }))).associations).toHaveLength(1);

    association = (await eks.send(new DescribePodIdentityAssociationCommand({
      clusterName: CLUSTER_NAME, associationId: associations![0]!.associationId,
    }))).association!;
    const role = idOf('AWS::IAM::Role', 'ClusterPodIdentityshopwebRole');
    expect(association).toMatchObject({
      clusterName: CLUSTER_NAME, namespace: WORKLOADS.namespace, serviceAccount: WORKLOADS.web.workloadName,
      roleArn: `arn:aws:iam::${cluster.arn!.split(':')[4]}:role/${role}`,
    });
    expect(association.targetRoleArn).toBeUndefined();
  }, PHASE_TIMEOUT.readBack);

  test('the pods\' role: trusted by EKS Pod Identity for this account and cluster only, allowed to read the parameter only', async () => {
    const role = roleName(association.roleArn!);
    const account = cluster.arn!.split(':')[4];
    expect(await trustOf(role)).toEqual([{
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Condition: { StringEquals: { 'aws:SourceAccount': account, 'aws:RequestTag/eks-cluster-arn': cluster.arn } },
    }]);
    const { Parameter } = await new SSMClient(session.target.clientConfig).send(new GetParameterCommand({ Name: WORKLOADS.parameterName }));
    expect((await statementsOf(role)).map((s) => [s.Effect, list(s.Action), list(s.Resource)])).toEqual([
      ['Allow', ['ssm:DescribeParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory', 'ssm:GetParameters'], [Parameter!.ARN]],
    ]);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies).toEqual([]);
  }, PHASE_TIMEOUT.readBack);

  test('IRSA for the Fargate pods: the cluster\'s OIDC provider, and a role it may assume for batch/reporter only', async () => {
    const issuer = cluster.identity!.oidc!.issuer!;
    expect(issuer).toMatch(/^https:\/\//);
    const providerArn = idOf('AWS::IAM::OIDCProvider', 'ClusterOidcProvider');
    const { OpenIDConnectProviderList } = await iam.send(new ListOpenIDConnectProvidersCommand({}));
    expect(OpenIDConnectProviderList!.map((p) => p.Arn)).toContain(providerArn);
    const provider = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }));
    const host = issuer.replace(/^https:\/\//, '');
    // IAM keeps the URL without its scheme; the provider's ARN ends with it.
    expect([provider.Url!.replace(/^https:\/\//, ''), provider.ClientIDList]).toEqual([host, ['sts.amazonaws.com']]);
    expect(providerArn).toBe(`arn:aws:iam::${cluster.arn!.split(':')[4]}:oidc-provider/${host}`);

    // CloudFormation joined the issuer into the condition keys at deploy.
    const role = idOf('AWS::IAM::Role', 'ClusterIrsabatchreporterRole');
    expect(await trustOf(role)).toEqual([{
      Effect: 'Allow',
      Principal: { Federated: providerArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com', [`${host}:sub`]: `system:serviceaccount:${WORKLOADS.batch.namespace}:${WORKLOADS.batch.workloadName}` } },
    }]);
    const { Parameter } = await new SSMClient(session.target.clientConfig).send(new GetParameterCommand({ Name: WORKLOADS.parameterName }));
    expect((await statementsOf(role)).map((s) => [s.Effect, list(s.Action), list(s.Resource)])).toEqual([
      ['Allow', ['ssm:DescribeParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory', 'ssm:GetParameters'], [Parameter!.ARN]],
    ]);
    // No Pod Identity association for it: only web has one (asserted above).
    const { associations } = await eks.send(new ListPodIdentityAssociationsCommand({ clusterName: CLUSTER_NAME, namespace: WORKLOADS.batch.namespace }));
    expect(associations).toEqual([]);

    // The ServiceAccount in the deployed cloud assembly names the role CloudFormation created.
    const manifests = manifestsIn(await session.cdk.synth());
    const file = Object.keys(manifests).find((f) => f.endsWith(`/${WORKLOADS.batch.namespace}/${WORKLOADS.batch.workloadName}.yaml`))!;
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: role }));
    expect(objectOf(manifests[file]!, 'ServiceAccount').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': Role!.Arn });
  }, PHASE_TIMEOUT.readBack);

  test('the Argo CD capability: type ARGOCD, its role, namespace, Identity Center, admins, deletion keeps what it deployed', async () => {
    const { capabilities } = await eks.send(new ListCapabilitiesCommand({ clusterName: CLUSTER_NAME }));
    const argo = capabilities!.filter((c) => c.type === 'ARGOCD');
    expect(argo).toHaveLength(1);
    expect(argo[0]).toMatchObject({ arn: idOf('AWS::EKS::Capability', 'ArgoCd') });
    const { capability } = await eks.send(new DescribeCapabilityCommand({ clusterName: CLUSTER_NAME, capabilityName: argo[0]!.capabilityName }));
    expect(capability).toMatchObject({
      clusterName: CLUSTER_NAME,
      type: 'ARGOCD',
      status: 'ACTIVE',
      roleArn: `arn:aws:iam::${cluster.arn!.split(':')[4]}:role/${idOf('AWS::IAM::Role', 'ArgoCdRole')}`,
      deletePropagationPolicy: 'RETAIN',
      configuration: {
        argoCd: {
          namespace: WORKLOADS.argoCdNamespace,
          // The app's defaults are the emulator's dummies; on a real account the context's (see integ.eks-workloads.ts).
          awsIdc: session.target.kind === 'aws'
            ? { idcInstanceArn: expect.stringMatching(/:sso:::instance\//), idcRegion: expect.any(String) }
            : { idcInstanceArn: WORKLOADS.dummyIdcInstanceArn, idcRegion: cluster.arn!.split(':')[3] },
          rbacRoleMappings: [{ role: 'ADMIN', identities: [{ type: 'SSO_GROUP', id: session.target.kind === 'aws' ? expect.any(String) : WORKLOADS.dummyAdminGroupId }] }],
        },
      },
    });
    expect(capability!.configuration!.argoCd!.serverUrl).toMatch(/^https:\/\/.+\.eks-capabilities\.[a-z0-9-]+\.amazonaws\.com$/);
    // Public UI and API (the library's default): no VPC endpoints.
    expect(capability!.configuration!.argoCd!.networkAccess?.vpceIds ?? []).toEqual([]);
  }, PHASE_TIMEOUT.readBack);

  test('ACK and kro capabilities next to Argo CD: each ACTIVE with its own role, RETAIN, no configuration', async () => {
    const { capabilities } = await eks.send(new ListCapabilitiesCommand({ clusterName: CLUSTER_NAME }));
    expect(capabilities!.map((c) => c.type).sort()).toEqual(['ACK', 'ARGOCD', 'KRO']);
    const account = cluster.arn!.split(':')[4];
    for (const [type, prefix] of [['ACK', 'Ack'], ['KRO', 'Kro']] as const) {
      const listed = capabilities!.find((c) => c.type === type)!;
      expect(listed.arn).toBe(idOf('AWS::EKS::Capability', prefix));
      const { capability } = await eks.send(new DescribeCapabilityCommand({ clusterName: CLUSTER_NAME, capabilityName: listed.capabilityName }));
      expect(capability).toMatchObject({
        clusterName: CLUSTER_NAME, type, status: 'ACTIVE', deletePropagationPolicy: 'RETAIN',
        roleArn: `arn:aws:iam::${account}:role/${idOf('AWS::IAM::Role', `${prefix}Role`)}`,
      });
      expect(capability!.configuration?.argoCd).toBeUndefined();
      expect(await trustOf(idOf('AWS::IAM::Role', `${prefix}Role`))).toEqual([{
        Effect: 'Allow', Principal: { Service: 'capabilities.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
      }]);
    }
  }, PHASE_TIMEOUT.readBack);

  test('the ACK role may manage the queues of its prefix only; the kro role holds no permission', async () => {
    const region = cluster.arn!.split(':')[3];
    const account = cluster.arn!.split(':')[4];
    expect((await statementsOf(idOf('AWS::IAM::Role', 'AckRole'))).map((s) => [s.Effect, list(s.Action), list(s.Resource)])).toEqual([
      ['Allow', ['sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:GetQueueAttributes', 'sqs:SetQueueAttributes', 'sqs:TagQueue'],
        [`arn:aws:sqs:${region}:${account}:${WORKLOADS.ackQueuePrefix}*`]],
    ]);
    expect(await statementsOf(idOf('AWS::IAM::Role', 'KroRole'))).toEqual([]);
    for (const role of ['AckRole', 'KroRole']) {
      expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: idOf('AWS::IAM::Role', role) }))).AttachedPolicies).toEqual([]);
    }
  }, PHASE_TIMEOUT.readBack);

  test('the capability role: trusted by the EKS capabilities service, allowed to read the manifests repository only', async () => {
    const role = idOf('AWS::IAM::Role', 'ArgoCdRole');
    expect(await trustOf(role)).toEqual([{
      Effect: 'Allow', Principal: { Service: 'capabilities.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'],
    }]);
    const manifests = await repository(WORKLOADS.manifestsRepositoryName);
    expect((await statementsOf(role)).map((s) => [s.Effect, list(s.Action), list(s.Resource)])).toEqual([
      ['Allow', ECR_PULL, [manifests.repositoryArn]],
      ['Allow', ['ecr:GetAuthorizationToken'], ['*']],
    ]);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies).toEqual([]);
  }, PHASE_TIMEOUT.readBack);

  test('the node role may pull the workload\'s images from the images repository', async () => {
    const names = (await eks.send(new ListNodegroupsCommand({ clusterName: CLUSTER_NAME }))).nodegroups!;
    expect(names).toHaveLength(1);
    const { nodegroup } = await eks.send(new DescribeNodegroupCommand({ clusterName: CLUSTER_NAME, nodegroupName: names[0] }));
    const role = roleName(nodegroup!.nodeRole!);
    expect(role).toBe(idOf('AWS::IAM::Role', 'ClusterNodeGroupRole'));
    const images = await repository(WORKLOADS.web.image.repositoryName);
    expect((await statementsOf(role)).map((s) => [s.Effect, list(s.Action), list(s.Resource)])).toEqual([
      ['Allow', ECR_PULL, [images.repositoryArn]],
      ['Allow', ['ecr:GetAuthorizationToken'], ['*']],
    ]);
  }, PHASE_TIMEOUT.readBack);

  // The Kubernetes side is checked statically: no Kubernetes API server can run here (no Docker, no
  // kube-apiserver), and with KubernetesDelivery.CLOUD_ASSEMBLY nothing applies the manifests at deploy
  // (Argo CD would sync them). What is read is the cloud assembly the CLI deployed (`cdk deploy --app <assembly>`).
  test('the manifests in the deployed cloud assembly: valid, the deployed image, the associated service account', async () => {
    const assembly = await session.cdk.synth();
    const manifests = manifestsIn(assembly);
    const files = Object.keys(manifests).sort();
    expect(files).toEqual([
      expect.stringMatching(/^kubernetes\/[A-Za-z0-9]+\/batch\/namespace\.yaml$/),
      expect.stringMatching(/^kubernetes\/[A-Za-z0-9]+\/batch\/reporter\.yaml$/),
      expect.stringMatching(/^kubernetes\/[A-Za-z0-9]+\/shop\/namespace\.yaml$/),
      expect.stringMatching(/^kubernetes\/[A-Za-z0-9]+\/shop\/web\.yaml$/),
    ]);
    expect(schemaFindings(Object.values(manifests).flat())).toEqual([]);
    files.splice(0, 2);

    const web = manifests[files[1]!]!;
    expect(web.map((o) => o.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    for (const object of web) expect([object.kind, object.metadata.namespace]).toEqual([object.kind, association.namespace]);
    expect(objectOf(manifests[files[0]!]!, 'Namespace').metadata.name).toBe(association.namespace);

    // The Deployment runs the image of the repository the stack deployed, with the app's tag.
    const images = await repository(WORKLOADS.web.image.repositoryName);
    const deployment = objectOf(web, 'Deployment');
    expect(deployment.spec.template.spec.containers.map((c: { name: string; image: string }) => [c.name, c.image])).toEqual([
      ['web', `${images.repositoryUri}:${WORKLOADS.web.image.tag}`],
      ['otel', WORKLOADS.web.sidecarImage],
    ]);
    // The restricted Pod Security Standard the namespace enforces: non-root, read-only root, nothing
    // escalated, every capability dropped, the runtime's seccomp profile; requests equal to limits.
    expect(objectOf(manifests[files[0]!]!, 'Namespace').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
    expect(deployment.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    for (const container of deployment.spec.template.spec.containers as Array<{ securityContext: unknown; resources: { requests: unknown; limits: unknown } }>) {
      expect(container.securityContext).toMatchObject({
        runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, privileged: false, capabilities: { drop: ['ALL'] },
      });
      expect(container.resources.limits).toEqual(container.resources.requests);
    }
    // The pods run as the service account the Pod Identity association names.
    const serviceAccount = objectOf(web, 'ServiceAccount');
    expect(serviceAccount.metadata.name).toBe(association.serviceAccount);
    expect(deployment.spec.template.spec.serviceAccountName).toBe(association.serviceAccount);
    // The autoscaler and the Service as the app set them.
    const { minReplicas, maxReplicas, cpuUtilizationPercent, memoryUtilizationPercent } = WORKLOADS.web.autoscaling;
    expect(objectOf(web, 'HorizontalPodAutoscaler').spec).toMatchObject({
      minReplicas, maxReplicas, scaleTargetRef: { kind: 'Deployment', name: deployment.metadata.name },
      metrics: [
        { resource: { name: 'cpu', target: { averageUtilization: cpuUtilizationPercent } } },
        { resource: { name: 'memory', target: { averageUtilization: memoryUtilizationPercent } } },
      ],
    });
    expect(deployment.spec.replicas).toBeUndefined();
    expect(objectOf(web, 'Service').spec).toMatchObject({
      type: 'ClusterIP', ports: [{ port: WORKLOADS.web.service.port, targetPort: WORKLOADS.web.service.targetPort }],
    });
  }, PHASE_TIMEOUT.readBack);

  test('destroy removes the cluster with its association and capability, the roles, the parameter and the manifests repository', async () => {
    const roles = [roleName(association.roleArn!), idOf('AWS::IAM::Role', 'ArgoCdRole'), idOf('AWS::IAM::Role', 'ClusterIrsabatchreporterRole')];
    const providerArn = idOf('AWS::IAM::OIDCProvider', 'ClusterOidcProvider');
    const report = await session.destroy([STACK]);
    const cfn = new CloudFormationClient(session.target.clientConfig);
    await expect(cfn.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(/does not exist/);
    expect((await eks.send(new ListClustersCommand({}))).clusters).not.toContain(CLUSTER_NAME);
    for (const role of roles) await expect(iam.send(new GetRoleCommand({ RoleName: role }))).rejects.toHaveProperty('name', 'NoSuchEntityException');
    expect((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList!.map((p) => p.Arn)).not.toContain(providerArn);
    // The account is as it was before the deploy, but for what the template retains (asserted, then
    // deleted): the images repository, the keys and the flow-log group; the manifests repository is gone.
    await expectCleanAccount(session, report, RETAINED);
  }, PHASE_TIMEOUT.destroy);
});
