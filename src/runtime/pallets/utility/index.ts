/** Subtensor's fork of pallet_utility (index 11): batches, derivative accounts, dispatch_as. */
import { blake2_256 } from '../../../primitives/hashing.ts';
import { concatBytes, utf8 } from '../../../primitives/hex.ts';
import { enumeration, u16, u32, vec } from '../../../primitives/scale/index.ts';
import { RuntimeCallRef } from '../../framework/call-ref.ts';
import { ensureRoot, ensureSigned, fail, type Origin } from '../../framework/dispatch.ts';
import { args, moduleErrorThrower } from '../../framework/pallet.ts';
import type { PalletDefWithHints } from '../../framework/runtime-builder.ts';
import type { RuntimeCall } from '../../framework/runtime-builder.ts';
import { AccountId32, DispatchError, DispatchResult, Weight, type AccountId } from '../../types.ts';

const BATCHED_CALLS_LIMIT = 10_922;
const errors = [
  { index: 0, name: 'TooManyCalls', docs: ['Too many calls batched.'] },
  { index: 1, name: 'InvalidDerivedAccount' },
];
const error = moduleErrorThrower({ name: 'Utility', index: 11, errors });

const RawOrigin = enumeration(
  { Root: { index: 0 }, Signed: { index: 1, value: AccountId32 }, None: { index: 2 }, Authorized: { index: 3 } },
  { path: ['frame_support', 'dispatch', 'RawOrigin'], params: [{ name: 'AccountId', type: AccountId32 }] },
);
const OriginCaller = enumeration({ system: { index: 0, value: RawOrigin } }, { path: ['node_subtensor_runtime', 'OriginCaller'] });

const BATCH_CALLS = new Set(['batch', 'batch_all', 'force_batch']);

export function isBatch(call: RuntimeCall): boolean {
  return call.pallet === 'Utility' && BATCH_CALLS.has(call.name);
}

/** Subtensor's base filter: a batch may not directly contain another batch. */
export function batchNestingAllowed(call: RuntimeCall): boolean {
  if (!isBatch(call)) return true;
  return !(call.args.calls as RuntimeCall[]).some(isBatch);
}

export function derivativeAccount(who: AccountId, index: number): AccountId {
  const idx = new Uint8Array(2);
  new DataView(idx.buffer).setUint16(0, index, true);
  return blake2_256(concatBytes(utf8('modlpy/utilisuba'), who, idx));
}

function originFromCaller(caller: { tag: string; value: { tag: string; value: unknown } }): Origin {
  const raw = caller.value;
  if (raw.tag === 'Root') return { kind: 'Root' };
  if (raw.tag === 'Signed') return { kind: 'Signed', who: raw.value as AccountId };
  return { kind: 'None' };
}

const resultOf = (ok: boolean, err?: unknown) => (ok ? { tag: 'Ok', value: [] } : { tag: 'Err', value: err });

