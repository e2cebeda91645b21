/**
 * chainHead_v1_* over a real server and WebSocket against the in-memory FakeNode: follow events
 * and their order, pinning, operations (body / call / storage with continue), errors and limits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { blake2_256 } from '../../../src/primitives/hashing.ts';
import { toHex } from '../../../src/primitives/hex.ts';
import { chainHeadLimits, DEFAULT_CHAIN_HEAD_LIMITS, KEEPALIVE_MESSAGE } from '../../../src/rpc/spec-v2/follow.ts';
import { httpCall, sleep, startHarness, WsClient, type Harness } from './helpers.ts';

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
  Object.assign(chainHeadLimits, DEFAULT_CHAIN_HEAD_LIMITS);
  for (const c of open.clients.splice(0)) await c.close();
  for (const h of open.harness.splice(0)) await h.server.close();
});

function events(c: WsClient, sub: string): Json[] {
  return c.notifications(sub).map((m) => (m.json.params as { result: Json }).result);
}

function hex(b: Uint8Array): string {
  return toHex(b);
}

/** Wait until the subscription has produced `n` events; returns them all. */
async function eventsUntil(c: WsClient, sub: string, n: number, timeoutMs = 3000): Promise<Json[]> {
  await c.nthNotification(sub, n - 1, timeoutMs);
  return events(c, sub);
}

/** Follow and wait for the initial burst (initialized, newBlocks, bestBlockChanged). */
async function follow(c: WsClient, withRuntime = true): Promise<string> {
  const r = await c.call('chainHead_v1_follow', [withRuntime]);
  expect(r.error).toBeUndefined();
  const sub = r.result as string;
  const deadline = Date.now() + 3000;
  while (!events(c, sub).some((e) => e.event === 'bestBlockChanged')) {
    if (Date.now() > deadline) throw new Error('no bestBlockChanged after follow');
    await sleep(5);
  }
  return sub;
}

/** The events of one operation, until a terminal one. */
async function operationEvents(c: WsClient, sub: string, operationId: string, timeoutMs = 3000): Promise<Json[]> {
  const terminal = new Set(['operationBodyDone', 'operationCallDone', 'operationStorageDone', 'operationError', 'operationInaccessible', 'operationWaitingForContinue']);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const evs = events(c, sub).filter((e) => e.operationId === operationId);
    if (evs.some((e) => terminal.has(e.event as string))) return evs;
    if (Date.now() > deadline) throw new Error(`operation ${operationId} did not finish: ${JSON.stringify(evs)}`);
    await sleep(5);
  }
}

