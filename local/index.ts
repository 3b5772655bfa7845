/**
 * `cdk-containers/local`: deploy a CDK app to a local AWS emulator (moto with the package's
 * CloudFormation extension) with the project's own CDK CLI, read back what was created, destroy it
 * and check that nothing was left behind. Needs python3 with `moto[server]==5.2.1`.
 * The command line is `cdk-containers-local deploy` (local/cli.ts).
 */
export { startLocalDeploy, LocalDeployError } from './deploy';
export type { LocalDeploy, LocalDeployOptions } from './deploy';
export { startEmulator, checkEmulatorSetup, EmulatorSetupError, EMULATOR_DIR, MOTO_INSTALL, MOTO_VERSION } from './emulator';
export type { Emulator, EmulatorOptions } from './emulator';
export { openTarget, emulatorEnv, EMULATOR_ACCOUNT, EMULATOR_CREDENTIALS, EMULATOR_REGION } from './target';
export type { ClientConfig, Target, TargetKind } from './target';
export { CdkCli, findCdkCli } from './cdk';
export type { CdkAppOptions, AssemblyStack } from './cdk';
export { accountFor, byType, isKnownGap, unexplainedSkips } from './resources';
export type { ResourceAccount, TypeAccount } from './resources';
export { KNOWN_GAPS, KNOWN_GAPS_FILE } from './known-gaps';
export type { KnownGap } from './known-gaps';
export { deleteRetained, inventoryDiff, missingRetained, retainedResources, takeInventory } from './inventory';
export type { Inventory, RetainedResource } from './inventory';
export { openSession, unexplained } from './session';
export type { DestroyReport, Session, SessionOptions } from './session';
export { timed } from './timing';
