import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudFormationClient, DescribeStacksCommand, StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { DescribeServicesCommand, ECSClient, Service } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand, DescribeLoadBalancersCommand, DescribeRulesCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client, Rule,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetNamespaceCommand, ServiceDiscoveryClient } from '@aws-sdk/client-servicediscovery';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, ListRolePoliciesCommand } from '@aws-sdk/client-iam';
import * as path from 'path';
import { expectCleanAccount } from './harness/expect-clean';
import { IntegSession, openSession, PHASE_TIMEOUT, unexplained } from './harness/session';
import { CLUSTER_NAME, STACK, TRAFFIC } from './integ.ecs-traffic';

/** What the template keeps on `cdk destroy` (DeletionPolicy Retain): the destroy test asserts these survive, and only these. */
const RETAINED = [
  'AWS::KMS::Key NetworkFlowLogsKey9F917D90',
  'AWS::Logs::LogGroup NetworkFlowLogs2BEC3212',
  'AWS::S3::Bucket SharedAccessLogs09FDFF7D',
  'AWS::KMS::Key ShopTaskLogsKey3C8CF59E',
  'AWS::Logs::LogGroup ShopTaskLogs36D2A4F9',
  'AWS::KMS::Key OrdersTaskLogsKeyFD8E265C',
  'AWS::Logs::LogGroup OrdersTaskLogs254FBC87',
  'AWS::KMS::Key CheckoutTaskLogsKey49715387',
  'AWS::Logs::LogGroup CheckoutTaskLogs54475582',
  'AWS::S3::Bucket CheckoutLoadBalancerAccessLogs0890945E',
];

