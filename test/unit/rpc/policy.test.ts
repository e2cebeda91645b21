/** The --rpc-methods policy, extra method tables and handler failures. */
import { describe, expect, it } from 'vitest';
import { NodeRpcError } from '../../../src/node/api.ts';
import { METHODS, MethodRegistry } from '../../../src/rpc/methods.ts';
import { corsOriginAllowed, isLoopbackHost, unsafeMethodsAllowed } from '../../../src/rpc/policy.ts';
import { startRpcServer } from '../../../src/rpc/server.ts';
import type { MethodTable } from '../../../src/rpc/types.ts';
import { FakeNode } from './fake-node.ts';
import { httpCall, startHarness, WsClient } from './helpers.ts';

const UNSAFE = { code: -32601, message: 'RPC call is unsafe to be called externally' };

describe('unsafe method policy', () => {
  it('decides from the policy and the host', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('192.168.1.4')).toBe(false);
    expect(unsafeMethodsAllowed('auto', '127.0.0.1')).toBe(true);
    expect(unsafeMethodsAllowed('auto', '0.0.0.0')).toBe(false);
    expect(unsafeMethodsAllowed('safe', '127.0.0.1')).toBe(false);
    expect(unsafeMethodsAllowed('unsafe', '0.0.0.0')).toBe(true);
  });

  it("'safe' refuses unsafe methods with -32601 and still serves safe ones", async () => {
    const h = await startHarness({ methodsPolicy: 'safe' });
    const c = await WsClient.connect(h.ws);
    try {
      expect((await httpCall(h.http, 'system_peers')).error).toEqual(UNSAFE);
      expect((await httpCall(h.http, 'system_chain')).result).toBe('Bittensor');
      // state_subscribeStorage is unsafe only without a key list.
      expect((await c.call('state_subscribeStorage', [])).error).toEqual(UNSAFE);
      expect((await c.call('state_subscribeStorage', [null])).error).toEqual(UNSAFE);
      expect((await c.call('state_subscribeStorage', [['0x0102aa']])).result).toMatch(/^[A-Za-z0-9]{16}$/);
      // Still listed: rpc_methods shows everything, like Substrate.
      const methods = ((await httpCall(h.http, 'rpc_methods')).result as { methods: string[] }).methods;
      expect(methods).toContain('system_peers');
    } finally {
      await c.close();
      await h.server.close();
    }
  });

  it("'auto' allows unsafe methods on loopback and refuses them on a public interface", async () => {
    const local = await startHarness({ methodsPolicy: 'auto' });
    try {
      expect((await httpCall(local.http, 'system_peers')).result).toEqual([]);
    } finally {
      await local.server.close();
    }
    const node = new FakeNode();
    const server = await startRpcServer({ api: node, host: '0.0.0.0', port: 0, methodsPolicy: 'auto' });
    try {
      expect((await httpCall(`http://127.0.0.1:${server.port}/`, 'system_peers')).error).toEqual(UNSAFE);
    } finally {
      await server.close();
    }
    const open = await startRpcServer({ api: node, host: '0.0.0.0', port: 0, methodsPolicy: 'unsafe' });
    try {
      expect((await httpCall(`http://127.0.0.1:${open.port}/`, 'system_peers')).result).toEqual([]);
    } finally {
      await open.close();
    }
  });

  it('without keys and with unsafe allowed, state_subscribeStorage explains it is unsupported', async () => {
    const h = await startHarness({ methodsPolicy: 'unsafe' });
    const c = await WsClient.connect(h.ws);
    try {
      expect((await c.call('state_subscribeStorage', [])).error?.code).toBe(-32602);
    } finally {
      await c.close();
      await h.server.close();
    }
  });
});

describe('method table', () => {
  it('refuses a name registered twice', () => {
    expect(() => MethodRegistry.from(METHODS, { chain_getHead: { call: () => 1 } })).toThrow(/chain_getHead/);
    expect(() =>
      MethodRegistry.from(METHODS, {
        x_sub: { subscribe: () => undefined, notification: 'x', unsubscribe: ['chain_unsubscribeAllHeads'] },
      }),
    ).toThrow(/chain_unsubscribeAllHeads/);
  });

  it('extra tables add methods; unexpected errors become -32603, NodeRpcError keeps its code', async () => {
    const extra: MethodTable = {
      test_boom: { call: () => { throw new TypeError('bug'); } },
      test_nodeError: { call: async () => { throw new NodeRpcError(1234, 'Custom', { why: 'because' }); } },
      test_bigint: { call: () => 1n },
      test_undefined: { call: () => undefined },
      test_unsafe: { call: () => 'ok', unsafe: true, aliases: ['test_unsafeAlias'] },
    };
    const h = await startHarness({ extraMethods: extra, methodsPolicy: 'safe' });
    try {
      expect((await httpCall(h.http, 'test_boom')).error).toEqual({ code: -32603, message: 'Internal error' });
      expect((await httpCall(h.http, 'test_nodeError')).error).toEqual({ code: 1234, message: 'Custom', data: { why: 'because' } });
      expect((await httpCall(h.http, 'test_bigint')).error?.code).toBe(-32603);
      const undef = await httpCall(h.http, 'test_undefined');
      expect(undef).toHaveProperty('result', null);
      expect((await httpCall(h.http, 'test_unsafeAlias')).error).toEqual(UNSAFE);
      const methods = ((await httpCall(h.http, 'rpc_methods')).result as { methods: string[] }).methods;
      expect(methods).toContain('test_unsafeAlias');
    } finally {
      await h.server.close();
    }
  });
});

describe('CORS allow-list', () => {
  it('matches exact origins, :* ports and all', () => {
    const list = ['http://localhost:*', 'https://polkadot.js.org'];
    expect(corsOriginAllowed('http://localhost:9000', list)).toBe(true);
    expect(corsOriginAllowed('http://localhost', list)).toBe(true);
    expect(corsOriginAllowed('http://localhost.evil.com', list)).toBe(false);
    expect(corsOriginAllowed('https://polkadot.js.org', list)).toBe(true);
    expect(corsOriginAllowed('https://polkadot.js.org.evil', list)).toBe(false);
    expect(corsOriginAllowed('https://anything', 'all')).toBe(true);
  });
});
