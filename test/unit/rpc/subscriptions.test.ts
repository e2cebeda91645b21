/** Subscriptions over a real WebSocket: ordering, notification shape, unsubscribe, limits, cleanup. */
import { afterEach, describe, expect, it } from 'vitest';
import { toHex } from '../../../src/primitives/hex.ts';
import { startHarness, sleep, WsClient, type Harness } from './helpers.ts';

const SUB_ID = /^[A-Za-z0-9]{16}$/;

const open: { clients: WsClient[]; harness: Harness[] } = { clients: [], harness: [] };

async function setup(opts: Parameters<typeof startHarness>[0] = {}): Promise<{ h: Harness; c: WsClient }> {
  const h = await startHarness(opts);
  open.harness.push(h);
  const c = await WsClient.connect(h.ws);
  open.clients.push(c);
  return { h, c };
}

afterEach(async () => {
  for (const c of open.clients.splice(0)) await c.close();
  for (const h of open.harness.splice(0)) await h.server.close();
});

/** Subscribe and check the response comes before the first notification. */
async function subscribe(c: WsClient, method: string, params?: unknown[]): Promise<string> {
  const before = c.messages.length;
  const r = await c.call(method, params);
  expect(r.error, method).toBeUndefined();
  const id = r.result as string;
  expect(id).toMatch(SUB_ID);
  const first = await c.nthNotification(id, 0);
  const responseIndex = c.messages.findIndex((m, i) => i >= before && m.json.id === r.id);
  expect(c.messages.indexOf(first)).toBeGreaterThan(responseIndex);
  return id;
}

function result(m: { json: Record<string, unknown> }): unknown {
  return (m.json.params as { result: unknown }).result;
}

