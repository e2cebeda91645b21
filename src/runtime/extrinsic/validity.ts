/** `TransactionValidityError` and `ValidTransaction` as Substrate encodes them (TaggedTransactionQueue v3). */
import { bool, bytes, enumeration, u64, u8, vec, struct, type EnumValue } from '../../primitives/scale/index.ts';

export const InvalidTransactionCodec = enumeration(
  {
    Call: { index: 0 }, Payment: { index: 1 }, Future: { index: 2 }, Stale: { index: 3 }, BadProof: { index: 4 },
    AncientBirthBlock: { index: 5 }, ExhaustsResources: { index: 6 }, Custom: { index: 7, value: u8 },
    BadMandatory: { index: 8 }, MandatoryValidation: { index: 9 }, BadSigner: { index: 10 },
    IndeterminateImplicit: { index: 11 }, UnknownOrigin: { index: 12 },
  },
  { path: ['sp_runtime', 'transaction_validity', 'InvalidTransaction'] },
);

export const UnknownTransactionCodec = enumeration(
  { CannotLookup: { index: 0 }, NoUnsignedValidator: { index: 1 }, Custom: { index: 2, value: u8 } },
  { path: ['sp_runtime', 'transaction_validity', 'UnknownTransaction'] },
);

export const TransactionValidityErrorCodec = enumeration(
  { Invalid: { index: 0, value: InvalidTransactionCodec }, Unknown: { index: 1, value: UnknownTransactionCodec } },
  { path: ['sp_runtime', 'transaction_validity', 'TransactionValidityError'] },
);

export type InvalidReason =
  | 'Call' | 'Payment' | 'Future' | 'Stale' | 'BadProof' | 'AncientBirthBlock' | 'ExhaustsResources'
  | 'BadMandatory' | 'MandatoryValidation' | 'BadSigner' | 'IndeterminateImplicit' | 'UnknownOrigin';

/** Thrown by validation; carries the exact `TransactionValidityError` value. */
export class TransactionValidityError extends Error {
  constructor(readonly value: EnumValue) {
    const inner = value.value as EnumValue;
    super(`${value.tag}(${inner.tag}${inner.value !== undefined ? `(${String(inner.value)})` : ''})`);
  }

  get isInvalid(): boolean {
    return this.value.tag === 'Invalid';
  }

  get reason(): string {
    return (this.value.value as EnumValue).tag;
  }
}

export function invalid(reason: InvalidReason): never {
  throw new TransactionValidityError({ tag: 'Invalid', value: { tag: reason, value: undefined } });
}

export function invalidCustom(code: number): never {
  throw new TransactionValidityError({ tag: 'Invalid', value: { tag: 'Custom', value: code } });
}

export function unknown(reason: 'CannotLookup' | 'NoUnsignedValidator'): never {
  throw new TransactionValidityError({ tag: 'Unknown', value: { tag: reason, value: undefined } });
}

export interface ValidTransaction {
  priority: bigint;
  requires: Uint8Array[];
  provides: Uint8Array[];
  longevity: bigint;
  propagate: boolean;
}

export const ValidTransactionCodec = struct(
  { priority: u64, requires: vec(bytes), provides: vec(bytes), longevity: u64, propagate: bool },
  { path: ['sp_runtime', 'transaction_validity', 'ValidTransaction'] },
);

export const TransactionSourceCodec = enumeration(
  { InBlock: { index: 0 }, Local: { index: 1 }, External: { index: 2 } },
  { path: ['sp_runtime', 'transaction_validity', 'TransactionSource'] },
);
