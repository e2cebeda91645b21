/**
 * `share_pool::SharePool` (`primitives/share-pool/src/lib.rs`): a hotkey's stake on a subnet is
 * one shared value (`TotalHotkeyAlpha`, u64) divided among coldkeys by SafeFloat shares over a
 * SafeFloat denominator. Dividends to nominators raise the shared value only
 * (`updateValueForAll`); staking/unstaking one coldkey mints/burns shares (`updateValueForOne`).
 *
 * The pool reads and writes through a `SharePoolStore` the caller provides (the pallet backs it
 * with storage; `MemoryShareStore` keeps it in memory), so this module stays free of storage.
 */
import {
  SAFE_FLOAT_ZERO,
  safeFloatAdd,
  safeFloatFromU64,
  safeFloatFromU64F64,
  safeFloatIsZero,
  safeFloatMulDiv,
  safeFloatNew,
  safeFloatSub,
  safeFloatToU64,
  type SafeFloat,
} from './safe-float.ts';

const U64_MAX = (1n << 64n) - 1n;

/** `SharePoolDataOperations<K>`. */
export interface SharePoolStore<K> {
  getSharedValue(): bigint;
  getShare(key: K): SafeFloat;
  /** `undefined` where the crate's `try_get_share` is `Err` (no entry). */
  tryGetShare(key: K): SafeFloat | undefined;
  getDenominator(): SafeFloat;
  setSharedValue(value: bigint): void;
  setShare(key: K, share: SafeFloat): void;
  setDenominator(value: SafeFloat): void;
}

export class SharePool<K> {
  constructor(readonly store: SharePoolStore<K>) {}

  /** `get_value`: floor(shared · share / denominator); 0 when the pool is empty. */
  getValue(key: K): bigint {
    return this.getValueFromShares(this.store.getShare(key));
  }

  /** `get_value_from_shares`. */
  getValueFromShares(share: SafeFloat): bigint {
    const shared = safeFloatNew(this.store.getSharedValue(), 0n) ?? SAFE_FLOAT_ZERO;
    return safeFloatToU64(safeFloatMulDiv(shared, share, this.store.getDenominator()) ?? SAFE_FLOAT_ZERO);
  }

  /** `try_get_value`: `undefined` when the key has no share entry. */
  tryGetValue(key: K): bigint | undefined {
    return this.store.tryGetShare(key) === undefined ? undefined : this.getValue(key);
  }

  /** `update_value_for_all(update)`: shared value ± |update|, saturating in u64. */
  updateValueForAll(update: bigint): void {
    const shared = this.store.getSharedValue();
    let next = shared + update;
    if (next > U64_MAX) next = U64_MAX;
    if (next < 0n) next = 0n;
    this.store.setSharedValue(next);
  }

  /** Shares minted/burned for a change of |update| in value: |update| · denominator / shared. */
  sharesPerUpdate(update: bigint, sharedValue: bigint, denominator: SafeFloat): SafeFloat {
    const shared = safeFloatNew(sharedValue, 0n) ?? SAFE_FLOAT_ZERO;
    const magnitude = safeFloatNew(update < 0n ? -update : update, 0n) ?? SAFE_FLOAT_ZERO;
    return safeFloatMulDiv(magnitude, denominator, shared) ?? SAFE_FLOAT_ZERO;
  }

  /** `sim_update_value_for_one`: false when the share change would round to zero. */
  simUpdateValueForOne(update: bigint): boolean {
    const denominator = this.store.getDenominator();
    if (denominator.mantissa === 0n) return true;
    return !safeFloatIsZero(this.sharesPerUpdate(update, this.store.getSharedValue(), denominator));
  }

  /**
   * `update_value_for_one(key, update)` (update is an i64). An empty pool gives the key
   * share = denominator = |update|; otherwise shares ∓ update·denominator/shared are added to or
   * taken from both the key and the denominator (a failing SafeFloat op keeps the old value).
   * Then the shared value moves by `update`.
   */
  updateValueForOne(key: K, update: bigint): void {
    const shared = this.store.getSharedValue();
    const current = this.store.getShare(key);
    const denominator = this.store.getDenominator();
    if (safeFloatIsZero(denominator)) {
      const initial = safeFloatNew(update < 0n ? -update : update, 0n) ?? SAFE_FLOAT_ZERO;
      this.store.setDenominator(initial);
      this.store.setShare(key, initial);
    } else {
      const delta = this.sharesPerUpdate(update, shared, denominator);
      const op = update > 0n ? safeFloatAdd : safeFloatSub;
      this.store.setDenominator(op(denominator, delta) ?? denominator);
      this.store.setShare(key, op(current, delta) ?? current);
    }
    this.updateValueForAll(update);
  }
}

