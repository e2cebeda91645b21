/** `subtensor-ts [run]`: start a node. */
import pino from 'pino';
import { toHex } from '../../primitives/hex.ts';
import { toSs58 } from '../../primitives/ss58.ts';
import { parseSealing, SealingModeError } from '../../consensus/sealing.ts';
import { Node } from '../../node/node.ts';
import type { NodeOptions } from '../../node/options.ts';
import { DEV_IDENTITIES } from '../../node/keystore.ts';
import { SystemStorage } from '../../runtime/pallets/system/storage.ts';
import { SudoStorage } from '../../runtime/pallets/sudo/index.ts';
import { intFlag, parse, UsageError } from '../args.ts';
import { RUN_HELP } from '../help.ts';


const runOptions = {
  dev: { type: 'boolean' },
  chain: { type: 'string' },
  'base-path': { type: 'string', short: 'd' },
  tmp: { type: 'boolean' },
  'state-pruning': { type: 'string' },
  validator: { type: 'boolean' },
  sealing: { type: 'string' },
  'pool-limit': { type: 'string' },
  'rpc-port': { type: 'string' },
  'rpc-external': { type: 'boolean' },
  'unsafe-rpc-external': { type: 'boolean' },
  'rpc-cors': { type: 'string' },
  'rpc-methods': { type: 'string' },
  'rpc-max-connections': { type: 'string' },
  'no-rpc': { type: 'boolean' },
  port: { type: 'string' },
  name: { type: 'string' },
  log: { type: 'string', short: 'l' },
  help: { type: 'boolean', short: 'h' },
  ...Object.fromEntries(DEV_IDENTITIES.map((n) => [n, { type: 'boolean' as const }])),
} as const;

export function parseRunOptions(argv: string[]): NodeOptions | 'help' {
  const { values: v } = parse(argv, runOptions);
  if (v.help) return 'help';
  const dev = Boolean(v.dev);
  const identities = DEV_IDENTITIES.filter((n) => (v as Record<string, unknown>)[n]);
  if (dev && identities.length === 0) identities.push('alice');
  let statePruning = 256;
  if (v['state-pruning'] !== undefined) {
    statePruning = v['state-pruning'] === 'archive' ? Infinity : intFlag('state-pruning', v['state-pruning'], 256, 1, 2 ** 31);
  }
  let sealing;
  try {
    sealing = parseSealing(v.sealing ?? 'aura');
  } catch (e) {
    if (e instanceof SealingModeError) throw new UsageError(e.message);
    throw e;
  }
  const methods = v['rpc-methods'] ?? 'auto';
  if (!['safe', 'unsafe', 'auto'].includes(methods)) throw new UsageError(`--rpc-methods must be safe, unsafe or auto, got ${JSON.stringify(methods)}`);
  const corsFlag = v['rpc-cors'] ?? (dev ? 'all' : undefined);
  const log = v.log ?? 'info';
  if (!['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'].includes(log)) throw new UsageError(`--log must be one of trace, debug, info, warn, error, got ${JSON.stringify(log)}`);
  return {
    chain: v.chain ?? (dev ? 'dev' : 'local'),
    basePath: v['base-path'],
    tmp: Boolean(v.tmp) || (dev && !v['base-path']),
    rpcPort: intFlag('rpc-port', v['rpc-port'], 9944),
    rpcHost: v['rpc-external'] || v['unsafe-rpc-external'] ? '0.0.0.0' : '127.0.0.1',
    rpcCors: corsFlag === 'all' ? 'all' : (corsFlag?.split(',').map((s) => s.trim()) ?? ['http://localhost:*', 'http://127.0.0.1:*', 'https://localhost:*', 'https://127.0.0.1:*', 'https://polkadot.js.org']),
    rpcMethods: methods as NodeOptions['rpcMethods'],
    rpcMaxConnections: intFlag('rpc-max-connections', v['rpc-max-connections'], 100, 1, 100_000),
    p2pPort: intFlag('port', v.port, 30333),
    name: v.name ?? 'subtensor-ts-node',
    devIdentities: identities,
    validator: Boolean(v.validator) || identities.length > 0,
    sealing,
    statePruning,
    logLevel: log,
    poolLimit: intFlag('pool-limit', v['pool-limit'], 8192, 1, 10_000_000),
    noRpc: Boolean(v['no-rpc']),
  };
}

const TAO = 1_000_000_000n;

function formatTao(rao: bigint): string {
  const whole = rao / TAO;
  const frac = (rao % TAO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''} TAO`;
}

export async function runCommand(argv: string[]): Promise<void> {
  const started = Date.now();
  const opts = parseRunOptions(argv);
  if (opts === 'help') {
    process.stdout.write(RUN_HELP);
    return;
  }
  const logger = pino({ level: opts.logLevel, base: undefined });
  const node = await Node.start(opts, logger);
  const state = node.chain.stateAt();
  const sudo = SudoStorage.Key.get(state);
  const lines = [
    `subtensor-ts ${node.info.version}`,
    `  chain:        ${node.spec.name} (${node.spec.id}, ${node.rt.profile.name} runtime, ${node.rt.profile.slotDurationMs} ms slots)`,
    `  genesis hash: ${toHex(node.chain.genesisHash)}`,
    `  best block:   #${node.chain.best.header.number} ${toHex(node.chain.best.hash)}`,
    `  RPC:          ${node.rpcPort ? `http://${opts.rpcHost}:${node.rpcPort}  ws://${opts.rpcHost}:${node.rpcPort}` : 'disabled'}`,
    `  authoring:    ${opts.validator ? `${opts.sealing.kind}${opts.sealing.kind === 'interval' ? ` ${opts.sealing.ms} ms` : ''} as ${opts.devIdentities.join(', ') || 'keystore keys'}` : 'off'}`,
    `  sudo key:     ${sudo ? toSs58(sudo) : 'none'}`,
    '  accounts:',
  ];
  let shown = 0;
  for (const [[who], info] of SystemStorage.Account.entries(state)) {
    if (shown++ >= 12) break;
    lines.push(`    ${toSs58(who)}  ${formatTao(info.data.free)}`);
  }
  lines.push(`  started in ${Date.now() - started} ms`);
  process.stdout.write(lines.join('\n') + '\n');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    node.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
