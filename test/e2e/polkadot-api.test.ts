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

  it('delivers consecutive headers through api.rpc.chain.subscribeNewHeads', async () => {
    const numbers: number[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only got headers ${numbers.join(',')}`)), 20_000);
      let unsub: (() => void) | undefined;
      api.rpc.chain
        .subscribeNewHeads((header) => {
          numbers.push(header.number.toNumber());
          if (numbers.length >= 4) {
            clearTimeout(timer);
            unsub?.();
            resolve();
          }
        })
        .then((u) => (unsub = u), reject);
    });
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBe(numbers[i - 1]! + 1);
  });

  it('runs utility.batchAll of two transfers', async () => {
    const keyring = new Keyring({ type: 'sr25519' });
    const alice = keyring.addFromUri('//Alice');
    const charlie = keyring.addFromUri('//Charlie');
    const dave = keyring.addFromUri('//Dave');
    const free = async (addr: string) => ((await api.query.system.account(addr)) as unknown as { data: { free: { toBigInt(): bigint } } }).data.free.toBigInt();
    const [c0, d0] = [await free(charlie.address), await free(dave.address)];
    const events = await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('batch not included')), 30_000);
      api.tx.utility
        .batchAll([api.tx.balances.transferKeepAlive(charlie.address, 1_000_000_000n), api.tx.balances.transferKeepAlive(dave.address, 2_000_000_000n)])
        .signAndSend(alice, (result) => {
          if (result.status.isInBlock || result.status.isFinalized) {
            clearTimeout(timer);
            resolve(result.events.map((e) => `${e.event.section}.${e.event.method}`));
          }
        })
        .catch(reject);
    });
    expect(events.filter((e) => e === 'balances.Transfer')).toHaveLength(2);
    expect(events).toContain('utility.BatchCompleted');
    await new Promise((r) => setTimeout(r, 300));
    expect((await free(charlie.address)) - c0).toBe(1_000_000_000n);
    expect((await free(dave.address)) - d0).toBe(2_000_000_000n);
  });

  it('refuses a transfer from an empty account with a 1010 error polkadot.js decodes', async () => {
    const nobody = new Keyring({ type: 'sr25519' }).addFromUri('//NobodyHasFundsHere');
    const bob = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    await expect(api.tx.balances.transferKeepAlive(bob.address, 1_000_000_000n).signAndSend(nobody)).rejects.toThrow(
      /1010: Invalid Transaction: Inability to pay some fees/,
    );
  });
});

