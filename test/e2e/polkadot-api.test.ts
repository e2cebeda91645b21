/**
 * @polkadot/api against a dev node process: connect, read an account, transfer with
 * signAndSend and follow it to inBlock and finalized, decode its events.
 * (The full client-compatibility suite belongs to the client-RPC work; this is the smoke test.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiPromise, WsProvider, Keyring } from '@polkadot/api';
import { startNode, type NodeProcess } from '../helpers/node-process.ts';

let node: NodeProcess;
let api: ApiPromise;

beforeAll(async () => {
  node = await startNode(['--dev', '--tmp']);
  api = await ApiPromise.create({ provider: new WsProvider(`ws://127.0.0.1:${node.port}`), noInitWarn: true, throwOnConnect: true });
});

afterAll(async () => {
  await api?.disconnect();
  await node?.stop();
});

describe('@polkadot/api against the dev node', () => {
  it('reads Alice and transfers to Bob through inBlock and finalized', async () => {
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    const bob = keyring.addFromUri('//Bob');
    const account = (await api.query.system.account(alice.address)) as unknown as { data: { free: { toBigInt(): bigint } } };
    expect(account.data.free.toBigInt()).toBeGreaterThan(0n);
    const bobBefore = ((await api.query.system.account(bob.address)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();

    const statuses: string[] = [];
    const events = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no finalization; statuses: ${statuses.join(',')}`)), 30_000);
      api.tx.balances
        .transferKeepAlive(bob.address, 5_000_000_000n)
        .signAndSend(alice, (result) => {
          statuses.push(result.status.type);
          if (result.status.isFinalized) {
            clearTimeout(timer);
            resolve(result.events.map((e) => `${e.event.section}.${e.event.method}`));
          }
          if (result.isError) {
            clearTimeout(timer);
            reject(new Error(`transaction failed: ${result.status.type}`));
          }
        })
        .catch(reject);
    });
    expect(statuses).toContain('InBlock');
    expect(events).toContain('balances.Transfer');
    expect(events).toContain('system.ExtrinsicSuccess');
    const bobAfter = ((await api.query.system.account(bob.address)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
    expect(bobAfter - bobBefore).toBe(5_000_000_000n);
  });
});
