import { PriceTable, PriceTables } from '../../../lib/cost';

const P = PriceTables.US_EAST_1;

/** The price fields that are a single number. */
const NUMBER_FIELDS = (Object.keys(P) as Array<keyof PriceTable>).filter((k) => typeof P[k] === 'number');

describe('PriceTables.US_EAST_1', () => {
  test('us-east-1, a month of 730 hours (8760 / 12), sourced from the AWS pricing pages and dated', () => {
    expect(P.region).toBe('us-east-1');
    expect(P.hoursPerMonth).toBe((365 * 24) / 12);
    for (const url of P.source.match(/https?:\/\/\S+/g) ?? []) expect(url).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/pricing\//);
    expect(P.source.match(/https:\/\//g)).toHaveLength(9);
    expect(P.asOf).toMatch(/^\d{4}-\d{2}-\d{2} /);
  });

  test('every price is a positive, finite number; Fargate Spot is a fraction of on-demand', () => {
    expect(NUMBER_FIELDS).toEqual(expect.arrayContaining(['hoursPerMonth', 'natGatewayHour', 'eksClusterHour', 'fargateX86VcpuHour', 'fargateSpotFactor']));
    for (const field of NUMBER_FIELDS) expect([field, Number.isFinite(P[field]) && (P[field] as number) > 0]).toEqual([field, true]);
    for (const [type, price] of Object.entries(P.ec2InstanceHour)) expect([type, Number.isFinite(price) && price > 0]).toEqual([type, true]);
    expect(P.fargateSpotFactor).toBeLessThan(1);
  });

  test('instance types are lower-case family.size names', () => {
    for (const type of Object.keys(P.ec2InstanceHour)) expect(type).toMatch(/^[a-z][a-z0-9]*\.(micro|small|medium|large|\d*xlarge)$/);
  });

  test('within a family each size up (micro, small, medium, large, xlarge) costs twice as much', () => {
    const sizes = ['micro', 'small', 'medium', 'large', 'xlarge'];
    const families = new Set(Object.keys(P.ec2InstanceHour).map((t) => t.split('.')[0]!));
    let pairs = 0;
    for (const family of families) {
      for (let i = 1; i < sizes.length; i++) {
        const smaller = P.ec2InstanceHour[`${family}.${sizes[i - 1]}`];
        const larger = P.ec2InstanceHour[`${family}.${sizes[i]}`];
        if (smaller === undefined || larger === undefined) continue;
        expect([`${family}.${sizes[i]}`, larger]).toEqual([`${family}.${sizes[i]}`, expect.closeTo(2 * smaller, 6)]);
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThanOrEqual(12);
  });

  test('Graviton is cheaper than x86 on Fargate and on EC2; gp3 is cheaper than gp2', () => {
    expect(P.fargateArmVcpuHour).toBeLessThan(P.fargateX86VcpuHour);
    expect(P.fargateArmGbHour).toBeLessThan(P.fargateX86GbHour);
    expect(P.ec2InstanceHour['m7g.large']).toBeLessThan(P.ec2InstanceHour['m7i.large']!);
    expect(P.ec2InstanceHour['m6g.large']).toBeLessThan(P.ec2InstanceHour['m6i.large']!);
    expect(P.ec2InstanceHour['c7g.large']).toBeLessThan(P.ec2InstanceHour['c7i.large']!);
    expect(P.ebsGp3GbMonth).toBeLessThan(P.ebsGp2GbMonth);
  });

  test('the instance types the library defaults to are priced: m6i.large and m7i.large (ECS EC2 capacity)', () => {
    expect(P.ec2InstanceHour['m6i.large']).toEqual(expect.any(Number));
    expect(P.ec2InstanceHour['m7i.large']).toEqual(expect.any(Number));
  });
});
