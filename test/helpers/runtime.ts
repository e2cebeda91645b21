/**
 * A small in-memory chain for runtime tests: the real runtime (FAST profile, real sr25519
 * verification), genesis built from a GenesisConfig with the dev accounts, state kept in a
 * MerkleTrie, and `executeBlock` running initialize → Timestamp inherent → extrinsics →
 * finalize exactly as the block builder does (invalid extrinsics are skipped and reported).
 *
 * Blocks have real headers: block n's hash is blake2-256 of its SCALE header, block 1's parent is
 * the genesis header hash, so signatures (which commit to the genesis hash and, for mortal
 * transactions, to the birth block's hash) check against `System.BlockHash` as on a live chain.
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { headerHash } from '../../src/chain/block.ts';
import { timestampInherent } from '../../src/chain/builder.ts';
import { genesisFromStorage, storageFromChanges } from '../../src/chain/genesis.ts';
import { auraPreDigest } from '../../src/consensus/aura.ts';
import { verifySignature } from '../../src/primitives/crypto.ts';
import { initCrypto } from '../../src/primitives/hashing.ts';
import { decode } from '../../src/primitives/scale/index.ts';
import { FAST_PROFILE, type RuntimeProfile } from '../../src/runtime/constants.ts';
import type { ApplyResult } from '../../src/runtime/executive.ts';
import type { EventRecord } from '../../src/runtime/framework/context.ts';
import type { RuntimeCall } from '../../src/runtime/framework/runtime-builder.ts';
import { signExtrinsic, type SigningAccount, type SignOptions } from '../../src/runtime/extrinsic/sign.ts';
import type { ValidTransaction } from '../../src/runtime/extrinsic/validity.ts';
import { BalancesStorage } from '../../src/runtime/pallets/balances/storage.ts';
import { SystemStorage, type AccountInfoValue } from '../../src/runtime/pallets/system/storage.ts';
import { createRuntime, type GenesisConfig, type RuntimeInstance } from '../../src/runtime/runtime.ts';
import type { Header } from '../../src/runtime/types.ts';
import { MerkleTrie } from '../../src/state/trie/index.ts';

export const TAO = 1_000_000_000n;

export const DEV_NAMES = ['alice', 'bob', 'charlie', 'dave', 'eve', 'ferdie'] as const;
export type DevName = (typeof DEV_NAMES)[number];
export type DevKeys = Record<DevName, KeyringPair>;

let keysPromise: Promise<DevKeys> | undefined;

/** The well-known sr25519 dev accounts (`//Alice`, `//Bob`, …). */
export function devKeys(): Promise<DevKeys> {
  keysPromise ??= (async () => {
    await cryptoWaitReady();
    await initCrypto();
    const keyring = new Keyring({ type: 'sr25519' });
    const out = {} as DevKeys;
    for (const name of DEV_NAMES) out[name] = keyring.addFromUri(`//${name[0]!.toUpperCase()}${name.slice(1)}`);
    return out;
  })();
  return keysPromise;
}

export function signerOf(pair: KeyringPair): SigningAccount {
  return { publicKey: pair.publicKey, type: 'sr25519', sign: (m) => pair.sign(m) };
}

export interface ChainOptions {
  /** Endowed accounts; default: Alice and Bob with 1,000,000 TAO each. */
  balances?: [Uint8Array, bigint][];
  /** Aura authorities (fees go to the slot's author); default: [Alice]. */
  authorities?: Uint8Array[];
  /** Sudo key; default Alice; `null` for none. */
  sudo?: Uint8Array | null;
  /** Timestamp of block 1 (ms); later blocks add one slot each unless told otherwise. */
  startTimestamp?: bigint;
  profile?: RuntimeProfile;
}

export interface BlockOptions {
  /** Timestamp inherent value; default: previous + one slot duration. */
  timestamp?: bigint;
  /** Aura slot in the pre-runtime digest; default: timestamp / slot duration. */
  slot?: bigint;
}