describe('subscriptions over WebSocket', () => {
  it('chain_subscribeNewHeads: response first, then the best header; notifications have no id', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'chain_subscribeNewHeads');
    const first = await c.nthNotification(id, 0);
    expect(first.json).not.toHaveProperty('id');
    expect(Object.keys(first.json).sort()).toEqual(['jsonrpc', 'method', 'params']);
    expect(first.json).toMatchObject({ jsonrpc: '2.0', method: 'chain_newHead', params: { subscription: id } });
    expect(result(first)).toMatchObject({ number: '0x3', parentHash: toHex(h.node.canonical[2]!) });

    h.node.importBlock();
    const second = await c.nthNotification(id, 1);
    expect(result(second)).toMatchObject({ number: '0x4', parentHash: toHex(h.node.canonical[3]!) });
    expect(second.raw).not.toContain('"id"');
  });

  it('unsubscribe returns true once, false after, and stops notifications', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'chain_subscribeNewHead');
    expect((await c.nthNotification(id, 0)).json.method).toBe('chain_newHead');
    expect((await c.call('state_unsubscribeStorage', [id])).result).toBe(false); // wrong kind
    expect((await c.call('chain_unsubscribeNewHead', [id])).result).toBe(true);
    expect((await c.call('chain_unsubscribeNewHeads', [id])).result).toBe(false);
    expect((await c.call('chain_unsubscribeNewHeads', ['nope'])).result).toBe(false);
    expect((await c.call('chain_unsubscribeNewHeads', [])).error?.code).toBe(-32602);
    h.node.importBlock();
    await sleep(50);
    expect(c.notifications(id)).toHaveLength(1);
  });

  it('chain_subscribeFinalizedHeads sends the finalized head, then each newly finalized header', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'chain_subscribeFinalisedHeads');
    expect((await c.nthNotification(id, 0)).json.method).toBe('chain_finalizedHead');
    expect(result(await c.nthNotification(id, 0))).toMatchObject({ number: '0x0' });
    h.node.finalize(h.node.canonical[2]!);
    expect(result(await c.nthNotification(id, 1))).toMatchObject({ number: '0x1' });
    expect(result(await c.nthNotification(id, 2))).toMatchObject({ number: '0x2' });
  });

  it('chain_subscribeAllHeads includes non-best blocks that newHeads skips', async () => {
    const { h, c } = await setup();
    const all = await subscribe(c, 'chain_subscribeAllHeads');
    const best = await subscribe(c, 'chain_subscribeNewHeads');
    expect((await c.nthNotification(all, 0)).json.method).toBe('chain_allHead');
    const fork = h.node.importBlock({ parent: h.node.canonical[2]! });
    expect(result(await c.nthNotification(all, 1))).toMatchObject({ number: '0x3', parentHash: toHex(fork.header.parent_hash) });
    await sleep(50);
    expect(c.notifications(best)).toHaveLength(1);
  });

  it('state_subscribeRuntimeVersion sends the version at once, then only when it changes', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'state_subscribeRuntimeVersion');
    const first = await c.nthNotification(id, 0);
    expect(first.json.method).toBe('state_runtimeVersion');
    expect(result(first)).toMatchObject({ specName: 'node-subtensor', specVersion: 425 });
    h.node.importBlock();
    h.node.specVersion = 426;
    h.node.importBlock();
    expect(result(await c.nthNotification(id, 1))).toMatchObject({ specVersion: 426 });
    h.node.importBlock();
    await sleep(50);
    expect(c.notifications(id)).toHaveLength(2);
    expect((await c.call('chain_unsubscribeRuntimeVersion', [id])).result).toBe(true);
  });

  it('state_subscribeStorage sends current values, then only changed keys per new best block', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'state_subscribeStorage', [['0x0102aa', '0x0102bb', '0x99']]);
    expect((await c.nthNotification(id, 0)).json.method).toBe('state_storage');
    expect(result(await c.nthNotification(id, 0))).toEqual({
      block: toHex(h.node.best().hash),
      changes: [['0x0102aa', '0x01'], ['0x0102bb', '0x0202'], ['0x99', null]],
    });
    h.node.importBlock(); // nothing changed
    h.node.pending.set('0x0102aa', Uint8Array.of(9));
    h.node.pending.set('0x99', Uint8Array.of(1, 2));
    const b = h.node.importBlock();
    expect(result(await c.nthNotification(id, 1))).toEqual({ block: toHex(b.hash), changes: [['0x0102aa', '0x09'], ['0x99', '0x0102']] });
    h.node.pending.delete('0x99');
    const b2 = h.node.importBlock();
    expect(result(await c.nthNotification(id, 2))).toEqual({ block: toHex(b2.hash), changes: [['0x99', null]] });
    expect(c.notifications(id)).toHaveLength(3);
  });

  it('author_submitAndWatchExtrinsic streams statuses and ends on a final one', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'author_submitAndWatchExtrinsic', ['0x280403000b0100000000000000']);
    const ready = await c.nthNotification(id, 0);
    expect(ready.json).toEqual({ jsonrpc: '2.0', method: 'author_extrinsicUpdate', params: { subscription: id, result: 'ready' } });
    const tx = h.node.watched[0]!;
    const blockHash = h.node.best().hash;
    tx.onStatus({ kind: 'inBlock', blockHash });
    expect(result(await c.nthNotification(id, 1))).toEqual({ inBlock: toHex(blockHash) });
    tx.onStatus({ kind: 'finalized', blockHash });
    expect(result(await c.nthNotification(id, 2))).toEqual({ finalized: toHex(blockHash) });
    await sleep(20);
    expect(tx.stopped).toBe(true);
    expect((await c.call('author_unwatchExtrinsic', [id])).result).toBe(false);

    const rejected = await c.call('author_submitAndWatchExtrinsic', ['0xff']);
    expect(rejected.error).toEqual({ code: 1010, message: 'Invalid Transaction', data: 'Custom error: 6' });
  });

  it('author_unwatchExtrinsic stops the node-side watch', async () => {
    const { h, c } = await setup();
    const id = await subscribe(c, 'author_submitAndWatchExtrinsic', ['0x04aa']);
    expect((await c.call('author_unwatchExtrinsic', [id])).result).toBe(true);
    expect(h.node.watched[0]!.stopped).toBe(true);
  });

  it('enforces the per-connection subscription limit with -32006', async () => {
    const { c } = await setup({ maxSubscriptionsPerConnection: 2 });
    const a = await subscribe(c, 'chain_subscribeNewHeads');
    await subscribe(c, 'chain_subscribeFinalizedHeads');
    const third = await c.call('chain_subscribeAllHeads');
    expect(third.error).toMatchObject({ code: -32006, message: 'Too many subscriptions on the connection', data: 'Exceeded max limit of 2' });
    expect((await c.call('chain_unsubscribeNewHeads', [a])).result).toBe(true);
    await subscribe(c, 'chain_subscribeAllHeads');
  });

  it('drops all subscriptions of a socket when it closes', async () => {
    const { h, c } = await setup();
    const baseline = h.node.listenerCount;
    await subscribe(c, 'chain_subscribeNewHeads');
    await subscribe(c, 'chain_subscribeAllHeads');
    await subscribe(c, 'state_subscribeStorage', [['0x0102aa']]);
    expect(h.node.listenerCount).toBe(baseline + 3);
    await c.close();
    for (let i = 0; i < 100 && h.node.listenerCount !== baseline; i++) await sleep(10);
    expect(h.node.listenerCount).toBe(baseline);
  });

  it('close() closes every socket (1001) and ends subscriptions', async () => {
    const h = await startHarness();
    const c1 = await WsClient.connect(h.ws);
    const c2 = await WsClient.connect(h.ws);
    await subscribe(c1, 'chain_subscribeNewHeads');
    expect(h.node.listenerCount).toBe(1);
    await h.server.close();
    expect(await c1.closed).toBe(1001);
    expect(await c2.closed).toBe(1001);
    expect(h.node.listenerCount).toBe(0);
    await expect(fetch(h.http, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('sends WebSocket pings periodically', async () => {
    const { c } = await setup({ pingIntervalMs: 30 });
    for (let i = 0; i < 100 && c.pings.length < 2; i++) await sleep(10);
    expect(c.pings.length).toBeGreaterThanOrEqual(2);
    expect((await c.call('system_chain')).result).toBe('Bittensor');
  });

  it('refuses WebSocket connections beyond maxConnections with HTTP 429', async () => {
    const { h } = await setup({ maxConnections: 1 });
    await expect(WsClient.connect(h.ws)).rejects.toThrow(/429/);
  });
});
