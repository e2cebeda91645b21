/**
 * The v4 extrinsic format and signing payload (rpc-compat §6): byte layout of a signed transfer
 * made by our signer, the payload verified by an independent sr25519 verifier, decode round
 * trip, mortal era vectors (Substrate's own tests and polkadot.js), payloads over 256 bytes
 * signed by hash, and — with the recorded subtensor metadata — polkadot.js decoding our bytes
 * and our runtime accepting transactions polkadot.js signed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Extrinsic as PjsExtrinsic } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a, sr25519Verify } from '@polkadot/util-crypto';
import { concatBytes, fromHex } from '../../../../src/primitives/hex.ts';
import { ScaleReader, ScaleWriter, encode } from '../../../../src/primitives/scale/index.ts';
import { EraCodec, IMMORTAL, eraBirth, eraDeath, mortalEra, type Era } from '../../../../src/runtime/extrinsic/era.ts';
import { signCallBytes, type SigningAccount } from '../../../../src/runtime/extrinsic/sign.ts';
import { ExtrinsicFormatError, decodeExtrinsic, encodeUnsigned } from '../../../../src/runtime/extrinsic/unchecked.ts';
import { TransactionValidityError } from '../../../../src/runtime/extrinsic/validity.ts';
import { TAO, TestChain, signerOf } from '../../../helpers/runtime.ts';

const hex = (b: Uint8Array) => u8aToHex(b);
const REFERENCE = fileURLToPath(new URL('../../../../../shared/reference/subtensor-metadata-v15-spec343.hex', import.meta.url));

function compactBytes(n: number | bigint): Uint8Array {
  return new ScaleWriter(8).compact(n).finish();
}

function u32le(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

let chain: TestChain;

beforeAll(async () => {
  chain = await TestChain.create();
});

describe('signed extrinsic layout', () => {
  it('transfer_keep_alive(Bob, 12345) signed by Alice, immortal, nonce 7, tip 0', () => {
    const { alice, bob } = chain.keys;
    const call = chain.call('Balances', 'transfer_keep_alive', { dest: { tag: 'Id', value: bob.publicKey }, value: 12345n });
    const xt = chain.sign(alice, call, { nonce: 7 });

    // outer length prefix covers everything after it
    const r = new ScaleReader(xt);
    const len = r.compactNumber();
    expect(len).toBe(xt.length - r.pos);
    const body = xt.subarray(r.pos);
    let p = 0;
    const take = (n: number) => body.subarray(p, (p += n));
    expect(hex(take(1))).toBe('0x84'); // signed, version 4
    expect(hex(take(1))).toBe('0x00'); // MultiAddress::Id
    expect(hex(take(32))).toBe(hex(alice.publicKey));
    expect(hex(take(1))).toBe('0x01'); // MultiSignature::Sr25519
    const signature = take(64);
    expect(hex(take(1))).toBe('0x00'); // era: immortal
    expect(hex(take(1))).toBe('0x1c'); // Compact(7)
    expect(hex(take(1))).toBe('0x00'); // tip Compact(0)
    expect(hex(take(1))).toBe('0x00'); // CheckMetadataHash mode: Disabled
    const callBytes = body.subarray(p);
    // Balances = pallet 5, transfer_keep_alive = call 3, dest MultiAddress::Id, Compact(12345) = 0xe5c0
    expect(hex(callBytes)).toBe(hex(concatBytes(Uint8Array.of(0x05, 0x03, 0x00), bob.publicKey, fromHex('0xe5c0'))));
    expect(len).toBe(1 + 33 + 65 + 4 + callBytes.length);

    // The signed payload, built by hand: call ++ explicit ++ implicit
    // (spec_version 425, transaction_version 1, genesis, birth = genesis, metadata hash None).
    const payload = concatBytes(
      callBytes,
      fromHex('0x001c0000'),
      u32le(425),
      u32le(1),
      chain.genesisHash,
      chain.genesisHash,
      Uint8Array.of(0),
    );
    expect(payload.length).toBeLessThanOrEqual(256);
    expect(sr25519Verify(payload, signature, alice.publicKey)).toBe(true);
    // …and not over anything else (e.g. a payload without the metadata-hash byte)
    expect(sr25519Verify(payload.subarray(0, payload.length - 1), signature, alice.publicKey)).toBe(false);
  });

  it('decodeExtrinsic round-trips what we encode', () => {
    const { alice, bob } = chain.keys;
    const call = chain.call('Balances', 'transfer_keep_alive', { dest: { tag: 'Id', value: bob.publicKey }, value: 5n * TAO });
    const era = mortalEra(64, 1000);
    const xt = chain.sign(alice, call, { nonce: 300, tip: 1_000_000n, era, birthHash: new Uint8Array(32).fill(7) });
    const d = decodeExtrinsic(xt, chain.rt.runtime.callCodec);
    expect(d.call).toEqual(call);
    expect(d.signed!.address).toEqual({ tag: 'Id', value: alice.publicKey });
    expect(d.signed!.signature.tag).toBe('Sr25519');
    expect(d.signed!.extra).toEqual({ era: { kind: 'Mortal', period: 64, phase: 40 }, nonce: 300, tip: 1_000_000n, mode: 0 });
    expect(hex(d.hash)).toBe(hex(blakeOf(xt)));
    expect(hex(d.encoded)).toBe(hex(xt));
    expect(hex(concatBytes(compactBytes(d.body.length), d.body))).toBe(hex(xt));
    expect(hex(d.callBytes)).toBe(hex(encode(chain.rt.runtime.callCodec, call)));
  });

  it('an unsigned (bare) extrinsic is 0x04 ++ call', () => {
    const callBytes = encode(chain.rt.runtime.callCodec, chain.call('Timestamp', 'set', { now: 1_000n }));
    expect(hex(callBytes)).toBe('0x0200a10f'); // Timestamp = 2, set = 0, Compact(1000)
    const xt = encodeUnsigned(callBytes);
    expect(hex(xt)).toBe('0x1404' + '0200a10f');
    const d = decodeExtrinsic(xt, chain.rt.runtime.callCodec);
    expect(d.signed).toBeUndefined();
    expect(d.call).toEqual({ pallet: 'Timestamp', name: 'set', args: { now: 1_000n } });
  });

  it.each([
    ['empty', '0x'],
    ['length prefix too long', '0x0c0402'],
    ['length prefix too short', '0x04040200a10f'],
    ['unknown version byte', '0x1005' + '0200a10f'.slice(0, 6)],
    ['v5 general transaction', '0x1445' + '0200a10f'],
    ['unknown pallet', '0x0c04ee00'],
    ['unknown call', '0x0c0402ee'],
    ['trailing byte after the call', '0x1804' + '0200a10f' + '00'],
    ['bad MultiAddress variant', '0x1084' + '09' + '0000'],
    ['bad era', '0x' + 'ad01' + '84' + '00' + '11'.repeat(32) + '01' + '22'.repeat(64) + '1000' + '00' + '00' + '00' + '000000'],
    ['metadata-hash mode 2', '0x' + 'a901' + '84' + '00' + '11'.repeat(32) + '01' + '22'.repeat(64) + '00' + '00' + '00' + '02' + '000000'],
  ])('malformed bytes (%s) raise ExtrinsicFormatError', (_what, h) => {
    expect(() => decodeExtrinsic(fromHex(h), chain.rt.runtime.callCodec)).toThrow(ExtrinsicFormatError);
  });

  it('random garbage raises ExtrinsicFormatError only', () => {
    let s = 99;
    const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    const valid = chain.sign(chain.keys.alice, chain.call('System', 'remark', { remark: Uint8Array.of(1, 2, 3) }));
    for (let i = 0; i < 500; i++) {
      const input = Uint8Array.from(valid);
      for (let j = 0; j < 1 + (i % 4); j++) input[rand() % input.length] = rand();
      try {
        decodeExtrinsic(input, chain.rt.runtime.callCodec);
      } catch (e) {
        expect(e, hex(input)).toBeInstanceOf(ExtrinsicFormatError);
      }
    }
  });
});

function blakeOf(b: Uint8Array): Uint8Array {
  return blake2AsU8a(b, 256);
}

describe('mortal era', () => {
  it('period 64 at block 1000 encodes to 0x8502 (rpc-compat §6, polkadot.js)', () => {
    const era = mortalEra(64, 1000);
    expect(era).toEqual({ kind: 'Mortal', period: 64, phase: 40 });
    expect(hex(encode(EraCodec, era))).toBe('0x8502');
    expect(EraCodec.dec(new ScaleReader(fromHex('0x8502')))).toEqual(era);
    expect(hex(new TypeRegistry().createType('ExtrinsicEra', { current: 1000, period: 64 }).toU8a())).toBe('0x8502');
  });

  it('matches sp_runtime era tests', () => {
    // Era::mortal(64, 42): period 64, phase 42 → (42 << 4) | 5 = 0x02a5
    expect(hex(encode(EraCodec, mortalEra(64, 42)))).toBe('0xa502');
    // Era::mortal(32768, 20000): quantize factor 8 → [14 + 2500 % 16 * 16, 2500 / 16]
    expect(hex(encode(EraCodec, mortalEra(32768, 20000)))).toBe(hex(Uint8Array.of(14 + (2500 % 16) * 16, Math.floor(2500 / 16))));
    // Era::mortal(1_000_000, 1_000_000) is clamped to period 65536, phase 1_000_000 % 65536
    expect(mortalEra(1_000_000, 1_000_000)).toEqual({ kind: 'Mortal', period: 65536, phase: 1_000_000 % 65536 });
    // Small periods are raised to 4; non-powers of two rounded up
    expect(mortalEra(1, 10)).toEqual({ kind: 'Mortal', period: 4, phase: 2 });
    expect(mortalEra(100, 1000)).toEqual({ kind: 'Mortal', period: 128, phase: 1000 % 128 });
    expect(hex(encode(EraCodec, IMMORTAL))).toBe('0x00');
    for (const [period, current] of [[4, 0], [4, 7], [64, 12345], [256, 99999], [4096, 1], [8192, 777777], [65536, 4_000_000]]) {
      const era = mortalEra(period!, current!);
      const enc = encode(EraCodec, era);
      expect(EraCodec.dec(new ScaleReader(enc)), `${period}@${current}`).toEqual(era);
      const theirs = new TypeRegistry().createType('ExtrinsicEra', { current, period });
      expect(hex(enc), `${period}@${current}`).toBe(hex(theirs.toU8a()));
    }
  });

  it('birth and death (sp_runtime Era::birth/death)', () => {
    const era = mortalEra(64, 1000) as Era;
    expect(eraBirth(era, 1000)).toBe(1000);
    expect(eraBirth(era, 1010)).toBe(1000);
    expect(eraBirth(era, 1063)).toBe(1000);
    expect(eraBirth(era, 1064)).toBe(1064);
    expect(eraDeath(era, 1010)).toBe(1064);
    // a current block before the phase: birth is the phase itself
    expect(eraBirth(era, 5)).toBe(40);
    expect(eraBirth(IMMORTAL, 12345)).toBe(0);
    // sp_runtime: Era::mortal(4, 6) at 6 → birth 6, death 10; at 9 → birth 6
    const e46 = mortalEra(4, 6);
    expect([eraBirth(e46, 6), eraDeath(e46, 6), eraBirth(e46, 9), eraBirth(e46, 10)]).toEqual([6, 10, 6, 10]);
  });

  it('invalid encodings are refused', () => {
    // period 2 (low nibble 0) and phase ≥ period
    expect(() => EraCodec.dec(new ScaleReader(fromHex('0x1000')))).toThrow();
    expect(() => EraCodec.dec(new ScaleReader(fromHex('0xf5ff')))).toThrow();
    expect(() => EraCodec.dec(new ScaleReader(fromHex('0x85')))).toThrow();
  });
});

describe('signing payload longer than 256 bytes is signed by its blake2-256 hash', () => {
  /** Signer that records what it was asked to sign. */
  function recording(): SigningAccount & { messages: Uint8Array[] } {
    const base = signerOf(chain.keys.alice);
    const messages: Uint8Array[] = [];
    return { ...base, messages, sign: (m) => (messages.push(m), base.sign(m)) };
  }

  /** call = System.remark(len bytes): 0x00 0x00 ++ Compact(len) ++ bytes; payload adds 4 + 73 bytes. */
  function payloadFor(remarkLen: number): { callBytes: Uint8Array; payload: Uint8Array } {
    const remark = Uint8Array.from({ length: remarkLen }, (_, i) => i & 0xff);
    const callBytes = concatBytes(Uint8Array.of(0, 0), compactBytes(remarkLen), remark);
    const payload = concatBytes(
      callBytes,
      Uint8Array.of(0, 0, 0, 0), // immortal, nonce 0, tip 0, mode 0
      u32le(425), u32le(1), chain.genesisHash, chain.genesisHash, Uint8Array.of(0),
    );
    return { callBytes, payload };
  }

  it('exactly 256 bytes: signed as is', () => {
    const { callBytes, payload } = payloadFor(175);
    expect(payload.length).toBe(256);
    const s = recording();
    const xt = signCallBytes(callBytes, s, { nonce: 0, genesisHash: chain.genesisHash });
    expect(hex(s.messages[0]!)).toBe(hex(payload));
    expect(() => chain.validate(xt)).not.toThrow();
  });

  it('257 bytes: signed as blake2_256(payload), and the runtime accepts it', () => {
    const { callBytes, payload } = payloadFor(176);
    expect(payload.length).toBe(257);
    const s = recording();
    const xt = signCallBytes(callBytes, s, { nonce: 0, genesisHash: chain.genesisHash });
    expect(hex(s.messages[0]!)).toBe(hex(blakeOf(payload)));
    expect(() => chain.validate(xt)).not.toThrow();
    // a long remark signed over the raw payload (as a broken client would) is refused
    const raw = signerOf(chain.keys.alice);
    const bad = signCallBytes(callBytes, { ...raw, sign: () => raw.sign(payload) }, { nonce: 0, genesisHash: chain.genesisHash });
    expect(() => chain.validate(bad)).toThrow(TransactionValidityError);
  });

  it('a 1 KiB remark works end to end', () => {
    const xt = chain.sign(chain.keys.alice, chain.call('System', 'remark', { remark: new Uint8Array(1024).fill(0xab) }));
    expect(() => chain.validate(xt)).not.toThrow();
  });
});

