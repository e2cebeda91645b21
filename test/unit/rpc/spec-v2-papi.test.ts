/**
 * polkadot-api's own client stack (ws-provider + ws-middleware + substrate-client, the layers
 * `polkadot-api/ws` uses) against the server and the FakeNode: the new-spec methods as PAPI calls
 * them, and the keep-alive that stops PAPI from dropping a silent socket.
 */
import { getWsProvider, WsEvent, type StatusChange, type WebSocketClass } from '@polkadot-api/ws-provider';
import { middleware } from '@polkadot-api/ws-middleware';
import { createClient, type FollowEventWithRuntime, type FollowResponse, type SubstrateClient } from '@polkadot-api/substrate-client';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { toHex } from '../../../src/primitives/hex.ts';
import { chainHeadLimits, DEFAULT_CHAIN_HEAD_LIMITS } from '../../../src/rpc/spec-v2/follow.ts';
import { sleep, startHarness, type Harness } from './helpers.ts';

interface PapiConnection {
  client: SubstrateClient;
  statuses: StatusChange[];
  events: FollowEventWithRuntime[];
  errors: Error[];
  follow: FollowResponse;
}

const open: { clients: SubstrateClient[]; harness: Harness[] } = { clients: [], harness: [] };

afterEach(async () => {
  Object.assign(chainHeadLimits, DEFAULT_CHAIN_HEAD_LIMITS);
  for (const c of open.clients.splice(0)) c.destroy();
  for (const h of open.harness.splice(0)) await h.server.close();
});

async function connect(h: Harness, heartbeatTimeout = 40_000): Promise<PapiConnection> {
  const statuses: StatusChange[] = [];
  const provider = getWsProvider(h.ws, {
    websocketClass: WebSocket as unknown as WebSocketClass,
    middleware,
    heartbeatTimeout,
    onStatusChanged: (s) => statuses.push(s),
  });
  const client = createClient(provider);
  open.clients.push(client);
  const events: FollowEventWithRuntime[] = [];
  const errors: Error[] = [];
  const follow = client.chainHead(true, (e) => events.push(e), (err) => errors.push(err));
  const deadline = Date.now() + 5000;
  while (!events.some((e) => e.type === 'bestBlockChanged')) {
    if (Date.now() > deadline) throw new Error(`PAPI follow did not initialize: ${JSON.stringify({ statuses, errors: errors.map(String) })}`);
    await sleep(10);
  }
  return { client, statuses, events, errors, follow };
}

describe('polkadot-api substrate-client against the server', () => {
  it('follows, reads headers, storage (auto-continue), bodies and runtime calls, unpins', async () => {
    chainHeadLimits.storagePageSize = 1; // force operationWaitingForContinue; PAPI continues by itself
    const h = await startHarness();
    open.harness.push(h);
    const { client, events, errors, follow } = await connect(h);
    const [g, , , b3] = h.node.canonical.map((x) => toHex(x));
    expect(events[0]).toMatchObject({ type: 'initialized', finalizedBlockHashes: [g] });
    expect(events.at(-1)).toEqual({ type: 'bestBlockChanged', bestBlockHash: b3 });

    expect(await client.getChainSpecData()).toEqual({ name: 'Bittensor', genesisHash: g, properties: { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' } });
    expect(await follow.header(b3!)).toBe(toHex(h.node.block(h.node.canonical[3]!)!.headerBytes));
    expect(await follow.storage(b3!, 'value', '0x3a636f6465', null)).toBe('0x0061736d');
    expect(await follow.storage(b3!, 'value', '0x9999', null)).toBeNull();
    expect(await follow.storage(b3!, 'hash', '0x3a636f6465', null)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await follow.storage(b3!, 'descendantsValues', '0x01', null)).toEqual([
      { key: '0x0102aa', value: '0x01' },
      { key: '0x0102bb', value: '0x0202' },
      { key: '0x0103cc', value: '0x030303' },
    ]);
    expect(await follow.body(b3!)).toEqual(h.node.block(h.node.canonical[3]!)!.extrinsics.map((x) => toHex(x)));
    expect(await follow.call(b3!, 'Echo_echo', '0x0102')).toBe('0x0102');
    await expect(follow.call(b3!, 'Nope_nope', '')).rejects.toThrow(/Nope_nope/);
    await follow.unpin([g!]);
    await expect(follow.header(g!)).rejects.toThrow();

    h.node.importBlock();
    h.node.finalize(h.node.canonical[4]!);
    const deadline = Date.now() + 3000;
    while (!events.some((e) => e.type === 'finalized')) {
      if (Date.now() > deadline) throw new Error('no finalized event');
      await sleep(10);
    }
    expect(events.find((e) => e.type === 'finalized')).toMatchObject({ finalizedBlockHashes: h.node.canonical.slice(1, 5).map((x) => toHex(x)), prunedBlockHashes: [] });
    expect(errors).toEqual([]);
  });

  it('keep-alive messages keep a silent PAPI socket open past its heartbeat timeout', async () => {
    chainHeadLimits.keepAliveMs = 150;
    const h = await startHarness();
    open.harness.push(h);
    const conn = await connect(h, 1200);
    await sleep(3000); // no blocks: without keep-alives PAPI would call this socket stale after 1.2 s
    expect(conn.statuses.filter((s) => s.type === WsEvent.ERROR || s.type === WsEvent.CLOSE)).toEqual([]);
    expect(conn.errors).toEqual([]);
    // The client still works on the same follow subscription.
    expect(await conn.follow.storage(toHex(h.node.canonical[3]!), 'value', '0x0102aa', null)).toBe('0x01');
  });

  it('without keep-alives the same silent socket is dropped as stale (why the keep-alive exists)', async () => {
    chainHeadLimits.keepAliveMs = 0;
    const h = await startHarness({ pingIntervalMs: 60_000 });
    open.harness.push(h);
    const conn = await connect(h, 700);
    const deadline = Date.now() + 3000;
    while (!conn.statuses.some((s) => s.type === WsEvent.ERROR)) {
      if (Date.now() > deadline) break;
      await sleep(20);
    }
    expect(conn.statuses.some((s) => s.type === WsEvent.ERROR)).toBe(true);
  });
});
