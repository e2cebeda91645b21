/** A block's state diff: for each changed key its value before and after (null = absent). */
import { ScaleReader, ScaleWriter } from '../primitives/scale/index.ts';

export interface DiffEntry {
  key: Uint8Array;
  prev: Uint8Array | null;
  next: Uint8Array | null;
}

export interface BlockDiff {
  hash: Uint8Array;
  parent: Uint8Array;
  number: number;
  entries: DiffEntry[];
}

function writeOpt(w: ScaleWriter, v: Uint8Array | null): void {
  if (v === null) w.u8(0);
  else w.u8(1).bytes(v);
}

function readOpt(r: ScaleReader): Uint8Array | null {
  return r.u8() === 0 ? null : r.bytesVec().slice();
}

export function encodeDiff(d: BlockDiff): Uint8Array {
  const w = new ScaleWriter(128 + d.entries.length * 96);
  w.raw(d.hash).raw(d.parent).u32(d.number).compact(d.entries.length);
  for (const e of d.entries) {
    w.bytes(e.key);
    writeOpt(w, e.prev);
    writeOpt(w, e.next);
  }
  return w.finish();
}

export function decodeDiff(bytes: Uint8Array): BlockDiff {
  const r = new ScaleReader(bytes);
  const hash = r.raw(32).slice();
  const parent = r.raw(32).slice();
  const number = r.u32();
  const n = r.compactNumber();
  const entries: DiffEntry[] = [];
  for (let i = 0; i < n; i++) entries.push({ key: r.bytesVec().slice(), prev: readOpt(r), next: readOpt(r) });
  return { hash, parent, number, entries };
}
