/** In-process nodes for integration tests: real LevelDB in a temp dir, no RPC unless asked. */
import pino from 'pino';
import { Node } from '../../src/node/node.ts';
import type { NodeOptions } from '../../src/node/options.ts';

export function nodeOptions(extra: Partial<NodeOptions> = {}): NodeOptions {
  return {
    chain: 'dev',
    tmp: true,
    rpcPort: 0,
    rpcHost: '127.0.0.1',
    rpcCors: 'all',
    rpcMethods: 'auto',
    rpcMaxConnections: 10,
    p2pPort: 0,
    name: 'test',
    devIdentities: [],
    validator: false,
    sealing: { kind: 'manual' },
    statePruning: 256,
    logLevel: 'silent',
    poolLimit: 8192,
    noRpc: true,
    ...extra,
  };
}

export function startInProcess(extra: Partial<NodeOptions> = {}): Promise<Node> {
  return Node.start(nodeOptions(extra), pino({ level: 'silent' }));
}
