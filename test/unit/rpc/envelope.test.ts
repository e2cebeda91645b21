/** JSON-RPC envelope rules over real HTTP (and the WS transport for parse errors and size limits). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS, MethodRegistry } from '../../../src/rpc/methods.ts';
import { httpCall, post, startHarness, WsClient, type Harness, type RpcResponse } from './helpers.ts';

describe('JSON-RPC envelope over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxRequestBytes: 4096 });
  });
  afterAll(async () => {
    await h.server.close();
  });

  it('echoes numeric and string ids verbatim, with jsonrpc "2.0"', async () => {
    const a = await post(h.http, '{"jsonrpc":"2.0","id":0,"method":"system_chain","params":[]}');
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ jsonrpc: '2.0', id: 0, result: 'Bittensor' });
    const b = await post(h.http, '{"jsonrpc":"2.0","id":"aB12","method":"system_chain"}');
    expect(b.json).toEqual({ jsonrpc: '2.0', id: 'aB12', result: 'Bittensor' });
    const c = await post(h.http, '{"jsonrpc":"2.0","id":7,"method":"system_name","params":null}');
    expect(c.json).toEqual({ jsonrpc: '2.0', id: 7, result: 'Subtensor Node' });
  });

  it('answers a batch in order, skipping notifications', async () => {
    const body = JSON.stringify([
      { jsonrpc: '2.0', id: 1, method: 'system_chain' },
      { jsonrpc: '2.0', method: 'system_chain' },
      { jsonrpc: '2.0', id: 'x', method: 'nope_nope' },
      { jsonrpc: '2.0', id: 3, method: 'system_chainType', params: [] },
    ]);
    const res = await post(h.http, body);
    const list = res.json as RpcResponse[];
    expect(list).toHaveLength(3);
    expect(list[0]).toEqual({ jsonrpc: '2.0', id: 1, result: 'Bittensor' });
    expect(list[1]!.id).toBe('x');
    expect(list[1]!.error).toEqual({ code: -32601, message: 'Method not found' });
    expect(list[2]).toEqual({ jsonrpc: '2.0', id: 3, result: 'Development' });
  });

  it('rejects an empty batch and non-object requests with -32600', async () => {
    const empty = await post(h.http, '[]');
    expect((empty.json as RpcResponse).error!.code).toBe(-32600);
    const batch = await post(h.http, '[1, "x"]');
    const list = batch.json as RpcResponse[];
    expect(list.map((r) => [r.id, r.error!.code])).toEqual([[null, -32600], [null, -32600]]);
  });

  it('sends nothing for a lone notification', async () => {
    const res = await post(h.http, '{"jsonrpc":"2.0","method":"system_chain"}');
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });

  it('rejects a bad jsonrpc field with -32600 and the same id', async () => {
    for (const jsonrpc of ['1.0', undefined, 2]) {
      const res = await post(h.http, JSON.stringify({ jsonrpc, id: 5, method: 'system_chain' }));
      const r = res.json as RpcResponse;
      expect(r.id).toBe(5);
      expect(r.error!.code).toBe(-32600);
      expect(r).not.toHaveProperty('result');
    }
    const badId = await post(h.http, '{"jsonrpc":"2.0","id":{"a":1},"method":"system_chain"}');
    expect((badId.json as RpcResponse).error!.code).toBe(-32600);
    const noMethod = await post(h.http, '{"jsonrpc":"2.0","id":9}');
    expect(noMethod.json).toMatchObject({ id: 9, error: { code: -32600 } });
  });

  it('answers malformed JSON with -32700 and keeps serving', async () => {
    for (const body of ['{"jsonrpc":"2.0","id":1,', 'not json', '']) {
      const res = await post(h.http, body);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    expect((await httpCall(h.http, 'system_chain')).result).toBe('Bittensor');
  });

  it('answers an unknown method with -32601 "Method not found"', async () => {
    const r = await httpCall(h.http, 'foo_bar', []);
    expect(r.error).toEqual({ code: -32601, message: 'Method not found' });
  });

  it('answers wrong params with -32602', async () => {
    const cases: [string, unknown[]][] = [
      ['chain_getBlockHash', ['one']],
      ['chain_getBlockHash', [-1]],
      ['chain_getBlockHash', [1.5]],
      ['chain_getBlockHash', [2 ** 32]],
      ['chain_getHeader', ['0x1234']],
      ['chain_getHeader', [42]],
      ['state_getStorage', [123]],
      ['state_getStorage', ['0xzz']],
      ['state_getStorage', []],
      ['state_getKeysPaged', ['0x', 'ten']],
      ['state_queryStorageAt', ['0x01']],
      ['system_accountNextIndex', ['not-an-address']],
      ['system_accountNextIndex', []],
    ];
    for (const [method, params] of cases) {
      const r = await httpCall(h.http, method, params);
      expect(r.error?.code, `${method} ${JSON.stringify(params)}`).toBe(-32602);
      expect(r.error?.message).toBe('Invalid params');
    }
    const named = await post(h.http, '{"jsonrpc":"2.0","id":1,"method":"system_chain","params":{"a":1}}');
    expect((named.json as RpcResponse).error!.code).toBe(-32602);
  });

  it('answers an oversized body with HTTP 413 and a JSON-RPC error, and keeps serving', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_getStorage', params: ['0x' + '00'.repeat(4096)] });
    const res = await post(h.http, big);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32007, message: 'Request is too big' } });
    expect((await httpCall(h.http, 'system_chain')).result).toBe('Bittensor');
  });

  it('refuses subscriptions over HTTP with an error that says so', async () => {
    const r = await httpCall(h.http, 'chain_subscribeNewHeads', []);
    expect(r.error?.code).toBe(-32603);
    expect(String(r.error?.data)).toMatch(/WebSocket/);
    const u = await httpCall(h.http, 'chain_unsubscribeNewHeads', ['abc']);
    expect(String(u.error?.data)).toMatch(/WebSocket/);
  });

  it('maps unexpected handler failures to -32603 and NodeRpcError to its own code', async () => {
    const bad = await httpCall(h.http, 'author_submitExtrinsic', ['0xff00']);
    expect(bad.error).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Custom error: 6' });
  });

  it('lists every name including aliases and unsubscribe names in rpc_methods, sorted', async () => {
    const r = await httpCall(h.http, 'rpc_methods');
    const methods = (r.result as { methods: string[] }).methods;
    for (const name of [
      'rpc_methods', 'chain_getHead', 'state_getStorageAt', 'account_nextIndex', 'chain_subscribeNewHead',
      'chain_unsubscribeNewHead', 'chain_getFinalisedHead', 'chain_subscribeFinalisedHeads', 'state_callAt',
      'state_getKeysPagedAt', 'chain_getRuntimeVersion', 'chain_subscribeRuntimeVersion', 'author_unwatchExtrinsic',
      'state_unsubscribeStorage', 'chain_unsubscribeAllHeads', 'system_peers',
    ]) {
      expect(methods, name).toContain(name);
    }
    expect(methods).toEqual([...methods].sort());
    expect(new Set(methods).size).toBe(methods.length);
    expect(methods).toEqual(MethodRegistry.from(METHODS).names);
  });

  it('serves GET /health like system_health', async () => {
    const res = await fetch(`${h.http}health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
  });

  it('adds CORS headers for allowed origins only', async () => {
    const ok = await fetch(h.http, { method: 'POST', headers: { origin: 'http://localhost:3000', 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"system_chain"}' });
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    await ok.text();
    const no = await fetch(h.http, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"system_chain"}' });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
    await no.text();
    const preflight = await fetch(h.http, { method: 'OPTIONS', headers: { origin: 'https://polkadot.js.org', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://polkadot.js.org');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
  });
});

describe('JSON-RPC envelope over WebSocket', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxRequestBytes: 4096 });
  });
  afterAll(async () => {
    await h.server.close();
  });

  it('answers malformed JSON with -32700 and keeps the socket usable', async () => {
    const c = await WsClient.connect(h.ws);
    try {
      c.sendRaw('{oops');
      const err = await c.waitFor((m) => m.json.id === null);
      expect(err.json).toMatchObject({ error: { code: -32700 } });
      expect((await c.call('system_chain')).result).toBe('Bittensor');
    } finally {
      await c.close();
    }
  });

  it('answers an oversized message with -32007 and keeps the socket open', async () => {
    const c = await WsClient.connect(h.ws);
    try {
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'state_getStorage', params: ['0x' + '00'.repeat(3000)] }));
      const err = await c.waitFor((m) => m.json.id === null);
      expect(err.json).toMatchObject({ error: { code: -32007, message: 'Request is too big' } });
      expect((await c.call('system_chain')).result).toBe('Bittensor');
      // Beyond the hard cap the ws layer closes the socket (1009) instead; the server lives on.
      c.sendRaw('x'.repeat(10_000));
      expect(await c.closed).toBe(1009);
      expect((await httpCall(h.http, 'system_chain')).result).toBe('Bittensor');
    } finally {
      await c.close();
    }
  });

  it('answers batches over WS as one array message', async () => {
    const c = await WsClient.connect(h.ws);
    try {
      c.sendRaw(JSON.stringify([{ jsonrpc: '2.0', id: 'a', method: 'system_name' }, { jsonrpc: '2.0', id: 'b', method: 'system_version' }]));
      const m = await c.waitFor((msg) => msg.raw.startsWith('['));
      expect(m.json).toEqual([
        { jsonrpc: '2.0', id: 'a', result: 'Subtensor Node' },
        { jsonrpc: '2.0', id: 'b', result: '0.1.0-test' },
      ]);
    } finally {
      await c.close();
    }
  });
});
