import { Duration, Stack, aws_certificatemanager as acm, aws_cloudwatch as cloudwatch, aws_ec2 as ec2, aws_ecs as ecs, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Construct } from 'constructs';
import { ClusterCapacity, EcsCluster, EcsService, EcsServiceProps, EcsTaskDefinition, ServiceCapacity, ServiceDeployment, TaskCompatibility } from '../../../lib/ecs';
import { CERT_ARN, NGINX_IMAGE, serviceFixture } from '../../support/ecs';

// lib/ecs/service-deployment.ts: the deployment strategies, hooks and alarms of an EcsService,
// tested through EcsService (the part has no public surface of its own).

type ServiceOptions = Omit<EcsServiceProps, 'cluster' | 'taskDefinition'>;

function synth(options: ServiceOptions): { stack: Stack; template: Template; service: EcsService } {
  const f = serviceFixture();
  const service = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, ...options });
  return { stack: f.stack, template: Template.fromStack(f.stack), service };
}

function hookFunction(stack: Stack, id: string): lambda.IFunction {
  return lambda.Function.fromFunctionArn(stack, id, `arn:aws:lambda:us-east-1:123456789012:function:${id}`);
}

describe('the default deployment', () => {
  test('rolling, with the circuit breaker and rollback, no strategy written', () => {
    const { template } = synth({});
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
        Strategy: Match.absent(),
        Alarms: { AlarmNames: [], Enable: false, Rollback: false },
      },
    });
  });

  test('with a load balancer: two alarms on the target group, watched with rollback', () => {
    const { template, service } = synth({ loadBalancer: { deletionProtection: false } });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    expect(service.deploymentAlarms).toHaveLength(2);
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: {
        Alarms: { Enable: true, Rollback: true, AlarmNames: ['Stack/Web/target-5xx', 'Stack/Web/unhealthy-targets'] },
      },
    });
    // 5xx rate: above 5 % for 2 of 3 one-minute periods, no data = fine.
    const rate = Object.values(alarms).find((a) => a.Properties.Threshold === 5)!;
    expect(rate.Properties).toMatchObject({ EvaluationPeriods: 3, DatapointsToAlarm: 2, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    const expressions = rate.Properties.Metrics.map((m: { Expression?: string }) => m.Expression).filter(Boolean);
    expect(expressions).toEqual(['IF((r0) > 0, 100 * (e0) / (r0), 0)']);
    const metricNames = rate.Properties.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).map((m: { MetricStat: { Metric: { MetricName: string } } }) => m.MetricStat.Metric.MetricName).sort();
    expect(metricNames).toEqual(['HTTPCode_Target_5XX_Count', 'RequestCount']);
    const unhealthy = Object.values(alarms).find((a) => a.Properties.Threshold === 1)!;
    expect(unhealthy.Properties).toMatchObject({ EvaluationPeriods: 2, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(unhealthy.Properties.Metrics.find((m: { MetricStat?: { Metric: { MetricName: string } } }) => m.MetricStat)?.MetricStat.Metric.MetricName).toBe('UnHealthyHostCount');
  });

  test('the alarms have literal names the service watches by name; the service waits for them; no cycle warning', () => {
    const { stack, template } = synth({ loadBalancer: { deletionProtection: false } });
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    expect(Object.values(alarms).map((a) => a.Properties.AlarmName).sort()).toEqual(['Stack/Web/target-5xx', 'Stack/Web/unhealthy-targets']);
    const [svc] = Object.values(template.findResources('AWS::ECS::Service'));
    expect(svc!.DependsOn).toEqual(expect.arrayContaining(Object.keys(alarms)));
    expect(Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('circular dependency'))).toEqual([]);
  });

  test('a name too long for CloudWatch is shortened with a hash, keeping what it watches', () => {
    const f = serviceFixture();
    const deep = new Construct(f.stack, 'x'.repeat(240));
    const service = new EcsService(deep, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { deletionProtection: false } });
    const names = Object.values(Template.fromStack(f.stack).findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmName as string);
    expect(names.every((n) => n.length === 255)).toBe(true);
    expect(names.some((n) => /-[0-9a-f]{8}\/target-5xx$/.test(n))).toBe(true);
    expect(service.deploymentAlarms).toHaveLength(2);
  });

  test('the default alarms acknowledge the alarm-action finding with a reason, and nothing else', () => {
    const { template } = synth({ loadBalancer: { deletionProtection: false } });
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      const ids = alarm.Metadata['cdk-containers'].acknowledged.map((a: { id: string }) => a.id);
      expect(ids).toEqual(['NIST.800.53.R5::NIST.800.53.R5-CloudWatchAlarmAction', 'NIST.800.53.R4::NIST.800.53.R4-CloudWatchAlarmAction', 'HIPAA.Security::HIPAA.Security-CloudWatchAlarmAction', 'cdk-validator-cfnguard::cloudwatch_alarm_action_check']);
    }
  });

  test('without a load balancer: no alarms', () => {
    const { template, service } = synth({});
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(service.deploymentAlarms).toEqual([]);
  });

  test('rolling({ circuitBreaker: false }) writes no circuit breaker', () => {
    const { template } = synth({ deployment: ServiceDeployment.rolling({ circuitBreaker: false }) });
    template.hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: { DeploymentCircuitBreaker: Match.absent() } });
  });
});

