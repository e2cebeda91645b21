import { describe, expect, it } from 'vitest';
import {
  bytes, compactNumber, enumeration, fixedBytes, lazy, option, struct, tuple, u8, u32, u64, vec, type AnyCodec, type Codec,
} from '../../../../src/primitives/scale/index.ts';
import { PortableRegistry } from '../../../../src/runtime/metadata/registry.ts';

describe('PortableRegistry', () => {
  it('gives a type its id before its children (pre-order, like scale-info)', () => {
    const reg = new PortableRegistry();
    const Account = fixedBytes(32, ['sp_core', 'crypto', 'AccountId32']);
    expect(reg.register(Account)).toBe(0);
    expect(reg.get(0).path).toEqual(['sp_core', 'crypto', 'AccountId32']);
    expect(reg.get(0).def).toEqual({ tag: 'composite', fields: [{ name: undefined, type: 1, typeName: '[u8; 32]', docs: [] }] });
    expect(reg.get(1).def).toEqual({ tag: 'array', len: 32, type: 2 });
    expect(reg.get(2).def).toEqual({ tag: 'primitive', name: 'u8' });
    expect(reg.size).toBe(3);
  });

  it('deduplicates by identity and by structure', () => {
    const reg = new PortableRegistry();
    const a = reg.register(fixedBytes(8));
    const b = reg.register(fixedBytes(8));
    expect(b).toBe(a);
    expect(reg.register(compactNumber(u32))).toBe(reg.register(compactNumber(u32)));
    expect(reg.register(option(u64))).toBe(reg.register(option(u64)));
    expect(reg.register(tuple())).toBe(reg.register(tuple()));
    // Different shapes stay apart.
    expect(reg.register(fixedBytes(4))).not.toBe(a);
    expect(reg.register(vec(u8))).toBe(reg.register(bytes));
    const ids = new Set(reg.all.map((t) => t.id));
    expect(ids.size).toBe(reg.size);
    reg.all.forEach((t, i) => expect(t.id).toBe(i));
  });

  it('keeps same-path types with different params apart (PerDispatchClass<T>)', () => {
    const reg = new PortableRegistry();
    const per = (t: AnyCodec) =>
      struct({ normal: t, operational: t, mandatory: t }, { path: ['frame_support', 'dispatch', 'PerDispatchClass'], params: [{ name: 'T', type: t }] });
    const x = reg.register(per(u32));
    const y = reg.register(per(u64));
    expect(x).not.toBe(y);
    expect(reg.register(per(u32))).toBe(x);
  });

  it('resolves recursive types through lazy codecs (a call containing a Vec of calls)', () => {
    let Call: Codec<unknown> | undefined;
    const CallRef = lazy(() => Call!);
    const Inner = enumeration(
      { batch: { index: 0, fields: { calls: vec(CallRef) } }, remark: { index: 1, fields: { data: bytes } } },
      { path: ['pallet_utility', 'pallet', 'Call'] },
    );
    Call = enumeration({ Utility: { index: 11, value: Inner } }, { path: ['node_subtensor_runtime', 'RuntimeCall'] });
    const reg = new PortableRegistry();
    const id = reg.register(CallRef);
    expect(reg.register(Call)).toBe(id);
    const outer = reg.get(id);
    expect(outer.def.tag).toBe('variant');
    const innerId = outer.def.tag === 'variant' ? outer.def.variants[0]!.fields[0]!.type : -1;
    const inner = reg.get(innerId);
    const seqId = inner.def.tag === 'variant' ? inner.def.variants[0]!.fields[0]!.type : -1;
    expect(reg.get(seqId).def).toEqual({ tag: 'sequence', type: id });
    // A second, separately declared Vec<RuntimeCall> is the same type.
    expect(reg.register(vec(CallRef))).toBe(seqId);
  });

  it('resolves defs given as functions, once per type', () => {
    let calls = 0;
    const codec: AnyCodec = {
      enc: () => {},
      dec: () => null,
      info: { path: ['x', 'Lazy'], def: () => (calls++, { kind: 'composite', fields: [{ name: 'a', type: u32 }] }) },
    };
    const reg = new PortableRegistry();
    reg.register(codec);
    reg.register(codec);
    expect(calls).toBe(1);
  });

  it('keeps variants in declaration order (as scale-info does) and refuses duplicate or out-of-range indices', () => {
    const reg = new PortableRegistry();
    const e: AnyCodec = {
      enc: () => {},
      dec: () => null,
      info: { def: { kind: 'variant', variants: [{ name: 'B', index: 5, fields: [] }, { name: 'A', index: 1, fields: [] }] } },
    };
    const t = reg.get(reg.register(e));
    expect(t.def.tag === 'variant' && t.def.variants.map((v) => [v.name, v.index])).toEqual([['B', 5], ['A', 1]]);
    const dup: AnyCodec = { ...e, info: { def: { kind: 'variant', variants: [{ name: 'A', index: 1, fields: [] }, { name: 'B', index: 1, fields: [] }] } } };
    expect(() => new PortableRegistry().register(dup)).toThrow(/used twice/);
    const big: AnyCodec = { ...e, info: { def: { kind: 'variant', variants: [{ name: 'A', index: 256, fields: [] }] } } };
    expect(() => new PortableRegistry().register(big)).toThrow(/not a u8/);
  });

  it('compact() merges recursive types declared twice and numbers them as one declaration would', () => {
    const makeCall = () => {
      let Call: Codec<unknown> | undefined;
      const ref = lazy(() => Call!);
      Call = enumeration(
        { batch: { index: 0, fields: { calls: vec(ref) } }, set: { index: 1, fields: { v: u64 } } },
        { path: ['rt', 'RuntimeCall'] },
      );
      return Call;
    };
    const a = makeCall();
    const b = makeCall();
    const reg = new PortableRegistry();
    const ida = reg.register(a);
    const idb = reg.register(b);
    expect(idb).not.toBe(ida); // registration alone cannot see through the recursion
    const before = reg.size;
    const map = reg.compact();
    expect(reg.size).toBeLessThan(before);
    expect(map(ida)).toBe(map(idb));
    expect(reg.register(b)).toBe(map(ida));
    const single = new PortableRegistry();
    single.register(makeCall());
    expect(reg.all).toEqual(single.all);
  });

  it('keeps an equal type met inside its own recursion as a separate (valid) entry', () => {
    // Vec<Call> registered before Call itself: the inner Vec<Call> is finished first.
    let Call: Codec<unknown> | undefined;
    const CallRef = lazy(() => Call!);
    Call = enumeration({ batch: { index: 0, fields: { calls: vec(CallRef) } } }, { path: ['rt', 'Call'] });
    const reg = new PortableRegistry();
    const outer = reg.register(vec(CallRef));
    const callId = reg.register(CallRef);
    expect(reg.get(outer).def).toEqual({ tag: 'sequence', type: callId });
    reg.all.forEach((t, i) => expect(t.id).toBe(i));
  });
});
