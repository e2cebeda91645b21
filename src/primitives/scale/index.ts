export * from './codec.ts';
export * from './reader.ts';
export * from './writer.ts';
export * from './types.ts';
