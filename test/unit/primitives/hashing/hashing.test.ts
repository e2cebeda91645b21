/**
 * Substrate hashers against published vectors: the storage-prefix anchors every client relies
 * on, BLAKE2b test vectors, runtime API ids as they appear in real runtime versions, and full
 * storage keys computed by our StorageMap against well-known keys and hand concatenation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { u8aToHex } from '@polkadot/util';
import {
  blake2_128, blake2_256, blake2_64, hashKey, hasherPrefixLength, initCrypto, twox128, twox256, twox64,
} from '../../../../src/primitives/hashing.ts';
import { bytesEqual, compareBytes, concatBytes, fromHex, HexError, isHex, startsWith, toHex, utf8 } from '../../../../src/primitives/hex.ts';
import { storagePrefix } from '../../../../src/runtime/framework/storage.ts';
import { SystemStorage } from '../../../../src/runtime/pallets/system/storage.ts';
import { BalancesStorage } from '../../../../src/runtime/pallets/balances/storage.ts';
import { TimestampStorage } from '../../../../src/runtime/pallets/timestamp/index.ts';
import { RUNTIME_APIS, runtimeVersion } from '../../../../src/runtime/runtime.ts';

const hex = (b: Uint8Array) => u8aToHex(b);
const ALICE = fromHex('0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
const BOB = fromHex('0x8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48');

beforeAll(async () => {
  await initCrypto();
});

describe('twox128 storage-prefix anchors', () => {
  it.each([
    ['System', '0x26aa394eea5630e07c48ae0c9558cef7'],
    ['Account', '0xb99d880ec681799c0cf30e8886371da9'],
    ['Events', '0x80d41e5e16056765bc8461851072c9d7'],
    ['Number', '0x02a5c1b19ab7a04f536c519aca4983ac'],
    ['SubtensorModule', '0x658faa385070e074c85bf6b568cf0555'],
    ['Balances', '0xc2261276cc9d1f8598ea4b6a74b15c2f'],
    ['Timestamp', '0xf0c365c3cf59d671eb72da0e7a4113c4'],
    ['Now', '0x9f1f0515f462cdcf84e0f1d6045dfcbb'],
  ])('twox128(%s)', (name, expected) => {
    expect(hex(twox128(utf8(name)))).toBe(expected);
  });

  it('storage items use those prefixes', () => {
    expect(hex(TimestampStorage.Now.key())).toBe('0xf0c365c3cf59d671eb72da0e7a4113c49f1f0515f462cdcf84e0f1d6045dfcbb');
    expect(hex(SystemStorage.Number.key())).toBe('0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac');
    expect(hex(SystemStorage.Events.key())).toBe('0x26aa394eea5630e07c48ae0c9558cef780d41e5e16056765bc8461851072c9d7');
    // Balances.TotalIssuance: well-known key
    expect(hex(BalancesStorage.TotalIssuance.key())).toBe('0xc2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80');
    expect(hex(storagePrefix('System', 'Account'))).toBe('0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9');
  });
});

describe('blake2b', () => {
  it('BLAKE2b-256 vectors', () => {
    expect(hex(blake2_256(new Uint8Array()))).toBe('0x0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
    expect(hex(blake2_256(utf8('abc')))).toBe('0xbddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319');
  });

  it('BLAKE2b-512-derived lengths are separate functions, not truncations', () => {
    // blake2b with a 16/8-byte digest is parameterised by the output length: not a prefix of -256.
    expect(blake2_128(utf8('abc')).length).toBe(16);
    expect(blake2_64(utf8('abc')).length).toBe(8);
    expect(hex(blake2_128(utf8('abc')))).not.toBe(hex(blake2_256(utf8('abc')).subarray(0, 16)));
    // BLAKE2b-128 of the empty input (RFC 7693 parameterisation)
    expect(hex(blake2_128(new Uint8Array()))).toBe('0xcae66941d9efbd404e4d88758ea67670');
  });

  it('runtime API ids are blake2_64 of the API name', () => {
    const known: Record<string, string> = {
      Core: '0xdf6acb689907609b',
      Metadata: '0x37e397fc7c91f5e4',
      BlockBuilder: '0x40fe3ad401f8959a',
      TaggedTransactionQueue: '0xd2bc9897eed08f15',
      OffchainWorkerApi: '0xf78b278be53f454c',
      AuraApi: '0xdd718d5cc53262d4',
      SessionKeys: '0xab3c0572291feb8b',
      GrandpaApi: '0xed99c5acb25eedf5',
      AccountNonceApi: '0xbc9d89904f5b923f',
      TransactionPaymentApi: '0x37c8bb1350a9a2a8',
      TransactionPaymentCallApi: '0xf3ff14d5ab527059',
      GenesisBuilder: '0xfbc577b9d747efd6',
    };
    for (const [name, id] of Object.entries(known)) expect(hex(blake2_64(utf8(name))), name).toBe(id);
    // …and the runtime version publishes exactly those ids
    const apis = runtimeVersion().apis.map(([id, v]) => [hex(id), v]);
    expect(apis).toEqual(RUNTIME_APIS.map(([name, v]) => [known[name], v]));
  });
});

describe('twox', () => {
  it('twox64 of a u32 key (System.BlockHash(0) suffix) and of the empty input', () => {
    expect(hex(twox64(new Uint8Array(4)))).toBe('0xb4def25cfda6ef3a');
    expect(hex(twox64(new Uint8Array()))).toBe('0x99e9d85137db46ef');
  });

  it('twox128 is twox64 with seed 0 ++ seed 1; twox256 extends with seeds 2 and 3', () => {
    const a = twox128(utf8('System'));
    expect(hex(twox64(utf8('System')))).toBe(hex(a.subarray(0, 8)));
    const b = twox256(utf8('System'));
    expect(hex(b.subarray(0, 16))).toBe(hex(a));
    expect(b.length).toBe(32);
  });
});

describe('storage keys', () => {
  it('System.Account(Alice) is the well-known key', () => {
    const expected =
      '0x26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9' +
      'de1e86a9a8c739864cf3cc5ec2bea59f' +
      'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
    const key = SystemStorage.Account.key(ALICE);
    expect(hex(key)).toBe(expected);
    expect(key.length).toBe(80);
    expect(hex(SystemStorage.Account.decodeKey(key)[0] as Uint8Array)).toBe(hex(ALICE));
  });

  it('System.Account(Bob) equals the hand concatenation prefix ++ blake2_128(who) ++ who', () => {
    const byHand = concatBytes(twox128(utf8('System')), twox128(utf8('Account')), blake2_128(BOB), BOB);
    expect(hex(SystemStorage.Account.key(BOB))).toBe(hex(byHand));
  });

  it('System.BlockHash(0) is the well-known Twox64Concat key', () => {
    expect(hex(SystemStorage.BlockHash.key(0))).toBe(
      '0x26aa394eea5630e07c48ae0c9558cef7a44704b568d21667356a5a050c118746b4def25cfda6ef3a00000000',
    );
    expect(SystemStorage.BlockHash.decodeKey(SystemStorage.BlockHash.key(123456))).toEqual([123456]);
  });

  it('hashKey implements every Substrate hasher', () => {
    const k = utf8('key');
    expect(hex(hashKey('Identity', k))).toBe(hex(k));
    expect(hex(hashKey('Blake2_128', k))).toBe(hex(blake2_128(k)));
    expect(hex(hashKey('Blake2_256', k))).toBe(hex(blake2_256(k)));
    expect(hex(hashKey('Blake2_128Concat', k))).toBe(hex(concatBytes(blake2_128(k), k)));
    expect(hex(hashKey('Twox128', k))).toBe(hex(twox128(k)));
    expect(hex(hashKey('Twox256', k))).toBe(hex(twox256(k)));
    expect(hex(hashKey('Twox64Concat', k))).toBe(hex(concatBytes(twox64(k), k)));
    expect(hasherPrefixLength('Blake2_128Concat')).toBe(16);
    expect(hasherPrefixLength('Twox64Concat')).toBe(8);
    expect(hasherPrefixLength('Identity')).toBe(0);
    expect(hasherPrefixLength('Blake2_256')).toBeUndefined();
  });
});

describe('hex helpers', () => {
  it('accept 0x, bare and empty hex; reject odd lengths and bad digits', () => {
    expect(fromHex('0x0aFf')).toEqual(Uint8Array.of(0x0a, 0xff));
    expect(fromHex('0aff')).toEqual(Uint8Array.of(0x0a, 0xff));
    expect(fromHex('')).toEqual(new Uint8Array());
    expect(fromHex('0x')).toEqual(new Uint8Array());
    expect(() => fromHex('0x123')).toThrow(HexError);
    expect(() => fromHex('0xzz')).toThrow(HexError);
    expect(toHex(Uint8Array.of(0, 1, 255))).toBe('0x0001ff');
    expect(toHex(new Uint8Array())).toBe('0x');
    expect(isHex('0x00ff')).toBe(true);
    expect(isHex('0x0')).toBe(false);
    expect(isHex(5)).toBe(false);
  });

  it('compareBytes is lexicographic with shorter-prefix first', () => {
    expect(compareBytes(Uint8Array.of(1), Uint8Array.of(1, 0))).toBeLessThan(0);
    expect(compareBytes(Uint8Array.of(2), Uint8Array.of(1, 255))).toBeGreaterThan(0);
    expect(compareBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(0);
    expect(startsWith(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(true);
    expect(startsWith(Uint8Array.of(1), Uint8Array.of(1, 2))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1))).toBe(false);
  });
});
