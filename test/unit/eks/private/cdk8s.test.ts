import { execFileSync } from 'child_process';
import * as path from 'path';
import { cdk8s, k8s } from '../../../../lib/eks/private/cdk8s';

const ROOT = path.join(__dirname, '..', '..', '..', '..');

/** Which of cdk8s's modules are loaded after `script` runs in a fresh Node process (the library loaded from source). */
function loadedAfter(script: string): { cdk8s: boolean; plus: boolean } {
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', `${script};
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({ cdk8s: loaded.some((f) => f.includes('/node_modules/cdk8s/')), plus: loaded.some((f) => f.includes('/node_modules/cdk8s-plus-33/')) }));`],
  { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('cdk8s is loaded on first use', () => {
  test('loading the library loads neither cdk8s nor cdk8s-plus-33', () => {
    expect(loadedAfter("require('./lib')")).toEqual({ cdk8s: false, plus: false });
  }, 60_000);

  test('the first workload loads both', () => {
    expect(loadedAfter("require('./lib/eks/private/cdk8s').k8s()")).toEqual({ cdk8s: true, plus: true });
  }, 60_000);

  test('the loaders answer the modules', () => {
    expect(typeof cdk8s().Chart).toBe('function');
    expect(typeof k8s().KubeDeployment).toBe('function');
  });
});
