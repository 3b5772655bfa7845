export * from './addon';
export * from './argo-cd-capability';
export * from './capacity';
export * from './cluster';
export * from './endpoint';
export { KubernetesDelivery } from './kubernetes-manifests';
export * from './namespace';
export * from './workload';
export * from './workload-container';
