export * from './eks-cluster-checks';
export * from './eks-workload-checks';
export * from './containers-compliance';
