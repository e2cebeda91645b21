/** transaction_v1_* and transactionWatch_v1_* over a real server and WebSocket against the FakeNode. */
import { afterEach, describe, expect, it } from 'vitest';
import { blake2_256 } from '../../../src/primitives/hashing.ts';
import { toHex } from '../../../src/primitives/hex.ts';
import { sleep, startHarness, WsClient, type Harness } from './helpers.ts';

type Json = Record<string, unknown>;

const open: { clients: WsClient[]; harness: Harness[] } = { clients: [], harness: [] };

async function setup(): Promise<{ h: Harness; c: WsClient }> {
  const h = await startHarness();
  open.harness.push(h);
  const c = await WsClient.connect(h.ws);
  open.clients.push(c);
  return { h, c };
}

afterEach(async () => {
  for (const c of open.clients.splice(0)) await c.close();
  for (const h of open.harness.splice(0)) await h.server.close();
});

function events(c: WsClient, sub: string): Json[] {
  return c.notifications(sub).map((m) => (m.json.params as { result: Json }).result);
}

const TX = '0x1004deadbeef';

describe('transaction_v1_broadcast / stop', () => {
  it('returns an operation id and hands the transaction to the pool', async () => {
    const { h, c } = await setup();
    const r = await c.call('transaction_v1_broadcast', [TX]);
    expect(r.result).toEqual(expect.any(String));
    await sleep(10);
    expect(h.node.pool.map(toHex)).toContain(TX);
    expect((await c.call('transaction_v1_stop', [r.result])).result).toBeNull();
    // A stopped (or unknown) operation is an error.
    expect((await c.call('transaction_v1_stop', [r.result])).error?.code).toBe(-32602);
    expect((await c.call('transaction_v1_stop', ['nope'])).error?.code).toBe(-32602);
  });

  it('swallows pool errors: an invalid transaction still gets an operation id', async () => {
    const { h, c } = await setup();
    const r = await c.call('transaction_v1_broadcast', ['0xff00']);
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual(expect.any(String));
    await sleep(10);
    expect(h.node.pool).toHaveLength(0);
    expect((await c.call('transaction_v1_stop', [r.result])).result).toBeNull();
  });

  it('rejects malformed hex with -32602', async () => {
    const { c } = await setup();
    expect((await c.call('transaction_v1_broadcast', ['0xzz'])).error?.code).toBe(-32602);
    expect((await c.call('transaction_v1_broadcast', [])).error?.code).toBe(-32602);
  });
});

describe('transactionWatch_v1_submitAndWatch', () => {
  it('validated, bestChainBlockIncluded, then finalized (with the index) ends the subscription', async () => {
    const { h, c } = await setup();
    const r = await c.call('transactionWatch_v1_submitAndWatch', [TX]);
    const sub = r.result as string;
    await c.nthNotification(sub, 0);
    expect(c.notifications(sub)[0]!.json.method).toBe('transactionWatch_v1_watchEvent');
    expect(events(c, sub)[0]).toEqual({ event: 'validated' });

    const watched = h.node.watched[0]!;
    expect(toHex(watched.hash)).toBe(toHex(blake2_256(Uint8Array.from([0x10, 0x04, 0xde, 0xad, 0xbe, 0xef]))));
    const blockHash = h.node.canonical[2]!;
    watched.onStatus({ kind: 'inBlock', blockHash, index: 1 });
    watched.onStatus({ kind: 'retracted', blockHash });
    watched.onStatus({ kind: 'inBlock', blockHash, index: 1 });
    watched.onStatus({ kind: 'finalized', blockHash });
    await c.nthNotification(sub, 4);
    expect(events(c, sub).slice(1)).toEqual([
      { event: 'bestChainBlockIncluded', block: { hash: toHex(blockHash), index: 1 } },
      { event: 'bestChainBlockIncluded', block: null },
      { event: 'bestChainBlockIncluded', block: { hash: toHex(blockHash), index: 1 } },
      { event: 'finalized', block: { hash: toHex(blockHash), index: 1 } },
    ]);
    // The subscription ended with the final event.
    expect((await c.call('transactionWatch_v1_unwatch', [sub])).result).toBe(false);
    expect(watched.stopped).toBe(true);
  });

  it('a transaction the pool refuses gets an invalid event, not an RPC error', async () => {
    const { c } = await setup();
    const r = await c.call('transactionWatch_v1_submitAndWatch', ['0xff00']);
    expect(r.error).toBeUndefined();
    const sub = r.result as string;
    await c.nthNotification(sub, 0);
    expect(events(c, sub)).toEqual([{ event: 'invalid', error: 'Invalid Transaction: Custom error: 6' }]);
    expect((await c.call('transactionWatch_v1_unwatch', [sub])).result).toBe(false);
  });

  it('dropped and invalid pool statuses end the watch', async () => {
    const { h, c } = await setup();
    const a = (await c.call('transactionWatch_v1_submitAndWatch', ['0x0801'])).result as string;
    const b = (await c.call('transactionWatch_v1_submitAndWatch', ['0x0802'])).result as string;
    await c.nthNotification(b, 0);
    h.node.watched[0]!.onStatus({ kind: 'dropped' });
    h.node.watched[1]!.onStatus({ kind: 'usurped', blockHash: new Uint8Array(32) });
    await c.nthNotification(a, 1);
    await c.nthNotification(b, 1);
    expect(events(c, a)[1]).toMatchObject({ event: 'dropped', error: expect.any(String) });
    expect(events(c, b)[1]).toMatchObject({ event: 'invalid', error: expect.any(String) });
  });

  it('unwatch stops the notifications (the transaction stays in the pool)', async () => {
    const { h, c } = await setup();
    const sub = (await c.call('transactionWatch_v1_submitAndWatch', [TX])).result as string;
    await c.nthNotification(sub, 0);
    expect((await c.call('transactionWatch_v1_unwatch', [sub])).result).toBe(true);
    expect(h.node.watched[0]!.stopped).toBe(true);
    h.node.watched[0]!.onStatus({ kind: 'inBlock', blockHash: h.node.canonical[1]!, index: 0 });
    await sleep(20);
    expect(events(c, sub)).toHaveLength(1);
    expect(h.node.pool.map(toHex)).toContain(TX);
  });
});