describe.skipIf(!existsSync(REFERENCE))('interoperability with polkadot.js and subtensor\'s metadata', () => {
  let registry: TypeRegistry;

  beforeAll(() => {
    const bytes = fromHex(readFileSync(REFERENCE, 'utf8').trim());
    const r = new ScaleReader(bytes, 1); // Option<OpaqueMetadata>: Some ++ Vec<u8>
    const len = r.compactNumber();
    registry = new TypeRegistry();
    const metadata = new Metadata(registry, bytes.subarray(r.pos, r.pos + len));
    const empty = { extrinsic: {}, payload: {} };
    registry.setMetadata(metadata, undefined, {
      SudoTransactionExtension: empty, CheckShieldedTxValidity: empty, SubtensorTransactionExtension: empty, DrandPriority: empty,
    });
  });

  it('polkadot.js decodes our signed transfer', () => {
    const { alice, bob } = chain.keys;
    const xt = chain.sign(alice, chain.call('Balances', 'transfer_keep_alive', { dest: { tag: 'Id', value: bob.publicKey }, value: 12345n }), {
      nonce: 3, tip: 5n, era: mortalEra(64, 1000), birthHash: chain.genesisHash,
    });
    const d = registry.createType('Extrinsic', xt) as PjsExtrinsic;
    expect(d.isSigned).toBe(true);
    expect(`${d.method.section}.${d.method.method}`).toBe('balances.transferKeepAlive');
    expect(d.signer.toString()).toBe(alice.address);
    expect(d.nonce.toNumber()).toBe(3);
    expect(d.tip.toBigInt()).toBe(5n);
    expect(d.era.asMortalEra.period.toNumber()).toBe(64);
    expect(d.era.asMortalEra.phase.toNumber()).toBe(40);
    expect((d.method.args[1] as unknown as { toBigInt(): bigint }).toBigInt()).toBe(12345n);
    expect(hex(d.toU8a())).toBe(hex(xt));
  });

  it('our runtime accepts transactions signed by polkadot.js (immortal and mortal)', () => {
    const { alice, bob } = chain.keys;
    const call = registry.createType('Call', { callIndex: [5, 3], args: { dest: { Id: bob.address }, value: TAO } });
    const runtimeVersion = { specVersion: 425, transactionVersion: 1 };

    const immortal = registry.createType('Extrinsic', call);
    immortal.sign(alice, {
      blockHash: chain.genesisHash, genesisHash: chain.genesisHash, nonce: 0,
      runtimeVersion: runtimeVersion as never, era: registry.createType('ExtrinsicEra', '0x00'),
    } as never);
    const v = chain.validate(immortal.toU8a());
    expect(hex(v.provides[0]!)).toBe(hex(concatBytes(alice.publicKey, u32le(0))));
    // our decoder reads it, and the call is the one polkadot.js built
    const ours = chain.rt.executive.decode(immortal.toU8a());
    expect(ours.call).toEqual({ pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: TAO } });

    // mortal, anchored at a real block: its hash is the implicit birth hash
    const fork = chain.fork();
    fork.executeBlock([]);
    fork.executeBlock([]);
    const mortal = registry.createType('Extrinsic', call);
    mortal.sign(alice, {
      blockHash: fork.hashes[2]!, genesisHash: fork.genesisHash, nonce: 0, runtimeVersion: runtimeVersion as never,
      era: registry.createType('ExtrinsicEra', { current: 2, period: 64 }),
    } as never);
    const vm = fork.validate(mortal.toU8a());
    expect(vm.longevity).toBe(64n - 1n); // valid for blocks 3..65 when validated for block 3
    const r = fork.executeBlock([mortal.toU8a()]);
    expect(r.results[0]!.ok).toBe(true);

    // signed for a different chain (other genesis) it is a bad proof
    const wrong = registry.createType('Extrinsic', call);
    wrong.sign(alice, {
      blockHash: new Uint8Array(32).fill(1), genesisHash: new Uint8Array(32).fill(1), nonce: 0,
      runtimeVersion: runtimeVersion as never, era: registry.createType('ExtrinsicEra', '0x00'),
    } as never);
    expect(() => chain.validate(wrong.toU8a())).toThrow(/BadProof/);
  });
});
