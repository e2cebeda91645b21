/**
 * Storage item definitions with Substrate's key layout:
 * twox128(pallet prefix) ++ twox128(item name) ++ hasher(key₁) ++ hasher(key₂) …
 * Each item knows its codecs, hashers and default, which is also what metadata publishes.
 */
import { concatBytes, utf8 } from '../../primitives/hex.ts';
import { hashKey, hasherPrefixLength, twox128, type HasherName } from '../../primitives/hashing.ts';
import { ScaleReader, ScaleWriter, type AnyCodec, type Codec } from '../../primitives/scale/index.ts';

export interface StorageAccess {
  get(key: Uint8Array): Uint8Array | undefined;
  set(key: Uint8Array, value: Uint8Array): void;
  remove(key: Uint8Array): void;
  entries(prefix?: Uint8Array, startAfter?: Uint8Array): IterableIterator<[Uint8Array, Uint8Array]>;
  clearPrefix(prefix: Uint8Array, limit?: number): number;
}

/** Read-only view, enough for runtime APIs and getters. */
export type StorageRead = Pick<StorageAccess, 'get' | 'entries'>;

export type StorageModifier = 'Optional' | 'Default';

const NUMBER_KEY_CACHE_SIZE = 4096;

export interface StorageItemMeta {
  pallet: string;
  name: string;
  modifier: StorageModifier;
  hashers: HasherName[];
  keyCodecs: AnyCodec[];
  valueCodec: AnyCodec;
  defaultBytes: Uint8Array;
  docs: string[];
}

function encodeWith<T>(codec: Codec<T>, value: T): Uint8Array {
  const w = new ScaleWriter(64);
  codec.enc(w, value);
  return w.finish();
}

function decodeWith<T>(codec: Codec<T>, bytes: Uint8Array): T {
  return codec.dec(new ScaleReader(bytes));
}

export function storagePrefix(pallet: string, item: string): Uint8Array {
  return concatBytes(twox128(utf8(pallet)), twox128(utf8(item)));
}

abstract class StorageItemBase<V> {
  readonly prefix: Uint8Array;
  readonly meta: StorageItemMeta;
  protected readonly defaultValue: V | undefined;

  constructor(
    pallet: string,
    name: string,
    hashers: HasherName[],
    keyCodecs: AnyCodec[],
    protected readonly value: Codec<V>,
    defaultValue: V | undefined,
    docs: string[],
  ) {
    this.prefix = storagePrefix(pallet, name);
    this.defaultValue = defaultValue;
    this.meta = {
      pallet,
      name,
      modifier: defaultValue === undefined ? 'Optional' : 'Default',
      hashers,
      keyCodecs,
      valueCodec: value,
      defaultBytes: defaultValue === undefined ? new Uint8Array([0]) : encodeWith(value, defaultValue),
      docs,
    };
  }

  protected read(s: StorageRead, key: Uint8Array): V | undefined {
    const raw = s.get(key);
    if (raw !== undefined) return decodeWith(this.value, raw);
    // A fresh copy each time: callers mutate what they read, and a shared default would leak.
    return this.defaultValue === undefined ? undefined : decodeWith(this.value, this.meta.defaultBytes);
  }

  protected write(s: StorageAccess, key: Uint8Array, v: V): void {
    s.set(key, encodeWith(this.value, v));
  }
}

export interface ItemOptions<V> {
  /** With a default, reads of an absent key return it (`ValueQuery`); without, they return undefined. */
  default?: V;
  docs?: string[];
}

export class StorageValue<V> extends StorageItemBase<V> {
  constructor(pallet: string, name: string, value: Codec<V>, opts: ItemOptions<V> = {}) {
    super(pallet, name, [], [], value, opts.default, opts.docs ?? []);
  }

  key(): Uint8Array {
    return this.prefix;
  }

  get(s: StorageRead): V | undefined {
    return this.read(s, this.prefix);
  }

  /** For items declared with a default: never undefined. */
  getOr(s: StorageRead): V {
    const v = this.read(s, this.prefix);
    if (v === undefined) throw new Error(`storage ${this.meta.pallet}.${this.meta.name} has no default`);
    return v;
  }

  set(s: StorageAccess, v: V): void {
    this.write(s, this.prefix, v);
  }

  kill(s: StorageAccess): void {
    s.remove(this.prefix);
  }

  exists(s: StorageRead): boolean {
    return s.get(this.prefix) !== undefined;
  }
}

/** Map with any number of keys (StorageMap = 1, DoubleMap = 2, NMap = n). */
export class StorageMap<K extends unknown[], V> extends StorageItemBase<V> {
  constructor(
    pallet: string,
    name: string,
    hashers: HasherName[],
    private readonly keys: { [I in keyof K]: Codec<K[I]> },
    value: Codec<V>,
    opts: ItemOptions<V> = {},
  ) {
    super(pallet, name, hashers, keys as AnyCodec[], value, opts.default, opts.docs ?? []);
    if (hashers.length !== (keys as AnyCodec[]).length) throw new Error(`${pallet}.${name}: one hasher per key`);
  }

