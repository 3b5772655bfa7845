import { Duration, aws_ecs as ecs } from 'aws-cdk-lib';
import { ServiceDeployment } from '../../../lib/ecs';

// lib/ecs/deployment.ts: the enum-like ServiceDeployment and its options. What a deployment
// writes into the service is tested in service-deployment.test.ts, through EcsService.

describe('ServiceDeployment', () => {
  test('runsTwoTaskSets: every strategy but rolling', () => {
    expect(ServiceDeployment.rolling().runsTwoTaskSets).toBe(false);
    expect(ServiceDeployment.blueGreen().runsTwoTaskSets).toBe(true);
    expect(ServiceDeployment.linear().runsTwoTaskSets).toBe(true);
    expect(ServiceDeployment.canary().runsTwoTaskSets).toBe(true);
    expect(ServiceDeployment.canary().strategy).toBe(ecs.DeploymentStrategy.CANARY);
    expect(ServiceDeployment.rolling().circuitBreaker).toBe(true);
    expect(ServiceDeployment.rolling({ circuitBreaker: false }).circuitBreaker).toBe(false);
  });

  test('each factory keeps its strategy and options', () => {
    const linear = ServiceDeployment.linear({ stepPercent: 20, bakeTime: Duration.minutes(2) });
    expect(linear.strategy).toBe(ecs.DeploymentStrategy.LINEAR);
    expect(linear.trafficShift?.stepPercent).toBe(20);
    expect(linear.blueGreenOptions.bakeTime?.toMinutes()).toBe(2);
    expect(ServiceDeployment.blueGreen().trafficShift).toBeUndefined();
    expect(ServiceDeployment.blueGreen().circuitBreaker).toBe(true);
    expect(ServiceDeployment.canary({ circuitBreaker: false }).circuitBreaker).toBe(false);
    expect(ServiceDeployment.rolling().strategy).toBe(ecs.DeploymentStrategy.ROLLING);
  });
});
