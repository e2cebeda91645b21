/** `rpc_*`: introspection. */
import type { CallHandler } from '../types.ts';

/** Every registered name, aliases and unsubscribe names included, derived from the method table. */
export const methods: CallHandler = (_params, ctx) => ({ methods: [...ctx.server.methodNames] });
