/**
 * Session keys: Aura (sr25519) and GRANDPA (ed25519). Dev flags (`--alice`, `--one`, …) add
 * well-known keys in memory; `key insert` stores a key as Substrate does: a file named
 * hex(key type) ++ hex(public key) holding the secret URI as a JSON string.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { bytesEqual, toHex, utf8 } from '../primitives/hex.ts';

export type KeyTypeId = 'aura' | 'gran';
export type Scheme = 'sr25519' | 'ed25519';

export const SCHEME_OF: Record<KeyTypeId, Scheme> = { aura: 'sr25519', gran: 'ed25519' };

export class Keystore {
  private readonly pairs: { type: KeyTypeId; pair: KeyringPair }[] = [];

  constructor(private readonly dir?: string) {
    if (dir) this.loadDir(dir);
  }

  private loadDir(dir: string): void {
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      return;
    }
    for (const file of files) {
      const typeHex = file.slice(0, 8);
      const type = Buffer.from(typeHex, 'hex').toString('utf8') as KeyTypeId;
      if (type !== 'aura' && type !== 'gran') continue;
      const suri = JSON.parse(readFileSync(join(dir, file), 'utf8')) as string;
      this.add(type, suri);
    }
  }

  add(type: KeyTypeId, suri: string): KeyringPair {
    const pair = new Keyring({ type: SCHEME_OF[type], ss58Format: 42 }).addFromUri(suri);
    if (!this.pairs.some((p) => p.type === type && bytesEqual(p.pair.publicKey, pair.publicKey))) this.pairs.push({ type, pair });
    return pair;
  }

  /** Add a key and persist it in the keystore directory (what `key insert` / author_insertKey do). */
  insert(type: KeyTypeId, suri: string): KeyringPair {
    const pair = this.add(type, suri);
    if (this.dir) {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(join(this.dir, toHex(utf8(type)).slice(2) + toHex(pair.publicKey).slice(2)), JSON.stringify(suri), { mode: 0o600 });
    }
    return pair;
  }

  /** The pair for `publicKey` of this type, if this node holds it. */
  find(type: KeyTypeId, publicKey: Uint8Array): KeyringPair | undefined {
    return this.pairs.find((p) => p.type === type && bytesEqual(p.pair.publicKey, publicKey))?.pair;
  }

  has(type: KeyTypeId, publicKey: Uint8Array): boolean {
    return this.find(type, publicKey) !== undefined;
  }

  list(type: KeyTypeId): KeyringPair[] {
    return this.pairs.filter((p) => p.type === type).map((p) => p.pair);
  }

  /** Dev identity (`--alice`): both session keys derived from `//Alice`. */
  addDevIdentity(name: string): void {
    const suri = `//${name[0]!.toUpperCase()}${name.slice(1).toLowerCase()}`;
    this.add('aura', suri);
    this.add('gran', suri);
  }
}

export const DEV_IDENTITIES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie', 'one', 'two', 'three'] as const;
