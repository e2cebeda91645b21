/**
 * End to end: the node as a process with `--dev --tmp`; a transfer signed with @polkadot/keyring
 * and encoded by this project's own encoder, submitted over HTTP, lands in a block with the
 * right balances, event and issuance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { fromHex, toHex } from '../../src/primitives/hex.ts';
import { decode, vec } from '../../src/primitives/scale/index.ts';
import { verifySignature } from '../../src/primitives/crypto.ts';
import { createRuntime, type RuntimeInstance } from '../../src/runtime/runtime.ts';
import { FAST_PROFILE } from '../../src/runtime/constants.ts';
import { signExtrinsic } from '../../src/runtime/extrinsic/sign.ts';
import { SystemStorage, AccountInfo } from '../../src/runtime/pallets/system/storage.ts';
import { EventRecordCodec } from '../../src/runtime/pallets/system/event-record.ts';
import { BalancesStorage } from '../../src/runtime/pallets/balances/storage.ts';
import { startNode, waitFor, type JsonHeader, type NodeProcess } from '../helpers/node-process.ts';

let node: NodeProcess;
let rt: RuntimeInstance;
let alice: KeyringPair;
let bob: KeyringPair;

const signer = (p: KeyringPair) => ({ publicKey: p.publicKey, type: 'sr25519' as const, sign: (m: Uint8Array) => p.sign(m) });

async function accountAt(who: Uint8Array, at: string) {
  const raw = await node.rpc<string | null>('state_getStorage', [toHex(SystemStorage.Account.key(who)), at]);
  expect(raw).not.toBeNull();
  return decode(AccountInfo, fromHex(raw!));
}

async function issuanceAt(at: string): Promise<bigint> {
  const raw = await node.rpc<string>('state_getStorage', [toHex(BalancesStorage.TotalIssuance.key()), at]);
  return new DataView(fromHex(raw).buffer).getBigUint64(0, true);
}

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  rt = createRuntime(FAST_PROFILE, { verifySignature });
  node = await startNode(['--dev', '--tmp']);
});

afterAll(async () => {
  await node?.stop();
});

describe('dev node, transfer end to end', () => {
  it('includes a signed transfer in a block with correct balances, event and issuance', async () => {
    const genesisHash = await node.rpc<string>('chain_getBlockHash', [0]);
    const nonce = await node.rpc<number>('system_accountNextIndex', [alice.address]);
    const amount = 12_345_678_900n;
    const xt = signExtrinsic(
      rt.runtime,
      { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: amount } },
      signer(alice),
      { nonce, genesisHash: fromHex(genesisHash) },
    );
    const txHash = await node.rpc<string>('author_submitExtrinsic', [toHex(xt)]);
    expect(txHash).toMatch(/^0x[0-9a-f]{64}$/);

    // Find the block that carries it (bounded wait).
    const found = await waitFor('the transfer in a block', async () => {
      const best = await node.rpc<JsonHeader>('chain_getHeader');
      for (let n = Number(best.number); n >= 1; n--) {
        const hash = await node.rpc<string>('chain_getBlockHash', [n]);
        const block = await node.rpc<{ block: { header: JsonHeader; extrinsics: string[] } }>('chain_getBlock', [hash]);
        const index = block.block.extrinsics.indexOf(toHex(xt));
        if (index >= 0) return { hash, header: block.block.header, index };
        if (n < Number(best.number) - 20) break;
      }
      return undefined;
    });
    const parent = found.header.parentHash;

    const aliceBefore = await accountAt(alice.publicKey, parent);
    const aliceAfter = await accountAt(alice.publicKey, found.hash);
    const bobBefore = await accountAt(bob.publicKey, parent);
    const bobAfter = await accountAt(bob.publicKey, found.hash);
    expect(bobAfter.data.free - bobBefore.data.free).toBe(amount);
    expect(aliceAfter.nonce).toBe(aliceBefore.nonce + 1);
    // Alice is the dev chain's only authority, so the fee she pays comes back to her as author.
    expect(aliceBefore.data.free - aliceAfter.data.free).toBe(amount);

    const eventsRaw = await node.rpc<string>('state_getStorage', [toHex(SystemStorage.Events.key()), found.hash]);
    const events = decode(vec(EventRecordCodec), fromHex(eventsRaw));
    const forTx = events.filter((e) => e.phase.tag === 'ApplyExtrinsic' && e.phase.value === found.index);
    const transfer = forTx.find((e) => e.event.pallet === 'Balances' && e.event.name === 'Transfer');
    expect(transfer).toBeDefined();
    expect(toHex(transfer!.event.fields.from as Uint8Array)).toBe(toHex(alice.publicKey));
    expect(toHex(transfer!.event.fields.to as Uint8Array)).toBe(toHex(bob.publicKey));
    expect(transfer!.event.fields.amount).toBe(amount);
    const feePaid = forTx.find((e) => e.event.pallet === 'TransactionPayment' && e.event.name === 'TransactionFeePaid');
    expect(feePaid!.event.fields.actual_fee as bigint).toBeGreaterThan(0n);
    expect(forTx.some((e) => e.event.pallet === 'System' && e.event.name === 'ExtrinsicSuccess')).toBe(true);

    // Fees are paid to the block author, so no TAO is created or destroyed.
    expect(await issuanceAt(found.hash)).toBe(await issuanceAt(parent));
  });

  it('refuses a replay of the same transaction and garbage bytes with clear errors', async () => {
    const genesisHash = await node.rpc<string>('chain_getBlockHash', [0]);
    const nonce = await node.rpc<number>('system_accountNextIndex', [alice.address]);
    const xt = signExtrinsic(
      rt.runtime,
      { pallet: 'System', name: 'remark', args: { remark: new Uint8Array([1, 2, 3]) } },
      signer(alice),
      { nonce, genesisHash: fromHex(genesisHash) },
    );
    await node.rpc('author_submitExtrinsic', [toHex(xt)]);
    await waitFor('nonce to advance', async () =>
      (await node.rpc<number>('system_accountNextIndex', [alice.address])) > nonce && (await node.rpc<string[]>('author_pendingExtrinsics')).length === 0
        ? true
        : undefined,
    );
    await expect(node.rpc('author_submitExtrinsic', [toHex(xt)])).rejects.toThrow(/1010: Invalid Transaction: Transaction is outdated/);
    await expect(node.rpc('author_submitExtrinsic', ['0x1234'])).rejects.toThrow(/^10\d\d: /);
    // The node keeps producing blocks after bad input.
    const before = Number((await node.rpc<JsonHeader>('chain_getHeader')).number);
    await waitFor('another block', async () => (Number((await node.rpc<JsonHeader>('chain_getHeader')).number) > before ? true : undefined));
  });
});