describe('chainHead_v1_follow', () => {
  it('answers first, then initialized (with runtime), the non-finalized blocks in order, and the best block', async () => {
    const { h, c } = await setup();
    const r = await c.call('chainHead_v1_follow', [true]);
    const sub = r.result as string;
    expect(sub).toMatch(/^[A-Za-z0-9]{16}$/);
    const evs = await eventsUntil(c, sub, 5);
    const responseIndex = c.messages.findIndex((m) => m.json.id === r.id);
    expect(c.messages.indexOf(c.notifications(sub)[0]!)).toBeGreaterThan(responseIndex);
    expect(c.notifications(sub)[0]!.json.method).toBe('chainHead_v1_followEvent');

    const [g, b1, b2, b3] = h.node.canonical.map(hex);
    expect(evs[0]).toEqual({
      event: 'initialized',
      finalizedBlockHashes: [g],
      finalizedBlockRuntime: {
        type: 'valid',
        spec: {
          specName: 'node-subtensor',
          implName: 'node-subtensor',
          specVersion: 425,
          implVersion: 1,
          transactionVersion: 1,
          apis: { '0xdf6acb689907609b': 5, '0x37e397fc7c91f5e4': 2 },
        },
      },
    });
    expect(evs.slice(1, 5)).toEqual([
      { event: 'newBlock', blockHash: b1, parentBlockHash: g, newRuntime: null },
      { event: 'newBlock', blockHash: b2, parentBlockHash: b1, newRuntime: null },
      { event: 'newBlock', blockHash: b3, parentBlockHash: b2, newRuntime: null },
      { event: 'bestBlockChanged', bestBlockHash: b3 },
    ]);
  });

  it('without runtime: no finalizedBlockRuntime and no newRuntime keys', async () => {
    const { c } = await setup();
    const sub = await follow(c, false);
    const evs = events(c, sub);
    expect(evs[0]).not.toHaveProperty('finalizedBlockRuntime');
    expect(evs[1]).not.toHaveProperty('newRuntime');
  });

  it('reports new blocks, forks, best changes, finality and pruned forks', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const before = events(c, sub).length;
    const b4 = h.node.importBlock();
    const fork = h.node.importBlock({ parent: h.node.canonical[2]! }); // sibling of block 3, not best
    await eventsUntil(c, sub, before + 3);
    expect(events(c, sub).slice(before)).toEqual([
      { event: 'newBlock', blockHash: hex(b4.hash), parentBlockHash: hex(h.node.canonical[3]!), newRuntime: null },
      { event: 'bestBlockChanged', bestBlockHash: hex(b4.hash) },
      { event: 'newBlock', blockHash: hex(fork.hash), parentBlockHash: hex(h.node.canonical[2]!), newRuntime: null },
    ]);

    h.node.finalize(h.node.canonical[3]!);
    const evs = await eventsUntil(c, sub, before + 4);
    expect(evs[before + 3]).toEqual({
      event: 'finalized',
      finalizedBlockHashes: h.node.canonical.slice(1, 4).map(hex),
      prunedBlockHashes: [hex(fork.hash)],
    });
  });

  it('announces a runtime change in newRuntime', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const before = events(c, sub).length;
    h.node.specVersion = 426;
    h.node.importBlock();
    const evs = await eventsUntil(c, sub, before + 1);
    expect(evs[before]).toMatchObject({ event: 'newBlock', newRuntime: { type: 'valid', spec: { specVersion: 426 } } });
  });

  it('allows 2 follows per connection, refuses the third with -32800, and unfollow frees a place', async () => {
    const { h, c } = await setup();
    const listeners = h.node.listenerCount;
    const a = await follow(c);
    await follow(c, false);
    const third = await c.call('chainHead_v1_follow', [true]);
    expect(third.error?.code).toBe(-32800);
    expect(h.node.listenerCount).toBe(listeners + 2);
    expect((await c.call('chainHead_v1_unfollow', [a])).result).toBe(true);
    expect(h.node.listenerCount).toBe(listeners + 1);
    await follow(c);
    const n = events(c, a).length;
    h.node.importBlock();
    await sleep(50);
    expect(events(c, a)).toHaveLength(n);
  });

  it('rejects a non-boolean withRuntime with -32602', async () => {
    const { c } = await setup();
    expect((await c.call('chainHead_v1_follow', ['yes'])).error?.code).toBe(-32602);
    expect((await c.call('chainHead_v1_follow', [])).error?.code).toBe(-32602);
  });

  it('stops the subscription with a stop event when too many finalized blocks stay pinned', async () => {
    chainHeadLimits.maxPinnedFinalized = 2;
    const { h, c } = await setup();
    const sub = await follow(c);
    h.node.finalize(h.node.canonical[3]!); // genesis + 3 finalized blocks pinned
    const evs = await eventsUntil(c, sub, events(c, sub).length + 2);
    expect(evs.at(-2)).toMatchObject({ event: 'finalized' });
    expect(evs.at(-1)).toEqual({ event: 'stop' });
    // The subscription is gone: header answers null, operations limitReached, unfollow false.
    expect((await c.call('chainHead_v1_header', [sub, hex(h.node.canonical[3]!)])).result).toBeNull();
    expect((await c.call('chainHead_v1_body', [sub, hex(h.node.canonical[3]!)])).result).toEqual({ result: 'limitReached' });
    expect((await c.call('chainHead_v1_unfollow', [sub])).result).toBe(false);
  });

  it('keeps unpinning in step: unpinned finalized blocks do not count towards the limit', async () => {
    chainHeadLimits.maxPinnedFinalized = 2;
    const { h, c } = await setup();
    const sub = await follow(c);
    h.node.finalize(h.node.canonical[1]!);
    await eventsUntil(c, sub, events(c, sub).length + 1);
    expect((await c.call('chainHead_v1_unpin', [sub, hex(h.node.canonical[0]!)])).result).toBeNull();
    h.node.finalize(h.node.canonical[2]!);
    await sleep(30);
    expect(events(c, sub).some((e) => e.event === 'stop')).toBe(false);
  });

  it('ends follow subscriptions and chain listeners when the socket closes', async () => {
    const { h, c } = await setup();
    const listeners = h.node.listenerCount;
    await follow(c);
    expect(h.node.listenerCount).toBe(listeners + 1);
    await c.close();
    const deadline = Date.now() + 2000;
    while (h.node.listenerCount !== listeners && Date.now() < deadline) await sleep(10);
    expect(h.node.listenerCount).toBe(listeners);
  });

  it('sends a keep-alive text message on a silent connection with a follow subscription', async () => {
    chainHeadLimits.keepAliveMs = 150;
    const { c } = await setup();
    await follow(c);
    const keepAlive = await c.waitFor((m) => m.json.id === 'subtensor-ts:keepalive', 2000);
    expect(keepAlive.raw).toBe(KEEPALIVE_MESSAGE);
    expect(keepAlive.json).toEqual({ jsonrpc: '2.0', id: 'subtensor-ts:keepalive', result: null });
  });
});