describe('deployment alarms', () => {
  test('the user\'s alarms are watched beside the defaults; rollback: false only fails the deployment', () => {
    const f = serviceFixture();
    const mine = cloudwatch.Alarm.fromAlarmName(f.stack, 'Latency', 'p99-latency');
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { deletionProtection: false }, deploymentAlarms: { alarms: [mine], rollback: false } });
    const template = Template.fromStack(f.stack);
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: { Alarms: { Enable: true, Rollback: false, AlarmNames: Match.arrayWith(['p99-latency']) } },
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
  });

  test('defaultAlarms: false watches only the user\'s', () => {
    const f = serviceFixture();
    const mine = cloudwatch.Alarm.fromAlarmName(f.stack, 'Latency', 'p99-latency');
    new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: { deletionProtection: false }, deploymentAlarms: { alarms: [mine], defaultAlarms: false } });
    const template = Template.fromStack(f.stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: { Alarms: { AlarmNames: ['p99-latency'] } } });
  });

  test('alarms without a load balancer are watched', () => {
    const f = serviceFixture();
    const mine = cloudwatch.Alarm.fromAlarmName(f.stack, 'Queue', 'queue-depth');
    new EcsService(f.stack, 'Worker', { cluster: f.cluster, taskDefinition: f.app, deploymentAlarms: { alarms: [mine] } });
    Template.fromStack(f.stack).hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: { Alarms: { AlarmNames: ['queue-depth'], Rollback: true } } });
  });

  test('deploymentAlarms with nothing to watch is refused', () => {
    expect(() => synth({ deploymentAlarms: {} })).toThrow(/\[Stack\/Web\] deploymentAlarms: got "no alarms, no load balancer"; allowed: at least one alarm/);
    expect(() => synth({ loadBalancer: {}, deploymentAlarms: { defaultAlarms: false } })).toThrow(/deploymentAlarms: got "no alarms, defaultAlarms false"/);
  });
});