export interface BlockResult {
  number: number;
  hash: Uint8Array;
  header: Header;
  /** One result per submitted extrinsic, in order (the inherent excluded). */
  results: ApplyResult[];
  /** Encoded extrinsics that went into the block, inherent first. */
  included: Uint8Array[];
  /** Events of the block as deposited (ctx.events). */
  events: EventRecord[];
  stateRoot: Uint8Array;
  extrinsicsRoot: Uint8Array;
}

export class TestChain {
  number = 0;
  /** Hash of each block by number (0 = genesis). */
  readonly hashes: Uint8Array[];
  lastTimestamp: bigint;

  private constructor(
    readonly rt: RuntimeInstance,
    readonly keys: DevKeys,
    readonly trie: MerkleTrie,
    readonly genesisHash: Uint8Array,
    startTimestamp: bigint,
  ) {
    this.hashes = [genesisHash];
    this.lastTimestamp = startTimestamp - BigInt(rt.profile.slotDurationMs);
  }

  static async create(opts: ChainOptions = {}): Promise<TestChain> {
    const keys = await devKeys();
    const rt = createRuntime(opts.profile ?? FAST_PROFILE, { verifySignature });
    const config: GenesisConfig = {
      aura: { authorities: opts.authorities ?? [keys.alice.publicKey] },
      grandpa: { authorities: [[keys.alice.publicKey, 1n]] },
      balances: {
        balances: opts.balances ?? [
          [keys.alice.publicKey, 1_000_000n * TAO],
          [keys.bob.publicKey, 1_000_000n * TAO],
        ],
      },
      sudo: opts.sudo === null ? {} : { key: opts.sudo ?? keys.alice.publicKey },
    };
    const storage = storageFromChanges(rt.buildGenesis(config));
    const genesis = genesisFromStorage(storage);
    const trie = new MerkleTrie(1);
    for (const [k, v] of storage) trie.set(k, v);
    // A slot boundary, far from 0 (Timestamp.Now = 0 means "never set").
    const start = opts.startTimestamp ?? 1_700_000_000_000n;
    return new TestChain(rt, keys, trie, genesis.hash, start);
  }

  get bestHash(): Uint8Array {
    return this.hashes[this.number]!;
  }

  stateRoot(): Uint8Array {
    return this.trie.root();
  }

  /** An independent copy (same runtime, copied state) to run alternative blocks on. */
  fork(): TestChain {
    const trie = new MerkleTrie(1);
    for (const [k, v] of this.trie.entries()) trie.set(k, v);
    const copy = new TestChain(this.rt, this.keys, trie, this.genesisHash, 0n);
    copy.number = this.number;
    copy.hashes.length = 0;
    copy.hashes.push(...this.hashes);
    copy.lastTimestamp = this.lastTimestamp;
    return copy;
  }

  account(who: Uint8Array): AccountInfoValue {
    return SystemStorage.Account.getOr(this.trie, who);
  }

  free(who: Uint8Array): bigint {
    return this.account(who).data.free;
  }

  totalIssuance(): bigint {
    return BalancesStorage.TotalIssuance.getOr(this.trie);
  }

  /** Events as stored in `System.Events` by the last block. */
  storedEvents(): EventRecord[] {
    const raw = this.trie.get(SystemStorage.Events.key());
    return raw ? (decode(SystemStorage.Events.meta.valueCodec, raw, 'events') as EventRecord[]) : [];
  }

  call(pallet: string, name: string, args: Record<string, unknown> = {}): RuntimeCall {
    return { pallet, name, args };
  }

  /** Sign `call` as `pair`; the nonce defaults to the account's current nonce. */
  sign(pair: KeyringPair, call: RuntimeCall, opts: Partial<SignOptions> = {}): Uint8Array {
    return signExtrinsic(this.rt.runtime, call, signerOf(pair), {
      nonce: opts.nonce ?? this.account(pair.publicKey).nonce,
      genesisHash: this.genesisHash,
      ...opts,
    });
  }

