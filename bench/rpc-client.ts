/**
 * RPC figures against a real dev node process on loopback (client and node share the machine):
 * state_getStorage requests/s over one WebSocket and over 50; p50/p99 latency of
 * `state_call Metadata_metadata_at_version(15)` and `chain_getBlock`; ApiPromise.create time.
 *   npx tsx bench/rpc-client.ts
 */
import WebSocket from 'ws';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { startNode } from '../test/helpers/node-process.ts';
import { toHex } from '../src/primitives/hex.ts';
import { SystemStorage } from '../src/runtime/pallets/system/storage.ts';
import { fromSs58 } from '../src/primitives/ss58.ts';
import { initCrypto } from '../src/primitives/hashing.ts';
import { median, report } from './lib.ts';

await initCrypto();
const node = await startNode(['--dev', '--tmp', '--sealing', 'manual', '--rpc-max-connections', '200']);
const url = `ws://127.0.0.1:${node.port}`;
const aliceKey = toHex(SystemStorage.Account.key(fromSs58('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY')));

async function openSocket(): Promise<{ call: (method: string, params: unknown[]) => Promise<unknown>; close: () => void }> {
  const ws = new WebSocket(url);
  await new Promise((res, rej) => {
    ws.once('open', res);
    ws.once('error', rej);
  });
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id: number; result: unknown };
    pending.get(msg.id)?.(msg.result);
    pending.delete(msg.id);
  });
  return {
    call: (method, params) =>
      new Promise((resolve) => {
        const n = ++id;
        pending.set(n, resolve);
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: n, method, params }));
      }),
    close: () => ws.close(),
  };
}

/** Each client keeps `inFlight` requests outstanding for `ms` milliseconds. */
async function throughput(clients: number, inFlight: number, ms: number): Promise<number> {
  const sockets = await Promise.all(Array.from({ length: clients }, openSocket));
  let done = 0;
  const end = performance.now() + ms;
  await Promise.all(
    sockets.flatMap((s) =>
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < end) {
          await s.call('state_getStorage', [aliceKey]);
          done++;
        }
      }),
    ),
  );
  sockets.forEach((s) => s.close());
  return (done * 1000) / ms;
}

async function latency(method: string, params: unknown[], n: number): Promise<[number, number]> {
  const s = await openSocket();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await s.call(method, params);
    times.push(performance.now() - t);
  }
  s.close();
  times.sort((a, b) => a - b);
  return [median(times), times[Math.floor(times.length * 0.99)]!];
}

try {
  for (let i = 0; i < 20; i++) await node.rpc('engine_createBlock', [true, true]);
  report('state_getStorage over 1 WS connection, 1 in flight', await throughput(1, 1, 3000), 'req/s');
  report('state_getStorage over 1 WS connection, 16 in flight', await throughput(1, 16, 3000), 'req/s');
  report('state_getStorage over 50 WS connections, 1 in flight each', await throughput(50, 1, 3000), 'req/s');
  const [m50, m99] = await latency('state_call', ['Metadata_metadata_at_version', '0x0f000000'], 200);
  report('state_call Metadata_metadata_at_version(15) p50', m50, 'ms');
  report('state_call Metadata_metadata_at_version(15) p99', m99, 'ms');
  const hash = await node.rpc<string>('chain_getBlockHash', [10]);
  const [b50, b99] = await latency('chain_getBlock', [hash], 1000);
  report('chain_getBlock p50', b50, 'ms');
  report('chain_getBlock p99', b99, 'ms');
  const creates: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
    creates.push(performance.now() - t);
    await api.disconnect();
  }
  report('ApiPromise.create → ready (median of 5)', median(creates), 'ms');
} finally {
  await node.stop();
}