describe('blue/green behind the service\'s load balancer', () => {
  let template: Template;
  let service: EcsService;
  beforeAll(() => {
    ({ template, service } = synth({ loadBalancer: { deletionProtection: false }, deployment: ServiceDeployment.blueGreen({ bakeTime: Duration.minutes(15) }) }));
  });

  test('ECS strategy BLUE_GREEN with the bake time and the circuit breaker; the healthy percents stay the library\'s', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentController: { Type: 'ECS' },
      DeploymentConfiguration: {
        Strategy: 'BLUE_GREEN',
        BakeTimeInMinutes: 15,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
    });
  });

  test('two target groups; a production rule on /* forwards 100/0 to them; the default action forwards too', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
    const groups = Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
    const primary = groups.find((g) => !g.includes('Alternate'))!;
    const alternate = groups.find((g) => g.includes('Alternate'))!;
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: { Ref: primary }, Weight: 100 }, { TargetGroupArn: { Ref: alternate }, Weight: 0 }] } }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: primary } }] });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', Port: 8080 });
    expect(service.alternateTargetGroup).toBeDefined();
    expect(service.productionListenerRule).toBeDefined();
  });

  test('the service names the alternate group, the production rule and the traffic role; it waits for the rule', () => {
    const rule = Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule'))[0]!;
    const services = template.findResources('AWS::ECS::Service');
    const [svc] = Object.values(services);
    expect(svc!.DependsOn).toEqual(expect.arrayContaining([rule]));
    const lb = svc!.Properties.LoadBalancers[0];
    expect(lb.ContainerName).toBe('web');
    expect(lb.ContainerPort).toBe(8080);
    expect(lb.AdvancedConfiguration).toEqual({
      AlternateTargetGroupArn: { Ref: expect.stringMatching(/Alternate/) },
      ProductionListenerRule: { Ref: rule },
      RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/DeploymentRole/), 'Arn'] },
    });
  });

  test('the traffic role: ECS only; modify its listener and rule, register in its two groups; Describe on *', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'ecs.amazonaws.com' } }] },
      ManagedPolicyArns: Match.absent(),
      Description: Match.stringLikeRegexp('blue and green'),
    });
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p).includes('ModifyRule'))!;
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements).toHaveLength(3);
    expect(statements[0]).toEqual(expect.objectContaining({ Resource: '*', Action: expect.arrayContaining(['elasticloadbalancing:DescribeTargetHealth']) }));
    expect(statements[0].Action.every((a: string) => a.startsWith('elasticloadbalancing:Describe'))).toBe(true);
    expect(statements[1]).toEqual(expect.objectContaining({ Action: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'] }));
    expect(statements[1].Resource).toHaveLength(2);
    expect(statements[2]).toEqual(expect.objectContaining({ Action: ['elasticloadbalancing:ModifyListener', 'elasticloadbalancing:ModifyRule'] }));
    expect(statements[2].Resource).toHaveLength(2);
    const acks = policy.Metadata['cdk-containers'].acknowledged.map((a: { id: string }) => a.id);
    expect(acks).toContain('AwsSolutions::AwsSolutions-IAM5[Resource::*]');
  });

  test('default alarms watch both target groups', () => {
    const rate = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.Threshold === 5)!;
    expect(rate.Properties.Metrics.find((m: { Expression?: string }) => m.Expression).Expression).toBe('IF((r0 + r1) > 0, 100 * (e0 + e1) / (r0 + r1), 0)');
    const unhealthy = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.Threshold === 1)!;
    expect(unhealthy.Properties.Metrics.find((m: { Expression?: string }) => m.Expression).Expression).toBe('MAX([u0, u1])');
  });

  test('the default bake time is 5 minutes', () => {
    const t = synth({ loadBalancer: {}, deployment: ServiceDeployment.blueGreen() }).template;
    t.hasResourceProperties('AWS::ECS::Service', { DeploymentConfiguration: { BakeTimeInMinutes: 5 } });
  });
});

