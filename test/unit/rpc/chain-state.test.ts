/** Method results over HTTP against the fake node: chain, state, system and author calls. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import { blake2_256 } from '../../../src/primitives/hashing.ts';
import { fromHex, toHex } from '../../../src/primitives/hex.ts';
import { decode, encode } from '../../../src/primitives/scale/index.ts';
import { DigestItem, Header } from '../../../src/runtime/types.ts';
import { FakeNode } from './fake-node.ts';
import { httpCall, startHarness, type Harness } from './helpers.ts';

const HEX32 = /^0x[0-9a-f]{64}$/;

describe('chain_* over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.server.close();
  });

  it('chain_getBlockHash takes a number, a hex string, an array or nothing', async () => {
    const [b0, b1, b2, b3] = h.node.canonical.map(toHex);
    expect((await httpCall(h.http, 'chain_getBlockHash', [0])).result).toBe(b0);
    expect((await httpCall(h.http, 'chain_getBlockHash', ['0x1'])).result).toBe(b1);
    expect((await httpCall(h.http, 'chain_getBlockHash', ['0x02'])).result).toBe(b2);
    expect((await httpCall(h.http, 'chain_getBlockHash', [])).result).toBe(b3);
    expect((await httpCall(h.http, 'chain_getBlockHash')).result).toBe(b3);
    expect((await httpCall(h.http, 'chain_getBlockHash', [null])).result).toBe(b3);
    expect((await httpCall(h.http, 'chain_getBlockHash', [[0, '0x3', 99]])).result).toEqual([b0, b3, null]);
    expect((await httpCall(h.http, 'chain_getBlockHash', [99])).result).toBeNull();
    expect((await httpCall(h.http, 'chain_getHead', [1])).result).toBe(b1);
    expect(b0).toMatch(HEX32);
  });

  it('chain_getHeader has Substrate JSON shape and hashes back to the block hash', async () => {
    const hash = h.node.canonical[2]!;
    const r = await httpCall(h.http, 'chain_getHeader', [toHex(hash)]);
    const header = r.result as Record<string, unknown> & { digest: { logs: string[] } };
    expect(Object.keys(header).sort()).toEqual(['digest', 'extrinsicsRoot', 'number', 'parentHash', 'stateRoot']);
    expect(header.number).toBe('0x2');
    expect(header.parentHash).toBe(toHex(h.node.canonical[1]!));
    expect(header.stateRoot).toMatch(HEX32);
    expect(header.extrinsicsRoot).toMatch(HEX32);
    expect(header.digest.logs).toHaveLength(2);
    expect(header.digest.logs[0]!.startsWith('0x06' + '61757261')).toBe(true); // PreRuntime, engine "aura"
    expect(header.digest.logs[1]!.startsWith('0x05' + '61757261')).toBe(true); // Seal
    // Re-encode from the JSON as a client does and check the hash.
    const reencoded = encode(Header, {
      parent_hash: fromHex(header.parentHash as string),
      number: Number.parseInt((header.number as string).slice(2), 16),
      state_root: fromHex(header.stateRoot as string),
      extrinsics_root: fromHex(header.extrinsicsRoot as string),
      digest: { logs: header.digest.logs.map((l) => decode(DigestItem, fromHex(l))) },
    });
    expect(toHex(blake2_256(reencoded))).toBe(toHex(hash));
  });

  it('chain_getHeader accepts bare hex and null, and gives null for an unknown hash', async () => {
    const hash = toHex(h.node.canonical[1]!);
    expect((await httpCall(h.http, 'chain_getHeader', [hash.slice(2)])).result).toMatchObject({ number: '0x1' });
    expect((await httpCall(h.http, 'chain_getHeader', [hash.toUpperCase().replace('0X', '0x')])).result).toMatchObject({ number: '0x1' });
    expect((await httpCall(h.http, 'chain_getHeader', [null])).result).toMatchObject({ number: '0x3' });
    expect((await httpCall(h.http, 'chain_getHeader', ['0x' + '11'.repeat(32)])).result).toBeNull();
  });

  it('chain_getBlock has {block: {header, extrinsics}, justifications: null}', async () => {
    const block = h.node.block(h.node.canonical[3]!)!;
    const r = await httpCall(h.http, 'chain_getBlock', [toHex(block.hash)]);
    expect(r.result).toEqual({
      block: {
        header: (await httpCall(h.http, 'chain_getHeader', [toHex(block.hash)])).result,
        extrinsics: block.extrinsics.map(toHex),
      },
      justifications: null,
    });
    expect((await httpCall(h.http, 'chain_getBlock', ['0x' + '22'.repeat(32)])).result).toBeNull();
  });

  it('chain_getFinalizedHead and its British alias', async () => {
    expect((await httpCall(h.http, 'chain_getFinalizedHead')).result).toBe(toHex(h.node.canonical[0]!));
    expect((await httpCall(h.http, 'chain_getFinalisedHead')).result).toBe(toHex(h.node.canonical[0]!));
  });
});

describe('state_* over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.server.close();
  });

  it('state_getStorage / state_getStorageAt with and without 0x, at a block', async () => {
    expect((await httpCall(h.http, 'state_getStorage', ['0x0102aa'])).result).toBe('0x01');
    expect((await httpCall(h.http, 'state_getStorage', ['0102BB'])).result).toBe('0x0202');
    expect((await httpCall(h.http, 'state_getStorageAt', ['0x0102aa', toHex(h.node.canonical[1]!)])).result).toBe('0x01');
    expect((await httpCall(h.http, 'state_getStorage', ['0x99'])).result).toBeNull();
    expect((await httpCall(h.http, 'state_getStorage', ['0x3a636f6465'])).result).toBe('0x0061736d');
  });

  it('state_getStorageHash and state_getStorageSize', async () => {
    expect((await httpCall(h.http, 'state_getStorageHash', ['0x0102bb'])).result).toBe(toHex(blake2_256(Uint8Array.of(2, 2))));
    expect((await httpCall(h.http, 'state_getStorageSize', ['0x0103cc'])).result).toBe(3);
    expect((await httpCall(h.http, 'state_getStorageSize', ['0x0102'])).result).toBe(3); // prefix: 1 + 2
    expect((await httpCall(h.http, 'state_getStorageSize', ['0x77'])).result).toBeNull();
  });

  it('state_getKeysPaged pages strictly after startKey and caps count at 1000', async () => {
    expect((await httpCall(h.http, 'state_getKeysPaged', ['0x01', 10])).result).toEqual(['0x0102aa', '0x0102bb', '0x0103cc']);
    expect((await httpCall(h.http, 'state_getKeysPaged', ['0x01', 1, '0x0102aa'])).result).toEqual(['0x0102bb']);
    expect((await httpCall(h.http, 'state_getKeysPagedAt', [null, 2])).result).toEqual(['0x0102aa', '0x0102bb']);
    const tooMany = await httpCall(h.http, 'state_getKeysPaged', ['0x', 1001]);
    expect(tooMany.error).toEqual({ code: 4002, message: 'count exceeds maximum value. value: 1001, max: 1000' });
    expect((await httpCall(h.http, 'state_getKeys', ['0x0102'])).result).toEqual(['0x0102aa', '0x0102bb']);
  });

  it('state_queryStorageAt echoes keys exactly as sent and lists absent keys as null', async () => {
    const best = toHex(h.node.best().hash);
    const r = await httpCall(h.http, 'state_queryStorageAt', [['0x0102AA', '0102bb', '0x99']]);
    expect(r.result).toEqual([{ block: best, changes: [['0x0102AA', '0x01'], ['0102bb', '0x0202'], ['0x99', null]] }]);
    expect((await httpCall(h.http, 'state_queryStorageAt', [[]])).result).toEqual([]);
  });

  it('state_call accepts "", "0x" and bare hex, and reports unknown APIs like Substrate (4003)', async () => {
    expect((await httpCall(h.http, 'state_call', ['Echo_echo', 'abcd'])).result).toBe('0xabcd');
    expect((await httpCall(h.http, 'state_call', ['Echo_echo', ''])).result).toBe('0x');
    expect((await httpCall(h.http, 'state_callAt', ['Echo_echo', '0x', toHex(h.node.canonical[0]!)])).result).toBe('0x');
    const missing = await httpCall(h.http, 'state_call', ['Nope_nope', '0x']);
    expect(missing.error).toEqual({ code: 4003, message: 'Client error: Execution failed: Other: Exported method Nope_nope is not found' });
    const pruned = await httpCall(h.http, 'state_call', ['Echo_echo', '0x', '0x' + '33'.repeat(32)]);
    expect(pruned.error?.code).toBe(4003);
  });

  it('state_getRuntimeVersion decodes Core_version into Substrate JSON', async () => {
    const r = await httpCall(h.http, 'state_getRuntimeVersion');
    expect(r.result).toEqual({
      specName: 'node-subtensor',
      implName: 'node-subtensor',
      authoringVersion: 1,
      specVersion: 425,
      implVersion: 1,
      apis: [['0xdf6acb689907609b', 5], ['0x37e397fc7c91f5e4', 2]],
      transactionVersion: 1,
      systemVersion: 1,
      stateVersion: 1,
    });
    expect((await httpCall(h.http, 'chain_getRuntimeVersion', [toHex(h.node.canonical[1]!)])).result).toEqual(r.result);
  });
});

describe('system_* and author_* over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.server.close();
  });

  it('answers the node info methods', async () => {
    expect((await httpCall(h.http, 'system_name')).result).toBe('Subtensor Node');
    expect((await httpCall(h.http, 'system_version')).result).toBe('0.1.0-test');
    expect((await httpCall(h.http, 'system_properties')).result).toEqual({ ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' });
    expect((await httpCall(h.http, 'system_nodeRoles')).result).toEqual(['Authority']);
    expect((await httpCall(h.http, 'system_localPeerId')).result).toBe('12D3KooWTestPeer');
    expect((await httpCall(h.http, 'system_health')).result).toEqual({ peers: 0, isSyncing: false, shouldHavePeers: false });
    expect((await httpCall(h.http, 'system_syncState')).result).toEqual({ startingBlock: 3, currentBlock: 3, highestBlock: 3 });
    expect((await httpCall(h.http, 'system_peers')).result).toEqual([]);
  });

  it('system_accountNextIndex / account_nextIndex take SS58 or hex', async () => {
    const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice');
    expect(alice.publicKey[0]).toBe(0xd4);
    expect((await httpCall(h.http, 'system_accountNextIndex', [alice.address])).result).toBe(7);
    expect((await httpCall(h.http, 'account_nextIndex', [toHex(alice.publicKey)])).result).toBe(7);
    expect((await httpCall(h.http, 'account_nextIndex', [toHex(alice.publicKey).slice(2)])).result).toBe(7);
  });

  it('author_submitExtrinsic returns the hash; pool errors pass through; pending lists the pool', async () => {
    const xt = '0x280403000b0100000000000000';
    expect((await httpCall(h.http, 'author_submitExtrinsic', [xt])).result).toBe(toHex(blake2_256(fromHex(xt))));
    expect((await httpCall(h.http, 'author_submitExtrinsic', ['0xff'])).error).toEqual({
      code: 1010, message: 'Invalid Transaction', data: 'Custom error: 6',
    });
    expect((await httpCall(h.http, 'author_pendingExtrinsics')).result).toEqual([xt]);
  });
});

describe('large results', () => {
  it('state_getKeys and state_getStorageSize walk more than one page of keys', async () => {
    const node = new FakeNode(0);
    for (let i = 0; i < 2500; i++) node.pending.set(toHex(Uint8Array.of(0x07, i >> 8, i & 0xff)), Uint8Array.of(1, 2));
    node.importBlock({ silent: true });
    const h = await startHarness({}, node);
    try {
      const keys = (await httpCall(h.http, 'state_getKeys', ['0x07'])).result as string[];
      expect(keys).toHaveLength(2500);
      expect(keys[0]).toBe('0x070000');
      expect(keys[2499]).toBe('0x0709c3');
      expect([...keys].sort()).toEqual(keys);
      expect((await httpCall(h.http, 'state_getStorageSize', ['0x07'])).result).toBe(5000);
      const page = (await httpCall(h.http, 'state_getKeysPaged', ['0x07', 1000, '0x0703e7'])).result as string[];
      expect(page[0]).toBe('0x0703e8');
      expect(page).toHaveLength(1000);
    } finally {
      await h.server.close();
    }
  });

  it('responses over maxResponseBytes become -32008', async () => {
    const h = await startHarness({ maxResponseBytes: 60 });
    try {
      expect((await httpCall(h.http, 'state_getKeys', ['0x01'])).error).toMatchObject({ code: -32008, message: 'Response is too big' });
      expect((await httpCall(h.http, 'chain_getBlock')).error).toMatchObject({ code: -32008 });
      expect((await httpCall(h.http, 'system_chain')).result).toBe('Bittensor');
    } finally {
      await h.server.close();
    }
  });
});
