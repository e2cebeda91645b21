/** Rows for payment_*, keystore (author_*Key*), read proofs and other node extras, merged into METHODS. */
import type { MethodTable } from './types.ts';

export const NODE_EXTRA_METHODS: MethodTable = {};
