/**
 * Positional parameter readers. Each throws -32602 "Invalid params" with a short description of
 * what was wrong, the way jsonrpsee reports a parameter that does not deserialize.
 */
import { fromHex, HexError } from '../primitives/hex.ts';
import { invalidParams } from './errors.ts';

export type Params = readonly unknown[];

const U32_MAX = 0xffff_ffff;

/** The `i`-th parameter, or undefined when it is missing or `null` (clients send both). */
export function optional(params: Params, i: number): unknown {
  const v = params[i];
  return v === null ? undefined : v;
}

export function required(params: Params, i: number, name: string): unknown {
  const v = optional(params, i);
  if (v === undefined) throw invalidParams(`missing parameter ${i} (${name})`);
  return v;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length > 40 ? `string "${value.slice(0, 40)}…"` : `string "${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** Hex bytes: `0x…`, bare hex, `""` and `"0x"` (zero bytes), any case. */
export function bytes(value: unknown, name: string): Uint8Array {
  if (typeof value !== 'string') throw invalidParams(`${name}: expected a hex string, got ${describe(value)}`);
  try {
    return fromHex(value);
  } catch (err) {
    if (err instanceof HexError) throw invalidParams(`${name}: ${err.message}`);
    throw err;
  }
}

/** A 32-byte hash (block hash), with or without `0x`. */
export function hash(value: unknown, name: string): Uint8Array {
  const b = bytes(value, name);
  if (b.length !== 32) throw invalidParams(`${name}: expected a 32-byte hash, got ${b.length} bytes`);
  return b;
}

export function optionalHash(params: Params, i: number, name = 'at'): Uint8Array | undefined {
  const v = optional(params, i);
  return v === undefined ? undefined : hash(v, name);
}

export function optionalBytes(params: Params, i: number, name: string): Uint8Array | undefined {
  const v = optional(params, i);
  return v === undefined ? undefined : bytes(v, name);
}

export function u32(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > U32_MAX) {
    throw invalidParams(`${name}: expected an unsigned 32-bit integer, got ${describe(value)}`);
  }
  return value;
}

/** A block number as a JSON number or a `0x` hex string (PAPI's legacy mode sends `"0x1"`). */
export function blockNumber(value: unknown, name = 'block number'): number {
  if (typeof value === 'string') {
    if (!/^0x[0-9a-fA-F]+$/.test(value)) throw invalidParams(`${name}: expected a number or a 0x-prefixed hex number, got ${describe(value)}`);
    const n = Number.parseInt(value.slice(2), 16);
    if (!Number.isSafeInteger(n) || n > U32_MAX) throw invalidParams(`${name}: ${value} > u32::MAX, the max block number is u32::MAX`);
    return n;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value > U32_MAX) {
    throw invalidParams(`${name}: ${value} > u32::MAX, the max block number is u32::MAX`);
  }
  return u32(value, name);
}

export function string(value: unknown, name: string): string {
  if (typeof value !== 'string') throw invalidParams(`${name}: expected a string, got ${describe(value)}`);
  return value;
}

export function array(value: unknown, name: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalidParams(`${name}: expected an array, got ${describe(value)}`);
  return value;
}