export function utilityPallet(innerWeight: (call: RuntimeCall) => bigint): PalletDefWithHints {
  const batchWeight = (calls: RuntimeCall[]) => calls.reduce((sum, c) => sum + innerWeight(c) + 5_000_000n, 10_000_000n);
  const checkLimit = (calls: RuntimeCall[]) => {
    if (calls.length > BATCHED_CALLS_LIMIT) error('TooManyCalls');
  };
  const callsArg = args([['calls', vec(RuntimeCallRef), 'Vec<<T as Config>::RuntimeCall>']]);
  const boxed = (name: string) => [name, RuntimeCallRef, 'Box<<T as Config>::RuntimeCall>'] as [string, typeof RuntimeCallRef, string];

  return {
    name: 'Utility',
    index: 11,
    typePath: ['pallet_subtensor_utility', 'pallet'],
    // Subtensor's runtime imports the crate as `pallet_utility`; its Event does not use `T`.
    runtimeAlias: 'pallet_utility',
    typeParams: { event: [] },
    calls: [
      {
        index: 0,
        name: 'batch',
        args: callsArg,
        weight: (a) => batchWeight(a.calls),
        dispatch: (ctx, origin, a) => {
          checkLimit(a.calls);
          const calls = a.calls as RuntimeCall[];
          for (let i = 0; i < calls.length; i++) {
            const out = ctx.dispatch(origin, calls[i]!);
            if (!out.ok) {
              ctx.depositEvent('Utility', 'BatchInterrupted', { index: i, error: out.error });
              return;
            }
            ctx.depositEvent('Utility', 'ItemCompleted');
          }
          ctx.depositEvent('Utility', 'BatchCompleted');
        },
        docs: ['Send a batch of dispatch calls; stops at the first failure, keeping earlier effects.'],
      },
      {
        index: 1,
        name: 'as_derivative',
        docs: ['Send a call through an indexed pseudonym of the sender.'],
        args: args([['index', u16, 'u16'], boxed('call')]),
        weight: (a) => innerWeight(a.call) + 5_000_000n,
        dispatch: (ctx, origin, a) => {
          const who = ensureSigned(origin);
          const out = ctx.dispatch({ kind: 'Signed', who: derivativeAccount(who, a.index) }, a.call);
          if (!out.ok) fail(out.error, out.label);
        },
      },
      {
        index: 2,
        name: 'batch_all',
        args: callsArg,
        weight: (a) => batchWeight(a.calls),
        dispatch: (ctx, origin, a) => {
          checkLimit(a.calls);
          for (const call of a.calls as RuntimeCall[]) {
            const out = ctx.dispatch(origin, call);
            if (!out.ok) fail(out.error, out.label);
            ctx.depositEvent('Utility', 'ItemCompleted');
          }
          ctx.depositEvent('Utility', 'BatchCompleted');
        },
        docs: ['Send a batch of dispatch calls atomically: any failure reverts all of them.'],
      },
      {
        index: 3,
        name: 'dispatch_as',
        docs: ['Dispatches a function call with a provided origin.'],
        args: args([['as_origin', OriginCaller, 'Box<T::PalletsOrigin>'], boxed('call')]),
        weight: (a) => innerWeight(a.call) + 5_000_000n,
        dispatch: (ctx, origin, a) => {
          ensureRoot(origin);
          const out = ctx.dispatch(originFromCaller(a.as_origin), a.call);
          ctx.depositEvent('Utility', 'DispatchedAs', { result: resultOf(out.ok, out.ok ? undefined : out.error) });
        },
      },
      {
        index: 4,
        name: 'force_batch',
        args: callsArg,
        weight: (a) => batchWeight(a.calls),
        dispatch: (ctx, origin, a) => {
          checkLimit(a.calls);
          let failed = false;
          for (const call of a.calls as RuntimeCall[]) {
            const out = ctx.dispatch(origin, call);
            if (out.ok) ctx.depositEvent('Utility', 'ItemCompleted');
            else {
              failed = true;
              ctx.depositEvent('Utility', 'ItemFailed', { error: out.error });
            }
          }
          ctx.depositEvent('Utility', failed ? 'BatchCompletedWithErrors' : 'BatchCompleted');
        },
        docs: ['Send a batch of dispatch calls; failures are reported and skipped.'],
      },
      {
        index: 5,
        name: 'with_weight',
        docs: ['Dispatch a function call with a specified weight.'],
        args: args([boxed('call'), ['weight', Weight, 'Weight']]),
        weight: (a) => a.weight.ref_time,
        dispatch: (ctx, origin, a) => {
          ensureRoot(origin);
          const out = ctx.dispatch({ kind: 'Root' }, a.call);
          if (!out.ok) fail(out.error, out.label);
        },
      },
      {
        index: 6,
        name: 'if_else',
        docs: ['Dispatch a fallback call in the event the main call fails to execute.', 'May be called from any origin except `None`.'],
        args: args([boxed('main'), boxed('fallback')]),
        weight: (a) => innerWeight(a.main) + innerWeight(a.fallback) + 5_000_000n,
        dispatch: (ctx, origin, a) => {
          const main = ctx.dispatch(origin, a.main);
          if (main.ok) {
            ctx.depositEvent('Utility', 'IfElseMainSuccess');
            return;
          }
          ctx.depositEvent('Utility', 'IfElseFallbackCalled', { main_error: main.error });
          const fallback = ctx.dispatch(origin, a.fallback);
          if (!fallback.ok) fail(fallback.error, fallback.label);
        },
      },
      {
        index: 7,
        name: 'dispatch_as_fallible',
        docs: ['Dispatches a function call with a provided origin.'],
        args: args([['as_origin', OriginCaller, 'Box<T::PalletsOrigin>'], boxed('call')]),
        weight: (a) => innerWeight(a.call) + 5_000_000n,
        dispatch: (ctx, origin, a) => {
          ensureRoot(origin);
          const out = ctx.dispatch(originFromCaller(a.as_origin), a.call);
          if (!out.ok) fail(out.error, out.label);
        },
      },
    ],
    events: [
      {
        index: 0,
        name: 'BatchInterrupted',
        fields: args([['index', u32, 'u32'], ['error', DispatchError, 'DispatchError']]),
        docs: ['Batch of dispatches did not complete fully. Index of first failing dispatch given, as', 'well as the error.'],
      },
      { index: 1, name: 'BatchCompleted', fields: [], docs: ['Batch of dispatches completed fully with no error.'] },
      { index: 2, name: 'BatchCompletedWithErrors', fields: [], docs: ['Batch of dispatches completed but has errors.'] },
      { index: 3, name: 'ItemCompleted', fields: [], docs: ['A single item within a Batch of dispatches has completed with no error.'] },
      {
        index: 4,
        name: 'ItemFailed',
        fields: args([['error', DispatchError, 'DispatchError']]),
        docs: ['A single item within a Batch of dispatches has completed with error.'],
      },
      { index: 5, name: 'DispatchedAs', fields: args([['result', DispatchResult, 'DispatchResult']]), docs: ['A call was dispatched.'] },
      { index: 6, name: 'IfElseMainSuccess', fields: [], docs: ['Main call was dispatched.'] },
      { index: 7, name: 'IfElseFallbackCalled', fields: args([['main_error', DispatchError, 'DispatchError']]), docs: ['The fallback call was dispatched.'] },
    ],
    errors,
    constants: [{ name: 'batched_calls_limit', codec: u32, value: BATCHED_CALLS_LIMIT, docs: ['The limit on the number of batched calls.'] }],
  };
}

