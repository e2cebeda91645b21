/**
 * SCALE writers for the parts V14 and V15 share (frame-metadata's layout): the portable
 * registry, pallet storage, constants and docs. Type references are `Compact<u32>` ids.
 */
import type { HasherName } from '../../primitives/hashing.ts';
import type { PrimitiveName, ScaleWriter } from '../../primitives/scale/index.ts';
import type { PalletModel, StorageEntryModel } from './model.ts';
import type { PortableDef, PortableField, PortableRegistry, PortableType } from './registry.ts';

/** The prefix of `RuntimeMetadataPrefixed`: "meta" as a little-endian u32. */
export const METADATA_MAGIC = new Uint8Array([0x6d, 0x65, 0x74, 0x61]);

const PRIMITIVE_INDEX: Record<PrimitiveName, number> = {
  bool: 0, char: 1, str: 2, u8: 3, u16: 4, u32: 5, u64: 6, u128: 7, u256: 8,
  i8: 9, i16: 10, i32: 11, i64: 12, i128: 13, i256: 14,
};

const HASHER_INDEX: Record<HasherName, number> = {
  Blake2_128: 0, Blake2_256: 1, Blake2_128Concat: 2, Twox128: 3, Twox256: 4, Twox64Concat: 5, Identity: 6,
};

const DEF_TAG: Record<PortableDef['tag'], number> = {
  composite: 0, variant: 1, sequence: 2, array: 3, tuple: 4, primitive: 5, compact: 6, bitSequence: 7,
};

const text = new TextEncoder();

export function writeString(w: ScaleWriter, s: string): void {
  w.bytes(text.encode(s));
}

export function writeStrings(w: ScaleWriter, list: readonly string[]): void {
  w.compact(list.length);
  for (const s of list) writeString(w, s);
}

export function writeOptionalString(w: ScaleWriter, s: string | undefined): void {
  if (s === undefined) w.u8(0);
  else writeString(w.u8(1), s);
}

/** `Option<T>` where T is a type id (e.g. `calls: Option<PalletCallMetadata>`). */
export function writeOptionalType(w: ScaleWriter, id: number | undefined): void {
  if (id === undefined) w.u8(0);
  else w.u8(1).compact(id);
}

function writeFields(w: ScaleWriter, fields: readonly PortableField[]): void {
  w.compact(fields.length);
  for (const f of fields) {
    writeOptionalString(w, f.name);
    w.compact(f.type);
    writeOptionalString(w, f.typeName);
    writeStrings(w, f.docs);
  }
}

function writeDef(w: ScaleWriter, def: PortableDef): void {
  w.u8(DEF_TAG[def.tag]);
  switch (def.tag) {
    case 'composite':
      writeFields(w, def.fields);
      return;
    case 'variant':
      w.compact(def.variants.length);
      for (const v of def.variants) {
        writeString(w, v.name);
        writeFields(w, v.fields);
        w.u8(v.index);
        writeStrings(w, v.docs);
      }
      return;
    case 'sequence':
    case 'compact':
      w.compact(def.type);
      return;
    case 'array':
      w.u32(def.len).compact(def.type);
      return;
    case 'tuple':
      w.compact(def.types.length);
      for (const t of def.types) w.compact(t);
      return;
    case 'primitive':
      w.u8(PRIMITIVE_INDEX[def.name]);
      return;
    case 'bitSequence':
      w.compact(def.store).compact(def.order);
      return;
  }
}

function writeType(w: ScaleWriter, t: PortableType): void {
  w.compact(t.id);
  writeStrings(w, t.path);
  w.compact(t.params.length);
  for (const p of t.params) {
    writeString(w, p.name);
    writeOptionalType(w, p.type);
  }
  writeDef(w, t.def);
  writeStrings(w, t.docs);
}

export function writeRegistry(w: ScaleWriter, reg: PortableRegistry): void {
  w.compact(reg.size);
  for (const t of reg.all) writeType(w, t);
}

function writeStorageEntry(w: ScaleWriter, e: StorageEntryModel): void {
  writeString(w, e.name);
  w.u8(e.modifier === 'Optional' ? 0 : 1);
  if (e.type.tag === 'plain') {
    w.u8(0).compact(e.type.value);
  } else {
    w.u8(1).compact(e.type.hashers.length);
    for (const h of e.type.hashers) w.u8(HASHER_INDEX[h]);
    w.compact(e.type.key).compact(e.type.value);
  }
  w.bytes(e.fallback);
  writeStrings(w, e.docs);
}

/** A pallet in V14 layout; V15 appends the pallet docs. */
export function writePallet(w: ScaleWriter, p: PalletModel, withDocs: boolean): void {
  writeString(w, p.name);
  if (p.storage) {
    w.u8(1);
    writeString(w, p.storage.prefix);
    w.compact(p.storage.items.length);
    for (const e of p.storage.items) writeStorageEntry(w, e);
  } else {
    w.u8(0);
  }
  writeOptionalType(w, p.calls);
  writeOptionalType(w, p.events);
  w.compact(p.constants.length);
  for (const c of p.constants) {
    writeString(w, c.name);
    w.compact(c.type);
    w.bytes(c.value);
    writeStrings(w, c.docs);
  }
  writeOptionalType(w, p.errors);
  w.u8(p.index);
  if (withDocs) writeStrings(w, p.docs);
}

export function writeExtensions(w: ScaleWriter, list: readonly { identifier: string; type: number; additionalSigned: number }[]): void {
  w.compact(list.length);
  for (const e of list) {
    writeString(w, e.identifier);
    w.compact(e.type).compact(e.additionalSigned);
  }
}
