export * from './eks-cluster-checks';
