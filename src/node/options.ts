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
