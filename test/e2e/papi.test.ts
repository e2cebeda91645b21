/**
 * polkadot-api (PAPI) against a dev node process, over the new JSON-RPC spec (chainHead_v1,
 * chainSpec_v1, transaction_v1). The `polkadot-api` umbrella package cannot be installed here
 * (it breaks `npm ci`), so this uses the sub-packages its `createClient` is built from:
 * ws-provider + ws-middleware (what `polkadot-api/ws` uses), substrate-client, observable-client
 * (chainHead$: metadata loading, storage$, validateTx$, trackTx$ with event decoding), the
 * metadata-builders dynamic codecs, and `@polkadot-api/signer` for the extrinsic.
 */
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { getObservableClient, type ChainHead$, type ObservableClient, type RuntimeContext, type SystemEvent } from '@polkadot-api/observable-client';
import { getPolkadotSigner } from '@polkadot-api/signer';
import { Blake2256 } from '@polkadot-api/substrate-bindings';
import { createClient, type SubstrateClient } from '@polkadot-api/substrate-client';
import { fromHex, mergeUint8, toHex } from '@polkadot-api/utils';
import { middleware } from '@polkadot-api/ws-middleware';
import { getWsProvider, type WebSocketClass } from '@polkadot-api/ws-provider';
import { filter, firstValueFrom, timeout, type Subscription } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startNode, type NodeProcess } from '../helpers/node-process.ts';

let node: NodeProcess;
let substrate: SubstrateClient;
let client: ObservableClient;
let chainHead: ChainHead$;
let keyring: Keyring;
let alice: KeyringPair;
let bob: KeyringPair;
const rpcMessages: string[] = [];

beforeAll(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  node = await startNode(['--dev', '--tmp']);
  const provider = getWsProvider(`ws://127.0.0.1:${node.port}`, {
    websocketClass: WebSocket as unknown as WebSocketClass,
    middleware,
    logger: (e) => {
      if (e.type === 'OUT' && rpcMessages.length < 5000) rpcMessages.push(e.msg);
    },
  });
  substrate = createClient(provider);
  client = getObservableClient(substrate);
  chainHead = client.chainHead$();
});

afterAll(async () => {
  chainHead?.unfollow();
  client?.destroy();
  await node?.stop();
});

const WAIT_MS = 30_000;

function accountBalance(ctx: RuntimeContext, value: string | null): bigint {
  const storage = ctx.dynamicBuilder.buildStorage('System', 'Account');
  const account = (value === null ? storage.fallback : storage.value.dec(value)) as { nonce: number; data: { free: bigint } };
  return BigInt(account.data.free);
}

async function freeBalanceAtFinalized(address: string): Promise<{ free: bigint; block: number }> {
  const { block, value } = await firstValueFrom(
    chainHead.storage$(null, 'value', (ctx) => ctx.dynamicBuilder.buildStorage('System', 'Account').keys.enc(address), null).pipe(timeout(WAIT_MS)),
  );
  const ctx = await firstValueFrom(chainHead.getRuntimeContext$(block.hash));
  return { free: accountBalance(ctx, value as string | null), block: block.number };
}

/** Mortal era bytes as Substrate encodes them (period rounded to a power of two, 4..65536). */
function mortalEra(period: number, current: number): Uint8Array {
  const p = Math.min(Math.max(2 ** Math.ceil(Math.log2(period)), 4), 65536);
  const phase = current % p;
  const quantize = Math.max(p >> 12, 1);
  const trailingZeros = Math.log2(p);
  const encoded = Math.min(Math.max(trailingZeros - 1, 1), 15) | (Math.floor(phase / quantize) << 4);
  return Uint8Array.of(encoded & 0xff, encoded >> 8);
}

/**
 * The signed extensions as PAPI's createTx builds them from the metadata: CheckMortality,
 * CheckNonce, ChargeTransactionPayment, CheckMetadataHash (disabled), CheckSpecVersion,
 * CheckTxVersion, CheckGenesis; every other extension encoded from `undefined`.
 */
