/** Account lifecycle as frame_system does it: providers keep an account alive; none left ⇒ reaped. */
import type { BlockContext } from '../../framework/context.ts';
import type { AccountId } from '../../types.ts';
import { IS_NEW_LOGIC, SystemStorage, emptyAccount, type AccountInfoValue } from './storage.ts';

export function readAccount(ctx: BlockContext, who: AccountId): AccountInfoValue {
  return SystemStorage.Account.getOr(ctx.storage, who);
}

export function accountExists(ctx: BlockContext, who: AccountId): boolean {
  return SystemStorage.Account.contains(ctx.storage, who);
}

/** Write back an account; one with no references left is removed and announced as killed. */
export function writeAccount(ctx: BlockContext, who: AccountId, info: AccountInfoValue): void {
  if (info.providers === 0 && info.sufficients === 0 && info.consumers === 0) {
    if (accountExists(ctx, who)) {
      SystemStorage.Account.remove(ctx.storage, who);
      ctx.depositEvent('System', 'KilledAccount', { account: who });
    }
    return;
  }
  SystemStorage.Account.set(ctx.storage, info, who);
}

/** A fresh account endowed by a balance: one provider, announced as new. */
export function newEndowedAccount(ctx: BlockContext): AccountInfoValue {
  const info = emptyAccount();
  info.providers = 1;
  info.data.flags.bits = IS_NEW_LOGIC;
  return info;
}

export function incNonce(ctx: BlockContext, who: AccountId): void {
  const info = readAccount(ctx, who);
  info.nonce = (info.nonce + 1) >>> 0;
  SystemStorage.Account.set(ctx.storage, info, who);
}
