/**
 * Sustained signed-transfer throughput: N pre-signed transfers are submitted to an in-process
 * node's pool (full validation, signature checks), authored into blocks, committed to LevelDB;
 * then a second node imports those blocks with full verification (signatures, execution, roots).
 * Also prints the single-core sr25519 verify rate measured in the same run, for the ratio.
 *
 *   npx tsx bench/transfers.ts [count=10000] [senders=1000]
 */
import '../src/node/polyfills.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sr25519_sign, sr25519_keypair_from_seed } from '@polkadot-labs/schnorrkel-wasm';
import { blake2_256 } from '../src/primitives/hashing.ts';
import { verifySr25519 } from '../src/primitives/crypto.ts';
import { utf8 } from '../src/primitives/hex.ts';
import { toSs58 } from '../src/primitives/ss58.ts';
import { signExtrinsic } from '../src/runtime/extrinsic/sign.ts';
import { Node } from '../src/node/node.ts';
import { embeddedNodeOptions, type NodeOptions } from '../src/node/options.ts';
import { decodeBlock, encodeBlock } from '../src/chain/block.ts';
import { fmt, opsPerSecond, report } from './lib.ts';

const count = Number(process.argv[2] ?? 10_000);
const senders = Number(process.argv[3] ?? 1_000);

function baseOptions(chain: string, extra: Partial<NodeOptions>): NodeOptions {
  return embeddedNodeOptions({ chain, poolLimit: count + 1000, ...extra });
}

async function main() {
  await cryptoWaitReady();
  const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = sr.addFromUri('//Alice');
  // Fast raw keypairs for the many senders (schnorrkel in WASM).
  const keys = Array.from({ length: senders }, (_, i) => {
    const kp = sr25519_keypair_from_seed(blake2_256(utf8(`bench-sender-${i}`)));
    return { secret: kp.subarray(0, 64), publicKey: kp.subarray(64, 96) };
  });
  const specDir = mkdtempSync(join(tmpdir(), 'bench-spec-'));
  const spec = JSON.parse((await import('node:fs')).readFileSync(new URL('../chain-spec/dev.json', import.meta.url), 'utf8'));
  spec.id = 'bench';
  spec.genesis.runtimeGenesis.patch.balances.balances.push(...keys.map((k) => [toSs58(k.publicKey), 1_000_000_000_000]));
  const specPath = join(specDir, 'bench.json');
  writeFileSync(specPath, JSON.stringify(spec));

  const author = await Node.start(baseOptions(specPath, { devIdentities: ['alice'], validator: true }), pino({ level: 'silent' }));
  const rt = author.rt;
  const genesisHash = author.genesisHash();
  const t0 = performance.now();
  const xts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const k = keys[i % senders]!;
    xts.push(
      signExtrinsic(
        rt.runtime,
        { pallet: 'Balances', name: 'transfer_allow_death', args: { dest: { tag: 'Id', value: alice.publicKey }, value: 1_000_000n } },
        { publicKey: k.publicKey, type: 'sr25519', sign: (m) => sr25519_sign(k.publicKey, k.secret, m) },
        { nonce: Math.floor(i / senders), genesisHash },
      ),
    );
  }
  report('pre-signing transfers (not part of the rate)', performance.now() - t0, 'ms');

  // Single-core verify rate in this run, for the ratio.
  const sample = xts[0]!;
  const dec = rt.executive.decode(sample);
  const msg = new Uint8Array(120).fill(7);
  const k0 = keys[0]!;
  const sig = sr25519_sign(k0.publicKey, k0.secret, msg);
  const verifyRate = opsPerSecond(() => verifySr25519(sig, msg, k0.publicKey));
  report('sr25519 verify, single core (schnorrkel-wasm)', verifyRate, 'verify/s');
  void dec;

  const start = performance.now();
  // Many clients submit at once: signatures are checked in parallel on the verify workers.
  for (let i = 0; i < xts.length; i += 1000) await Promise.all(xts.slice(i, i + 1000).map((xt) => author.submitExtrinsic(xt)));
  const admitted = performance.now();
  let blocks = 0;
  while (author.pool.size > 0) {
    await author.sealBlock({ finalize: true });
    blocks++;
    if (blocks > 10_000) throw new Error('pool does not drain');
  }
  const done = performance.now();
  const totalS = (done - start) / 1000;
  report('pool admission (decode, validate, verify signature)', (count * 1000) / (admitted - start), 'tx/s');
  report('block authoring + commit (from a full pool)', (count * 1000) / (done - admitted), 'tx/s');
  report(`authored end to end (${fmt(count)} transfers, ${blocks} blocks)`, count / totalS, 'tx/s');
  report('ratio to single-core verify rate', (count / totalS / verifyRate) * 100, '%');
  report('signature verify workers', author.verifyPool.size, '');

  // Import the same blocks into a fresh node: full verification of seals, signatures and roots.
  const importer = await Node.start(baseOptions(specPath, {}), pino({ level: 'silent' }));
  const encoded: Uint8Array[] = [];
  for (let n = 1; n <= author.best().number; n++) encoded.push(encodeBlock(author.block(author.blockHashAt(n)!)!));
  const i0 = performance.now();
  for (const bytes of encoded) await importer.chain.importBlock(decodeBlock(bytes));
  const i1 = performance.now();
  report(`import with full verification (${encoded.length} blocks)`, (count * 1000) / (i1 - i0), 'tx/s');
  if (importer.best().number !== author.best().number) throw new Error('importer did not reach the author\'s head');
  report('RSS after the run', process.memoryUsage().rss / 2 ** 20, 'MB');
  await importer.stop();
  await author.stop();
  rmSync(specDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
