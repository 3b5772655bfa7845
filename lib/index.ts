export * from './errors';
export * from './ecr';
export * from './network';
export * from './ecs';
export * from './eks';
export * from './compliance';
export * from './cost';
export * from './pipeline';
