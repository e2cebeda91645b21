/** Hand-written SCALE codecs (fast: one growable buffer, no per-element allocation). */
import { ScaleError, ScaleReader } from './reader.ts';
import { ScaleWriter } from './writer.ts';
import type { AnyCodec, Codec, FieldInfo, PrimitiveName, TypeInfo, ValueOf, VariantInfo } from './types.ts';

function primitive<T>(name: PrimitiveName, enc: (w: ScaleWriter, v: T) => void, dec: (r: ScaleReader) => T): Codec<T> {
  return { enc, dec, info: { def: { kind: 'primitive', name } } };
}

export const u8 = primitive<number>('u8', (w, v) => void w.u8(v), (r) => r.u8());
export const u16 = primitive<number>('u16', (w, v) => void w.u16(v), (r) => r.u16());
export const u32 = primitive<number>('u32', (w, v) => void w.u32(v), (r) => r.u32());
export const i16 = primitive<number>('i16', (w, v) => void w.i16(v), (r) => r.i16());
export const i32 = primitive<number>('i32', (w, v) => void w.i32(v), (r) => r.i32());
export const u64 = primitive<bigint>('u64', (w, v) => void w.u64(v), (r) => r.u64());
export const i64 = primitive<bigint>('i64', (w, v) => void w.i64(v), (r) => r.i64());
export const u128 = primitive<bigint>('u128', (w, v) => void w.u128(v), (r) => r.u128());
export const i128 = primitive<bigint>('i128', (w, v) => void w.i128(v), (r) => r.i128());
export const bool = primitive<boolean>('bool', (w, v) => void w.bool(v), (r) => r.bool());
export const str = primitive<string>(
  'str',
  (w, v) => void w.bytes(new TextEncoder().encode(v)),
  (r) => {
    const raw = r.bytesVec();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new ScaleError('invalid UTF-8 in str');
    }
  },
);

/** `Compact<T>` of an integer kept as bigint (balances, u64/u128). */
export function compact(of: AnyCodec = u128): Codec<bigint> {
  return { enc: (w, v) => void w.compact(v), dec: (r) => r.compact(), info: { def: { kind: 'compact', of } } };
}

/** `Compact<u32>`-like integer kept as a JS number. */
export function compactNumber(of: AnyCodec = u32): Codec<number> {
  return { enc: (w, v) => void w.compact(v), dec: (r) => r.compactNumber(), info: { def: { kind: 'compact', of } } };
}

export const compactU32 = compactNumber(u32);
export const compactU64 = compact(u64);
export const compactU128 = compact(u128);

/** `Vec<u8>` */
export const bytes: Codec<Uint8Array> = {
  enc: (w, v) => void w.bytes(v),
  dec: (r) => r.bytesVec().slice(),
  info: { def: { kind: 'sequence', of: u8 } },
};

/** `[u8; N]` */
export function fixedBytes(len: number, path?: string[]): Codec<Uint8Array> {
  const arr: Codec<Uint8Array> = {
    enc: (w, v) => {
      if (v.length !== len) throw new RangeError(`expected ${len} bytes, got ${v.length}`);
      w.raw(v);
    },
    dec: (r) => r.raw(len).slice(),
    info: { def: { kind: 'array', len, of: u8 } },
  };
  if (!path) return arr;
  return { enc: arr.enc, dec: arr.dec, info: { path, def: { kind: 'composite', fields: [{ type: arr, typeName: `[u8; ${len}]` }] } } };
}

export function vec<C extends AnyCodec>(of: C, info?: Partial<TypeInfo>): Codec<ValueOf<C>[]> {
  return {
    enc: (w, v) => {
      w.compact(v.length);
      for (const item of v) of.enc(w, item);
    },
    dec: (r) => {
      const n = r.compactNumber();
      // Every element takes at least one byte except zero-sized ones; guard against absurd lengths.
      if (n > r.remaining && n > 0) throw new ScaleError(`vector length ${n} exceeds remaining input`);
      const out: ValueOf<C>[] = new Array(n);
      for (let i = 0; i < n; i++) out[i] = of.dec(r);
      return out;
    },
    info: { ...info, def: { kind: 'sequence', of } },
  };
}

export function array<C extends AnyCodec>(of: C, len: number): Codec<ValueOf<C>[]> {
  return {
    enc: (w, v) => {
      if (v.length !== len) throw new RangeError(`expected ${len} items, got ${v.length}`);
      for (const item of v) of.enc(w, item);
    },
    dec: (r) => {
      const out: ValueOf<C>[] = new Array(len);
      for (let i = 0; i < len; i++) out[i] = of.dec(r);
      return out;
    },
    info: { def: { kind: 'array', len, of } },
  };
}

export function option<C extends AnyCodec>(of: C): Codec<ValueOf<C> | undefined> {
  return {
    enc: (w, v) => {
      if (v === undefined) w.u8(0);
      else {
        w.u8(1);
        of.enc(w, v);
      }
    },
    dec: (r) => {
      const tag = r.u8();
      if (tag === 0) return undefined;
      if (tag === 1) return of.dec(r);
      throw new ScaleError(`invalid Option tag ${tag}`);
    },
    info: {
      path: ['Option'],
      params: [{ name: 'T', type: of }],
      def: {
        kind: 'variant',
        variants: [
          { name: 'None', index: 0, fields: [] },
          { name: 'Some', index: 1, fields: [{ type: of }] },
        ],
      },
    },
  };
}

