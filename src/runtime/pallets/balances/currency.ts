/**
 * Fungible balance operations with pallet_balances' rules: the existential deposit, account
 * creation (NewAccount/Endowed) and reaping (DustLost/KilledAccount), keep-alive preservation.
 * Other pallets move TAO only through these functions.
 */
import { fail, tokenError, arithmeticError } from '../../framework/dispatch.ts';
import type { BlockContext } from '../../framework/context.ts';
import { EXISTENTIAL_DEPOSIT } from '../../constants.ts';
import type { AccountId } from '../../types.ts';
import { accountExists, newEndowedAccount, readAccount, writeAccount } from '../system/accounts.ts';
import { BalancesStorage } from './storage.ts';

export type Preservation = 'Expendable' | 'Protect' | 'Preserve';

const U64_MAX = 0xffffffffffffffffn;

export function freeBalance(ctx: BlockContext, who: AccountId): bigint {
  return readAccount(ctx, who).data.free;
}

export function totalIssuance(ctx: BlockContext): bigint {
  return BalancesStorage.TotalIssuance.getOr(ctx.storage);
}

function addIssuance(ctx: BlockContext, delta: bigint): void {
  const next = totalIssuance(ctx) + delta;
  BalancesStorage.TotalIssuance.set(ctx.storage, next < 0n ? 0n : next > U64_MAX ? U64_MAX : next);
}

/** What can leave the account: free minus frozen, and minus the ED when it must stay alive. */
export function reducibleBalance(ctx: BlockContext, who: AccountId, preservation: Preservation): bigint {
  const { data } = readAccount(ctx, who);
  const frozenLeft = data.frozen > data.reserved ? data.frozen - data.reserved : 0n;
  const untouchable = preservation === 'Expendable' ? frozenLeft : frozenLeft > EXISTENTIAL_DEPOSIT ? frozenLeft : EXISTENTIAL_DEPOSIT;
  return data.free > untouchable ? data.free - untouchable : 0n;
}

/** Take `amount` from `who`'s free balance (issuance unchanged: the caller places or burns it). */
function decrease(ctx: BlockContext, who: AccountId, amount: bigint, preservation: Preservation): void {
  if (amount === 0n) return;
  const info = readAccount(ctx, who);
  if (info.data.free < amount) fail(tokenError('FundsUnavailable'), 'Token.FundsUnavailable');
  const remaining = info.data.free - amount;
  const frozenLeft = info.data.frozen > info.data.reserved ? info.data.frozen - info.data.reserved : 0n;
  if (remaining < frozenLeft) fail(tokenError('Frozen'), 'Token.Frozen');
  const total = remaining + info.data.reserved;
  if (total < EXISTENTIAL_DEPOSIT) {
    if (preservation !== 'Expendable') fail(tokenError('NotExpendable'), 'Token.NotExpendable');
    if (info.consumers > 0) fail({ tag: 'ConsumerRemaining', value: undefined }, 'ConsumerRemaining');
    // Below the existential deposit the account is reaped and the dust leaves the issuance.
    info.data.free = 0n;
    info.data.reserved = 0n;
    info.providers = Math.max(0, info.providers - 1);
    writeAccount(ctx, who, info);
    if (total > 0n) {
      addIssuance(ctx, -total);
      ctx.depositEvent('Balances', 'DustLost', { account: who, amount: total });
    }
    return;
  }
  info.data.free = remaining;
  writeAccount(ctx, who, info);
}

/** Add `amount` to `who`, creating the account when it reaches the existential deposit. */
function increase(ctx: BlockContext, who: AccountId, amount: bigint): void {
  if (amount === 0n) return;
  const exists = accountExists(ctx, who);
  const info = exists ? readAccount(ctx, who) : newEndowedAccount(ctx);
  const next = info.data.free + amount;
  if (next > U64_MAX) fail(arithmeticError('Overflow'), 'Arithmetic.Overflow');
  if (!exists || info.providers === 0) {
    if (next + info.data.reserved < EXISTENTIAL_DEPOSIT) fail(tokenError('BelowMinimum'), 'Token.BelowMinimum');
    if (exists) info.providers = 1;
  }
  info.data.free = next;
  writeAccount(ctx, who, info);
  if (!exists) {
    ctx.depositEvent('System', 'NewAccount', { account: who });
    ctx.depositEvent('Balances', 'Endowed', { account: who, free_balance: next });
  }
}

export function transfer(ctx: BlockContext, from: AccountId, to: AccountId, amount: bigint, preservation: Preservation): void {
  if (amount > 0n) {
    ctx.transactional(() => {
      decrease(ctx, from, amount, preservation);
      increase(ctx, to, amount);
    });
  }
  ctx.depositEvent('Balances', 'Transfer', { from, to, amount });
}

/** Remove `amount` from circulation-held funds of `who` into an imbalance (fee payment). */
export function withdraw(ctx: BlockContext, who: AccountId, amount: bigint, preservation: Preservation): void {
  ctx.transactional(() => decrease(ctx, who, amount, preservation));
  if (amount > 0n) ctx.depositEvent('Balances', 'Withdraw', { who, amount });
}

/** Place an imbalance on `who`; when that is impossible (below ED) the amount is burned. */
export function resolveOrBurn(ctx: BlockContext, who: AccountId, amount: bigint): void {
  if (amount === 0n) return;
  try {
    ctx.transactional(() => increase(ctx, who, amount));
    ctx.depositEvent('Balances', 'Deposit', { who, amount });
  } catch {
    dropImbalance(ctx, amount);
  }
}

/** An imbalance nobody receives leaves the issuance (a dropped credit in FRAME terms). */
export function dropImbalance(ctx: BlockContext, amount: bigint): void {
  addIssuance(ctx, -amount);
}

/** Create new TAO on `who` (issuance grows). */
export function mint(ctx: BlockContext, who: AccountId, amount: bigint): void {
  ctx.transactional(() => increase(ctx, who, amount));
  addIssuance(ctx, amount);
  ctx.depositEvent('Balances', 'Minted', { who, amount });
}

/** Destroy TAO held by `who` (issuance shrinks). */
export function burn(ctx: BlockContext, who: AccountId, amount: bigint, preservation: Preservation): void {
  ctx.transactional(() => decrease(ctx, who, amount, preservation));
  addIssuance(ctx, -amount);
  ctx.depositEvent('Balances', 'Burned', { who, amount });
}

/** Root's `force_set_balance`: below the ED the account is reaped. */
export function setFreeBalance(ctx: BlockContext, who: AccountId, newFree: bigint): void {
  const target = newFree < EXISTENTIAL_DEPOSIT ? 0n : newFree;
  const old = freeBalance(ctx, who);
  if (target > old) increase(ctx, who, target - old);
  else if (target < old) decrease(ctx, who, old - target, 'Expendable');
  addIssuance(ctx, target - old);
  ctx.depositEvent('Balances', 'BalanceSet', { who, free: target });
}

export function forceAdjustIssuance(ctx: BlockContext, delta: bigint): void {
  const old = totalIssuance(ctx);
  addIssuance(ctx, delta);
  ctx.depositEvent('Balances', 'TotalIssuanceForced', { old, new: totalIssuance(ctx) });
}
