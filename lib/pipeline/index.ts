export * from './github-deploy-role';
