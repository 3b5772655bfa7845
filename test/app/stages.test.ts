import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformStack } from '../../bin/platform-stack';
import { STAGES, StageName, resolveStage, stageEnvironment } from '../../bin/stages';

describe('resolveStage', () => {
  test('dev by default', () => {
    expect(resolveStage(new App(), {}).name).toBe(StageName.DEV);
  });

  test('the CDK_STAGE environment variable', () => {
    expect(resolveStage(new App(), { CDK_STAGE: 'prod' })).toBe(STAGES[StageName.PROD]);
  });

  test('the stage context wins over the environment variable', () => {
    expect(resolveStage(new App({ context: { stage: 'dev' } }), { CDK_STAGE: 'prod' })).toBe(STAGES[StageName.DEV]);
  });

  test.each<[string, Record<string, string>, NodeJS.ProcessEnv, RegExp]>([
    ['an unknown stage in context', { stage: 'production' }, {}, /context "stage": got "production"; allowed: dev, prod/],
    ['an unknown stage in CDK_STAGE', {}, { CDK_STAGE: 'Prod' }, /environment variable CDK_STAGE: got "Prod"; allowed: dev, prod/],
  ])('%s throws naming the allowed stages', (_name, context, env, message) => {
    expect(() => resolveStage(new App({ context }), env)).toThrow(message);
  });
});

describe('stageEnvironment', () => {
  test('environment-agnostic unless context gives an account or region', () => {
    expect(stageEnvironment(new App(), 'prod')).toBeUndefined();
    expect(stageEnvironment(new App({ context: { prodAccount: '222222222222', region: 'eu-west-1' } }), 'prod')).toEqual({ account: '222222222222', region: 'eu-west-1' });
    expect(stageEnvironment(new App({ context: { prodRegion: 'us-west-2', region: 'eu-west-1' } }), 'prod')).toEqual({ account: undefined, region: 'us-west-2' });
  });
});

describe.each([StageName.DEV, StageName.PROD])('PlatformStack, %s stage', (name) => {
  const stage = STAGES[name];
  let stack: PlatformStack;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    stack = new PlatformStack(new App(), stage.stackName, { stage });
    template = Template.fromStack(stack);
  });

  test('stack name per stage, environment-agnostic', () => {
    expect(stack.stackName).toBe(`Platform-${name}`);
    expect(stack.stage).toBe(stage);
    expect(stack.environment).toBe('aws://unknown-account/unknown-region');
  });

  test(name === StageName.DEV ? 'one NAT gateway' : 'one NAT gateway per AZ', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', name === StageName.DEV ? 1 : 2);
  });

  test(name === StageName.DEV ? 'web on Fargate Spot only' : 'web on on-demand Fargate', () => {
    const web = stack.getLogicalId(stack.web.service.node.defaultChild as never);
    const props = template.toJSON().Resources[web].Properties;
    if (name === StageName.DEV) {
      expect(props.CapacityProviderStrategy).toEqual([{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }]);
    } else {
      expect(props.CapacityProviderStrategy).toBeUndefined();
      expect(props.LaunchType).toBe('FARGATE');
    }
  });

  test(name === StageName.DEV ? 'Spot EC2 workers' : 'on-demand EC2 workers', () => {
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MixedInstancesPolicy: Match.objectLike({
        InstancesDistribution: name === StageName.DEV
          ? Match.objectLike({ OnDemandPercentageAboveBaseCapacity: 0 })
          : Match.objectLike({ OnDemandPercentageAboveBaseCapacity: 100 }),
      }),
    });
  });
});

test('every stage has the same construct tree (ids are the contract), only settings differ', () => {
  const paths = (name: StageName) => new PlatformStack(new App(), 'Platform', { stage: STAGES[name] }).node.findAll().map((c) => c.node.path)
    .filter((p) => !/NATGateway|EIP/.test(p)); // per-AZ NAT adds one gateway and address per AZ
  expect(paths(StageName.PROD)).toEqual(paths(StageName.DEV));
});

test('without a stage the platform is the dev stage', () => {
  const stack = new PlatformStack(new App(), 'Platform');
  expect(stack.stage).toBe(STAGES[StageName.DEV]);
});

test('desiredCount 0 for a stage\'s first deploy, before any image is in the repository', () => {
  const template = Template.fromStack(new PlatformStack(new App(), 'Platform', { desiredCount: 0 }));
  const services = Object.values(template.findResources('AWS::ECS::Service'));
  expect(services.map((s) => s.Properties.DesiredCount)).toEqual([0, 0]);
});

test('image flow: a sha256 digest pins every container to those exact bytes (REPOSITORY_URI@sha256:...)', () => {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
  const template = Template.fromStack(new PlatformStack(new App(), 'Platform', { imageTag: digest }));
  const images = Object.values(template.findResources('AWS::ECS::TaskDefinition'))
    .flatMap((t) => (t.Properties.ContainerDefinitions as Array<{ Image: unknown }>).map((c) => JSON.stringify(c.Image)));
  expect(images).toHaveLength(2);
  for (const image of images) expect(image).toContain(`@${digest}`);
});

test('image flow: a bad tag fails at synth', () => {
  expect(() => new PlatformStack(new App(), 'Platform', { imageTag: 'v1.0 beta' })).toThrow(/got "v1.0 beta"/);
});