describe('chainHead_v1 block data', () => {
  it('header: SCALE hex whose blake2-256 is the hash; -32801 for unknown blocks; null for a stale subscription', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const hash = h.node.canonical[2]!;
    const header = (await c.call('chainHead_v1_header', [sub, hex(hash)])).result as string;
    expect(header).toBe(hex(h.node.block(hash)!.headerBytes));
    expect(hex(blake2_256(Buffer.from(header.slice(2), 'hex')))).toBe(hex(hash));
    expect((await c.call('chainHead_v1_header', [sub, `0x${'11'.repeat(32)}`])).error?.code).toBe(-32801);
    expect((await c.call('chainHead_v1_header', ['nope', hex(hash)])).result).toBeNull();
    expect((await c.call('chainHead_v1_header', [sub, '0x1234'])).error?.code).toBe(-32602);
  });

  it('body: started, then operationBodyDone with the extrinsics after the response', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const hash = h.node.canonical[1]!;
    const r = await c.call('chainHead_v1_body', [sub, hex(hash)]);
    expect(r.result).toMatchObject({ result: 'started', operationId: expect.any(String) });
    const opId = (r.result as { operationId: string }).operationId;
    const evs = await operationEvents(c, sub, opId);
    expect(evs).toEqual([{ event: 'operationBodyDone', operationId: opId, value: h.node.block(hash)!.extrinsics.map(hex) }]);
    const responseIndex = c.messages.findIndex((m) => m.json.id === r.id);
    const eventIndex = c.messages.findIndex((m) => (m.json.params as Json | undefined)?.result !== undefined && ((m.json.params as Json).result as Json).operationId === opId);
    expect(eventIndex).toBeGreaterThan(responseIndex);
    expect((await c.call('chainHead_v1_body', ['stale', hex(hash)])).result).toEqual({ result: 'limitReached' });
    expect((await c.call('chainHead_v1_body', [sub, `0x${'22'.repeat(32)}`])).error?.code).toBe(-32801);
  });

  it('call: operationCallDone with the output, operationError for a failing call, -32802 without runtime', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const best = hex(h.node.canonical[3]!);
    const ok = (await c.call('chainHead_v1_call', [sub, best, 'Echo_echo', '0xc0ffee'])).result as { operationId: string };
    expect(await operationEvents(c, sub, ok.operationId)).toEqual([{ event: 'operationCallDone', operationId: ok.operationId, output: '0xc0ffee' }]);
    const empty = (await c.call('chainHead_v1_call', [sub, best, 'Echo_echo', ''])).result as { operationId: string };
    expect((await operationEvents(c, sub, empty.operationId))[0]).toMatchObject({ output: '0x' });
    const bad = (await c.call('chainHead_v1_call', [sub, best, 'Nope_nope', '0x'])).result as { operationId: string };
    const [err] = await operationEvents(c, sub, bad.operationId);
    expect(err).toMatchObject({ event: 'operationError', operationId: bad.operationId });
    expect(err!.error).toContain('Nope_nope');

    const noRuntime = await follow(c, false);
    expect((await c.call('chainHead_v1_call', [noRuntime, best, 'Echo_echo', '0x'])).error?.code).toBe(-32802);
  });

  it('unpin: single and array forms; -32804 for duplicates and -32801 for unknown, all or nothing', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const [g, b1, b2] = h.node.canonical.map(hex);
    expect((await c.call('chainHead_v1_unpin', [sub, [b1, b1]])).error?.code).toBe(-32804);
    expect((await c.call('chainHead_v1_unpin', [sub, [b1, `0x${'33'.repeat(32)}`]])).error?.code).toBe(-32801);
    // Nothing was unpinned by the failed calls.
    expect((await c.call('chainHead_v1_header', [sub, b1])).error).toBeUndefined();
    expect((await c.call('chainHead_v1_unpin', [sub, g])).result).toBeNull();
    expect((await c.call('chainHead_v1_unpin', [sub, [b1, b2]])).result).toBeNull();
    expect((await c.call('chainHead_v1_header', [sub, b1])).error?.code).toBe(-32801);
    expect((await c.call('chainHead_v1_unpin', [sub, b1])).error?.code).toBe(-32801);
    expect((await c.call('chainHead_v1_unpin', ['stale', b1])).result).toBeNull();
  });
});

