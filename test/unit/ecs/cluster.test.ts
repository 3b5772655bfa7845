import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  ClusterCapacity, EcsCluster, EcsClusterProps, EcsService, EcsTaskDefinition, Ec2PurchaseOption, ServiceCapacity, TaskCompatibility, TaskDemand,
} from '../../../lib/ecs';
import { ValidationError } from '../../../lib/errors';
import { ServiceConnectNamespace } from '../../../lib/ecs/service-connect';
import { NatMode, VpcEndpointSet } from '../../../lib/network';
import { NGINX_IMAGE } from '../../support/ecs';
import { expectSameIdentities, SAME_IDENTITIES } from '../../support/stateful-identity';
import { resourceTypes } from '../../support/template';
import { thrownBy } from '../../support/thrown';

/** CloudWatch Logs' regional service principal in an environment-agnostic stack. */
const LOGS_SERVICE = { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] };

function synth(props: EcsClusterProps = {}): { stack: Stack; cluster: EcsCluster; template: Template } {
  const stack = new Stack(new App(), 'Stack');
  const cluster = new EcsCluster(stack, 'Cluster', props);
  return { stack, cluster, template: Template.fromStack(stack) };
}

describe('EcsCluster defaults', () => {
  let stack: Stack;
  let cluster: EcsCluster;
  let template: Template;
  beforeAll(() => {
    // GIVEN / WHEN
    ({ stack, cluster, template } = synth());
  });

  test('Container Insights enhanced; no ECS Exec configuration', () => {
    // THEN
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enhanced' }],
      Configuration: Match.absent(),
    });
  });

  test('Fargate capacity providers with FARGATE as the default strategy', () => {
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }],
    });
    expect(cluster.defaultCapacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE', weight: 1, base: undefined }]);
    expect(cluster.capacityProviders).toEqual([]);
    expect(cluster.autoScalingGroups).toEqual([]);
  });

  test('a PlatformNetwork is created inside the cluster, not in the parent scope', () => {
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    expect(cluster.network?.node.path).toBe('Stack/Cluster/Network');
    expect(cluster.vpc).toBe(cluster.network?.vpc);
    expect(stack.node.children.map((c) => c.node.id).filter((id) => !id.includes('BootstrapVersion'))).toEqual(['Cluster']);
  });

  test('no custom resources, no Lambda functions, no Fn::Cidr, no context lookups, no warnings', () => {
    expect(resourceTypes(template).filter((t) => t.startsWith('Custom::'))).toEqual([]);
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::Cidr');
    expect((stack.node.root as App).synth().manifest.missing ?? []).toEqual([]);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('stable construct ids and isEcsCluster', () => {
    expect(cluster.cluster.node.path).toBe('Stack/Cluster/Cluster');
    expect(EcsCluster.isEcsCluster(cluster)).toBe(true);
    expect(EcsCluster.isEcsCluster(cluster.cluster)).toBe(false);
    expect(EcsCluster.isEcsCluster(undefined)).toBe(false);
    expect(EcsCluster.isEcsCluster({})).toBe(false);
  });

  test('snapshot', () => {
    expect(template.toJSON()).toMatchSnapshot();
  });
});

