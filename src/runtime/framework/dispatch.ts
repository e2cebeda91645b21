/** Origins, dispatch errors as values, and the exception used to unwind a failing call. */
import type { AccountId, DispatchClassName, DispatchError, PaysName } from '../types.ts';

export type Origin =
  | { kind: 'Root' }
  | { kind: 'Signed'; who: AccountId }
  | { kind: 'None' };

export const ROOT: Origin = { kind: 'Root' };
export const NONE: Origin = { kind: 'None' };
export const signed = (who: AccountId): Origin => ({ kind: 'Signed', who });

/** Thrown inside a call; the dispatcher turns it back into a `DispatchError` value. */
export class DispatchFailure extends Error {
  constructor(
    readonly error: DispatchError,
    readonly label: string,
    readonly postInfo?: PostDispatchInfo,
  ) {
    super(label);
  }
}

export function fail(error: DispatchError, label?: string): never {
  throw new DispatchFailure(error, label ?? error.tag);
}

export const BadOrigin = (): never => fail({ tag: 'BadOrigin', value: undefined });

export function ensureSigned(origin: Origin): AccountId {
  if (origin.kind !== 'Signed') return BadOrigin();
  return origin.who;
}

export function ensureRoot(origin: Origin): void {
  if (origin.kind !== 'Root') BadOrigin();
}

export function ensureNone(origin: Origin): void {
  if (origin.kind !== 'None') BadOrigin();
}

export interface PostDispatchInfo {
  /** Weight actually used; defaults to the declared weight. */
  actualWeight?: bigint;
  paysFee?: PaysName;
}

export interface DispatchInfo {
  weight: bigint;
  class: DispatchClassName;
  paysFee: PaysName;
}

export type DispatchOutcome =
  | { ok: true; post: PostDispatchInfo }
  | { ok: false; error: DispatchError; label: string; post: PostDispatchInfo };

/** Token/arithmetic errors used by several pallets. */
export const tokenError = (name: string): DispatchError => ({ tag: 'Token', value: { tag: name, value: undefined } });
export const arithmeticError = (name: 'Underflow' | 'Overflow' | 'DivisionByZero'): DispatchError => ({
  tag: 'Arithmetic',
  value: { tag: name, value: undefined },
});
