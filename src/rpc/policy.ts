/** Who may call what: the `--rpc-methods` policy and the CORS allow-list. */

export type RpcMethodsPolicy = 'safe' | 'unsafe' | 'auto';

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

/** `auto` (Substrate's default) allows unsafe methods only when the server listens on loopback. */
export function unsafeMethodsAllowed(policy: RpcMethodsPolicy, host: string): boolean {
  if (policy === 'unsafe') return true;
  if (policy === 'safe') return false;
  return isLoopbackHost(host);
}

/** Substrate's default `--rpc-cors` list (`run_cmd.rs`); `:*` matches any port. */
export const DEFAULT_CORS: readonly string[] = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'https://localhost:*',
  'https://127.0.0.1:*',
  'https://polkadot.js.org',
];

export function corsOriginAllowed(origin: string, cors: readonly string[] | 'all'): boolean {
  if (cors === 'all') return true;
  for (const allowed of cors) {
    if (allowed === '*' || allowed === origin) return true;
    if (allowed.endsWith(':*')) {
      const base = allowed.slice(0, -2);
      if (origin === base) return true;
      if (origin.startsWith(`${base}:`) && /^\d+$/.test(origin.slice(base.length + 1))) return true;
    }
  }
  return false;
}
