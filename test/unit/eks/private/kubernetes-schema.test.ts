import * as fs from 'fs';
import * as path from 'path';
import { Lazy, Token } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { describeFinding, KubernetesSchema, schemaMinors } from '../../../../lib/eks/private/kubernetes-schema';

const FILE = path.join(__dirname, '..', '..', '..', '..', 'schemas', 'kubernetes-openapi.json');

interface Variant { minors: number[]; schema: string }
const file = JSON.parse(fs.readFileSync(FILE, 'utf8')) as { minors: number[]; kinds: Record<string, Array<{ name: string; minors: number[] }>>; definitions: Record<string, Variant[]> };

/** A Deployment the API takes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests reach into the object to break it
function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: 0.5, memory: '1G' } },
            securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
          }],
        },
      },
    },
  };
}

const schema33 = KubernetesSchema.forMinor(33);
const findings = (object: Record<string, unknown>, schema = schema33) => schema.check(object).findings.map(describeFinding);

describe('the shipped schema file (schemas/kubernetes-openapi.json, written by schemas/generate.mjs)', () => {
  test('has every minor version from the oldest EKS runs (1.32) up, without gaps', () => {
    const minors = schemaMinors();
    expect(minors[0]).toBe(32);
    expect(minors.length).toBeGreaterThanOrEqual(5);
    minors.forEach((minor, index) => expect(minor).toBe(32 + index));
  });

  test('every $ref of every version resolves to a definition of the same version', () => {
    const missing: string[] = [];
    for (const minor of file.minors) {
      const names = new Set(Object.entries(file.definitions).filter(([, variants]) => variants.some((v) => v.minors.includes(minor))).map(([name]) => name));
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (node !== null && typeof node === 'object') {
          for (const [key, value] of Object.entries(node)) {
            // A "$ref" that is not a string is a field of that name (JSONSchemaProps has one).
            if (key === '$ref' && typeof value === 'string' && !names.has(value)) missing.push(`1.${minor}: ${String(value)}`);
            else visit(value);
          }
        }
      };
      for (const [, variants] of Object.entries(file.definitions)) {
        const text = variants.find((v) => v.minors.includes(minor))?.schema;
        if (text !== undefined) visit(JSON.parse(text));
      }
    }
    expect(missing).toEqual([]);
  });

  test('each definition and each kind holds each version at most once; every kind names a definition of its version; the kinds the library renders are in every version', () => {
    for (const [name, variants] of Object.entries({ ...file.definitions, ...file.kinds })) {
      const minors = variants.flatMap((v) => v.minors);
      expect({ name, minors: new Set(minors).size }).toEqual({ name, minors: minors.length });
    }
    for (const [kind, entries] of Object.entries(file.kinds)) {
      for (const { name, minors } of entries) {
        for (const minor of minors) expect({ kind, minor, found: file.definitions[name]?.some((v) => v.minors.includes(minor)) }).toEqual({ kind, minor, found: true });
      }
    }
    for (const minor of file.minors) {
      const schema = KubernetesSchema.forMinor(minor);
      for (const [apiVersion, kind] of [['v1', 'Namespace'], ['v1', 'Service'], ['v1', 'ServiceAccount'], ['apps/v1', 'Deployment'], ['autoscaling/v2', 'HorizontalPodAutoscaler'], ['policy/v1', 'PodDisruptionBudget'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'], ['networking.k8s.io/v1', 'NetworkPolicy']]) {
        expect(schema.check({ apiVersion, kind }).findings.filter((f) => f.path === 'kind')).toEqual([]);
      }
    }
  });
});

describe('KubernetesSchema.forMinor picks the version, or the nearest the package has', () => {
  const minors = schemaMinors();
  const newest = minors[minors.length - 1];
  test.each([[32, 32], [33, 33], [31, 32], [newest + 3, newest], [undefined, newest]])('1.%s -> 1.%s', (asked, chosen) => {
    expect(KubernetesSchema.forMinor(asked).minor).toBe(chosen);
  });
  test('the same version answers the same set', () => {
    expect(KubernetesSchema.forMinor(33)).toBe(schema33);
  });
});

describe('KubernetesSchema.check', () => {
  test('an object the API takes has no findings', () => {
    expect(findings(deployment())).toEqual([]);
  });

  test('an unknown field is reported with its path; a near miss in case or spelling is named, and is not "unknown" (a newer version would not add it)', () => {
    const d = deployment();
    d.spec.template.spec.hostPid = true;
    d.spec.template.spec.containers[0].imagePullPolcy = 'Always';
    d.spec.template.spec.containers[0].sidecarMode = 'x';
    const result = schema33.check(d).findings;
    expect(result.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'spec.template.spec.containers[0].imagePullPolcy', value: 'Always', allowed: 'a field Container has in Kubernetes 1.33 (did you mean imagePullPolicy?)', unknown: false },
      { path: 'spec.template.spec.containers[0].sidecarMode', value: 'x', allowed: 'a field Container has in Kubernetes 1.33', unknown: true },
      { path: 'spec.template.spec.hostPid', value: true, allowed: 'a field PodSpec has in Kubernetes 1.33 (did you mean hostPID?)', unknown: false },
    ]);
  });

  test('wrong types, each with what the field takes', () => {
    const d = deployment();
    d.metadata.labels.tier = 1;
    d.spec.replicas = '2';
    d.spec.paused = 'yes';
    d.spec.template.spec.containers[0].ports = { containerPort: 80 };
    d.spec.template.spec.containers[0].resources.requests.cpu = true;
    d.spec.strategy.rollingUpdate.maxSurge = 1.5;
    d.spec.template.spec.securityContext = 'restricted';
    expect(findings(d).sort()).toEqual([
      'metadata.labels.tier: got 1; allowed: a string (quote it: "1")',
      'spec.paused: got "yes"; allowed: true or false',
      'spec.replicas: got "2"; allowed: an integer',
      'spec.strategy.rollingUpdate.maxSurge: got 1.5; allowed: a string or an integer',
      'spec.template.spec.containers[0].ports: got {"containerPort":80}; allowed: an array',
      'spec.template.spec.containers[0].resources.requests.cpu: got true; allowed: a string or a number',
      'spec.template.spec.securityContext: got "restricted"; allowed: an object',
    ].sort());
  });

  test('formats: 32-bit integers, integers, quantities, base64 data', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].ports[0].containerPort = 2 ** 31;
    d.spec.minReadySeconds = 1.5;
    d.spec.template.spec.containers[0].resources.limits.memory = '1 GiB';
    expect(findings(d).sort()).toEqual([
      'spec.minReadySeconds: got 1.5; allowed: an integer',
      'spec.template.spec.containers[0].ports[0].containerPort: got 2147483648; allowed: a 32-bit integer (-2147483648 to 2147483647)',
      'spec.template.spec.containers[0].resources.limits.memory: got "1 GiB"; allowed: a Kubernetes quantity such as "250m", "0.5", "512Mi" or "1G"',
    ]);
    expect(findings({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { ok: 'aGVsbG8=', plain: 'hello world' } })).toEqual([
      'data.plain: got "hello world"; allowed: base64-encoded text (a Secret\'s data; put plain text in stringData)',
    ]);
  });

  test('quantities in every notation the API takes pass', () => {
    for (const quantity of ['1', '0.5', '.5', '250m', '1k', '1Ki', '512Mi', '2Gi', '1G', '1e3', '1E-3', '+1', '100n', '1Ei']) {
      const d = deployment();
      d.spec.template.spec.containers[0].resources.limits.memory = quantity;
      expect({ quantity, findings: findings(d) }).toEqual({ quantity, findings: [] });
    }
  });

  test('required fields', () => {
    const d = deployment();
    delete d.spec.selector;
    delete d.spec.template.spec.containers[0].name;
    expect(findings(d)).toEqual(['spec.selector: got nothing; allowed: a value: DeploymentSpec requires selector', 'spec.template.spec.containers[0].name: got nothing; allowed: a value: Container requires name']);
  });

  test('enums (the kind of a typed object)', () => {
    expect(schema33.check({ apiVersion: 'v1', kind: 'Secret' }).findings).toEqual([]);
  });

  test('tokens and nulls pass: tokens resolve at deploy time, null is "not set" to the API server', () => {
    const d = deployment();
    d.metadata.annotations = { account: Token.asString(Lazy.string({ produce: () => '123456789012' })) };
    d.spec.replicas = Lazy.number({ produce: () => 3 });
    d.spec.template.spec.containers[0].ports[0].containerPort = Token.asNumber(Lazy.number({ produce: () => 8080 }));
    d.spec.paused = null;
    expect(findings(d)).toEqual([]);
  });

  test('objects the version does not serve: a removed API version, a kind with a typo, a version the group never had', () => {
    expect(schema33.check({ apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler' }).findings).toEqual([{
      path: 'kind', unknown: true, value: 'autoscaling/v2beta2 HorizontalPodAutoscaler',
      allowed: 'a kind Kubernetes 1.33 serves in autoscaling/v2beta2: it serves HorizontalPodAutoscaler as autoscaling/v1, autoscaling/v2',
    }]);
    expect(schema33.check({ apiVersion: 'apps/v1', kind: 'Deploymnet' }).findings).toEqual([{
      path: 'kind', unknown: false, value: 'apps/v1 Deploymnet',
      allowed: 'a kind Kubernetes 1.33 serves in apps/v1 (did you mean Deployment?)',
    }]);
    expect(findings({ apiVersion: 'apps/v2', kind: 'Widget' })).toEqual(['kind: got "apps/v2 Widget"; allowed: a version of the apps group Kubernetes 1.33 serves: v1']);
    expect(findings({ apiVersion: 'v2', kind: 'Pod' })).toEqual(['kind: got "v2 Pod"; allowed: a kind Kubernetes 1.33 serves in v2: it serves Pod as v1']);
    expect(findings({ kind: 'Deployment' })).toEqual(['apiVersion: got nothing; allowed: a string (every object has an apiVersion and a kind)']);
  });

  test('custom resources are not checked', () => {
    expect(schema33.check({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', spec: { anything: 1 } })).toEqual({ checked: false, findings: [] });
    expect(schema33.check(deployment()).checked).toBe(true);
  });

  test('at most ten findings per object', () => {
    const d = deployment();
    for (let i = 0; i < 20; i++) d.spec[`unknown${i}`] = i;
    expect(findings(d)).toHaveLength(10);
  });

  test('a field the schema of a later version added is unknown to an earlier one', () => {
    const minors = schemaMinors();
    // Find a PodSpec field the newest version has that the oldest lacks: there is at least one per release line.
    const podSpec = (minor: number) => Object.keys((JSON.parse(file.definitions['io.k8s.api.core.v1.PodSpec'].find((v) => v.minors.includes(minor))!.schema) as { properties: object }).properties);
    const added = podSpec(minors[minors.length - 1]).filter((field) => !podSpec(minors[0]).includes(field));
    expect(added.length).toBeGreaterThan(0);
    const spec: Record<string, unknown> = { containers: [{ name: 'c' }], [added[0]]: {} };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec };
    expect(KubernetesSchema.forMinor(minors[0]).check(pod).findings.map((f) => f.path)).toEqual([`spec.${added[0]}`]);
    expect(KubernetesSchema.forMinor(minors[minors.length - 1]).check(pod).findings.filter((f) => f.path === `spec.${added[0]}` && f.allowed.startsWith('a field'))).toEqual([]);
  });

  test('property: any string put where the API wants an integer is reported at that path, and only there', () => {
    const paths: Array<[string[], string]> = [
      [['spec', 'replicas'], 'spec.replicas'],
      [['spec', 'minReadySeconds'], 'spec.minReadySeconds'],
      [['spec', 'revisionHistoryLimit'], 'spec.revisionHistoryLimit'],
      [['spec', 'progressDeadlineSeconds'], 'spec.progressDeadlineSeconds'],
    ];
    fc.assert(fc.property(fc.constantFrom(...paths), fc.string(), ([keys, at], text) => {
      const d = deployment();
      d[keys[0]][keys[1]] = text;
      const result = findings(d);
      const shown = JSON.stringify(text).length > 80 ? `${JSON.stringify(text).slice(0, 77)}...` : JSON.stringify(text);
      return result.length === 1 && result[0] === `${at}: got ${shown}; allowed: an integer`;
    }));
  });
});