function signedExtensions(ctx: RuntimeContext, opts: { nonce: number; genesis: string; at: { hash: string; number: number } }) {
  const { lookup, dynamicBuilder } = ctx;
  const system = lookup.metadata.pallets.find((pl) => pl.name === 'System')!;
  const versionConst = system.constants.find((c) => c.name === 'Version')!;
  const version = dynamicBuilder.buildDefinition(versionConst.type).dec(versionConst.value) as { spec_version: number; transaction_version: number };
  const out: Record<string, { identifier: string; value: Uint8Array; additionalSigned: Uint8Array }> = {};
  const empty = new Uint8Array(0);
  for (const ext of lookup.metadata.extrinsic.signedExtensions[0]!) {
    const valueEnc = dynamicBuilder.buildDefinition(ext.type).enc;
    const addEnc = dynamicBuilder.buildDefinition(ext.additionalSigned).enc;
    let value: Uint8Array;
    let additionalSigned: Uint8Array;
    switch (ext.identifier) {
      case 'CheckMortality':
        value = mortalEra(64, opts.at.number);
        additionalSigned = fromHex(opts.at.hash);
        break;
      case 'CheckNonce':
        value = valueEnc(opts.nonce);
        additionalSigned = empty;
        break;
      case 'ChargeTransactionPayment':
        value = valueEnc(0n);
        additionalSigned = empty;
        break;
      case 'CheckMetadataHash':
        value = Uint8Array.of(0);
        additionalSigned = Uint8Array.of(0);
        break;
      case 'CheckSpecVersion':
        value = empty;
        additionalSigned = addEnc(version.spec_version);
        break;
      case 'CheckTxVersion':
        value = empty;
        additionalSigned = addEnc(version.transaction_version);
        break;
      case 'CheckGenesis':
        value = empty;
        additionalSigned = fromHex(opts.genesis);
        break;
      default:
        value = valueEnc(undefined);
        additionalSigned = addEnc(undefined);
    }
    out[ext.identifier] = { identifier: ext.identifier, value, additionalSigned };
  }
  return out;
}

