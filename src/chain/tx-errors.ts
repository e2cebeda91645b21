/** Pool and validity errors as Substrate's author RPC reports them (codes 1001–1021). */
import { toHex } from '../primitives/hex.ts';
import { NodeRpcError } from '../node/api.ts';
import type { TransactionValidityError } from '../runtime/extrinsic/validity.ts';
import type { EnumValue } from '../primitives/scale/index.ts';

const INVALID_TEXT: Record<string, string> = {
  Call: 'Transaction call is not expected',
  Payment: 'Inability to pay some fees (e.g. account balance too low)',
  Future: 'Transaction will be valid in the future',
  Stale: 'Transaction is outdated',
  BadProof: 'Transaction has a bad signature',
  AncientBirthBlock: 'Transaction has an ancient birth block',
  ExhaustsResources: 'Transaction would exhaust the block limits',
  BadMandatory: 'A call was labelled as mandatory, but resulted in an Error.',
  MandatoryValidation: 'Transaction dispatch is mandatory; transactions must not be validated.',
  BadSigner: 'Invalid signing address',
  IndeterminateImplicit: 'The implicit data was unable to be calculated',
  UnknownOrigin: 'The transaction extension did not authorize any origin',
};

const UNKNOWN_TEXT: Record<string, string> = {
  CannotLookup: 'Could not lookup information required to validate the transaction',
  NoUnsignedValidator: 'Could not find an unsigned validator for the unsigned transaction',
};

export function validityRpcError(e: TransactionValidityError): NodeRpcError {
  const inner = e.value.value as EnumValue;
  const data = inner.tag === 'Custom' ? `Custom error: ${String(inner.value)}` : undefined;
  if (e.isInvalid) return new NodeRpcError(1010, 'Invalid Transaction', data ?? INVALID_TEXT[inner.tag] ?? inner.tag);
  return new NodeRpcError(1011, 'Unknown Transaction Validity', data ?? UNKNOWN_TEXT[inner.tag] ?? inner.tag);
}

export const badFormat = (detail: string) => new NodeRpcError(1001, `Extrinsic has invalid format: ${detail}`);
export const alreadyImported = (hash: Uint8Array) => new NodeRpcError(1013, 'Transaction Already Imported', toHex(hash));
export const priorityTooLow = (old: bigint, next: bigint) => new NodeRpcError(1014, `Priority is too low: (${old} vs ${next})`);
export const immediatelyDropped = () => new NodeRpcError(1016, 'Immediately Dropped', 'The transaction pool is full');
export const temporarilyBanned = () => new NodeRpcError(1012, 'Transaction is temporarily banned');
