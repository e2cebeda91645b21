/**
 * Block import with full verification: a second node re-executes blocks authored by the
 * first and must reach the same state roots; tampered blocks are refused and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { toHex } from '../../src/primitives/hex.ts';
import { signExtrinsic } from '../../src/runtime/extrinsic/sign.ts';
import { decodeBlock, encodeBlock, type Block } from '../../src/chain/block.ts';
import { sealHeader } from '../../src/consensus/aura.ts';
import type { Node } from '../../src/node/node.ts';
import { startInProcess } from '../helpers/in-process-node.ts';

let author: Node;
let importer: Node;
let alice: KeyringPair;
let bob: KeyringPair;
let charlie: KeyringPair;

const signer = (p: KeyringPair) => ({ publicKey: p.publicKey, type: 'sr25519' as const, sign: (m: Uint8Array) => p.sign(m) });
const blockAt = (node: Node, n: number): Block => decodeBlock(encodeBlock(node.block(node.blockHashAt(n)!)!));

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  [alice, bob, charlie] = ['//Alice', '//Bob', '//Charlie'].map((s) => keyring.addFromUri(s)) as [KeyringPair, KeyringPair, KeyringPair];
  author = await startInProcess({ devIdentities: ['alice'], validator: true });
  importer = await startInProcess();
  // A few blocks with transfers, one failing call and an empty block.
  for (let round = 0; round < 3; round++) {
    for (const [from, nonce] of [[bob, round], [charlie, round]] as const) {
      await author.submitExtrinsic(
        signExtrinsic(
          author.rt.runtime,
          { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: alice.publicKey }, value: 10_000_000_000n * BigInt(round + 1) } },
          signer(from),
          { nonce, genesisHash: author.genesisHash() },
        ),
      );
    }
    await author.sealBlock({ finalize: true });
  }
  await author.submitExtrinsic(
    signExtrinsic(
      author.rt.runtime,
      { pallet: 'Balances', name: 'force_set_balance', args: { who: { tag: 'Id', value: bob.publicKey }, new_free: 1n } },
      signer(bob),
      { nonce: 3, genesisHash: author.genesisHash() },
    ),
  );
  await author.sealBlock({ finalize: true });
  await author.sealBlock({ finalize: true });
});

afterAll(async () => {
  await author?.stop();
  await importer?.stop();
});

describe('block import', () => {
  it('re-executes authored blocks to the same state roots', async () => {
    const head = author.best().number;
    expect(head).toBe(5);
    for (let n = 1; n <= head; n++) {
      const { hash, known } = await importer.chain.importBlock(blockAt(author, n));
      expect(known).toBe(false);
      expect(toHex(hash)).toBe(toHex(author.blockHashAt(n)!));
    }
    expect(toHex(importer.chain.state.root())).toBe(toHex(author.chain.state.root()));
    expect(importer.best().number).toBe(head);
    // Re-importing a known block is a no-op.
    expect((await importer.chain.importBlock(blockAt(author, 2))).known).toBe(true);
  });

  it('refuses tampered blocks and leaves the chain untouched', async () => {
    await author.sealBlock({ finalize: true });
    const good = blockAt(author, author.best().number);
    const rootBefore = toHex(importer.chain.state.root());
    const bestBefore = importer.best().number;

    const badRoot: Block = { ...good, header: { ...good.header, state_root: new Uint8Array(32).fill(1) } };
    await expect(importer.chain.importBlock(badRoot)).rejects.toThrow(/seal/);

    // Correctly sealed (by Alice's key) but with a wrong state root.
    const pair = author.keystore.list('aura')[0]!;
    const unsealed = { ...good.header, digest: { logs: good.header.digest.logs.slice(0, -1) } };
    const resealed = (h: typeof unsealed) => sealHeader(h, { publicKey: pair.publicKey, sign: (m) => pair.sign(m) });
    await expect(importer.chain.importBlock({ ...good, header: resealed({ ...unsealed, state_root: new Uint8Array(32).fill(1) }) })).rejects.toThrow(
      /state root mismatch/,
    );
    await expect(importer.chain.importBlock({ ...good, header: resealed({ ...unsealed, extrinsics_root: new Uint8Array(32).fill(2) }) })).rejects.toThrow(
      /extrinsics root mismatch/,
    );
    // Sealed by a key that is not the slot's authority.
    const bob2 = new Keyring({ type: 'sr25519' }).addFromUri('//Bob');
    await expect(importer.chain.importBlock({ ...good, header: sealHeader(unsealed, { publicKey: bob2.publicKey, sign: (m) => bob2.sign(m) }) })).rejects.toThrow(
      /bad seal signature/,
    );
    // Unknown parent.
    await expect(importer.chain.importBlock({ ...good, header: resealed({ ...unsealed, parent_hash: new Uint8Array(32).fill(3) }) })).rejects.toThrow(
      /unknown parent/,
    );
    // An extra garbage extrinsic.
    await expect(importer.chain.importBlock({ ...good, header: good.header, extrinsics: [...good.extrinsics, new Uint8Array([4, 1, 2])] })).rejects.toThrow();

    expect(toHex(importer.chain.state.root())).toBe(rootBefore);
    expect(importer.best().number).toBe(bestBefore);
    await importer.chain.importBlock(good);
    expect(importer.best().number).toBe(bestBefore + 1);
  });
});