describe('polkadot-api against the dev node (chainHead_v1 / transaction_v1)', () => {
  it('connects through the new-spec methods and reads chain spec data', async () => {
    const spec = await substrate.getChainSpecData();
    expect(spec.name).toBe('Bittensor');
    expect(spec.genesisHash).toBe(await node.rpc<string>('chain_getBlockHash', [0]));
    expect(spec.properties).toMatchObject({ ss58Format: 42, tokenSymbol: 'TAO' });
    const finalized = await firstValueFrom(chainHead.finalized$.pipe(timeout(WAIT_MS)));
    expect(finalized.hash).toMatch(/^0x[0-9a-f]{64}$/);
    const ctx = await firstValueFrom(chainHead.getRuntimeContext$(null).pipe(timeout(WAIT_MS)));
    expect(ctx.lookup.metadata.pallets.map((pl) => pl.name)).toContain('Balances');
    const methods = rpcMessages.map((m) => (JSON.parse(m) as { method: string }).method);
    expect(methods).toContain('chainHead_v1_follow');
    expect(methods).toContain('chainHead_v1_call');
    expect(methods).not.toContain('chain_subscribeAllHeads'); // no legacy fallback
  });

  it("reads Alice's balance at the finalized block, submits a signed transfer, sees it finalized with decoded events", async () => {
    const { free: aliceFree } = await freeBalanceAtFinalized(alice.address);
    expect(aliceFree).toBeGreaterThan(0n);
    const { free: bobBefore } = await freeBalanceAtFinalized(bob.address);

    const best = await firstValueFrom(chainHead.best$.pipe(timeout(WAIT_MS)));
    const ctx = await firstValueFrom(chainHead.getRuntimeContext$(best.hash).pipe(timeout(WAIT_MS)));
    const genesis = await firstValueFrom(chainHead.genesis$.pipe(timeout(WAIT_MS)));
    const nonceBytes = await firstValueFrom(chainHead.call$(best.hash, 'AccountNonceApi_account_nonce', toHex(alice.publicKey)).pipe(timeout(WAIT_MS)));
    expect(nonceBytes.length).toBe(4);
    const nonce = new DataView(nonceBytes.buffer, nonceBytes.byteOffset).getUint32(0, true);

    const amount = 5_000_000_000n;
    const call = ctx.dynamicBuilder.buildCall('Balances', 'transfer_keep_alive');
    const callData = mergeUint8([Uint8Array.from(call.location), call.codec.enc({ dest: { type: 'Id', value: bob.address }, value: amount })]);
    const signer = getPolkadotSigner(alice.publicKey, 'Sr25519', (payload) => alice.sign(payload));
    const tx = await signer.signTx(callData, signedExtensions(ctx, { nonce, genesis, at: best }), ctx.metadataRaw, best.number);
    const txHash = toHex(Blake2256(tx));

    // PAPI validates on the tips before broadcasting.
    const validity = await firstValueFrom(chainHead.validateTx$(best.hash, tx).pipe(timeout(WAIT_MS)));
    expect(validity.success, JSON.stringify(validity, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).toBe(true);

    // Track the transaction in new blocks (bodies + System.Events) while it is broadcast.
    const subs: Subscription[] = [];
    try {
      const found = new Promise<{ hash: string; index: number; events: SystemEvent[] }>((resolve, reject) => {
        subs.push(
          chainHead.trackTx$(tx).subscribe({
            next: (b) => {
              if (b.found.type) resolve({ hash: b.hash, index: b.found.index, events: b.found.events });
            },
            error: reject,
          }),
        );
        subs.push(client.broadcastTx$(tx).subscribe({ error: reject }));
      });
      const included = await Promise.race([
        found,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`transfer ${txHash} not included`)), WAIT_MS)),
      ]);
      const inBlock = await firstValueFrom(chainHead.header$(included.hash).pipe(timeout(WAIT_MS)));
      // Finalized: a finalized block at or above its height whose chain holds it.
      await firstValueFrom(chainHead.finalized$.pipe(filter((f) => f.number >= inBlock.number), timeout(WAIT_MS)));
      expect(await node.rpc<string>('chain_getBlockHash', [inBlock.number])).toBe(included.hash);
      const bodyHashes = (await firstValueFrom(chainHead.body$(included.hash))).map((x) => toHex(Blake2256(x)));
      expect(bodyHashes[included.index]).toBe(txHash);

      const ours = included.events
        .filter((e) => e.phase.type === 'ApplyExtrinsic' && e.phase.value === included.index)
        .map((e) => `${e.event.type}.${e.event.value.type}`);
      expect(ours).toContain('Balances.Transfer');
      expect(ours.at(-1)).toBe('System.ExtrinsicSuccess');
      const transfer = included.events.find((e) => e.event.type === 'Balances' && e.event.value.type === 'Transfer')!;
      expect(transfer.event.value.value).toMatchObject({ from: alice.address, to: bob.address, amount });
    } finally {
      for (const s of subs) s.unsubscribe();
    }

    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const { free } = await freeBalanceAtFinalized(bob.address);
      if (free - bobBefore === amount) break;
      if (Date.now() > deadline) throw new Error(`Bob's finalized balance did not grow by ${amount}: ${free - bobBefore}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const methods = rpcMessages.map((m) => (JSON.parse(m) as { method: string }).method);
    expect(methods).toContain('transaction_v1_broadcast');
    expect(methods).toContain('chainHead_v1_body');
    expect(methods).toContain('chainHead_v1_storage');
  });
});