describe('blue/green with a test listener, hooks and an HTTPS load balancer', () => {
  let template: Template;
  beforeAll(() => {
    const f = serviceFixture();
    const certificate = acm.Certificate.fromCertificateArn(f.stack, 'Cert', CERT_ARN);
    new EcsService(f.stack, 'Web', {
      cluster: f.cluster, taskDefinition: f.app,
      loadBalancer: { internetFacing: true, certificate, deletionProtection: false },
      deployment: ServiceDeployment.blueGreen({
        testPort: 8443,
        hooks: [
          { handler: hookFunction(f.stack, 'smoke'), stages: [ecs.DeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT] },
          { handler: hookFunction(f.stack, 'notify'), stages: [ecs.DeploymentLifecycleStage.PRE_SCALE_UP, ecs.DeploymentLifecycleStage.POST_PRODUCTION_TRAFFIC_SHIFT] },
        ],
      }),
    });
    template = Template.fromStack(f.stack);
  });

  test('an HTTPS test listener on 8443 with the certificate, open to the VPC only', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 8443, Protocol: 'HTTPS', Certificates: [{ CertificateArn: CERT_ARN }] });
    const group = Object.values(template.findResources('AWS::EC2::SecurityGroup')).find((g) => JSON.stringify(g).includes('8443'))!;
    const ingress = group.Properties.SecurityGroupIngress.filter((r: { FromPort: number }) => r.FromPort === 8443);
    expect(ingress).toEqual([expect.objectContaining({ CidrIp: '10.0.0.0/16', ToPort: 8443 })]);
  });

  test('the test rule is the service\'s test listener rule, and the traffic role may modify it', () => {
    const rules = Object.keys(template.findResources('AWS::ElasticLoadBalancingV2::ListenerRule'));
    expect(rules).toHaveLength(2);
    const testRule = rules.find((r) => r.includes('Test'))!;
    const [svc] = Object.values(template.findResources('AWS::ECS::Service'));
    expect(svc!.Properties.LoadBalancers[0].AdvancedConfiguration.TestListenerRule).toEqual({ Ref: testRule });
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p).includes('ModifyRule'))!;
    expect(policy.Properties.PolicyDocument.Statement[2].Resource).toHaveLength(4);
  });

  test('hooks: one role that may invoke the two functions only; each hook with its stages', () => {
    const [svc] = Object.values(template.findResources('AWS::ECS::Service'));
    const hooks = svc!.Properties.DeploymentConfiguration.LifecycleHooks;
    expect(hooks).toEqual([
      { HookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:smoke', RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/DeploymentHookRole/), 'Arn'] }, LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] },
      { HookTargetArn: 'arn:aws:lambda:us-east-1:123456789012:function:notify', RoleArn: hooks[0].RoleArn, LifecycleStages: ['PRE_SCALE_UP', 'POST_PRODUCTION_TRAFFIC_SHIFT'] },
    ]);
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) => JSON.stringify(p).includes('lambda:InvokeFunction'))!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual([{
      Action: 'lambda:InvokeFunction', Effect: 'Allow',
      Resource: ['arn:aws:lambda:us-east-1:123456789012:function:smoke', 'arn:aws:lambda:us-east-1:123456789012:function:notify'],
    }]);
  });
});

describe('linear and canary', () => {
  test('linear: strategy and step configuration written; defaults left to ECS', () => {
    const { template } = synth({ loadBalancer: {}, deployment: ServiceDeployment.linear({ stepPercent: 20, stepBakeTime: Duration.minutes(3) }) });
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 20, StepBakeTimeInMinutes: 3 }, CanaryConfiguration: Match.absent() },
    });
  });

  test('canary: strategy and step configuration written', () => {
    const { template } = synth({ loadBalancer: {}, deployment: ServiceDeployment.canary({ stepPercent: 2.5, stepBakeTime: Duration.minutes(20), bakeTime: Duration.minutes(0) }) });
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: { Strategy: 'CANARY', BakeTimeInMinutes: 0, CanaryConfiguration: { CanaryPercent: 2.5, CanaryBakeTimeInMinutes: 20 } },
    });
  });

  test.each([
    ['linear', () => ServiceDeployment.linear()],
    ['canary', () => ServiceDeployment.canary()],
  ])('%s without a load balancer or Service Connect services is refused', (_name, make) => {
    expect(() => synth({ deployment: make() })).toThrow(/deployment: got "ServiceDeployment\.(linear|canary)\(\)"; allowed: a linear or canary deployment of a service with a load balancer or Service Connect services.*Hint: add loadBalancer/);
  });

  test.each([
    [ServiceDeployment.linear({ stepPercent: 2.9 }), /from 3 to 100 in steps of 0.1 for a linear/],
    [ServiceDeployment.linear({ stepPercent: 100.1 }), /from 3 to 100/],
    [ServiceDeployment.linear({ stepPercent: 10.05 }), /steps of 0.1/],
    [ServiceDeployment.canary({ stepPercent: 0.05 }), /from 0.1 to 100 in steps of 0.1 for a canary/],
  ])('bad stepPercent is refused with the property', (deployment, message) => {
    expect(() => synth({ loadBalancer: {}, deployment })).toThrow(/deployment\.stepPercent/);
    expect(() => synth({ loadBalancer: {}, deployment })).toThrow(message);
  });

  test('edge step percents pass', () => {
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.linear({ stepPercent: 3 }) })).not.toThrow();
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.canary({ stepPercent: 0.1 }) })).not.toThrow();
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.canary({ stepPercent: 100 }) })).not.toThrow();
  });
});

