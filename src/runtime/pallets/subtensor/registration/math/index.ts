/** Pure registration economics: neuron burn price dynamics, subnet lock cost, new pool seeding. */
export * from './burn.ts';
export * from './network-lock.ts';
