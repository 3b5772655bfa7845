import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { EcrRepository } from '../../../lib/ecr';
import {
  EksCapacity, EksCluster, EksNamespace, EksUpgradePolicy, EksWorkload, EksWorkloadProps, KubernetesDelivery, WorkloadContainerProps, WorkloadExposure, WorkloadImage,
  WorkloadIamIdentity, WorkloadProbe, WorkloadSecretKey, WorkloadVolume,
} from '../../../lib/eks';
import { assemblyManifests, KubernetesObject, objectOf, schemaFindings } from '../../support/kubernetes';
import { irsaTrust } from '../../support/eks';
import { resourceTypes } from '../../support/template';
import { thrownMessage } from '../../support/thrown';

const ENV = { account: '123456789012', region: 'us-east-1' };

interface Built {
  readonly workload: EksWorkload;
  readonly objects: KubernetesObject[];
  readonly template: Template;
  readonly stack: Stack;
}

const web = (overrides: Partial<WorkloadContainerProps> = {}): WorkloadContainerProps => ({
  name: 'web',
  image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
  ports: [{ containerPort: 8080, name: 'http' }],
  ...overrides,
});

/** A workload `web` in namespace `shop` of an Auto Mode cluster (or the given capacity), synthesized. */
function build(overrides: Partial<EksWorkloadProps> = {}, capacity?: EksCapacity[]): Built {
  const stack = new Stack(new App(), 'Test', { env: ENV });
  const cluster = new EksCluster(stack, 'Platform', capacity ? { capacity } : {});
  const namespace = new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop' });
  const workload = new EksWorkload(stack, 'Web', { kubernetesNamespace: namespace, workloadName: 'web', containers: [web()], ...overrides });
  const manifests = assemblyManifests(stack);
  return { workload, objects: manifests[workload.manifestFile]!, template: Template.fromStack(stack), stack };
}

describe('EksWorkload defaults', () => {
  const { workload, objects, template } = build({ service: { port: 80 } });

  test('the manifest is written into the cloud assembly, one file per workload, in the cluster\'s folder', () => {
    expect(workload.manifestFile).toMatch(/^kubernetes\/TestPlatform[0-9A-F]{8}\/shop\/web\.yaml$/);
    expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
    for (const object of objects) {
      expect(object.metadata).toMatchObject({ name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'cdk-containers' } });
    }
  });

  test('every object is valid against the Kubernetes OpenAPI schema', () => {
    expect(schemaFindings(objects)).toEqual([]);
  });

  test('the Deployment runs 2 replicas, selects its pods by name and rolls without taking one down', () => {
    const spec = objectOf(objects, 'Deployment').spec;
    expect(spec.replicas).toBe(2);
    expect(spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web' } });
    expect(spec.template.metadata.labels['app.kubernetes.io/name']).toBe('web');
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
  });

  test('pods run hardened: non-root, read-only root, no escalation, capabilities dropped, seccomp, no token', () => {
    const pod = objectOf(objects, 'Deployment').spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe('web');
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] },
    });
    expect(pod.hostNetwork).toBeUndefined();
  });

  test('requests and limits are set, limits equal to requests (Guaranteed QoS)', () => {
    const container = objectOf(objects, 'Deployment').spec.template.spec.containers[0];
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } });
  });

  test('replicas are spread over zones and nodes, preferred and not required', () => {
    const constraints = objectOf(objects, 'Deployment').spec.template.spec.topologySpreadConstraints;
    expect(constraints.map((c: { topologyKey: string; whenUnsatisfiable: string; maxSkew: number }) => [c.topologyKey, c.whenUnsatisfiable, c.maxSkew])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', 1], ['kubernetes.io/hostname', 'ScheduleAnyway', 1],
    ]);
  });

  test('a disruption budget lets node drains take one pod at a time', () => {
    expect(objectOf(objects, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } });
  });

  test('the Service gives the pods a DNS name, in the cluster only', () => {
    expect(workload.dnsName).toBe('web.shop.svc.cluster.local');
    expect(objectOf(objects, 'Service').spec).toEqual({
      type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
  });

  test('no Lambda, no custom resource and no IAM role by default', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function'))).toEqual([]);
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    expect(Object.keys(template.findResources('AWS::EKS::PodIdentityAssociation'))).toEqual([]);
    expect(workload.role).toBeUndefined();
  });
});

