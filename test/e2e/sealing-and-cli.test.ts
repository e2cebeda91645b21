/**
 * Sealing modes and the command line, as a user meets them: instant sealing puts each
 * transaction in its own block, manual sealing waits for engine_createBlock, state outside the
 * pruning window is reported as discarded, and bad flags get a clear error and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { fromHex, toHex } from '../../src/primitives/hex.ts';
import { verifySignature } from '../../src/primitives/crypto.ts';
import { createRuntime, type RuntimeInstance } from '../../src/runtime/runtime.ts';
import { FAST_PROFILE } from '../../src/runtime/constants.ts';
import { signExtrinsic } from '../../src/runtime/extrinsic/sign.ts';
import { SystemStorage } from '../../src/runtime/pallets/system/storage.ts';
import { REPO_ROOT, startNode, waitFor, type JsonHeader, type NodeProcess } from '../helpers/node-process.ts';

let rt: RuntimeInstance;
let alice: KeyringPair;
let bob: KeyringPair;
let node: NodeProcess | undefined;

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  alice = keyring.addFromUri('//Alice');
  bob = keyring.addFromUri('//Bob');
  rt = createRuntime(FAST_PROFILE, { verifySignature });
});

afterEach(async () => {
  await node?.stop();
  node = undefined;
});

async function transfer(n: NodeProcess, nonce: number): Promise<string> {
  const genesis = await n.rpc<string>('chain_getBlockHash', [0]);
  const xt = signExtrinsic(
    rt.runtime,
    { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: 1_000_000_000n } },
    { publicKey: alice.publicKey, type: 'sr25519', sign: (m) => alice.sign(m) },
    { nonce, genesisHash: fromHex(genesis) },
  );
  await n.rpc('author_submitExtrinsic', [toHex(xt)]);
  return toHex(xt);
}

const bestNumber = async (n: NodeProcess) => Number((await n.rpc<JsonHeader>('chain_getHeader')).number);

describe('sealing modes', () => {
  it('instant: a block per transaction, none without', async () => {
    node = await startNode(['--dev', '--tmp', '--sealing', 'instant']);
    await new Promise((r) => setTimeout(r, 600));
    expect(await bestNumber(node)).toBe(0);
    const xt = await transfer(node, 0);
    await waitFor('block 1', async () => ((await bestNumber(node!)) === 1 ? true : undefined));
    const block = await node.rpc<{ block: { extrinsics: string[] } }>('chain_getBlock', [await node.rpc('chain_getBlockHash', [1])]);
    expect(block.block.extrinsics).toContain(xt);
    await waitFor('finality', async () => ((await node!.rpc<string>('chain_getFinalizedHead')) === (await node!.rpc<string>('chain_getBlockHash', [1])) ? true : undefined));
  });

  it('manual: blocks only on engine_createBlock; engine_finalizeBlock finalizes', async () => {
    node = await startNode(['--dev', '--tmp', '--sealing', 'manual']);
    await transfer(node, 0);
    await new Promise((r) => setTimeout(r, 500));
    expect(await bestNumber(node)).toBe(0);
    const created = await node.rpc<{ hash: string }>('engine_createBlock', [true, false]);
    expect(await bestNumber(node)).toBe(1);
    expect(created.hash).toBe(await node.rpc('chain_getBlockHash', [1]));
    await node.rpc('engine_createBlock', [true, false]);
    const two = await node.rpc<string>('chain_getBlockHash', [2]);
    expect(await node.rpc('engine_finalizeBlock', [two])).toBe(true);
    expect(await node.rpc('chain_getFinalizedHead')).toBe(two);
    await expect(node.rpc('engine_createBlock', [false, false])).rejects.toThrow(/pool is empty/);
  });

  it('keeps recent state queryable and reports pruned state clearly', async () => {
    node = await startNode(['--dev', '--tmp', '--sealing', 'manual', '--state-pruning', '3']);
    const key = toHex(SystemStorage.Account.key(bob.publicKey));
    const before = await node.rpc<string>('state_getStorage', [key]);
    await transfer(node, 0);
    await node.rpc('engine_createBlock', [true, true]);
    for (let i = 0; i < 6; i++) await node.rpc('engine_createBlock', [true, true]);
    const latest = await node.rpc<string>('state_getStorage', [key]);
    expect(latest).not.toBe(before);
    // Block 5 is within the window: its state answers; genesis is outside it.
    expect(await node.rpc('state_getStorage', [key, await node.rpc('chain_getBlockHash', [5])])).toBe(latest);
    await expect(node.rpc('state_getStorage', [key, await node.rpc('chain_getBlockHash', [0])])).rejects.toThrow(/4003: Client error: State already discarded/);
  });
});

describe('command line', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });

  it('refuses unknown and malformed flags with exit code 2 and a clear message', () => {
    const unknown = cli('--dev', '--no-such-flag');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/error: .*--no-such-flag/);
    const sealing = cli('--dev', '--sealing', 'sometimes');
    expect(sealing.status).toBe(2);
    expect(sealing.stderr).toMatch(/invalid --sealing value "sometimes"/);
    const port = cli('--dev', '--rpc-port', '70000');
    expect(port.status).toBe(2);
    expect(port.stderr).toMatch(/--rpc-port must be an integer between 0 and 65535/);
    const chain = cli('--chain', '/nowhere.json');
    expect(chain.status).toBe(2);
    expect(chain.stderr).toMatch(/chain spec not found/);
  });

  it('prints help, a raw chain spec, and inspects keys', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--sealing <mode>/);
    const raw = cli('build-spec', '--chain', 'dev', '--raw');
    expect(raw.status).toBe(0);
    const spec = JSON.parse(raw.stdout) as { genesis: { raw: { top: Record<string, string> } } };
    expect(spec.genesis.raw.top['0x3a636f6465']).toBeDefined();
    const inspect = cli('key', 'inspect', '//Alice');
    expect(inspect.status).toBe(0);
    expect(inspect.stdout).toContain('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
    const generated = cli('key', 'generate', '--output-type', 'json');
    expect(JSON.parse(generated.stdout).ss58Address).toMatch(/^5/);
  });
});