  /**
   * Storage keys of single-key maps keyed by an object (account ids) are remembered per key
   * object: one extrinsic reads the same account several times, and hashing dominates.
   */
  private readonly keyCache = new WeakMap<object, Uint8Array>();
  /** Same for number keys (block numbers, netuids); bounded, cleared when full. */
  private readonly numberKeyCache = new Map<number, Uint8Array>();

  /** Full key for all key parts, or a prefix for the first few (for iteration). */
  key(...parts: Partial<K>): Uint8Array {
    if (parts.length !== 1 || this.meta.hashers.length !== 1) return this.buildKey(parts);
    const part = parts[0];
    if (typeof part === 'number') {
      let hit = this.numberKeyCache.get(part);
      if (!hit) {
        if (this.numberKeyCache.size >= NUMBER_KEY_CACHE_SIZE) this.numberKeyCache.clear();
        this.numberKeyCache.set(part, (hit = this.buildKey(parts)));
      }
      return hit;
    }
    if (typeof part !== 'object' || part === null) return this.buildKey(parts);
    let hit = this.keyCache.get(part);
    if (!hit) this.keyCache.set(part, (hit = this.buildKey(parts)));
    return hit;
  }

  private buildKey(parts: Partial<K>): Uint8Array {
    const segments: Uint8Array[] = [this.prefix];
    for (let i = 0; i < parts.length; i++) {
      const codec = (this.keys as AnyCodec[])[i]!;
      segments.push(hashKey(this.meta.hashers[i]!, encodeWith(codec, parts[i])));
    }
    return concatBytes(...segments);
  }

  get(s: StorageRead, ...k: K): V | undefined {
    return this.read(s, this.key(...k));
  }

  getOr(s: StorageRead, ...k: K): V {
    const v = this.read(s, this.key(...k));
    if (v === undefined) throw new Error(`storage ${this.meta.pallet}.${this.meta.name} has no default`);
    return v;
  }

  set(s: StorageAccess, v: V, ...k: K): void {
    this.write(s, this.key(...k), v);
  }

  remove(s: StorageAccess, ...k: K): void {
    s.remove(this.key(...k));
  }

  contains(s: StorageRead, ...k: K): boolean {
    return s.get(this.key(...k)) !== undefined;
  }

  /** Decode the key parts back from a full storage key (only for reversible hashers). */
  decodeKey(full: Uint8Array): K {
    const r = new ScaleReader(full, this.prefix.length);
    const out: unknown[] = [];
    for (let i = 0; i < this.meta.hashers.length; i++) {
      const skip = hasherPrefixLength(this.meta.hashers[i]!);
      if (skip === undefined) throw new Error(`${this.meta.pallet}.${this.meta.name}: key ${i} is not reversible`);
      r.pos += skip;
      out.push((this.keys as AnyCodec[])[i]!.dec(r));
    }
    return out as K;
  }

  /** Iterate entries whose leading keys equal `parts` (all entries when none). */
  *entries(s: StorageRead, ...parts: Partial<K>): IterableIterator<[K, V]> {
    for (const [k, v] of s.entries(this.key(...parts))) yield [this.decodeKey(k), decodeWith(this.value, v)];
  }

  clear(s: StorageAccess, ...parts: Partial<K>): number {
    return s.clearPrefix(this.key(...parts));
  }
}

/** Catalogue helper so a pallet declares its items in one place with its own name. */
export function storageCatalogue(pallet: string) {
  return {
    value<V>(name: string, codec: Codec<V>, opts?: ItemOptions<V>) {
      return new StorageValue<V>(pallet, name, codec, opts);
    },
    map<K, V>(name: string, hasher: HasherName, key: Codec<K>, value: Codec<V>, opts?: ItemOptions<V>) {
      return new StorageMap<[K], V>(pallet, name, [hasher], [key], value, opts);
    },
    doubleMap<K1, K2, V>(
      name: string,
      h1: HasherName,
      k1: Codec<K1>,
      h2: HasherName,
      k2: Codec<K2>,
      value: Codec<V>,
      opts?: ItemOptions<V>,
    ) {
      return new StorageMap<[K1, K2], V>(pallet, name, [h1, h2], [k1, k2], value, opts);
    },
    nmap<K extends unknown[], V>(
      name: string,
      hashers: HasherName[],
      keys: { [I in keyof K]: Codec<K[I]> },
      value: Codec<V>,
      opts?: ItemOptions<V>,
    ) {
      return new StorageMap<K, V>(pallet, name, hashers, keys, value, opts);
    },
  };
}

export type AnyStorageItem = StorageValue<any> | StorageMap<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