describe('EksWorkload options', () => {
  test('two containers, probes, volumes, environment and secrets render field by field', () => {
    const { objects } = build({
      volumes: [WorkloadVolume.emptyDir('tmp', { sizeLimit: '64Mi' }), WorkloadVolume.secret('tls', 'web-tls')],
      containers: [
        web({
          environment: { LOG_LEVEL: 'info' },
          secretEnvironment: { DB_PASSWORD: WorkloadSecretKey.of('db', 'password') },
          readinessProbe: WorkloadProbe.httpGet('/ready', 8080),
          livenessProbe: WorkloadProbe.tcpSocket(8080),
          mounts: [{ volume: 'tmp', path: '/tmp' }, { volume: 'tls', path: '/etc/tls' }],
          cpu: '500m', memory: '1Gi', cpuLimit: '1', memoryLimit: '1Gi',
        }),
        { name: 'proxy', image: WorkloadImage.fromRegistry('public.ecr.aws/envoy/envoy:v1.31'), ports: [{ containerPort: 9901 }], runAsUser: 101,
          startupProbe: WorkloadProbe.exec(['/bin/true']) },
      ],
    });
    const pod = objectOf(objects, 'Deployment').spec.template.spec;
    expect(schemaFindings(objects)).toEqual([]);
    expect(pod.volumes).toEqual([
      { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'tls', secret: { secretName: 'web-tls', defaultMode: 0o400 } },
    ]);
    const [app, proxy] = pod.containers;
    expect(app.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }]);
    expect(app.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080 } });
    expect(app.livenessProbe).toEqual({ tcpSocket: { port: 8080 } });
    expect(app.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }, { name: 'tls', mountPath: '/etc/tls', readOnly: true }]);
    expect(app.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(proxy.securityContext.runAsUser).toBe(101);
    expect(proxy.startupProbe).toEqual({ exec: { command: ['/bin/true'] } });
  });

  test('autoscaling renders an autoscaling/v2 HPA on CPU (and memory) and leaves the replica count to it', () => {
    const { objects } = build({ autoscaling: { minReplicas: 3, maxReplicas: 10, memoryUtilizationPercent: 80 } });
    expect(objectOf(objects, 'Deployment').spec.replicas).toBeUndefined();
    const hpa = objectOf(objects, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 3,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
    expect(schemaFindings(objects)).toEqual([]);
  });

  test('an internal load balancer on Auto Mode uses EKS\'s own NLB class, with IP targets', () => {
    const { objects, stack } = build({ service: { port: 443, targetPort: 8080, exposure: WorkloadExposure.loadBalancer() } });
    const service = objectOf(objects, 'Service');
    expect(service.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internal', 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
    });
    expect(service.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'eks.amazonaws.com/nlb', ports: [{ port: 443, targetPort: 8080 }] });
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Load Balancer Controller'))).toEqual([]);
  });

  test('an internet-facing load balancer lets in only the given CIDRs; elsewhere than Auto Mode it warns about the controller', () => {
    const { objects, stack } = build({
      service: { port: 80, exposure: WorkloadExposure.loadBalancer({ internetFacing: true, allowFrom: ['203.0.113.0/24'] }) },
    }, [EksCapacity.nodeGroup()]);
    const service = objectOf(objects, 'Service');
    expect(service.metadata.annotations?.['service.beta.kubernetes.io/aws-load-balancer-scheme']).toBe('internet-facing');
    expect(service.spec).toMatchObject({ loadBalancerClass: 'service.k8s.aws/nlb', loadBalancerSourceRanges: ['203.0.113.0/24'] });
    expect(Annotations.fromStack(stack).findWarning('/Test/Web', Match.stringLikeRegexp('only the AWS Load Balancer Controller provides'))).toHaveLength(1);
  });

  test('an ECR image is referenced by URI and tag (or digest), and the cluster\'s pull roles may pull it', () => {
    const stack = new Stack(new App(), 'Test', { env: ENV });
    const cluster = new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup()] });
    const images = new EcrRepository(stack, 'Images', { repositoryName: 'shop/web' });
    const other = ecr.Repository.fromRepositoryName(stack, 'Other', 'shop/proxy');
    const namespace = new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop' });
    const digest = `sha256:${'a'.repeat(64)}`;
    const workload = new EksWorkload(stack, 'Web', {
      kubernetesNamespace: namespace, workloadName: 'web',
      containers: [web({ image: WorkloadImage.fromEcrRepository(images, '1.4.2') }), { name: 'proxy', image: WorkloadImage.fromEcrRepository(other, digest) }],
    });
    const containers = objectOf(assemblyManifests(stack)[workload.manifestFile]!, 'Deployment').spec.template.spec.containers;
    expect(containers[0].image).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2');
    expect(containers[1].image).toBe(`123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/proxy@${digest}`);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [stack.resolve(cluster.nodeGroupRole!.roleName)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['ecr:BatchGetImage']) })]) },
    });
  });

  test('an ECR repository of another account is pulled from that account\'s registry', () => {
    const stack = new Stack(new App(), 'Test', { env: ENV });
    const cluster = new EksCluster(stack, 'Platform');
    const shared = ecr.Repository.fromRepositoryArn(stack, 'Shared', 'arn:aws:ecr:eu-west-1:210987654321:repository/base/web');
    const workload = new EksWorkload(stack, 'Web', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web', containers: [web({ image: WorkloadImage.fromEcrRepository(shared, 'v1') })],
    });
    const image = objectOf(assemblyManifests(stack)[workload.manifestFile]!, 'Deployment').spec.template.spec.containers[0].image;
    expect(image).toBe('210987654321.dkr.ecr.eu-west-1.amazonaws.com/base/web:v1');
  });

  test('an ECR image in a stack without account and Region is refused: the manifest could not name it', () => {
    const stack = new Stack(new App(), 'Test');
    const cluster = new EksCluster(stack, 'Platform');
    const images = new EcrRepository(stack, 'Images', { repositoryName: 'shop/web' });
    expect(thrownMessage(() => new EksWorkload(stack, 'Web', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web', containers: [web({ image: WorkloadImage.fromEcrRepository(images, 'v1') })],
    }))).toMatch(/Test\/Web.*known at synth.*env: \{ account, region \}/s);
  });

  test('podIdentity gives the service account an IAM role through a Pod Identity association', () => {
    const { workload, template } = build({ podIdentity: true });
    expect(workload.role).toBeDefined();
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { Namespace: 'shop', ServiceAccount: 'web' });
  });

  test('iamIdentity POD_IDENTITY gives the service account an IAM role through a Pod Identity association, and no OIDC provider', () => {
    const { workload, objects, template } = build({ iamIdentity: WorkloadIamIdentity.POD_IDENTITY });
    expect(workload.role).toBeDefined();
    template.hasResourceProperties('AWS::EKS::PodIdentityAssociation', { Namespace: 'shop', ServiceAccount: 'web' });
    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(objectOf(objects, 'ServiceAccount').metadata.annotations).toBeUndefined();
  });

  test('iamIdentity IRSA: the ServiceAccount names the role that trusts this service account only, on Fargate too', () => {
    const { workload, objects, template, stack } = build({ iamIdentity: WorkloadIamIdentity.IRSA }, [EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] })]);
    template.resourceCountIs('AWS::EKS::PodIdentityAssociation', 0);
    const [role] = Object.values(template.findResources('AWS::IAM::Role', { Properties: { Description: 'IRSA for shop/web' } }));
    const roleName = role!.Properties.RoleName as string;
    expect(roleName).toMatch(/-us-east-1$/);
    expect(stack.resolve(workload.role!.roleArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^PlatformIrsashopwebRole/), 'Arn'] });
    const serviceAccount = objectOf(objects, 'ServiceAccount');
    expect(serviceAccount.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': `arn:aws:iam::123456789012:role/${roleName}` });
    expect(serviceAccount.automountServiceAccountToken).toBe(false);
    const issuer = 'oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF';
    expect(irsaTrust(template, 'IRSA for shop/web', issuer).Statement).toEqual([expect.objectContaining({
      Principal: { Federated: `arn:aws:iam::123456789012:oidc-provider/${issuer}` },
      Condition: { StringEquals: { [`${issuer}:aud`]: 'sts.amazonaws.com', [`${issuer}:sub`]: 'system:serviceaccount:shop:web' } },
    })]);
    expect(schemaFindings(objects)).toEqual([]);
  });

  test('a role ARN in a China Region names the aws-cn partition', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'cn-north-1' } });
    const cluster = new EksCluster(stack, 'Platform');
    const namespace = new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop' });
    const workload = new EksWorkload(stack, 'Web', { kubernetesNamespace: namespace, workloadName: 'web', containers: [web()], iamIdentity: WorkloadIamIdentity.IRSA });
    const serviceAccount = objectOf(assemblyManifests(stack)[workload.manifestFile]!, 'ServiceAccount');
    expect(serviceAccount.metadata.annotations?.['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws-cn:iam::123456789012:role\/Test-Platform-Irsashopweb-[0-9A-F]{8}-cn-north-1$/);
  });

  test('kubectl delivery applies the chart through the kubectl provider, after the namespace', () => {
    const stack = new Stack(new App(), 'Test', { env: ENV });
    const kubectlLayer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Layer', 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1');
    const cluster = new EksCluster(stack, 'Platform', { kubectlProviderOptions: { kubectlLayer } });
    const namespace = new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop', delivery: KubernetesDelivery.KUBECTL });
    new EksWorkload(stack, 'Web', { kubernetesNamespace: namespace, workloadName: 'web', containers: [web()] });
    const manifests = Template.fromStack(stack).findResources('Custom::AWSCDK-EKS-KubernetesResource');
    const entries = Object.entries(manifests);
    expect(entries).toHaveLength(2);
    const workloadManifest = entries.find(([, r]) => JSON.stringify(r.Properties.Manifest).includes('Deployment'))!;
    const namespaceManifest = entries.find(([, r]) => !JSON.stringify(r.Properties.Manifest).includes('Deployment'))!;
    expect(workloadManifest[1].DependsOn).toEqual(expect.arrayContaining([namespaceManifest[0]]));
  });
});

