/**
 * Chain specs in Substrate's JSON shape: a human-readable genesis patch (SS58 addresses) or
 * the raw genesis storage (`genesis.raw.top`, hex key → hex value) that `build-spec --raw` emits.
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fromHex, toHex } from '../primitives/hex.ts';
import { fromSs58 } from '../primitives/ss58.ts';
import type { GenesisConfig, RuntimeInstance } from '../runtime/runtime.ts';
import { storageFromChanges } from '../chain/genesis.ts';

export interface ChainSpecJson {
  name: string;
  id: string;
  chainType: string;
  bootNodes: string[];
  protocolId?: string;
  properties: Record<string, unknown>;
  runtimeProfile?: 'fast' | 'prod';
  genesis: {
    runtimeGenesis?: { patch: GenesisPatch };
    raw?: { top: Record<string, string>; childrenDefault?: Record<string, unknown> };
  };
  [extra: string]: unknown;
}

interface GenesisPatch {
  aura?: { authorities: string[] };
  grandpa?: { authorities: [string, number][] };
  balances?: { balances: [string, number | string][] };
  sudo?: { key?: string };
}

export class ChainSpecError extends Error {}

const BUILTIN = ['dev', 'local'] as const;

export function chainSpecDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'chain-spec');
}

/** `--chain` accepts a built-in id (dev, local) or a path to a JSON spec. */
export function loadChainSpec(chain: string): ChainSpecJson {
  const path = (BUILTIN as readonly string[]).includes(chain) ? join(chainSpecDir(), `${chain}.json`) : chain;
  if (!existsSync(path)) throw new ChainSpecError(`chain spec not found: ${chain} (use dev, local or a path to a JSON file)`);
  let spec: ChainSpecJson;
  try {
    spec = JSON.parse(readFileSync(path, 'utf8')) as ChainSpecJson;
  } catch (e) {
    throw new ChainSpecError(`chain spec ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof spec.name !== 'string' || typeof spec.id !== 'string' || !spec.genesis) {
    throw new ChainSpecError(`chain spec ${path} lacks name, id or genesis`);
  }
  return spec;
}

function account(address: string, where: string): Uint8Array {
  try {
    return fromSs58(address);
  } catch {
    throw new ChainSpecError(`invalid address ${JSON.stringify(address)} in ${where}`);
  }
}

export function genesisConfigFromPatch(patch: GenesisPatch): GenesisConfig {
  return {
    aura: { authorities: (patch.aura?.authorities ?? []).map((a) => account(a, 'aura.authorities')) },
    grandpa: { authorities: (patch.grandpa?.authorities ?? []).map(([a, w]) => [account(a, 'grandpa.authorities'), BigInt(w)]) },
    balances: { balances: (patch.balances?.balances ?? []).map(([a, v]) => [account(a, 'balances.balances'), BigInt(v)]) },
    sudo: { key: patch.sudo?.key ? account(patch.sudo.key, 'sudo.key') : undefined },
  };
}

/** The genesis storage of a spec, from its raw section or by running the runtime's genesis build. */
export function genesisStorage(spec: ChainSpecJson, rt: RuntimeInstance): [Uint8Array, Uint8Array][] {
  if (spec.genesis.raw) {
    return Object.entries(spec.genesis.raw.top).map(([k, v]) => [fromHex(k), fromHex(v)] as [Uint8Array, Uint8Array]);
  }
  if (!spec.genesis.runtimeGenesis) throw new ChainSpecError('chain spec has neither genesis.runtimeGenesis nor genesis.raw');
  return storageFromChanges(rt.buildGenesis(genesisConfigFromPatch(spec.genesis.runtimeGenesis.patch)));
}

export function toRawSpec(spec: ChainSpecJson, storage: [Uint8Array, Uint8Array][]): ChainSpecJson {
  const top: Record<string, string> = {};
  for (const [k, v] of [...storage].sort((a, b) => (toHex(a[0]) < toHex(b[0]) ? -1 : 1))) top[toHex(k)] = toHex(v);
  return { ...spec, genesis: { raw: { top, childrenDefault: {} } } };
}