describe('refused combinations', () => {
  test.each([
    [{ bakeTime: Duration.seconds(90) }, 'deployment.bakeTime'],
    [{ bakeTime: Duration.minutes(1441) }, 'deployment.bakeTime'],
  ])('bake time %j', (options, property) => {
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.blueGreen(options) })).toThrow(new RegExp(`${property.replace('.', '\\.')}: got .*; allowed: whole minutes from 0 to 1440`));
  });

  test('the longest bake time passes', () => {
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.blueGreen({ bakeTime: Duration.hours(24) }) })).not.toThrow();
  });

  test('step bake time must be whole minutes up to a day', () => {
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.linear({ stepBakeTime: Duration.seconds(30) }) })).toThrow(/deployment\.stepBakeTime: got "30 seconds"/);
  });

  test('healthy percents with blue/green are refused', () => {
    expect(() => synth({ loadBalancer: {}, minHealthyPercent: 50, deployment: ServiceDeployment.blueGreen() })).toThrow(/minHealthyPercent: got "set, with ServiceDeployment\.blueGreen\(\)"; allowed: nothing: minHealthyPercent and maxHealthyPercent size the batches of rolling updates only/);
    expect(() => synth({ loadBalancer: {}, maxHealthyPercent: 150, deployment: ServiceDeployment.canary() })).toThrow(/ServiceDeployment\.canary\(\)/);
  });

  test('a test port needs the load balancer and a free port', () => {
    expect(() => synth({ deployment: ServiceDeployment.blueGreen({ testPort: 8080 }) })).toThrow(/deployment\.testPort: got 8080; allowed: nothing without loadBalancer/);
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.blueGreen({ testPort: 80 }) })).toThrow(/deployment\.testPort: got 80; allowed: a port other than the load balancer's listener ports \(80\)/);
    expect(() => synth({ loadBalancer: {}, deployment: ServiceDeployment.blueGreen({ testPort: 70000 }) })).toThrow(/deployment\.testPort: got 70000/);
  });

  test('an infrastructure role without a load balancer is refused; with one it is used and none is created', () => {
    const f = serviceFixture();
    const role = iam.Role.fromRoleArn(f.stack, 'Traffic', 'arn:aws:iam::123456789012:role/ecs-traffic');
    expect(() => new EcsService(f.stack, 'NoLb', { cluster: f.cluster, taskDefinition: f.app, deployment: ServiceDeployment.blueGreen({ infrastructureRole: role }) }))
      .toThrow(/deployment\.infrastructureRole: got "Stack\/Traffic"; allowed: nothing without loadBalancer/);
    const g = serviceFixture();
    const theirs = iam.Role.fromRoleArn(g.stack, 'Traffic', 'arn:aws:iam::123456789012:role/ecs-traffic');
    new EcsService(g.stack, 'Web', { cluster: g.cluster, taskDefinition: g.app, loadBalancer: {}, deployment: ServiceDeployment.blueGreen({ infrastructureRole: theirs }) });
    const t = Template.fromStack(g.stack);
    const [svc] = Object.values(t.findResources('AWS::ECS::Service'));
    expect(svc!.Properties.LoadBalancers[0].AdvancedConfiguration.RoleArn).toBe('arn:aws:iam::123456789012:role/ecs-traffic');
    expect(JSON.stringify(t.findResources('AWS::IAM::Policy'))).not.toContain('ModifyRule');
  });

  test('hooks: empty or repeated stages are refused with the hook\'s index', () => {
    const f = serviceFixture();
    const fn = hookFunction(f.stack, 'smoke');
    expect(() => new EcsService(f.stack, 'A', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: {}, deployment: ServiceDeployment.blueGreen({ hooks: [{ handler: fn, stages: [] }] }) }))
      .toThrow(/deployment\.hooks\[0\]\.stages: got \[\]; allowed: at least one/);
    expect(() => new EcsService(f.stack, 'B', {
      cluster: f.cluster, taskDefinition: f.app, loadBalancer: {},
      deployment: ServiceDeployment.blueGreen({ hooks: [{ handler: fn, stages: [ecs.DeploymentLifecycleStage.PRE_SCALE_UP] }, { handler: fn, stages: [ecs.DeploymentLifecycleStage.PRE_SCALE_UP, ecs.DeploymentLifecycleStage.PRE_SCALE_UP] }] }),
    })).toThrow(/deployment\.hooks\[1\]\.stages: .*PRE_SCALE_UP is repeated/);
  });

  test('blue/green without traffic to move warns', () => {
    const { stack } = synth({ deployment: ServiceDeployment.blueGreen() });
    Annotations.fromStack(stack).hasWarning('/Stack/Web', Match.stringLikeRegexp('no traffic to move'));
  });

  test('a CODE_DEPLOY controller override beside the circuit breaker fails at synth with a hint', () => {
    const f = serviceFixture();
    const service = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app });
    (service.service.node.defaultChild as ecs.CfnService).addPropertyOverride('DeploymentController', { Type: 'CODE_DEPLOY' });
    expect(() => Template.fromStack(f.stack)).toThrow(/\[Stack\/Web\] DeploymentController: got "CODE_DEPLOY"; allowed: ECS, for the deployment circuit breaker\..*ServiceDeployment\.blueGreen\(\)/);
  });

  test('an EXTERNAL controller set on the L1 beside a blue/green strategy and alarms fails at synth', () => {
    const f = serviceFixture();
    const service = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, loadBalancer: {}, deployment: ServiceDeployment.blueGreen() });
    (service.service.node.defaultChild as ecs.CfnService).deploymentController = { type: 'EXTERNAL' };
    expect(() => Template.fromStack(f.stack)).toThrow(/DeploymentController: got "EXTERNAL"; allowed: ECS, for the deployment circuit breaker, the BLUE_GREEN deployment strategy, deployment alarms/);
  });

  test('a CODE_DEPLOY controller with the ECS features turned off passes', () => {
    const f = serviceFixture();
    const service = new EcsService(f.stack, 'Web', { cluster: f.cluster, taskDefinition: f.app, deployment: ServiceDeployment.rolling({ circuitBreaker: false }) });
    (service.service.node.defaultChild as ecs.CfnService).addPropertyOverride('DeploymentController', { Type: 'CODE_DEPLOY' });
    expect(() => Template.fromStack(f.stack)).not.toThrow();
  });
});