describe('integ.ecs-traffic: two services on a shared load balancer and a blue/green service, then destroyed', () => {
  let session: IntegSession;
  let ecs: ECSClient;
  let elbv2: ElasticLoadBalancingV2Client;
  let created: StackResourceSummary[] = [];
  const services: Record<string, Service> = {};
  const idOf = (type: string, prefix: string) => created.find((r) => r.ResourceType === type && r.LogicalResourceId!.startsWith(prefix))?.PhysicalResourceId;

  beforeAll(async () => {
    session = await openSession(path.join(__dirname, 'integ.ecs-traffic.ts'));
    ecs = new ECSClient(session.target.clientConfig);
    elbv2 = new ElasticLoadBalancingV2Client(session.target.clientConfig);
    const accounts = await session.deploy([STACK]);
    expect(unexplained(accounts)).toEqual([]);
    created = accounts[0]!.created;
    const names = [TRAFFIC.shop.serviceName, TRAFFIC.orders.serviceName, TRAFFIC.checkout.serviceName];
    const found = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER_NAME, services: names }));
    for (const s of found.services ?? []) services[s.serviceName!] = s;
  }, PHASE_TIMEOUT.deploy);

  afterAll(async () => {
    await session?.close();
  });

  test('one shared internal load balancer: HTTPS on 443 answering 404, HTTP redirected, a rule per service in priority order', async () => {
    const lbArn = idOf('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Shared')!;
    const [lb] = (await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lbArn] }))).LoadBalancers!;
    expect(lb).toMatchObject({ Scheme: 'internal', Type: 'application' });
    const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).Listeners!;
    expect(listeners.map((l) => [l.Port, l.Protocol]).sort()).toEqual([[443, 'HTTPS'], [80, 'HTTP']]);
    const https = listeners.find((l) => l.Port === 443)!;
    expect(https.DefaultActions).toEqual([expect.objectContaining({ Type: 'fixed-response', FixedResponseConfig: expect.objectContaining({ StatusCode: '404' }) })]);
    expect(listeners.find((l) => l.Port === 80)!.DefaultActions).toEqual([expect.objectContaining({ Type: 'redirect', RedirectConfig: expect.objectContaining({ Port: '443', Protocol: 'HTTPS' }) })]);

    const rules = (await elbv2.send(new DescribeRulesCommand({ ListenerArn: https.ListenerArn }))).Rules!.filter((r) => !r.IsDefault);
    const byPriority = rules.sort((a, b) => Number(a.Priority) - Number(b.Priority));
    expect(byPriority.map((r) => Number(r.Priority))).toEqual([TRAFFIC.orders.priority, TRAFFIC.shop.priority]);
    const values = (r: Rule, field: string) => r.Conditions!.find((c) => c.Field === field)?.Values
      ?? (field === 'host-header' ? r.Conditions!.find((c) => c.Field === field)?.HostHeaderConfig?.Values : r.Conditions!.find((c) => c.Field === field)?.PathPatternConfig?.Values);
    expect(values(byPriority[0]!, 'host-header')).toEqual([...TRAFFIC.orders.hosts]);
    expect(values(byPriority[0]!, 'path-pattern')).toEqual([...TRAFFIC.orders.paths]);
    expect(values(byPriority[1]!, 'host-header')).toEqual([...TRAFFIC.shop.hosts]);

    // Each rule forwards to the target group its service registers in.
    for (const [rule, name] of [[byPriority[0]!, TRAFFIC.orders.serviceName], [byPriority[1]!, TRAFFIC.shop.serviceName]] as const) {
      const forwarded = rule.Actions![0]!.TargetGroupArn ?? rule.Actions![0]!.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn;
      expect(services[name]!.loadBalancers).toEqual([expect.objectContaining({ targetGroupArn: forwarded, containerName: 'web', containerPort: 8080 })]);
    }
    const [shopGroup] = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [services[TRAFFIC.shop.serviceName]!.loadBalancers![0]!.targetGroupArn!] }))).TargetGroups!;
    expect(shopGroup).toMatchObject({ TargetType: 'ip', Port: 8080, Protocol: 'HTTP', HealthCheckPath: TRAFFIC.shop.healthCheckPath });
  }, PHASE_TIMEOUT.readBack);

  test('the shared services deploy rolling with the circuit breaker, and roll back on their target group\'s alarms', async () => {
    const cw = new CloudWatchClient(session.target.clientConfig);
    for (const [name, id] of [[TRAFFIC.shop.serviceName, 'Shop'], [TRAFFIC.orders.serviceName, 'Orders']] as const) {
      const config = services[name]!.deploymentConfiguration!;
      expect(config.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
      expect(config.strategy ?? 'ROLLING').toBe('ROLLING');
      const alarmNames = [`${STACK}/Shared/${id}/target-5xx`, `${STACK}/Shared/${id}/unhealthy-targets`];
      expect(config.alarms).toEqual({ enable: true, rollback: true, alarmNames });
      const alarms = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: alarmNames }))).MetricAlarms!;
      expect(alarms.map((a) => a.AlarmName).sort()).toEqual(alarmNames.sort());
      const group = services[name]!.loadBalancers![0]!.targetGroupArn!.split(':').pop();
      for (const alarm of alarms) {
        const dimensions = alarm.Metrics!.flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? []);
        expect(dimensions).toEqual(expect.arrayContaining([{ Name: 'TargetGroup', Value: group }]));
      }
    }
  }, PHASE_TIMEOUT.readBack);

  test('the blue/green service: strategy, bake time, hook; two target groups, the production and test rules, the traffic role', async () => {
    const checkout = services[TRAFFIC.checkout.serviceName]!;
    expect(checkout.deploymentController?.type ?? 'ECS').toBe('ECS');
    const config = checkout.deploymentConfiguration!;
    expect(config).toMatchObject({ strategy: 'BLUE_GREEN', bakeTimeInMinutes: TRAFFIC.checkout.bakeMinutes, deploymentCircuitBreaker: { enable: true, rollback: true } });
    expect(config.lifecycleHooks).toEqual([expect.objectContaining({
      hookTargetArn: expect.stringMatching(/:function:integ-checkout-smoke-test$/), lifecycleStages: [...TRAFFIC.hookStages],
    })]);
    expect(config.alarms?.alarmNames).toEqual([`${STACK}/Checkout/target-5xx`, `${STACK}/Checkout/unhealthy-targets`]);

    const [lb] = checkout.loadBalancers!;
    const advanced = lb!.advancedConfiguration!;
    expect(advanced.alternateTargetGroupArn).toBeDefined();
    expect(advanced.alternateTargetGroupArn).not.toBe(lb!.targetGroupArn);
    const groups = (await elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [lb!.targetGroupArn!, advanced.alternateTargetGroupArn!] }))).TargetGroups!;
    expect(groups.map((g) => [g.Port, g.TargetType, g.HealthCheckPath])).toEqual([[8080, 'ip', TRAFFIC.checkout.healthCheckPath], [8080, 'ip', TRAFFIC.checkout.healthCheckPath]]);

    // The production rule (on 443) and the test rule (on the test port) forward 100/0 to the two groups.
    const lbArn = idOf('AWS::ElasticLoadBalancingV2::LoadBalancer', 'CheckoutLoadBalancer')!;
    const listeners = (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }))).Listeners!;
    expect(listeners.map((l) => l.Port).sort()).toEqual([443, 80, TRAFFIC.checkout.testPort].sort());
    for (const [port, ruleArn] of [[443, advanced.productionListenerRule], [TRAFFIC.checkout.testPort, advanced.testListenerRule]] as const) {
      const listener = listeners.find((l) => l.Port === port)!;
      const rules = (await elbv2.send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }))).Rules!;
      const rule = rules.find((r) => r.RuleArn === ruleArn)!;
      expect(rule).toBeDefined();
      expect(rule.Actions![0]!.ForwardConfig!.TargetGroups!.map((t) => [t.TargetGroupArn, t.Weight]))
        .toEqual([[lb!.targetGroupArn, 100], [advanced.alternateTargetGroupArn, 0]]);
    }

    // The traffic role: trusted by ECS only, allowed to modify those listeners and rules only.
    const iam = new IAMClient(session.target.clientConfig);
    const roleName = advanced.roleArn!.split('/').pop()!;
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: roleName }));
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!)).Statement).toEqual([
      expect.objectContaining({ Action: 'sts:AssumeRole', Principal: { Service: 'ecs.amazonaws.com' } }),
    ]);
    const policyNames = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames!;
    const statements = (await Promise.all(policyNames.map((p) => iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: p })))))
      .flatMap((p) => JSON.parse(decodeURIComponent(p.PolicyDocument!)).Statement as Array<{ Action: string[]; Resource: string | string[] }>);
    const modify = statements.find((s) => [s.Action].flat().includes('elasticloadbalancing:ModifyRule'))!;
    expect([modify.Resource].flat().sort()).toEqual([
      ...listeners.filter((l) => l.Port !== 80).map((l) => l.ListenerArn!), advanced.productionListenerRule!, advanced.testListenerRule!,
    ].sort());
  }, PHASE_TIMEOUT.readBack);

  test('Service Connect: the cluster\'s namespace, the shop publishing shop:80, orders a client only', async () => {
    const namespaceId = idOf('AWS::ServiceDiscovery::HttpNamespace', 'Cluster')!;
    const { Namespace } = await new ServiceDiscoveryClient(session.target.clientConfig).send(new GetNamespaceCommand({ Id: namespaceId }));
    expect(Namespace).toMatchObject({ Name: TRAFFIC.connect.namespace, Type: 'HTTP' });
    const connect = (name: string) => services[name]!.deployments?.[0]?.serviceConnectConfiguration;
    expect(connect(TRAFFIC.shop.serviceName)).toMatchObject({
      enabled: true, namespace: Namespace!.Arn,
      services: [expect.objectContaining({
        portName: 'http', discoveryName: TRAFFIC.connect.discoveryName,
        clientAliases: [expect.objectContaining({ dnsName: TRAFFIC.connect.dnsName, port: TRAFFIC.connect.port })],
      })],
    });
    expect(connect(TRAFFIC.orders.serviceName)).toMatchObject({ enabled: true, namespace: Namespace!.Arn });
    expect(connect(TRAFFIC.orders.serviceName)!.services ?? []).toEqual([]);
  }, PHASE_TIMEOUT.readBack);

  test('destroy removes the services, the load balancers and the network; the stack is gone', async () => {
    const teardown = { 'integ:teardown': 'true' };
    await session.deploy([STACK], teardown);
    const report = await session.destroy([STACK], teardown);
    const cfn = new CloudFormationClient(session.target.clientConfig);
    await expect(cfn.send(new DescribeStacksCommand({ StackName: STACK }))).rejects.toThrow(/does not exist/);
    const after = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER_NAME, services: Object.keys(services) }));
    expect((after.services ?? []).filter((s) => s.status === 'ACTIVE')).toEqual([]);
    await expectCleanAccount(session, report, RETAINED);
  }, PHASE_TIMEOUT.destroy);
});
