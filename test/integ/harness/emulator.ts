import { Emulator, startEmulator as startLocalEmulator } from '../../../local/emulator';

export type { Emulator } from '../../../local/emulator';

/**
 * Starts moto on a free port and resolves when it is ready: the package's `local/emulator/server.py`
 * (the shipped local-deploy room), which registers the project's CloudFormation models.
 */
export function startEmulator(timeoutMs = 60_000): Promise<Emulator> {
  return startLocalEmulator({ timeoutMs });
}
