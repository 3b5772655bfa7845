export * from './eks-cluster-checks';
export * from './containers-compliance';
