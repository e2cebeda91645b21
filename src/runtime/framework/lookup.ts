/** `StaticLookup` for MultiAddress: only the account-id forms resolve (AccountIndex is unit on Subtensor). */
import type { EnumValue } from '../../primitives/scale/index.ts';
import type { AccountId } from '../types.ts';
import { fail } from './dispatch.ts';

export function lookupAddress(address: EnumValue): AccountId {
  if (address.tag === 'Id' || address.tag === 'Address32') return address.value as AccountId;
  return fail({ tag: 'CannotLookup', value: undefined }, 'CannotLookup');
}