describe('placement: blue/green needs room for both revisions', () => {
  function ec2Stack(deployment: ServiceDeployment): Stack {
    const stack = new Stack(undefined, 'Stack', { env: { region: 'us-east-1', account: '123456789012' } });
    const cluster = new EcsCluster(stack, 'Cluster', { capacity: [ClusterCapacity.ec2({ name: 'Main', instanceTypes: [new ec2.InstanceType('m6i.large')], maxCapacity: 2 })] });
    const td = new EcsTaskDefinition(stack, 'App', {
      compatibility: TaskCompatibility.EC2, cpu: 1024, memoryMiB: 2048,
      containers: [{ name: 'web', image: NGINX_IMAGE, portMappings: [{ containerPort: 8080 }], user: '101' }],
    });
    new EcsService(stack, 'Web', { cluster: cluster.cluster, taskDefinition: td, capacity: ServiceCapacity.ec2(), desiredCount: 3, loadBalancer: {}, deployment });
    return stack;
  }

  test('3 tasks fit on 2 x m6i.large when rolling; blue/green counts 6 and says why', () => {
    const rolling = Annotations.fromStack(ec2Stack(ServiceDeployment.rolling()));
    expect(rolling.findWarning('*', Match.stringLikeRegexp('do not fit'))).toHaveLength(0);
    const bg = Annotations.fromStack(ec2Stack(ServiceDeployment.blueGreen()));
    bg.hasWarning('/Stack/Cluster', Match.stringLikeRegexp('of 6 tasks of Stack/Web \\(both revisions run during a deployment\\)'));
  });
});
