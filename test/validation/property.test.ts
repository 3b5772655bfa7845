import { Duration, Stack, aws_ec2 as ec2, aws_ecs as ecs } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { ClusterCapacity, ContainerErrors, EcrLifecycle, EcrRepository, EcsCluster, EcsService, EcsTaskDefinition, EksCapacity, EksCluster, PlatformNetwork, TaskCompatibility } from '../../lib';
import { newStack } from '../support/stack';

/**
 * A property-based test of the promise behind the validation table: for generated props (valid and
 * invalid values mixed, boundaries included), a construct either throws a ValidationError, or
 * synthesizes a template that holds exactly the values given. Never another error (aws-cdk-lib's
 * own, a TypeError), never a value changed on the way.
 *
 * Seeded and bounded, so a failure reproduces: fast-check prints the seed, the path and the
 * shrunk counterexample.
 */

/** Seeded and bounded for CI; `PROPERTY_SEED` and `PROPERTY_RUNS` explore further (e.g. `PROPERTY_RUNS=5000`). */
const RUNS = { seed: Number(process.env.PROPERTY_SEED ?? 13), numRuns: Number(process.env.PROPERTY_RUNS ?? 150) };
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27');

/** A number near the boundaries that matter (given edges, one off either side) or anywhere in [min, max], fractions too. */
function number(edges: number[], min: number, max: number): fc.Arbitrary<number> {
  const edge = fc.constantFrom(...edges);
  return fc.oneof(edge, edge.map((e) => e - 1), edge.map((e) => e + 1), fc.integer({ min, max }), fc.double({ min, max, noNaN: true }));
}

/** A string of the given characters, short or around `maxLength` long. */
function text(chars: string, maxLength: number): fc.Arbitrary<string> {
  const unit = fc.constantFrom(...chars.split(''));
  return fc.oneof(fc.string({ unit, minLength: 0, maxLength: 12 }), fc.string({ unit, minLength: maxLength - 2, maxLength: maxLength + 2 }));
}

/** Mostly (9 in 10) a value from `valid`, else anything from `any`: so a fair share of whole inputs is valid. */
function mostly<T>(valid: fc.Arbitrary<T>, any: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: valid, weight: 9 }, { arbitrary: any, weight: 1 });
}

/** `arb` or nothing (the prop left out), one in four. */
function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 4 });
}

/**
 * Runs `build`; a thrown ValidationError ends the case (the input was refused), any other error
 * fails it. Otherwise `check` gets the synthesized template.
 */
/** How many cases of the current test were refused and how many reached the template. */
const tally = { refused: 0, kept: 0 };
beforeEach(() => {
  tally.refused = 0;
  tally.kept = 0;
});

/** Both outcomes must occur, in fair shares: a generator that only makes valid (or only bad) input tests half the promise. */
function expectBothOutcomes(): void {
  const total = tally.refused + tally.kept;
  expect(tally.refused).toBeGreaterThanOrEqual(total / 20);
  expect(tally.kept).toBeGreaterThanOrEqual(total / 4);
}

function refusedOrKept(build: (stack: Stack) => void, check: (template: Template) => void): void {
  const stack = newStack();
  let template: Template;
  try {
    build(stack);
    template = Template.fromStack(stack);
  } catch (e) {
    if (ContainerErrors.isValidationError(e)) {
      tally.refused++;
      return;
    }
    throw e;
  }
  tally.kept++;
  check(template);
}

/** The only resource of `type` in the template, with its properties. */
function only(template: Template, type: string): Record<string, unknown> {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return (found[0] as { Properties: Record<string, unknown> }).Properties;
}

