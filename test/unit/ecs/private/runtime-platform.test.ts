import * as ecs from 'aws-cdk-lib/aws-ecs';
import { CPU_ARCHITECTURES, OS_FAMILIES, isArm64 } from '../../../../lib/ecs/private/runtime-platform';

// lib/ecs/private/runtime-platform.ts: ECS's runtime platform values.

test('ARM64 is recognised however the value was made', () => {
  expect(isArm64(ecs.CpuArchitecture.ARM64)).toBe(true);
  expect(isArm64(ecs.CpuArchitecture.of('ARM64'))).toBe(true);
  expect(isArm64(ecs.CpuArchitecture.X86_64)).toBe(false);
  expect(isArm64(ecs.CpuArchitecture.of('arm64'))).toBe(false);
});

test('the value lists hold every aws-cdk-lib constant', () => {
  expect([...CPU_ARCHITECTURES].sort()).toEqual([ecs.CpuArchitecture.ARM64, ecs.CpuArchitecture.X86_64].map((a) => a._cpuArchitecture).sort());
  const families = Object.values(ecs.OperatingSystemFamily).filter((v): v is ecs.OperatingSystemFamily => v instanceof ecs.OperatingSystemFamily);
  expect(families.length).toBeGreaterThan(5);
  for (const f of families) expect(OS_FAMILIES).toContain(f._operatingSystemFamily);
});
