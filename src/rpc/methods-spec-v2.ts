/** Rows of the new JSON-RPC spec (chainHead_v1, chainSpec_v1, transaction_v1, transactionWatch_v1), merged into METHODS. */
import type { MethodTable } from './types.ts';

export const SPEC_V2_METHODS: MethodTable = {};