describe('generated props: a ValidationError or exactly the values given', () => {
  test('EcsTaskDefinition: task size, storage, family, one container', () => {
    // Valid Fargate sizes (the ECS developer guide's table), or any numbers.
    const fargateSize = fc.constantFrom<[number, number]>([256, 512], [256, 2048], [512, 4096], [1024, 2048], [2048, 16384], [4096, 30720], [8192, 61440], [16384, 122880]);
    const size = mostly(fargateSize, fc.tuple(number([128, 256, 16384, 196608], -1, 200_000), number([6, 512, 122880], -1, 130_000)));
    const props = fc.record({
      compatibility: mostly(fc.constant(TaskCompatibility.FARGATE), fc.constantFrom(TaskCompatibility.EC2, TaskCompatibility.EC2_AND_FARGATE)),
      size,
      ephemeralStorageGiB: optional(mostly(fc.integer({ min: 21, max: 200 }), number([21, 200], 0, 300))),
      family: optional(mostly(text('abcXYZ019_-', 255).filter((f) => f.length >= 1 && f.length <= 255), text('abcXYZ019_-. /', 255))),
      containerCpu: optional(mostly(fc.integer({ min: 0, max: 256 }), number([0, 256, 1024], -1, 20_000))),
      containerMemory: optional(mostly(fc.integer({ min: 6, max: 512 }), number([6, 512, 2048], 0, 130_000))),
      containerPort: optional(mostly(fc.integer({ min: 1, max: 65535 }), number([1, 65535], -1, 70_000))),
      interval: optional(mostly(fc.integer({ min: 5, max: 300 }), number([5, 300], 0, 400))),
      retries: optional(mostly(fc.integer({ min: 1, max: 10 }), number([1, 10], 0, 12))),
    });
    fc.assert(fc.property(props, (p) => refusedOrKept(
      (stack) => new EcsTaskDefinition(stack, 'Task', {
        compatibility: p.compatibility, cpu: p.size[0], memoryMiB: p.size[1], ephemeralStorageGiB: p.ephemeralStorageGiB, family: p.family,
        networkMode: p.compatibility === TaskCompatibility.EC2 ? ecs.NetworkMode.BRIDGE : undefined,
        containers: [{
          name: 'web', image: IMAGE, cpu: p.containerCpu, memoryLimitMiB: p.containerMemory,
          portMappings: p.containerPort === undefined ? undefined : [{ containerPort: p.containerPort }],
          healthCheck: p.interval === undefined && p.retries === undefined ? undefined
            : { command: ['CMD-SHELL', 'true'], interval: p.interval === undefined ? undefined : Duration.seconds(p.interval), retries: p.retries },
        }],
      }),
      (template) => {
        const td = only(template, 'AWS::ECS::TaskDefinition');
        expect(td.Cpu).toBe(String(p.size[0]));
        expect(td.Memory).toBe(String(p.size[1]));
        // Without a family aws-cdk-lib names one from the construct path.
        if (p.family !== undefined) expect(td.Family).toBe(p.family);
        expect((td.EphemeralStorage as { SizeInGiB?: number } | undefined)?.SizeInGiB).toBe(p.ephemeralStorageGiB);
        const [c] = td.ContainerDefinitions as Array<Record<string, unknown>>;
        expect(c!.Cpu).toBe(p.containerCpu);
        // A lone container without a limit gets the task memory as its limit (documented default).
        expect(c!.Memory).toBe(p.containerMemory ?? p.size[1]);
        expect((c!.PortMappings as Array<{ ContainerPort: number }> | undefined)?.[0]?.ContainerPort).toBe(p.containerPort);
        const hc = c!.HealthCheck as { Interval?: number; Retries?: number } | undefined;
        if (p.interval !== undefined) expect(hc?.Interval).toBe(p.interval);
        if (p.retries !== undefined) expect(hc?.Retries).toBe(p.retries);
      },
    )), RUNS);
    expectBothOutcomes();
  });

  test('EcsService: desired count and deployment percentages', () => {
    const props = fc.record({
      desiredCount: optional(mostly(fc.integer({ min: 0, max: 5000 }), number([0, 5000], -1, 6000))),
      minHealthyPercent: optional(mostly(fc.integer({ min: 0, max: 100 }), number([0, 100], -1, 150))),
      maxHealthyPercent: optional(mostly(fc.integer({ min: 101, max: 400 }), number([100, 200, 400], 50, 500))),
    });
    fc.assert(fc.property(props, (p) => refusedOrKept(
      (stack) => {
        const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
        const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
        const taskDefinition = new EcsTaskDefinition(stack, 'Task', { containers: [{ name: 'web', image: IMAGE }] });
        new EcsService(stack, 'Web', { cluster, taskDefinition, ...p });
      },
      (template) => {
        const svc = only(template, 'AWS::ECS::Service');
        expect(svc.DesiredCount).toBe(p.desiredCount ?? 2);
        const deployment = svc.DeploymentConfiguration as { MinimumHealthyPercent?: number; MaximumPercent?: number };
        expect(deployment.MinimumHealthyPercent).toBe(p.minHealthyPercent ?? 100);
        expect(deployment.MaximumPercent).toBe(p.maxHealthyPercent ?? 200);
      },
    )), { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2.5) });
    expectBothOutcomes();
  });

  test('EcrRepository: name and lifecycle counts', () => {
    const props = fc.record({
      repositoryName: mostly(fc.stringMatching(/^[a-z0-9]{1,20}([._-][a-z0-9]{1,20}){0,3}(\/[a-z0-9]{1,20}([._-][a-z0-9]{1,20}){0,2}){0,2}$/), text('abz09._-/A ', 256)),
      keepTaggedImages: optional(mostly(fc.integer({ min: 1, max: 10000 }), number([1, 100, 10000], -1, 20_000))),
    });
    fc.assert(fc.property(props, (p) => refusedOrKept(
      (stack) => new EcrRepository(stack, 'Repo', { repositoryName: p.repositoryName, lifecycle: EcrLifecycle.standard({ keepTaggedImages: p.keepTaggedImages }) }),
      (template) => {
        const repo = only(template, 'AWS::ECR::Repository');
        expect(repo.RepositoryName).toBe(p.repositoryName);
        const policy = JSON.parse((repo.LifecyclePolicy as { LifecyclePolicyText: string }).LifecyclePolicyText) as { rules: Array<{ selection: { countType: string; countNumber: number } }> };
        const kept = policy.rules.find((r) => r.selection.countType === 'imageCountMoreThan');
        expect(kept?.selection.countNumber).toBe(p.keepTaggedImages ?? 100);
      },
    )), RUNS);
    expectBothOutcomes();
  });

  test('PlatformNetwork: the CIDR block and the number of AZs', () => {
    const octet = number([0, 10, 172, 192, 255], 0, 256);
    const privateBlock = fc.tuple(fc.constantFrom('10.0', '10.128', '172.16', '172.31', '192.168'), fc.integer({ min: 16, max: 22 })).map(([ab, bits]) => `${ab}.0.0/${bits}`);
    const props = fc.record({
      cidr: mostly(privateBlock, fc.tuple(octet, octet, fc.constantFrom(0, 16, 64), number([8, 16, 22, 28], 0, 33)).map(([a, b, c, bits]) => `${a}.${b}.${c}.0/${bits}`)),
      maxAzs: optional(mostly(fc.integer({ min: 1, max: 6 }), number([1, 6], 0, 8))),
    });
    fc.assert(fc.property(props, (p) => refusedOrKept(
      (stack) => new PlatformNetwork(stack, 'Network', p),
      (template) => {
        expect(only(template, 'AWS::EC2::VPC').CidrBlock).toBe(p.cidr);
        // An environment-agnostic stack offers two AZs: one or two public subnets, as asked.
        const publicSubnets = template.findResources('AWS::EC2::Subnet', { Properties: { Tags: Match.arrayWith([{ Key: 'aws-cdk:subnet-type', Value: 'Public' }]) } });
        expect(Object.keys(publicSubnets)).toHaveLength(Math.min(p.maxAzs ?? 2, 2));
      },
    )), { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2.5) });
    expectBothOutcomes();
  });

  test('EcsCluster EC2 capacity: instance counts, volume size and target utilization', () => {
    const props = fc.record({
      minCapacity: optional(mostly(fc.integer({ min: 0, max: 3 }), number([0, 5000], -1, 6000))),
      maxCapacity: optional(mostly(fc.integer({ min: 1, max: 10 }), number([1, 5000], 0, 6000))),
      desiredCapacity: optional(mostly(fc.integer({ min: 0, max: 4 }), number([0, 5000], -1, 6000))),
      volumeSizeGiB: optional(mostly(fc.integer({ min: 30, max: 500 }), number([30, 65536], 0, 70_000))),
      targetCapacityPercent: optional(mostly(fc.integer({ min: 1, max: 100 }), number([1, 100], 0, 120))),
    });
    fc.assert(fc.property(props, (p) => refusedOrKept(
      (stack) => new EcsCluster(stack, 'Cluster', { vpc: new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 }), capacity: [ClusterCapacity.ec2(p)] }),
      (template) => {
        const asg = only(template, 'AWS::AutoScaling::AutoScalingGroup');
        expect(asg.MinSize).toBe(String(p.minCapacity ?? 0));
        expect(asg.MaxSize).toBe(String(p.maxCapacity ?? 4));
        expect(asg.DesiredCapacity).toBe(p.desiredCapacity === undefined ? undefined : String(p.desiredCapacity));
        const lt = only(template, 'AWS::EC2::LaunchTemplate').LaunchTemplateData as { BlockDeviceMappings: Array<{ Ebs: { VolumeSize: number } }> };
        expect(lt.BlockDeviceMappings[0]!.Ebs.VolumeSize).toBe(p.volumeSizeGiB ?? 30);
        const provider = only(template, 'AWS::ECS::CapacityProvider').AutoScalingGroupProvider as { ManagedScaling: { TargetCapacity: number } };
        expect(provider.ManagedScaling.TargetCapacity).toBe(p.targetCapacityPercent ?? 100);
      },
    )), { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 2.5) });
    expectBothOutcomes();
  });

  test('EksCluster node group: sizes, max unavailable and disk size', () => {
    const props = fc.record({
      minSize: optional(mostly(fc.integer({ min: 0, max: 3 }), number([0, 5000], -1, 6000))),
      desiredSize: optional(mostly(fc.integer({ min: 0, max: 5 }), number([0, 5000], -1, 6000))),
      maxSize: optional(mostly(fc.integer({ min: 1, max: 10 }), number([1, 5000], 0, 6000))),
      maxUnavailable: optional(mostly(fc.integer({ min: 1, max: 2 }), number([1, 100], 0, 120))),
      diskSize: optional(mostly(fc.integer({ min: 20, max: 200 }), number([1, 65536], 0, 70_000))),
    });
    fc.assert(fc.property(props, (p) => refusedOrKept(
      (stack) => new EksCluster(stack, 'Platform', { capacity: [EksCapacity.nodeGroup(p)] }),
      (template) => {
        const ng = only(template, 'AWS::EKS::Nodegroup');
        const scaling = ng.ScalingConfig as { MinSize: number; DesiredSize: number; MaxSize: number };
        if (p.minSize !== undefined) expect(scaling.MinSize).toBe(p.minSize);
        if (p.desiredSize !== undefined) expect(scaling.DesiredSize).toBe(p.desiredSize);
        if (p.maxSize !== undefined) expect(scaling.MaxSize).toBe(p.maxSize);
        // Defaults follow the values given: min <= desired <= max however few were given.
        expect(scaling.MinSize).toBeLessThanOrEqual(scaling.DesiredSize);
        expect(scaling.DesiredSize).toBeLessThanOrEqual(scaling.MaxSize);
        if (p.maxUnavailable !== undefined) expect((ng.UpdateConfig as { MaxUnavailable: number }).MaxUnavailable).toBe(p.maxUnavailable);
        if (p.diskSize !== undefined) expect(JSON.stringify(template.toJSON())).toContain(`"VolumeSize":${p.diskSize}`);
      },
    )), { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 5) });
    expectBothOutcomes();
  });
});