describe('EcsCluster options', () => {
  test('any IVpc instead of the PlatformNetwork', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: false });
    // WHEN
    const cluster = new EcsCluster(stack, 'Cluster', { vpc });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::VPC', 1);
    template.resourceCountIs('AWS::SSM::Association', 0);
    expect(cluster.network).toBeUndefined();
    expect(cluster.vpc).toBe(vpc);
  });

  test('networkProps configure the created network', () => {
    const { template } = synth({ networkProps: { natMode: NatMode.NONE, endpoints: VpcEndpointSet.IMAGE_PULL } });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 4);
  });

  test('Fargate with a base and Fargate Spot with a weight', () => {
    const { template } = synth({ capacity: [ClusterCapacity.fargate({ baseTasks: 2 }), ClusterCapacity.fargateSpot({ weight: 3 })] });
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1, Base: 2 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }],
    });
  });

  test('mixing EC2 and Fargate: the first entry\'s kind makes the default strategy, the others stay available', () => {
    const { template, stack, cluster } = synth({
      capacity: [
        ClusterCapacity.ec2({ name: 'OnDemand', instanceTypes: [new ec2.InstanceType('m7g.large')], baseTasks: 1 }),
        ClusterCapacity.ec2({ name: 'Spot', purchaseOption: Ec2PurchaseOption.SPOT, instanceTypes: [new ec2.InstanceType('m7g.large'), new ec2.InstanceType('m6g.large')], weight: 3 }),
        ClusterCapacity.fargate(),
      ],
    });
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 2);
    template.resourceCountIs('AWS::ECS::CapacityProvider', 2);
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: [{ Ref: Match.stringLikeRegexp('OnDemandCapacityProvider') }, { Ref: Match.stringLikeRegexp('SpotCapacityProvider') }, 'FARGATE', 'FARGATE_SPOT'],
      DefaultCapacityProviderStrategy: [
        { CapacityProvider: { Ref: Match.stringLikeRegexp('OnDemandCapacityProvider') }, Weight: 1, Base: 1 },
        { CapacityProvider: { Ref: Match.stringLikeRegexp('SpotCapacityProvider') }, Weight: 3 },
      ],
    });
    expect(cluster.ec2Capacities.map((c) => c.name)).toEqual(['OnDemand', 'Spot']);
    Annotations.fromStack(stack).hasInfo('/Stack/Cluster', Match.stringLikeRegexp('Capacities FARGATE are not in the default capacity provider strategy'));
  });

  test('ECS Exec: sessions and their year-long log group encrypted with a customer managed key', () => {
    const { template, cluster } = synth({ enableExecuteCommand: true });
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: {
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ClusterExecKey'), 'Arn'] },
          Logging: 'OVERRIDE',
          LogConfiguration: { CloudWatchLogGroupName: { Ref: Match.stringLikeRegexp('ClusterExecLogs') }, CloudWatchEncryptionEnabled: true },
        },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('ClusterExecKey'), 'Arn'] } });
    template.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        EnableKeyRotation: true,
        KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: LOGS_SERVICE } })]) },
      }),
    });
    expect(cluster.executeCommandLogGroup?.node.path).toBe('Stack/Cluster/ExecLogs');
    expect(cluster.executeCommandKmsKey?.node.path).toBe('Stack/Cluster/ExecKey');
  });

  test('ECS Exec: a service that enables it may decrypt with the cluster\'s key', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const cluster = new EcsCluster(stack, 'Cluster', { enableExecuteCommand: true });
    const task = new EcsTaskDefinition(stack, 'Task', { containers: [{ name: 'app', image: NGINX_IMAGE }] });
    // WHEN
    new EcsService(stack, 'Service', { cluster: cluster.cluster, taskDefinition: task, enableExecuteCommand: true });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('ClusterExecKey'), 'Arn'] } })]),
      },
    });
  });

  test('ECS Exec with a KMS key and a retention', () => {
    const stack = new Stack(new App(), 'Stack');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new EcsCluster(stack, 'Cluster', { enableExecuteCommand: true, executeCommandKmsKey: key, executeCommandLogRetention: logs.RetentionDays.TWO_YEARS });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: {
        ExecuteCommandConfiguration: Match.objectLike({
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
          LogConfiguration: Match.objectLike({ CloudWatchEncryptionEnabled: true }),
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 731, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } });
    template.resourceCountIs('AWS::KMS::Key', 2); // the given key and the network's flow-log key: no ExecKey
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: LOGS_SERVICE } })]) },
    });
  });

  test('cluster name and Container Insights level', () => {
    const { template } = synth({ clusterName: 'platform', containerInsights: ecs.ContainerInsights.ENABLED });
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: 'platform', ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('ec2Capacity(name) finds an EC2 capacity and rejects unknown names', () => {
    const { cluster } = synth({ capacity: [ClusterCapacity.ec2({ name: 'General' })] });
    expect(cluster.ec2Capacity('General').name).toBe('General');
    expect(() => cluster.ec2Capacity('Gpu')).toThrow(ValidationError);
    expect(() => cluster.ec2Capacity('Gpu')).toThrow(/^\[Stack\/Cluster\] capacityName: got "Gpu"; allowed: General\.$/);
  });
});

