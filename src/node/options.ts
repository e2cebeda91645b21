/** Everything `run` needs, after CLI parsing and defaults. */
import type { SealingMode } from '../consensus/sealing.ts';

export interface NodeOptions {
  chain: string;
  basePath?: string;
  tmp: boolean;
  rpcPort: number;
  rpcHost: string;
  rpcCors: string[] | 'all';
  rpcMethods: 'safe' | 'unsafe' | 'auto';
  rpcMaxConnections: number;
  p2pPort: number;
  name: string;
  devIdentities: string[];
  validator: boolean;
  sealing: SealingMode;
  /** Number of blocks of state kept behind finality, or Infinity (archive). */
  statePruning: number;
  logLevel: string;
  poolLimit: number;
  /** Worker threads verifying signatures (default: min(4, cores)). */
  verifyWorkers?: number;
  /** Start without the RPC server (tests, benchmarks). */
  noRpc?: boolean;
}

/** Options for a node embedded in a process (tests, benchmarks, tools): dev chain, temp dir, manual sealing, no RPC. */
export function embeddedNodeOptions(extra: Partial<NodeOptions> = {}): NodeOptions {
  return {
    chain: 'dev',
    tmp: true,
    rpcPort: 0,
    rpcHost: '127.0.0.1',
    rpcCors: 'all',
    rpcMethods: 'auto',
    rpcMaxConnections: 10,
    p2pPort: 0,
    name: 'embedded',
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
