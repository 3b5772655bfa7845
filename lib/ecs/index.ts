export * from './cluster';
export * from './instance-types';
export * from './placement';