describe('EcsCluster validation', () => {
  const cases: Array<[string, (stack: Stack) => EcsClusterProps, RegExp]> = [
    ['no capacity', () => ({ capacity: [] }), /^\[Stack\/Cluster\] capacity: got \[\]; allowed: at least one ClusterCapacity/],
    ['Fargate twice', () => ({ capacity: [ClusterCapacity.fargate(), ClusterCapacity.fargate()] }), /^\[Stack\/Cluster\] capacity: got \["FARGATE","FARGATE"\]; allowed: each capacity at most once/],
    ['two EC2 capacities with one name', () => ({ capacity: [ClusterCapacity.ec2(), ClusterCapacity.ec2()] }), /^\[Stack\/Cluster\] capacity: got \["Ec2","Ec2"\]; allowed: each capacity at most once/],
    ['an EC2 capacity name that is not an id', () => ({ capacity: [ClusterCapacity.ec2({ name: 'my-capacity' })] }), /^\[Stack\/Cluster\] capacity\[\]\.name: got "my-capacity"; allowed: a letter then letters or digits/],
    ['a reserved EC2 capacity name', () => ({ capacity: [ClusterCapacity.ec2({ name: 'Network' })] }), /^\[Stack\/Cluster\] capacity\[\]\.name: got "Network"; allowed: .*other than Cluster, Network, ExecLogs, ExecKey/],
    ['weight above 1000', () => ({ capacity: [ClusterCapacity.fargate({ weight: 1001 })] }), /^\[Stack\/Cluster\] capacity\[FARGATE\]\.weight: got 1001; allowed: a whole number from 0 to 1000/],
    ['negative base', () => ({ capacity: [ClusterCapacity.fargateSpot({ baseTasks: -1 })] }), /^\[Stack\/Cluster\] capacity\[FARGATE_SPOT\]\.baseTasks: got -1; allowed: a whole number from 0 to 100000/],
    ['two bases in the default strategy', () => ({ capacity: [ClusterCapacity.fargate({ baseTasks: 1 }), ClusterCapacity.fargateSpot({ baseTasks: 1 })] }),
      /^\[Stack\/Cluster\] capacity\[\]\.baseTasks: got \["FARGATE: 1","FARGATE_SPOT: 1"\]; allowed: a nonzero baseTasks on at most one capacity/],
    ['all weights 0', () => ({ capacity: [ClusterCapacity.fargate({ weight: 0 })] }), /^\[Stack\/Cluster\] capacity\[\]\.weight: got \["FARGATE: 0"\]; allowed: a weight above 0/],
    ['networkProps with a vpc', (stack) => ({ vpc: new ec2.Vpc(stack, 'Vpc'), networkProps: { maxAzs: 3 } }), /^\[Stack\/Cluster\] networkProps: got \{"maxAzs":3\}; allowed: nothing when vpc is given/],
    ['an Exec key without Exec', (stack) => ({ executeCommandKmsKey: new kms.Key(stack, 'Key') }), /^\[Stack\/Cluster\] executeCommandKmsKey: got "Stack\/Key"; allowed: nothing unless enableExecuteCommand is true/],
    ['an Exec retention without Exec', () => ({ executeCommandLogRetention: logs.RetentionDays.ONE_DAY }), /^\[Stack\/Cluster\] executeCommandLogRetention: got 1; allowed: nothing unless enableExecuteCommand is true/],
    ['a reserved EC2 capacity name (the Exec key)', () => ({ capacity: [ClusterCapacity.ec2({ name: 'ExecKey' })] }), /^\[Stack\/Cluster\] capacity\[\]\.name: got "ExecKey"; allowed: .*other than Cluster, Network, ExecLogs, ExecKey/],
    ['a cluster name with a dot', () => ({ clusterName: 'platform.prod' }), /^\[Stack\/Cluster\] clusterName: got "platform\.prod"; allowed: 1 to 255 letters, digits, hyphens and underscores\.$/],
    ['a cluster name of 256 characters', () => ({ clusterName: 'a'.repeat(256) }), /^\[Stack\/Cluster\] clusterName: got "a{256}"; allowed: 1 to 255 letters/],
    ['an empty cluster name', () => ({ clusterName: '' }), /^\[Stack\/Cluster\] clusterName: got ""; allowed: 1 to 255 letters/],
    ['an Exec retention CloudWatch Logs does not take', () => ({ enableExecuteCommand: true, executeCommandLogRetention: 42 as logs.RetentionDays }),
      /^\[Stack\/Cluster\] executeCommandLogRetention: got 42; allowed: a logs\.RetentionDays value: one of 1, 3, 5/],
    ['an infinite Exec retention', () => ({ enableExecuteCommand: true, executeCommandLogRetention: logs.RetentionDays.INFINITE }),
      /^\[Stack\/Cluster\] executeCommandLogRetention: got "INFINITE"; allowed: a finite logs\.RetentionDays value/],
    ['a network error surfaces with the network\'s path', () => ({ networkProps: { maxAzs: 9 } }), /^\[Stack\/Cluster\/Network\] maxAzs: got 9; allowed: a whole number from 1 to 6/],
  ];
  test.each(cases)('%s is a ValidationError', (_name, props, message) => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    // WHEN
    const error = thrownBy(() => new EcsCluster(stack, 'Cluster', props(stack)));
    // THEN
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });

  test('tokens are not checked and pass through: capacity weights and EC2 sizes from CfnParameters', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const number = (id: string) => new CfnParameter(stack, id, { type: 'Number' }).valueAsNumber;
    // WHEN
    new EcsCluster(stack, 'Fargate', { capacity: [ClusterCapacity.fargate({ weight: number('FargateWeight') }), ClusterCapacity.fargateSpot({ weight: number('SpotWeight') })] });
    new EcsCluster(stack, 'Ec2', {
      capacity: [ClusterCapacity.ec2({ name: 'General', weight: number('Ec2Weight'), minCapacity: number('Min'), maxCapacity: number('Max') })],
    });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: { Ref: 'FargateWeight' } }, { CapacityProvider: 'FARGATE_SPOT', Weight: { Ref: 'SpotWeight' } }],
    });
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      DefaultCapacityProviderStrategy: [{ CapacityProvider: { Ref: Match.stringLikeRegexp('^Ec2GeneralCapacityProvider') }, Weight: { Ref: 'Ec2Weight' } }],
    });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: { Ref: 'Min' }, MaxSize: { Ref: 'Max' } });
  });

  test('a token base is kept in the default strategy, and a literal desired size is not checked against a token max', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const base = new CfnParameter(stack, 'Base', { type: 'Number' }).valueAsNumber;
    const max = new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber;
    // WHEN
    new EcsCluster(stack, 'Fargate', { capacity: [ClusterCapacity.fargate({ baseTasks: base }), ClusterCapacity.fargateSpot({ weight: 3 })] });
    new EcsCluster(stack, 'Ec2', { capacity: [ClusterCapacity.ec2({ name: 'General', desiredCapacity: 1, maxCapacity: max })] });
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      DefaultCapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1, Base: { Ref: 'Base' } }, { CapacityProvider: 'FARGATE_SPOT', Weight: 3 }],
    });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '0', DesiredCapacity: '1', MaxSize: { Ref: 'Max' } });
  });

  test('a cluster name of 255 letters, digits, hyphens and underscores, or from a CfnParameter, is accepted', () => {
    const stack = new Stack(new App(), 'Stack');
    const longest = `A-_${'z9'.repeat(126)}`;
    new EcsCluster(stack, 'Longest', { clusterName: longest });
    new EcsCluster(stack, 'Parameter', { clusterName: new CfnParameter(stack, 'Name').valueAsString });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: longest });
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: { Ref: 'Name' } });
  });

  test('a demand that reserves no CPU is accepted', () => {
    const stack = new Stack(new App(), 'Stack');
    const cluster = new EcsCluster(stack, 'Cluster', { capacity: [ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('m6g.large')], maxCapacity: 1 })] });
    cluster.addTaskDemand({ source: cluster, name: 'NoCpu', cpu: 0, memoryMiB: 512, count: 3 });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('do not fit'));
  });

  test('a token base beside a literal base is two bases: ValidationError', () => {
    const stack = new Stack(new App(), 'Stack');
    const base = new CfnParameter(stack, 'Base', { type: 'Number' }).valueAsNumber;
    expect(() => new EcsCluster(stack, 'Cluster', { capacity: [ClusterCapacity.fargate({ baseTasks: base }), ClusterCapacity.fargateSpot({ baseTasks: 1 })] }))
      .toThrow(/^\[Stack\/Cluster\] capacity\[\]\.baseTasks: got \["FARGATE: a token","FARGATE_SPOT: 1"\]; allowed: a nonzero baseTasks on at most one capacity of the default strategy\. Hint: a baseTasks given as a token counts as nonzero/);
  });
});