/** An in-memory `SharePoolStore` (tests, simulations, runtime-API dry runs). */
export class MemoryShareStore<K> implements SharePoolStore<K> {
  sharedValue = 0n;
  denominator: SafeFloat = SAFE_FLOAT_ZERO;
  readonly shares = new Map<K, SafeFloat>();

  getSharedValue(): bigint {
    return this.sharedValue;
  }
  getShare(key: K): SafeFloat {
    return this.shares.get(key) ?? SAFE_FLOAT_ZERO;
  }
  tryGetShare(key: K): SafeFloat | undefined {
    return this.shares.get(key);
  }
  getDenominator(): SafeFloat {
    return this.denominator;
  }
  setSharedValue(value: bigint): void {
    this.sharedValue = value;
  }
  setShare(key: K, share: SafeFloat): void {
    this.shares.set(key, share);
  }
  setDenominator(value: SafeFloat): void {
    this.denominator = value;
  }
}

/**
 * The storage behind one (hotkey, netuid) alpha pool as subtensor keeps it, with the lazy
 * migration from the legacy U64F64 maps: `Alpha` / `TotalHotkeyShares` (U64F64 bits) are read
 * first, and removed on the first write, which goes to `AlphaV2` / `TotalHotkeySharesV2`.
 * A zero share or denominator removes the V2 entry; a zero shared value removes
 * `TotalHotkeyAlpha`.
 */
export interface AlphaShareBackend<K> {
  getTotalHotkeyAlpha(): bigint;
  setTotalHotkeyAlpha(value: bigint | undefined): void;
  getLegacyShare(coldkey: K): bigint | undefined;
  removeLegacyShare(coldkey: K): void;
  getShareV2(coldkey: K): SafeFloat | undefined;
  setShareV2(coldkey: K, share: SafeFloat | undefined): void;
  getLegacyDenominator(): bigint | undefined;
  removeLegacyDenominator(): void;
  getDenominatorV2(): SafeFloat | undefined;
  setDenominatorV2(value: SafeFloat | undefined): void;
}

/** `HotkeyAlphaSharePoolDataOperations` over a backend. */
export function alphaSharePoolStore<K>(backend: AlphaShareBackend<K>): SharePoolStore<K> {
  return {
    getSharedValue: () => backend.getTotalHotkeyAlpha(),
    getShare(key) {
      const legacy = backend.getLegacyShare(key);
      if (legacy !== undefined) return safeFloatFromU64F64(legacy);
      return backend.getShareV2(key) ?? SAFE_FLOAT_ZERO;
    },
    tryGetShare(key) {
      const legacy = backend.getLegacyShare(key);
      if (legacy !== undefined) return safeFloatFromU64F64(legacy);
      return backend.getShareV2(key);
    },
    getDenominator() {
      const legacy = backend.getLegacyDenominator();
      if (legacy !== undefined) return safeFloatFromU64F64(legacy);
      return backend.getDenominatorV2() ?? SAFE_FLOAT_ZERO;
    },
    setSharedValue(value) {
      backend.setTotalHotkeyAlpha(value !== 0n ? value : undefined);
    },
    setShare(key, share) {
      if (backend.getLegacyShare(key) !== undefined) backend.removeLegacyShare(key);
      backend.setShareV2(key, safeFloatIsZero(share) ? undefined : share);
    },
    setDenominator(value) {
      if (backend.getLegacyDenominator() !== undefined) backend.removeLegacyDenominator();
      backend.setDenominatorV2(safeFloatIsZero(value) ? undefined : value);
    },
  };
}

/**
 * subtensor's `decrease_stake_for_hotkey_and_coldkey_on_subnet`: burns `amount` of the
 * coldkey's value only if it has an entry holding at least that much; returns whether it did.
 */
export function decreaseValueForOne<K>(pool: SharePool<K>, key: K, amount: bigint): boolean {
  const value = pool.tryGetValue(key);
  if (value === undefined || value < amount) return false;
  pool.updateValueForOne(key, -amount);
  return true;
}

export { safeFloatFromU64 };
