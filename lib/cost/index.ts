export * from './prices';
export * from './estimate';
