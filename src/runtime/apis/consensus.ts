/** AuraApi and GrandpaApi: the authority sets and slot duration the node's consensus reads. */
import { ScaleWriter, encode, vec } from '../../primitives/scale/index.ts';
import { AuraId, AuraStorage } from '../pallets/aura/index.ts';
import { AuthorityList, GrandpaStorage } from '../pallets/grandpa/index.ts';
import type { ApiMethod } from './context.ts';

const AuraAuthorities = vec(AuraId);

function u64Bytes(v: bigint): Uint8Array {
  const w = new ScaleWriter(8);
  w.u64(v);
  return w.finish();
}

/** `Option::None`: what a runtime without equivocation reporting answers. */
const NONE = Uint8Array.of(0);

export const consensusApis: Record<string, ApiMethod> = {
  /** Milliseconds (`SlotDuration`, a u64 newtype). */
  AuraApi_slot_duration: (ctx) => u64Bytes(BigInt(ctx.rt.profile.slotDurationMs)),
  AuraApi_authorities: (ctx) => encode(AuraAuthorities, AuraStorage.Authorities.getOr(ctx.state)),

  GrandpaApi_grandpa_authorities: (ctx) => encode(AuthorityList, GrandpaStorage.Authorities.getOr(ctx.state)),
  GrandpaApi_current_set_id: (ctx) => u64Bytes(GrandpaStorage.CurrentSetId.getOr(ctx.state)),
  // Key ownership proofs need a session/historical pallet, which subtensor does not have: always None.
  GrandpaApi_generate_key_ownership_proof: () => NONE,
  GrandpaApi_submit_report_equivocation_unsigned_extrinsic: () => NONE,
};
