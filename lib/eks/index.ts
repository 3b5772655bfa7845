export * from './addon';
export * from './capacity';
export * from './cluster';
export * from './endpoint';
