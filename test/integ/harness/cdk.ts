import * as path from 'path';
import { CdkCli as LocalCdkCli } from '../../../local/cdk';
import { Target } from './target';

const ROOT = path.join(__dirname, '..', '..', '..');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * The pinned CDK CLI, run on one integration app file (`tsx <file>`) from the repository root: the
 * shipped local-deploy room's CLI runner (local/cdk.ts), which synthesizes each context variant
 * once and deploys that cloud assembly.
 */
export class CdkCli extends LocalCdkCli {
  constructor(target: Target, appFile: string) {
    super(target, { app: `${TSX} ${appFile}`, cwd: ROOT, cli: CDK, name: path.basename(appFile, '.ts') });
  }
}
