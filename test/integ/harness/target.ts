import { Emulator, startEmulator } from './emulator';

/** Where integration apps are deployed: the local emulator (default) or a real AWS account. */
export interface Target {
  /** `emulator` or `aws`. */
  readonly kind: 'emulator' | 'aws';
  /** Environment for the CDK CLI and the AWS SDK clients. */
  readonly env: NodeJS.ProcessEnv;
  /** SDK client configuration (endpoint and credentials for the emulator; the default chain for AWS). */
  readonly clientConfig: { region: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } };
  /** Stops what the target started. */
  close(): Promise<void>;
}

/** The emulator's fixed account and region (moto's defaults). */
export const EMULATOR_ACCOUNT = '123456789012';
export const EMULATOR_REGION = 'us-east-1';

/**
 * Opens the target named by `INTEG_TARGET`: `emulator` (default) starts a local moto server with
 * dummy credentials; `aws` uses the caller's credentials and region (`AWS_REGION`, profile, SSO...).
 * Everything after this point (CLI, read-back, destroy) is the same code for both.
 */
export async function openTarget(): Promise<Target> {
  const kind = (process.env.INTEG_TARGET ?? 'emulator') as Target['kind'];
  if (kind === 'aws') {
    const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new Error('INTEG_TARGET=aws needs AWS_REGION (and credentials in the usual places)');
    const env = { ...process.env };
    delete env.AWS_ENDPOINT_URL;
    return { kind, env, clientConfig: { region }, close: async () => undefined };
  }
  if (kind !== 'emulator') throw new Error(`INTEG_TARGET must be "emulator" or "aws", got "${kind}"`);

  const emulator: Emulator = await startEmulator();
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' }; // dummy: the emulator accepts any
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: EMULATOR_REGION,
    AWS_DEFAULT_REGION: EMULATOR_REGION,
    CDK_DEFAULT_ACCOUNT: EMULATOR_ACCOUNT,
    CDK_DEFAULT_REGION: EMULATOR_REGION,
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  return {
    kind,
    env,
    clientConfig: { region: EMULATOR_REGION, endpoint: emulator.endpoint, credentials },
    close: () => emulator.stop(),
  };
}
