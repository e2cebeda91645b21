/**
 * Composes pallet definitions into one runtime: the RuntimeCall and RuntimeEvent codecs, the
 * call dispatcher, and lookups by name and index. Everything (including metadata) is derived
 * from the pallet list, so adding a call to a pallet updates all of them.
 */
import { ScaleError, type AnyCodec, type Codec, type TypeDef } from '../../primitives/scale/index.ts';
import type { BlockContext } from './context.ts';
import { DispatchFailure, type DispatchInfo, type DispatchOutcome, type Origin } from './dispatch.ts';
import type { CallArgs, CallDef, EventDef, PalletDef } from './pallet.ts';

export interface RuntimeCall {
  pallet: string;
  name: string;
  args: CallArgs;
}

export interface RuntimeEvent {
  pallet: string;
  name: string;
  fields: Record<string, unknown>;
}

/**
 * What a pallet definition may add for metadata when it differs from FRAME's usual shape
 * (read off the definition object; pallets declare `PalletDef & PalletMetadataHints`).
 */
export interface PalletMetadataHints {
  /**
   * Generic parameter names of the pallet's Call/Event/Error enums, as scale-info lists them
   * (no types: `T: Config` is skipped). Default `['T']`; instantiable pallets have `['T', 'I']`,
   * an Event that does not use `T` has `[]`.
   */
  typeParams?: { call?: string[]; event?: string[]; error?: string[] };
  /** The crate name the runtime imports the pallet under, when not `typePath[0]` (e.g. `pallet_utility`). */
  runtimeAlias?: string;
}

export type PalletDefWithHints<G = unknown> = PalletDef<G> & PalletMetadataHints;

const DEFAULT_TYPE_PARAMS = ['T'];

function hintsOf(def: PalletDef): PalletMetadataHints {
  return def as PalletDef & PalletMetadataHints;
}

/** Generic params of a pallet enum (`kind` is call, event or error). */
export function palletTypeParams(def: PalletDef, kind: 'call' | 'event' | 'error'): { name: string }[] {
  return (hintsOf(def).typeParams?.[kind] ?? DEFAULT_TYPE_PARAMS).map((name) => ({ name }));
}

/** How `construct_runtime` names a pallet enum in the outer enums, e.g. `pallet_balances::Event<Runtime>`, `pallet_grandpa::Event`. */
export function outerEnumTypeName(def: PalletDef, kind: 'Event' | 'Error'): string {
  const crate = hintsOf(def).runtimeAlias ?? def.typePath[0];
  const generic = kind === 'Error' || palletTypeParams(def, 'event').length > 0;
  return `${crate}::${kind}${generic ? '<Runtime>' : ''}`;
}

/** Calls nested deeper than this are refused when decoding (Substrate's MAX_EXTRINSIC_DEPTH is 256; the pool limit is 8). */
export const MAX_CALL_DEPTH = 8;

interface PalletIndex {
  def: PalletDef;
  callsByIndex: Map<number, CallDef>;
  callsByName: Map<string, CallDef>;
  eventsByIndex: Map<number, EventDef>;
  eventsByName: Map<string, EventDef>;
  callCodec?: AnyCodec;
  eventCodec?: AnyCodec;
  errorCodec?: AnyCodec;
}

function fieldsDef(defs: { name: string; codec: AnyCodec; typeName?: string }[]) {
  return defs.map((a) => ({ name: a.name, type: a.codec, typeName: a.typeName }));
}

export class Runtime {
  readonly pallets: PalletDef[];
  private readonly byName = new Map<string, PalletIndex>();
  private readonly byIndex = new Map<number, PalletIndex>();
  readonly callCodec: Codec<RuntimeCall>;
  readonly eventCodec: Codec<RuntimeEvent>;
  private decodeDepth = 0;