describe('EcsCluster.addTaskDemand', () => {
  function clusterWith(capacity: ClusterCapacity[]): { cluster: EcsCluster; service: Construct } {
    const stack = new Stack(new App(), 'Platform');
    const cluster = new EcsCluster(stack, 'Cluster', { capacity });
    const service = new Construct(stack, 'Api');
    return { cluster, service };
  }
  const general = (maxCapacity: number): ClusterCapacity =>
    ClusterCapacity.ec2({ name: 'General', maxCapacity, instanceTypes: [new ec2.InstanceType('m6g.large')] });
  const demand = (source: Construct, over: Partial<TaskDemand> = {}): TaskDemand =>
    ({ source, name: 'Platform/Api', cpu: 1024, memoryMiB: 2048, count: 8, ...over });

  test.each([
    ['cpu', { cpu: -1 }, /\[Platform\/Api\] cpu: got -1; allowed: a number of CPU units, 0 or more/],
    ['infinite cpu', { cpu: Number.POSITIVE_INFINITY }, /\[Platform\/Api\] cpu: got Infinity; allowed: a number of CPU units, 0 or more/],
    ['memoryMiB', { memoryMiB: -1 }, /\[Platform\/Api\] memoryMiB: got -1; allowed: a positive number of MiB/],
    ['count', { count: 1.5 }, /\[Platform\/Api\] count: got 1\.5; allowed: a whole number of tasks/],
  ])('addTaskDemand rejects a bad %s', (_p, over, message) => {
    const { cluster, service } = clusterWith([general(1)]);
    expect(() => cluster.addTaskDemand(demand(service, over))).toThrow(message);
  });
});