type TupleValues<T extends readonly AnyCodec[]> = { -readonly [K in keyof T]: ValueOf<T[K]> };

export function tuple<T extends readonly AnyCodec[]>(...items: T): Codec<TupleValues<T>> {
  return {
    enc: (w, v) => {
      for (let i = 0; i < items.length; i++) items[i]!.enc(w, v[i]);
    },
    dec: (r) => items.map((c) => c.dec(r)) as TupleValues<T>,
    info: { def: { kind: 'tuple', of: [...items] } },
  };
}

export const unit: Codec<null> = { enc: () => {}, dec: () => null, info: { def: { kind: 'tuple', of: [] } } };

export type StructShape = Record<string, AnyCodec>;
export type StructValue<S extends StructShape> = { [K in keyof S]: ValueOf<S[K]> };

export interface StructOptions {
  path?: string[];
  params?: { name: string; type?: AnyCodec }[];
  docs?: string[];
  /** Rust type names per field, shown in metadata (e.g. `T::AccountId`). */
  typeNames?: Record<string, string>;
}

export function struct<S extends StructShape>(shape: S, opts: StructOptions = {}): Codec<StructValue<S>> {
  const keys = Object.keys(shape);
  const codecs = keys.map((k) => shape[k]!);
  const fields: FieldInfo[] = keys.map((k, i) => ({ name: k, type: codecs[i]!, typeName: opts.typeNames?.[k] }));
  return {
    enc: (w, v) => {
      for (let i = 0; i < keys.length; i++) codecs[i]!.enc(w, (v as Record<string, unknown>)[keys[i]!]);
    },
    dec: (r) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) out[keys[i]!] = codecs[i]!.dec(r);
      return out as StructValue<S>;
    },
    info: { path: opts.path, params: opts.params, docs: opts.docs, def: { kind: 'composite', fields } },
  };
}

/** A Rust newtype (`struct Foo(T)`) — same bytes as T, its own path in metadata. */
export function newtype<T>(inner: Codec<T>, path: string[], typeName?: string): Codec<T> {
  return { enc: inner.enc, dec: inner.dec, info: { path, def: { kind: 'composite', fields: [{ type: inner, typeName }] } } };
}

/** Enum value: `{ tag, value }`; unit variants carry `value: undefined`. */
export interface EnumValue<Tag extends string = string, V = unknown> {
  tag: Tag;
  value: V;
}

export interface VariantSpec {
  index: number;
  /** Payload codec; omit for unit variants. Struct-like variants use `fields`. */
  value?: AnyCodec;
  fields?: Record<string, AnyCodec>;
  docs?: string[];
  typeNames?: Record<string, string>;
}

export function enumeration(variants: Record<string, VariantSpec>, opts: StructOptions = {}): Codec<EnumValue> {
  const byIndex = new Map<number, { name: string; codec?: AnyCodec }>();
  const byName = new Map<string, { index: number; codec?: AnyCodec }>();
  const infos: VariantInfo[] = [];
  for (const [name, spec] of Object.entries(variants)) {
    let codec = spec.value;
    let fields: FieldInfo[] = [];
    if (spec.fields) {
      codec = struct(spec.fields);
      fields = Object.entries(spec.fields).map(([fname, type]) => ({ name: fname, type, typeName: spec.typeNames?.[fname] }));
    } else if (spec.value) fields = [{ type: spec.value }];
    if (byIndex.has(spec.index)) throw new Error(`duplicate variant index ${spec.index} (${name})`);
    byIndex.set(spec.index, { name, codec });
    byName.set(name, { index: spec.index, codec });
    infos.push({ name, index: spec.index, fields, docs: spec.docs });
  }
  infos.sort((a, b) => a.index - b.index);
  return {
    enc: (w, v) => {
      const entry = byName.get(v.tag);
      if (!entry) throw new RangeError(`unknown variant ${v.tag}`);
      w.u8(entry.index);
      entry.codec?.enc(w, v.value);
    },
    dec: (r) => {
      const index = r.u8();
      const entry = byIndex.get(index);
      if (!entry) throw new ScaleError(`unknown variant index ${index}`);
      return { tag: entry.name, value: entry.codec ? entry.codec.dec(r) : undefined };
    },
    info: { path: opts.path, params: opts.params, docs: opts.docs, def: { kind: 'variant', variants: infos } },
  };
}

/** A codec whose definition refers to itself or is built later (e.g. RuntimeCall inside Utility.batch). */
export function lazy<T>(get: () => Codec<T>): Codec<T> {
  let cached: Codec<T> | undefined;
  const resolve = () => (cached ??= get());
  return {
    enc: (w, v) => resolve().enc(w, v),
    dec: (r) => resolve().dec(r),
    get info() {
      return resolve().info;
    },
  };
}

export function encode<T>(codec: Codec<T>, value: T, capacity = 64): Uint8Array {
  const w = new ScaleWriter(capacity);
  codec.enc(w, value);
  return w.finish();
}

/** Decode all of `bytes`; trailing bytes are an error. */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, what = 'value'): T {
  const r = new ScaleReader(bytes);
  const v = codec.dec(r);
  r.assertEnd(what);
  return v;
}
