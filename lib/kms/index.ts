export * from './platform-key';
