import type * as cdk8sModule from 'cdk8s';
import type { k8s as k8sModule } from 'cdk8s-plus-33';

/*
 * cdk8s and the typed Kubernetes objects of cdk8s-plus-33 (generated from the Kubernetes OpenAPI
 * schema) take about 100 ms to load: they are loaded on the first workload or namespace, so an
 * app without one loads the library as fast as before (measured in `npm run bench`).
 */

/** The cdk8s module, loaded on first use. */
export function cdk8s(): typeof cdk8sModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdk8s') as typeof cdk8sModule;
}

/** The typed Kubernetes API objects (`KubeDeployment`, `KubeService`, ...), loaded on first use. */
export function k8s(): typeof k8sModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('cdk8s-plus-33') as { k8s: typeof k8sModule }).k8s;
}