describe('chainHead_v1_storage', () => {
  it('value, hash, absent keys and descendants', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const at = hex(h.node.canonical[3]!);
    const r = await c.call('chainHead_v1_storage', [
      sub,
      at,
      [
        { key: '0x3a636f6465', type: 'value' },
        { key: '0x0103cc', type: 'hash' },
        { key: '0x9999', type: 'value' },
        { key: '0x0102', type: 'descendantsValues' },
        { key: '0x01', type: 'descendantsHashes' },
      ],
      null,
    ]);
    expect(r.result).toMatchObject({ result: 'started', discardedItems: 0 });
    const opId = (r.result as { operationId: string }).operationId;
    const evs = await operationEvents(c, sub, opId);
    expect(evs.at(-1)).toEqual({ event: 'operationStorageDone', operationId: opId });
    const items = evs.filter((e) => e.event === 'operationStorageItems').flatMap((e) => e.items as Json[]);
    const hashOf = (b: number[]) => hex(blake2_256(Uint8Array.from(b)));
    expect(items).toEqual([
      { key: '0x3a636f6465', value: '0x0061736d' },
      { key: '0x0103cc', hash: hashOf([3, 3, 3]) },
      { key: '0x0102aa', value: '0x01' },
      { key: '0x0102bb', value: '0x0202' },
      { key: '0x0102aa', hash: hashOf([1]) },
      { key: '0x0102bb', hash: hashOf([2, 2]) },
      { key: '0x0103cc', hash: hashOf([3, 3, 3]) },
    ]);
  });

  it('closestDescendantMerkleValue: present for a prefix with descendants, changes with them, absent otherwise', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const query = async (at: Uint8Array, key: string) => {
      const r = (await c.call('chainHead_v1_storage', [sub, hex(at), [{ key, type: 'closestDescendantMerkleValue' }], null])).result as { operationId: string };
      return (await operationEvents(c, sub, r.operationId)).filter((e) => e.event === 'operationStorageItems').flatMap((e) => e.items as Json[]);
    };
    const first = await query(h.node.canonical[3]!, '0x0102');
    expect(first).toEqual([{ key: '0x0102', closestDescendantMerkleValue: expect.stringMatching(/^0x[0-9a-f]{64}$/) }]);
    expect(await query(h.node.canonical[3]!, '0x77')).toEqual([]);
    // The empty key's Merkle value is the state root.
    expect(await query(h.node.canonical[3]!, '0x')).toEqual([{ key: '0x', closestDescendantMerkleValue: hex(h.node.block(h.node.canonical[3]!)!.header.state_root) }]);
    h.node.pending.set('0x0102cc', Uint8Array.of(9));
    const b4 = h.node.importBlock();
    await sleep(20);
    const changed = await query(b4.hash, '0x0102');
    expect(changed[0]!.closestDescendantMerkleValue).not.toBe(first[0]!.closestDescendantMerkleValue);
  });

  it('pages large results with operationWaitingForContinue and chainHead_v1_continue', async () => {
    chainHeadLimits.storagePageSize = 1;
    const { h, c } = await setup();
    const sub = await follow(c);
    const at = hex(h.node.canonical[3]!);
    const r = (await c.call('chainHead_v1_storage', [sub, at, [{ key: '0x01', type: 'descendantsValues' }], null])).result as { operationId: string };
    const op = r.operationId;
    let evs = await operationEvents(c, sub, op);
    expect(evs.map((e) => e.event)).toEqual(['operationStorageItems', 'operationWaitingForContinue']);
    // Two continues in one batch: the second finds the operation no longer waiting.
    c.sendRaw(JSON.stringify([1, 2].map((n) => ({ jsonrpc: '2.0', id: `batch-${n}`, method: 'chainHead_v1_continue', params: [sub, op] }))));
    const batch = (await c.waitFor((m) => Array.isArray(m.json))).json as unknown as { id: string; result?: unknown; error?: { code: number } }[];
    expect(batch.find((x) => x.id === 'batch-1')).toMatchObject({ result: null });
    expect(batch.find((x) => x.id === 'batch-2')?.error?.code).toBe(-32803);
    let continued = 1;
    const deadline = Date.now() + 3000;
    for (;;) {
      evs = events(c, sub).filter((e) => e.operationId === op);
      if (evs.at(-1)!.event === 'operationStorageDone') break;
      const waits = evs.filter((e) => e.event === 'operationWaitingForContinue').length;
      if (waits > continued) {
        expect((await c.call('chainHead_v1_continue', [sub, op])).result).toBeNull();
        continued++;
      }
      if (Date.now() > deadline) throw new Error(`storage paging did not finish: ${JSON.stringify(evs)}`);
      await sleep(5);
    }
    const keys = evs.filter((e) => e.event === 'operationStorageItems').flatMap((e) => (e.items as Json[]).map((i) => i.key));
    expect(keys).toEqual(['0x0102aa', '0x0102bb', '0x0103cc']);
    // Unknown operations are ignored by continue.
    expect((await c.call('chainHead_v1_continue', [sub, 'no-such-op'])).result).toBeNull();
  });

  it('stopOperation ends a waiting storage operation without more events', async () => {
    chainHeadLimits.storagePageSize = 1;
    const { h, c } = await setup();
    const sub = await follow(c);
    const r = (await c.call('chainHead_v1_storage', [sub, hex(h.node.canonical[3]!), [{ key: '0x01', type: 'descendantsValues' }], null])).result as { operationId: string };
    await operationEvents(c, sub, r.operationId);
    expect((await c.call('chainHead_v1_stopOperation', [sub, r.operationId])).result).toBeNull();
    const n = events(c, sub).length;
    expect((await c.call('chainHead_v1_continue', [sub, r.operationId])).result).toBeNull();
    await sleep(30);
    expect(events(c, sub)).toHaveLength(n);
  });

  it('operation slots: storage items beyond the free slots are discarded, none free gives limitReached', async () => {
    chainHeadLimits.maxOperationSlots = 2;
    chainHeadLimits.storagePageSize = 1;
    const { h, c } = await setup();
    const sub = await follow(c);
    const at = hex(h.node.canonical[3]!);
    const waiting = (await c.call('chainHead_v1_storage', [sub, at, [{ key: '0x01', type: 'descendantsValues' }], null])).result as { operationId: string };
    await operationEvents(c, sub, waiting.operationId); // holds 1 slot while waiting for continue
    const partial = await c.call('chainHead_v1_storage', [sub, at, [{ key: '0x0102aa', type: 'value' }, { key: '0x0102bb', type: 'value' }], null]);
    expect(partial.result).toMatchObject({ result: 'started', discardedItems: 1 });
    // The partial operation frees its slot once it has run; a second waiting walk takes it.
    await operationEvents(c, sub, (partial.result as { operationId: string }).operationId);
    const waiting2 = (await c.call('chainHead_v1_storage', [sub, at, [{ key: '0x01', type: 'descendantsHashes' }], null])).result as { operationId: string };
    await operationEvents(c, sub, waiting2.operationId);
    expect((await c.call('chainHead_v1_call', [sub, at, 'Echo_echo', '0x'])).result).toEqual({ result: 'limitReached' });
    expect((await c.call('chainHead_v1_body', [sub, at])).result).toEqual({ result: 'limitReached' });
    expect((await c.call('chainHead_v1_storage', [sub, at, [{ key: '0x0102aa', type: 'value' }], null])).result).toEqual({ result: 'limitReached' });
    // Stopping an operation gives its slot back.
    expect((await c.call('chainHead_v1_stopOperation', [sub, waiting2.operationId])).result).toBeNull();
    expect((await c.call('chainHead_v1_call', [sub, at, 'Echo_echo', '0x'])).result).toMatchObject({ result: 'started' });
  });

  it('rejects malformed items with -32602', async () => {
    const { h, c } = await setup();
    const sub = await follow(c);
    const at = hex(h.node.canonical[3]!);
    expect((await c.call('chainHead_v1_storage', [sub, at, [{ key: '0x01', type: 'everything' }], null])).error?.code).toBe(-32602);
    expect((await c.call('chainHead_v1_storage', [sub, at, [{ key: 'zz', type: 'value' }], null])).error?.code).toBe(-32602);
    expect((await c.call('chainHead_v1_storage', [sub, at, 'items', null])).error?.code).toBe(-32602);
  });
});

describe('chainSpec_v1', () => {
  it('chain name, genesis hash and properties (also over HTTP)', async () => {
    const { h } = await setup();
    expect((await httpCall(h.http, 'chainSpec_v1_chainName')).result).toBe('Bittensor');
    expect((await httpCall(h.http, 'chainSpec_v1_genesisHash')).result).toBe(hex(h.node.canonical[0]!));
    expect((await httpCall(h.http, 'chainSpec_v1_properties')).result).toEqual({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' });
  });

  it('rpc_methods lists the new-spec groups', async () => {
    const { h } = await setup();
    const { methods } = (await httpCall(h.http, 'rpc_methods')).result as { methods: string[] };
    for (const m of ['chainHead_v1_follow', 'chainHead_v1_unfollow', 'chainHead_v1_storage', 'chainSpec_v1_genesisHash', 'transaction_v1_broadcast', 'transactionWatch_v1_submitAndWatch', 'transactionWatch_v1_unwatch']) {
      expect(methods).toContain(m);
    }
  });
});