  /** Pool validation against the best block (throws TransactionValidityError). */
  validate(encoded: Uint8Array): ValidTransaction {
    return this.rt.executive.validateTransaction(this.trie, this.number, this.bestHash, encoded);
  }

  /**
   * Execute block `number + 1` on the best block and make it the new best. Extrinsics the
   * executive refuses (validity errors) are skipped, as the block builder does, and reported in
   * `results`. Anything thrown (a bad inherent, a failing hook) leaves the chain unchanged.
   */
  executeBlock(extrinsics: Uint8Array[] = [], opts: BlockOptions = {}): BlockResult {
    const { executive } = this.rt;
    const slotMs = BigInt(this.rt.profile.slotDurationMs);
    const timestamp = opts.timestamp ?? this.lastTimestamp + slotMs;
    const slot = opts.slot ?? timestamp / slotMs;
    const number = this.number + 1;
    const parentHash = this.bestHash;
    const digest = { logs: [auraPreDigest(slot)] };

    const ctx = executive.initializeBlock(this.trie, { number, parentHash, digest });
    const included: Uint8Array[] = [];
    const inherent = executive.decode(timestampInherent(this.rt, timestamp));
    const ir = executive.applyExtrinsic(ctx, 0, inherent);
    if (!ir.ok) throw new Error(`timestamp inherent refused: ${ir.error.message}`);
    if (!ir.outcome.ok) throw new Error(`timestamp inherent failed: ${ir.outcome.label}`);
    included.push(inherent.encoded);

    const results: ApplyResult[] = [];
    for (const bytes of extrinsics) {
      const r = executive.applyExtrinsic(ctx, included.length, executive.decode(bytes));
      results.push(r);
      if (r.ok) included.push(bytes);
    }
    const extrinsicsRoot = executive.finalizeBlock(ctx, included.length);

    for (const { key, value } of ctx.storage.changes().values()) {
      if (value === null) this.trie.delete(key);
      else this.trie.set(key, value);
    }
    const stateRoot = this.trie.root();
    const header: Header = { parent_hash: parentHash, number, state_root: stateRoot, extrinsics_root: extrinsicsRoot, digest };
    const hash = headerHash(header);
    this.number = number;
    this.hashes[number] = hash;
    this.lastTimestamp = timestamp;
    return { number, hash, header, results, included, events: ctx.events, stateRoot, extrinsicsRoot };
  }
}

/**
 * The inclusion fee pallet_transaction_payment charges, written out independently of the
 * runtime's fee code: `base_fee + len_fee + adjusted_weight_fee + tip`, where base_fee =
 * WeightToFee(base extrinsic weight 108_157_000), len_fee = 1 rao per byte of the whole
 * encoded extrinsic, adjusted_weight_fee = multiplier (1) × WeightToFee(call weight), and
 * WeightToFee(w) = floor(w × 500_000 / 10^9) (each term rounded on its own, as FRAME does).
 */
export function expectedFee(encodedLen: number, callWeight: bigint, tip = 0n): bigint {
  const weightToFee = (w: bigint) => (w * 500_000n) / 1_000_000_000n;
  return weightToFee(108_157_000n) + BigInt(encodedLen) + weightToFee(callWeight) + tip;
}

/** Base weight of every extrinsic (subtensor's `BlockWeights` base_extrinsic). */
export const BASE_EXTRINSIC_WEIGHT = 108_157_000n;

/** `pallet.name` of each event, in order — compact to assert on. */
export function eventNames(events: EventRecord[]): string[] {
  return events.map((e) => `${e.event.pallet}.${e.event.name}`);
}

/** Events deposited while applying block extrinsic `index` (0 is the timestamp inherent). */
export function eventsOf(events: EventRecord[], index: number): EventRecord[] {
  return events.filter((e) => e.phase.tag === 'ApplyExtrinsic' && e.phase.value === index);
}

export function findEvent(events: EventRecord[], pallet: string, name: string): EventRecord | undefined {
  return events.find((e) => e.event.pallet === pallet && e.event.name === name);
}
