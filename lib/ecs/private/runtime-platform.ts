import * as ecs from 'aws-cdk-lib/aws-ecs';

/** ECS `RuntimePlatform.cpuArchitecture` values (ECS API reference, RuntimePlatform). */
export const CPU_ARCHITECTURES: readonly string[] = ['X86_64', 'ARM64'];

/** ECS `RuntimePlatform.operatingSystemFamily` values (ECS API reference, RuntimePlatform). */
export const OS_FAMILIES: readonly string[] = [
  'LINUX', 'WINDOWS_SERVER_2016_FULL', 'WINDOWS_SERVER_2019_FULL', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2022_CORE', 'WINDOWS_SERVER_2025_FULL', 'WINDOWS_SERVER_2025_CORE', 'WINDOWS_SERVER_2004_CORE', 'WINDOWS_SERVER_20H2_CORE',
];

/** True for ARM64, however the value was made (`ecs.CpuArchitecture.ARM64` or `.of('ARM64')`). */
export function isArm64(arch: ecs.CpuArchitecture): boolean {
  return arch._cpuArchitecture === 'ARM64';
}