describe(SAME_IDENTITIES, () => {
  test('EcsCluster: capacity sizes and weights', () => {
    expectSameIdentities(
      (s) => new EcsCluster(s, 'Cluster', { capacity: [ClusterCapacity.fargate(), ClusterCapacity.ec2({ maxCapacity: 4 })] }),
      (s) => new EcsCluster(s, 'Cluster', { capacity: [ClusterCapacity.fargate({ baseTasks: 2 }), ClusterCapacity.ec2({ maxCapacity: 8, minCapacity: 1 })] }),
      ['AWS::ECS::Cluster', 'AWS::ECS::CapacityProvider', 'AWS::AutoScaling::AutoScalingGroup'],
    );
  });
});

describe('EcsCluster lists and links', () => {
  test('readonly lists are copies: changing them changes neither the cluster nor its placement check', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const given = [ClusterCapacity.ec2({ instanceTypes: [new ec2.InstanceType('t3.micro')], maxCapacity: 1 })];
    const cluster = new EcsCluster(stack, 'Cluster', { capacity: given });
    // WHEN
    given.push(ClusterCapacity.fargate());
    cluster.capacities.push(ClusterCapacity.fargateSpot());
    cluster.ec2Capacities[0]!.instanceTypes.push('m7i.8xlarge');
    cluster.ec2Capacity('Ec2').instanceTypes.push('m7i.8xlarge');
    (cluster.defaultCapacityProviderStrategy[0] as { weight?: number }).weight = 0;
    cluster.capacityProviders.pop();
    cluster.autoScalingGroups.pop();
    const td = new EcsTaskDefinition(stack, 'Big', { compatibility: TaskCompatibility.EC2, cpu: 2048, memoryMiB: 1024, containers: [{ name: 'app', image: NGINX_IMAGE }] });
    new EcsService(stack, 'Service', { cluster: cluster.cluster, taskDefinition: td, capacity: ServiceCapacity.ec2(), desiredCount: 1 });
    // THEN
    expect(cluster.capacities.map((c) => c.name)).toEqual(['Ec2']);
    expect(cluster.ec2Capacity('Ec2').instanceTypes).toEqual(['t3.micro']);
    expect(cluster.defaultCapacityProviderStrategy[0]!.weight).toBe(1);
    expect(cluster.capacityProviders).toHaveLength(1);
    expect(cluster.autoScalingGroups).toHaveLength(1);
    // The check still sees one t3.micro (2 vCPU): a 2048-CPU task fits on none of the types it knows.
    expect(() => Template.fromStack(stack)).toThrow(/task size: got "2048 CPU units, 1024 MiB"/);
  });

  test('EcsCluster.ownerOf finds the EcsCluster behind its own ecs.Cluster, and nothing behind any other', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const cluster = new EcsCluster(stack, 'Cluster');
    const plain = new ecs.Cluster(stack, 'Plain', { vpc: cluster.vpc });
    const imported = ecs.Cluster.fromClusterAttributes(stack, 'Imported', { clusterName: 'shared', vpc: cluster.vpc });
    // THEN
    expect(EcsCluster.ownerOf(cluster.cluster)).toBe(cluster);
    expect(EcsCluster.ownerOf(plain)).toBeUndefined();
    expect(EcsCluster.ownerOf(imported)).toBeUndefined();
  });

  test('the link does not depend on where the ecs.Cluster sits in the construct tree', () => {
    // GIVEN a plain ecs.Cluster inside an EcsCluster's scope (what a cluster.node.scope lookup would take for its own)
    const stack = new Stack(new App(), 'Stack');
    const cluster = new EcsCluster(stack, 'Cluster');
    const stranger = new ecs.Cluster(cluster, 'Stranger', { vpc: cluster.vpc });
    // THEN
    expect(EcsCluster.ownerOf(stranger)).toBeUndefined();
  });
});