  constructor(pallets: PalletDef[]) {
    this.pallets = [...pallets].sort((a, b) => a.index - b.index);
    for (const def of this.pallets) {
      if (this.byIndex.has(def.index)) throw new Error(`pallet index ${def.index} used twice`);
      const entry: PalletIndex = {
        def,
        callsByIndex: new Map(def.calls?.map((c) => [c.index, c])),
        callsByName: new Map(def.calls?.map((c) => [c.name, c])),
        eventsByIndex: new Map(def.events?.map((e) => [e.index, e])),
        eventsByName: new Map(def.events?.map((e) => [e.name, e])),
      };
      if (entry.callsByIndex.size !== (def.calls?.length ?? 0)) throw new Error(`${def.name}: duplicate call index`);
      if (entry.eventsByIndex.size !== (def.events?.length ?? 0)) throw new Error(`${def.name}: duplicate event index`);
      this.byIndex.set(def.index, entry);
      this.byName.set(def.name, entry);
    }
    for (const entry of this.byIndex.values()) this.buildPalletCodecs(entry);
    this.callCodec = this.buildCallCodec();
    this.eventCodec = this.buildEventCodec();
  }

  pallet(name: string): PalletDef {
    const p = this.byName.get(name);
    if (!p) throw new Error(`no pallet ${name}`);
    return p.def;
  }

  palletCallCodec(name: string): AnyCodec | undefined {
    return this.byName.get(name)?.callCodec;
  }

  palletEventCodec(name: string): AnyCodec | undefined {
    return this.byName.get(name)?.eventCodec;
  }

  palletErrorCodec(name: string): AnyCodec | undefined {
    return this.byName.get(name)?.errorCodec;
  }

  callDef(call: RuntimeCall): CallDef {
    const def = this.byName.get(call.pallet)?.callsByName.get(call.name);
    if (!def) throw new Error(`unknown call ${call.pallet}.${call.name}`);
    return def;
  }

  dispatchInfo(call: RuntimeCall): DispatchInfo {
    const def = this.callDef(call);
    const pays = typeof def.pays === 'function' ? def.pays(call.args) : (def.pays ?? 'Yes');
    return { weight: def.weight(call.args), class: def.class ?? 'Normal', paysFee: pays };
  }

  /** Dispatch in its own transactional layer: a failing call leaves storage and events untouched. */
  dispatch(ctx: BlockContext, origin: Origin, call: RuntimeCall): DispatchOutcome {
    const def = this.callDef(call);
    try {
      const post = ctx.transactional(() => def.dispatch(ctx, origin, call.args)) ?? {};
      return { ok: true, post };
    } catch (e) {
      if (e instanceof DispatchFailure) return { ok: false, error: e.error, label: e.label, post: e.postInfo ?? {} };
      throw e;
    }
  }

  private buildPalletCodecs(entry: PalletIndex): void {
    const { def } = entry;
    const path = (kind: string) => [...def.typePath, kind];
    if (def.calls?.length) {
      const calls = [...def.calls].sort((a, b) => a.index - b.index);
      entry.callCodec = {
        enc: (w, v: { name: string; args: CallArgs }) => {
          const c = entry.callsByName.get(v.name)!;
          w.u8(c.index);
          for (const a of c.args) a.codec.enc(w, v.args[a.name]);
        },
        dec: (r) => {
          const idx = r.u8();
          const c = entry.callsByIndex.get(idx);
          if (!c) throw new ScaleError(`${def.name} has no call with index ${idx}`);
          const args: CallArgs = {};
          for (const a of c.args) args[a.name] = a.codec.dec(r);
          return { name: c.name, args };
        },
        info: {
          path: path('Call'),
          params: palletTypeParams(def, 'call'),
          def: (): TypeDef => ({
            kind: 'variant',
            variants: calls.map((c) => ({ name: c.name, index: c.index, fields: fieldsDef(c.args), docs: c.docs })),
          }),
        },
      };
    }
    if (def.events?.length) {
      const events = [...def.events].sort((a, b) => a.index - b.index);
      entry.eventCodec = {
        enc: (w, v: { name: string; fields: Record<string, unknown> }) => {
          const e = entry.eventsByName.get(v.name);
          if (!e) throw new Error(`${def.name} has no event ${v.name}`);
          w.u8(e.index);
          for (const f of e.fields) f.codec.enc(w, v.fields[f.name]);
        },
        dec: (r) => {
          const idx = r.u8();
          const e = entry.eventsByIndex.get(idx);
          if (!e) throw new ScaleError(`${def.name} has no event with index ${idx}`);
          const fields: Record<string, unknown> = {};
          for (const f of e.fields) fields[f.name] = f.codec.dec(r);
          return { name: e.name, fields };
        },
        info: {
          path: path('Event'),
          params: palletTypeParams(def, 'event'),
          def: (): TypeDef => ({
            kind: 'variant',
            variants: events.map((e) => ({ name: e.name, index: e.index, fields: fieldsDef(e.fields), docs: e.docs })),
          }),
        },
      };
    }
    if (def.errors?.length) {
      const errors = [...def.errors].sort((a, b) => a.index - b.index);
      entry.errorCodec = {
        enc: (w, v: string) => w.u8(errors.find((e) => e.name === v)!.index),
        dec: (r) => errors.find((e) => e.index === r.u8())?.name ?? 'Unknown',
        info: {
          path: path('Error'),
          params: palletTypeParams(def, 'error'),
          def: { kind: 'variant', variants: errors.map((e) => ({ name: e.name, index: e.index, fields: [], docs: e.docs })) },
        },
      };
    }
  }

