import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { EksCluster, EksNamespace, EksWorkload, WorkloadContainerProps, WorkloadImage, WorkloadProbe, WorkloadSecretKey, WorkloadVolume } from '../../../lib/eks';
import { assemblyManifests, objectOf } from '../../support/kubernetes';
import { thrownMessage } from '../../support/thrown';

const nginx = WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

function render(containers: WorkloadContainerProps[], volumes: WorkloadVolume[] = [], region = 'us-east-1') {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region } });
  const cluster = new EksCluster(stack, 'Platform');
  const workload = new EksWorkload(stack, 'Web', { kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web', containers, volumes });
  const pod = objectOf(assemblyManifests(stack)[workload.manifestFile]!, 'Deployment').spec.template.spec;
  return { stack, pod, warnings: (text: string) => Annotations.fromStack(stack).findWarning('/Test/Web', Match.stringLikeRegexp(text)) };
}

describe('renderPod: what it checks and warns about', () => {
  test('quantities are written as given, after being checked', () => {
    const { pod } = render([{ name: 'web', image: nginx, cpu: '0.5', memory: '512M', cpuLimit: '1500m', memoryLimit: '1Gi' }]);
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '0.5', memory: '512M' }, limits: { cpu: '1500m', memory: '1Gi' } });
  });

  test('a memory quantity in millibytes is refused below 6Mi, and warned about above it (legal, but surely not meant)', () => {
    expect(thrownMessage(() => render([{ name: 'web', image: nginx, memory: '512m' }]))).toMatch(/at least 6Mi/);
    const { warnings } = render([{ name: 'web', image: nginx, memory: '7000000000m', memoryLimit: '8Mi' }]);
    expect(warnings('memory "7000000000m"')).toHaveLength(1);
  });

  test('image references follow the distribution grammar', () => {
    expect(thrownMessage(() => render([{ name: 'web', image: WorkloadImage.fromRegistry('example.com/a..b:1') }]))).toMatch(/image reference/);
    expect(thrownMessage(() => render([{ name: 'web', image: WorkloadImage.fromRegistry(`example.com/${'a'.repeat(250)}:1`) }]))).toMatch(/at most 255/);
    expect(() => render([{ name: 'web', image: WorkloadImage.fromRegistry('example.com/team__x/web-app--2:1') }])).not.toThrow();
  });

  test('an untagged image, a writable root filesystem and an unused volume are warned about', () => {
    const { warnings } = render([{ name: 'web', image: WorkloadImage.fromRegistry('public.ecr.aws/nginx/nginx'), readOnlyRootFilesystem: false }],
      [WorkloadVolume.emptyDir('cache')]);
    expect(warnings('has no tag or digest')).toHaveLength(1);
    expect(warnings('writable root filesystem')).toHaveLength(1);
    expect(warnings('Volumes no container mounts: cache')).toHaveLength(1);
  });

  test('a pinned image and a read-only root are not warned about', () => {
    const { warnings } = render([{ name: 'web', image: WorkloadImage.fromRegistry(`registry.example.com:5000/team/web@sha256:${'b'.repeat(64)}`) }]);
    expect(warnings('no tag or digest')).toEqual([]);
    expect(warnings('writable')).toEqual([]);
  });

  test('ECR registry hosts follow the partition of the repository\'s Region', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'cn-north-1' } });
    const cluster = new EksCluster(stack, 'Platform');
    const repository = ecr.Repository.fromRepositoryName(stack, 'Repo', 'shop/web');
    const workload = new EksWorkload(stack, 'Web', {
      kubernetesNamespace: EksNamespace.fromNamespaceName(cluster, 'shop'), workloadName: 'web',
      containers: [{ name: 'web', image: WorkloadImage.fromEcrRepository(repository, 'v1') }],
    });
    const image = objectOf(assemblyManifests(stack)[workload.manifestFile]!, 'Deployment').spec.template.spec.containers[0].image;
    expect(image).toBe('123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop/web:v1');
  });

  test.each([
    ['an ECR tag starting with a dot', { image: WorkloadImage.fromEcrRepository(ecr.Repository.fromRepositoryName(new Stack(), 'R', 'x'), '.v1') }, /tagOrDigest/],
    ['a probe period of 0', { ports: [{ containerPort: 80 }], livenessProbe: WorkloadProbe.tcpSocket(80, { period: Duration.seconds(0) }) }, /period.*1 or more/],
    ['a probe delay in milliseconds', { ports: [{ containerPort: 80 }], livenessProbe: WorkloadProbe.tcpSocket(80, { initialDelay: Duration.millis(1500) }) }, /whole seconds/],
    ['a failure threshold of 0', { ports: [{ containerPort: 80 }], livenessProbe: WorkloadProbe.tcpSocket(80, { failureThreshold: 0 }) }, /failureThreshold/],
    ['an empty exec probe', { startupProbe: WorkloadProbe.exec([]) }, /one or more literal, non-empty strings/],
    ['a mount at /', { mounts: [{ volume: 'tmp', path: '/' }] }, /absolute path other than/],
    ['a secret variable also in environment', { environment: { A: '1' }, secretEnvironment: { A: WorkloadSecretKey.of('s', 'k') } }, /not also in environment/],
    ['a token in environment', { environment: { A: new Stack().account } }, /literal string/],
    ['a memory limit below the request', { memory: '1Gi', memoryLimit: '512Mi' }, /memoryLimit.*at least the memory request/],
    ['a CPU of 0', { cpu: '0' }, /at least 1m/],
  ] as Array<[string, Partial<WorkloadContainerProps>, RegExp]>)('refuses %s', (_name, overrides, message) => {
    const error = thrownMessage(() => render([{ name: 'web', image: nginx, ...overrides }], [WorkloadVolume.emptyDir('tmp')]));
    expect(error).toMatch(message);
    expect(error).toContain('Test/Web');
  });
});