describe('EcsCluster serviceConnectNamespace', () => {
  const NAMESPACE_ARN = 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdefgh12345678';
  /** An EcsCluster `Cluster` with `namespace`, synthesized. */
  const build = (namespace?: ServiceConnectNamespace) => {
    const stack = new Stack(new App(), 'Stack');
    const cluster = new EcsCluster(stack, 'Cluster', { serviceConnectNamespace: namespace });
    return { stack, cluster, template: Template.fromStack(stack) };
  };

  test('create: an HTTP namespace under the cluster, its default Cloud Map namespace and Service Connect default', () => {
    // GIVEN / WHEN
    const { stack, cluster, template } = build(ServiceConnectNamespace.create('shop'));
    // THEN
    template.resourceCountIs('AWS::ServiceDiscovery::HttpNamespace', 1);
    template.hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: 'shop' });
    template.resourceCountIs('AWS::ServiceDiscovery::PrivateDnsNamespace', 0);
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ServiceConnectDefaults: { Namespace: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ClusterDefaultServiceDiscoveryNamespace'), 'Arn'] } },
    });
    expect(cluster.cluster.defaultCloudMapNamespace?.node.path).toBe('Stack/Cluster/Cluster/DefaultServiceDiscoveryNamespace');
    expect(stack.resolve(cluster.serviceConnectNamespace)).toEqual(stack.resolve(cluster.cluster.defaultCloudMapNamespace!.namespaceArn));
  });

  test('fromName and fromArn: the Service Connect default names the existing namespace, nothing is created', () => {
    for (const [namespace, value] of [[ServiceConnectNamespace.fromName('shared'), 'shared'], [ServiceConnectNamespace.fromArn(NAMESPACE_ARN), NAMESPACE_ARN]] as const) {
      const { cluster, template } = build(namespace);
      template.hasResourceProperties('AWS::ECS::Cluster', { ServiceConnectDefaults: { Namespace: value } });
      expect(resourceTypes(template).filter((t) => t.startsWith('AWS::ServiceDiscovery::'))).toEqual([]);
      expect(cluster.serviceConnectNamespace).toBe(value);
    }
  });

  test('without it: no namespace and no Service Connect default', () => {
    const { cluster, template } = build();
    template.hasResourceProperties('AWS::ECS::Cluster', { ServiceConnectDefaults: Match.absent() });
    expect(resourceTypes(template).filter((t) => t.startsWith('AWS::ServiceDiscovery::'))).toEqual([]);
    expect(cluster.serviceConnectNamespace).toBeUndefined();
    expect(cluster.cluster.defaultCloudMapNamespace).toBeUndefined();
  });

  test('a name given as a token is passed through unchecked', () => {
    const stack = new Stack(new App(), 'Stack');
    const name = new CfnParameter(stack, 'Name').valueAsString;
    new EcsCluster(stack, 'Cluster', { serviceConnectNamespace: ServiceConnectNamespace.create(name) });
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::HttpNamespace', { Name: { Ref: 'Name' } });
  });

  test('names of 1 and 1024 printable characters are accepted', () => {
    expect(thrownBy(() => build(ServiceConnectNamespace.create('a')))).toBeUndefined();
    expect(thrownBy(() => build(ServiceConnectNamespace.create(`shop.internal-${'~'.repeat(1010)}`)))).toBeUndefined();
  });

  const cases: Array<[string, ServiceConnectNamespace, RegExp]> = [
    ['an empty name', ServiceConnectNamespace.create(''),
      /^\[Stack\/Cluster\] serviceConnectNamespace: got ""; allowed: 1-1024 printable ASCII characters without spaces, not starting with "arn:"\.$/],
    ['a name of 1025 characters', ServiceConnectNamespace.create('n'.repeat(1025)), /^\[Stack\/Cluster\] serviceConnectNamespace: got "n{1025}"/],
    ['a name with a space', ServiceConnectNamespace.create('my shop'), /serviceConnectNamespace: got "my shop"; allowed: 1-1024 printable ASCII/],
    ['a name outside printable ASCII', ServiceConnectNamespace.create('café'), /serviceConnectNamespace: got "café"/],
    ['an ARN to create', ServiceConnectNamespace.create(NAMESPACE_ARN), /serviceConnectNamespace: got "arn:.*Hint: for a namespace ARN use ServiceConnectNamespace\.fromArn/],
    ['an ARN given by name', ServiceConnectNamespace.fromName(NAMESPACE_ARN), /serviceConnectNamespace: got "arn:.*Hint: for a namespace ARN use ServiceConnectNamespace\.fromArn/],
    ['a name given as an ARN', ServiceConnectNamespace.fromArn('shared'),
      /^\[Stack\/Cluster\] serviceConnectNamespace: got "shared"; allowed: a Cloud Map namespace ARN: arn:<partition>:servicediscovery:<region>:<account>:namespace\/ns-<id>\. Hint: for a namespace name use ServiceConnectNamespace\.fromName/],
    ['an ARN of another service', ServiceConnectNamespace.fromArn('arn:aws:ecs:us-east-1:123456789012:cluster/shop'), /serviceConnectNamespace: got "arn:aws:ecs:.*allowed: a Cloud Map namespace ARN/],
  ];

  test.each(cases)('%s is a ValidationError', (_name, namespace, message) => {
    const error = thrownBy(() => build(namespace));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(message);
  });
});