  private buildCallCodec(): Codec<RuntimeCall> {
    const withCalls = [...this.byIndex.values()].filter((p) => p.callCodec);
    return {
      enc: (w, v) => {
        const p = this.byName.get(v.pallet);
        if (!p?.callCodec) throw new Error(`pallet ${v.pallet} has no calls`);
        w.u8(p.def.index);
        p.callCodec.enc(w, { name: v.name, args: v.args });
      },
      dec: (r) => {
        if (this.decodeDepth >= MAX_CALL_DEPTH) throw new ScaleError(`call nesting deeper than ${MAX_CALL_DEPTH}`);
        this.decodeDepth++;
        try {
          const idx = r.u8();
          const p = this.byIndex.get(idx);
          if (!p?.callCodec) throw new ScaleError(`no pallet with calls at index ${idx}`);
          const { name, args } = p.callCodec.dec(r) as { name: string; args: CallArgs };
          return { pallet: p.def.name, name, args };
        } finally {
          this.decodeDepth--;
        }
      },
      info: {
        path: ['node_subtensor_runtime', 'RuntimeCall'],
        def: (): TypeDef => ({
          kind: 'variant',
          variants: withCalls.map((p) => ({
            name: p.def.name,
            index: p.def.index,
            fields: [{ type: p.callCodec!, typeName: `self::sp_api_hidden_includes_construct_runtime::hidden_include::dispatch::CallableCallFor<${p.def.name}, Runtime>` }],
          })),
        }),
      },
    };
  }

  private buildEventCodec(): Codec<RuntimeEvent> {
    const withEvents = [...this.byIndex.values()].filter((p) => p.eventCodec);
    return {
      enc: (w, v) => {
        const p = this.byName.get(v.pallet);
        if (!p?.eventCodec) throw new Error(`pallet ${v.pallet} has no events`);
        w.u8(p.def.index);
        p.eventCodec.enc(w, { name: v.name, fields: v.fields });
      },
      dec: (r) => {
        const idx = r.u8();
        const p = this.byIndex.get(idx);
        if (!p?.eventCodec) throw new ScaleError(`no pallet with events at index ${idx}`);
        const { name, fields } = p.eventCodec.dec(r) as { name: string; fields: Record<string, unknown> };
        return { pallet: p.def.name, name, fields };
      },
      info: {
        path: ['node_subtensor_runtime', 'RuntimeEvent'],
        def: (): TypeDef => ({
          kind: 'variant',
          variants: withEvents.map((p) => ({
            name: p.def.name,
            index: p.def.index,
            fields: [{ type: p.eventCodec!, typeName: outerEnumTypeName(p.def, 'Event') }],
          })),
        }),
      },
    };
  }
}
