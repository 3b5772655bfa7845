export * from './capacity';
export * from './cluster';
export * from './instance-types';
export * from './placement';
export * from './scheduled-task';
export * from './service';
export * from './task-definition';
