/**
 * Type descriptions attached to every codec. They carry what the metadata's portable type
 * registry needs (path, generic params, shape), so metadata is generated from the same
 * definitions that encode and decode — never kept by hand.
 */
import type { ScaleReader } from './reader.ts';
import type { ScaleWriter } from './writer.ts';

export type PrimitiveName =
  | 'bool' | 'char' | 'str'
  | 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'u256'
  | 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'i256';

export interface FieldInfo {
  name?: string;
  type: AnyCodec;
  typeName?: string;
  docs?: string[];
}

export interface VariantInfo {
  name: string;
  index: number;
  fields: FieldInfo[];
  docs?: string[];
}

export type TypeDef =
  | { kind: 'primitive'; name: PrimitiveName }
  | { kind: 'composite'; fields: FieldInfo[] }
  | { kind: 'variant'; variants: VariantInfo[] }
  | { kind: 'sequence'; of: AnyCodec }
  | { kind: 'array'; len: number; of: AnyCodec }
  | { kind: 'tuple'; of: AnyCodec[] }
  | { kind: 'compact'; of: AnyCodec }
  | { kind: 'bitSequence'; store: AnyCodec; order: AnyCodec };

export interface TypeInfo {
  path?: string[];
  params?: { name: string; type?: AnyCodec }[];
  def: TypeDef | (() => TypeDef);
  docs?: string[];
}

export interface Codec<T> {
  enc(w: ScaleWriter, value: T): void;
  dec(r: ScaleReader): T;
  readonly info: TypeInfo;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCodec = Codec<any>;

export type ValueOf<C> = C extends Codec<infer T> ? T : never;

export function resolveDef(info: TypeInfo): TypeDef {
  return typeof info.def === 'function' ? info.def() : info.def;
}
