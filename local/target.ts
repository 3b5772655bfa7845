import { Emulator, EmulatorOptions, startEmulator } from './emulator';

/** `emulator` (a local moto server) or `aws` (the caller's account). */
export type TargetKind = 'emulator' | 'aws';

/** Where apps are deployed: the local emulator or a real AWS account. */
export interface Target {
  /** `emulator` or `aws`. */
  readonly kind: TargetKind;
  /** Environment for the CDK CLI and the AWS SDK clients. */
  readonly env: NodeJS.ProcessEnv;
  /** SDK client configuration (endpoint and credentials for the emulator; the default chain for AWS). */
  readonly clientConfig: ClientConfig;
  /** Stops what the target started. */
  close(): Promise<void>;
}

/** What an AWS SDK v3 client needs to talk to the target: `new ECRClient(target.clientConfig)`. */
export interface ClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The emulator's fixed account and region (moto's defaults). */
export const EMULATOR_ACCOUNT = '123456789012';
export const EMULATOR_REGION = 'us-east-1';
/** The emulator accepts any credentials; these are the ones its environment sets. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

/**
 * Opens a target: `emulator` (default) starts a local moto server with dummy credentials; `aws`
 * uses the caller's credentials and region (`AWS_REGION`, profile, SSO...). Everything after this
 * point (CLI, read-back, destroy) is the same code for both.
 */
export async function openTarget(kind: string = 'emulator', emulatorOptions: EmulatorOptions = {}): Promise<Target> {
  if (kind === 'aws') {
    const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new Error('the aws target needs AWS_REGION (and credentials in the usual places)');
    const env = { ...process.env };
    delete env.AWS_ENDPOINT_URL;
    return { kind, env, clientConfig: { region }, close: async () => undefined };
  }
  if (kind !== 'emulator') throw new Error(`the target must be "emulator" or "aws", got "${kind}"`);

  const emulator: Emulator = await startEmulator(emulatorOptions);
  const env: NodeJS.ProcessEnv = { ...process.env, ...emulatorEnv(emulator.endpoint) };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  return {
    kind,
    env,
    clientConfig: { region: EMULATOR_REGION, endpoint: emulator.endpoint, credentials: { ...EMULATOR_CREDENTIALS } },
    close: () => emulator.stop(),
  };
}

/** The environment that points the AWS CLI, the SDKs and the CDK CLI at an emulator. */
export function emulatorEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
    AWS_REGION: EMULATOR_REGION,
    AWS_DEFAULT_REGION: EMULATOR_REGION,
    CDK_DEFAULT_ACCOUNT: EMULATOR_ACCOUNT,
    CDK_DEFAULT_REGION: EMULATOR_REGION,
  };
}