describe('EksWorkload bad input fails at synth with the path', () => {
  const cases: Array<[string, Partial<EksWorkloadProps>, RegExp]> = [
    ['a name that is not a DNS-1035 label', { workloadName: '1web' }, /workloadName.*DNS-1035/],
    ['no containers', { containers: [] }, /one or more containers/],
    ['two containers with one name', { containers: [web(), web({ ports: [] })] }, /unique in the pod/],
    ['a container name with capitals', { containers: [web({ name: 'Web' })] }, /DNS-1123 label/],
    ['a bad CPU quantity', { containers: [web({ cpu: '250 m' })] }, /cpu quantity/],
    ['a bad memory quantity', { containers: [web({ memory: '1gb' })] }, /memory quantity/],
    ['a request above its limit', { containers: [web({ cpu: '2', cpuLimit: '1' })] }, /cpuLimit.*at least the CPU request/],
    ['too little memory', { containers: [web({ memory: '1Mi' })] }, /at least 6Mi/],
    ['a port out of range', { containers: [web({ ports: [{ containerPort: 70000 }] })] }, /1 to 65535/],
    ['a port two containers listen on', { containers: [web(), web({ name: 'side' })] }, /share one network namespace/],
    ['a bad port name', { containers: [web({ ports: [{ containerPort: 80, name: 'HTTP' }] })] }, /IANA service name/],
    ['a probe on an undeclared port', { containers: [web({ readinessProbe: WorkloadProbe.httpGet('/ready', 9000) })] }, /readinessProbe port/],
    ['a probe path that is not absolute', { containers: [web({ readinessProbe: WorkloadProbe.httpGet('ready', 8080) })] }, /absolute path/],
    ['a mount of a volume that does not exist', { containers: [web({ mounts: [{ volume: 'tmp', path: '/tmp' }] })] }, /mounts\[0\] volume/],
    ['root', { containers: [web({ runAsUser: 0 })] }, /runAsUser/],
    ['an image reference with capitals in its path', { containers: [web({ image: WorkloadImage.fromRegistry('docker.io/Library/nginx:1') })] }, /image reference/],
    ['replicas with autoscaling', { replicas: 3, autoscaling: { maxReplicas: 5 } }, /autoscaler owns the replica count/],
    ['max below min replicas', { autoscaling: { minReplicas: 4, maxReplicas: 2 } }, /at least minReplicas/],
    ['a disruption budget of 0', { maxUnavailable: 0 }, /blocks node drains/],
    ['a Service target port no container has', { service: { port: 80, targetPort: 9000 } }, /declared container port/],
    ['an internet-facing load balancer without allowFrom', { service: { port: 80, exposure: WorkloadExposure.loadBalancer({ internetFacing: true }) } }, /one or more client CIDR/],
    ['an environment variable name with "="', { containers: [web({ environment: { 'A=B': 'y' } })] }, /environment variable name/],
    ['the managed-by label', { labels: { 'app.kubernetes.io/managed-by': 'helm' } }, /labels other than/],
  ];
  test.each(cases)('%s', (_name, overrides, message) => {
    const error = thrownMessage(() => build(overrides));
    expect(error).toMatch(message);
    expect(error).toContain('Test/Web');
  });

  test('Pod Identity for pods a Fargate profile selects is refused, IRSA named as the way', () => {
    const fargate = [EksCapacity.fargateProfile({ selectors: [{ namespace: 'shop' }] })];
    expect(thrownMessage(() => build({ iamIdentity: WorkloadIamIdentity.POD_IDENTITY }, fargate)))
      .toMatch(/^\[Test\/Web\] iamIdentity: got "WorkloadIamIdentity.POD_IDENTITY"; allowed: IRSA \(WorkloadIamIdentity.IRSA\) for pods a Fargate profile of the cluster selects\. Hint: .*Fargate runs no Pod Identity agent/);
    expect(thrownMessage(() => build({ podIdentity: true }, fargate))).toMatch(/^\[Test\/Web\] podIdentity: got true; allowed: IRSA/);
    // A profile for other pods leaves these on the node group.
    expect(() => build({ iamIdentity: WorkloadIamIdentity.POD_IDENTITY }, [EksCapacity.nodeGroup(), EksCapacity.fargateProfile({ selectors: [{ namespace: 'batch' }] })])).not.toThrow();
  });

  test('IRSA needs the account and Region at synth, podIdentity and iamIdentity are not set together', () => {
    const stack = new Stack(new App(), 'Test');
    const cluster = new EksCluster(stack, 'Platform');
    const namespace = new EksNamespace(stack, 'Shop', { cluster, namespaceName: 'shop' });
    expect(thrownMessage(() => new EksWorkload(stack, 'Web', { kubernetesNamespace: namespace, workloadName: 'web', containers: [web()], iamIdentity: WorkloadIamIdentity.IRSA })))
      .toMatch(/^\[Test\/Web\] iamIdentity: got "IRSA"; allowed: IRSA in a stack whose account and Region are known at synth\. Hint: .*env: \{ account, region \}/);
    expect(thrownMessage(() => build({ podIdentity: true, iamIdentity: WorkloadIamIdentity.IRSA })))
      .toMatch(/^\[Test\/Web\] podIdentity: got true; allowed: unset when iamIdentity is set/);
  });

  test('two workloads of one name in one namespace are refused; in two namespaces they are not', () => {
    const stack = new Stack(new App(), 'Test', { env: ENV });
    const cluster = new EksCluster(stack, 'Platform');
    const shop = EksNamespace.fromNamespaceName(cluster, 'shop');
    new EksWorkload(stack, 'Web', { kubernetesNamespace: shop, workloadName: 'web', containers: [web()] });
    new EksWorkload(stack, 'OtherWeb', { kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'other'), workloadName: 'web', containers: [web()] });
    expect(thrownMessage(() => new EksWorkload(stack, 'Web2', { kubernetesNamespace: shop, workloadName: 'web', containers: [web()] }))).toMatch(/Test\/Web2.*workloadName.*Test\/Web already renders/s);
  });

  test('an allow list that opens the load balancer to everyone is warned about, however it is written', () => {
    for (const cidr of ['0.0.0.0/0', '10.0.0.0/0', '::/0']) {
      const { stack } = build({ service: { port: 80, exposure: WorkloadExposure.loadBalancer({ internetFacing: true, allowFrom: [cidr] }) } });
      expect(Annotations.fromStack(stack).findWarning('/Test/Web', Match.stringLikeRegexp('anyone on the internet'))).toHaveLength(1);
    }
  });

  test('one replica is warned about, fixed or as the autoscaler\'s floor', () => {
    for (const overrides of [{ replicas: 1 }, { autoscaling: { minReplicas: 1, maxReplicas: 3 } }]) {
      const { stack } = build(overrides);
      expect(Annotations.fromStack(stack).findWarning('/Test/Web', Match.stringLikeRegexp('takes the workload down'))).toHaveLength(1);
    }
  });

  test('environment variable names follow the cluster version\'s rule (relaxed from Kubernetes 1.34)', () => {
    expect(() => build({ containers: [web({ environment: { '1_LEVEL': 'x' } })] })).not.toThrow();
    const stack = new Stack(new App(), 'Test', { env: ENV });
    const cluster = new EksCluster(stack, 'Platform', { version: eks.KubernetesVersion.V1_33, upgradePolicy: EksUpgradePolicy.EXTENDED });
    expect(thrownMessage(() => new EksWorkload(stack, 'Web', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web', containers: [web({ environment: { '1_LEVEL': 'x' } })],
    }))).toMatch(/before Kubernetes 1\.34/);
  });

  test('kubectl delivery on a cluster without a kubectl provider says how to get one', () => {
    expect(thrownMessage(() => build({ delivery: KubernetesDelivery.KUBECTL }))).toMatch(/namespace's delivery/);
    const stack = new Stack(new App(), 'Test', { env: ENV });
    const cluster = new EksCluster(stack, 'Platform');
    const namespace = EksNamespace.fromNamespaceName(cluster, 'shop');
    expect(thrownMessage(() => new EksWorkload(stack, 'Web', { kubernetesNamespace: namespace, workloadName: 'web', containers: [web()], delivery: KubernetesDelivery.KUBECTL })))
      .toMatch(/kubectlProviderOptions/);
  });
});
