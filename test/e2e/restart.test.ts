/**
 * Persistence: restarting with the same --base-path resumes at the same head and state root
 * and keeps producing blocks; `kill -9` during authoring never leaves an inconsistent database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { initCrypto } from '../../src/primitives/hashing.ts';
import { verifySignature } from '../../src/primitives/crypto.ts';
import { toHex } from '../../src/primitives/hex.ts';
import { createRuntime } from '../../src/runtime/runtime.ts';
import { profileByName } from '../../src/runtime/constants.ts';
import { ChainDb } from '../../src/chain/db.ts';
import { Chain } from '../../src/chain/chain.ts';
import { genesisFromStorage } from '../../src/chain/genesis.ts';
import { genesisStorage, loadChainSpec } from '../../src/node/chain-spec.ts';
import { startNode, waitFor, type JsonHeader } from '../helpers/node-process.ts';

let base: string;

beforeAll(async () => {
  await initCrypto();
  base = mkdtempSync(join(tmpdir(), 'subtensor-ts-restart-'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

const bestHeader = (rpc: (m: string, p?: unknown[]) => Promise<unknown>) => rpc('chain_getHeader') as Promise<JsonHeader>;

/** Open the database in this process: Chain.open checks the best block's state root against the stored state. */
async function openAndCheck(basePath: string) {
  const spec = loadChainSpec('dev');
  const rt = createRuntime(profileByName(spec.runtimeProfile), { verifySignature });
  const genesis = genesisFromStorage(genesisStorage(spec, rt));
  const db = await ChainDb.open(join(basePath, 'chains', 'dev', 'db'));
  try {
    const chain = await Chain.open(db, rt, genesis, {
      pruningWindow: 256,
      verifySignature: (s, m, p) => verifySignature('Sr25519', s, m, p),
      logger: pino({ level: 'silent' }),
    });
    const root = toHex(chain.state.root());
    expect(root).toBe(toHex(chain.best.header.state_root));
    // Every canonical block up to the best is stored with its header.
    for (let n = 0; n <= chain.best.header.number; n++) expect(chain.canonicalHash(n)).toBeDefined();
    return { number: chain.best.header.number, hash: toHex(chain.best.hash), root };
  } finally {
    await db.close();
  }
}

describe('restart with the same base path', () => {
  it('resumes at the same head and state root, then continues', async () => {
    const dir = join(base, 'resume');
    let node = await startNode(['--dev', '--base-path', dir]);
    await waitFor('5 blocks', async () => (Number((await bestHeader(node.rpc)).number) >= 5 ? true : undefined));
    await node.stop();
    const stored = await openAndCheck(dir);

    // Manual sealing: nothing is authored, so the head must be exactly where it was.
    node = await startNode(['--dev', '--base-path', dir, '--sealing', 'manual']);
    try {
      const head = await bestHeader(node.rpc);
      expect(Number(head.number)).toBe(stored.number);
      expect(head.stateRoot).toBe(stored.root);
      expect(await node.rpc('chain_getBlockHash', [stored.number])).toBe(stored.hash);
    } finally {
      await node.stop();
    }

    node = await startNode(['--dev', '--base-path', dir]);
    try {
      const next = await waitFor('blocks to continue', async () => {
        const h = await bestHeader(node.rpc);
        return Number(h.number) > stored.number + 2 ? h : undefined;
      });
      // The new blocks extend the old chain.
      expect(await node.rpc('chain_getBlockHash', [stored.number])).toBe(stored.hash);
      expect(Number(next.number)).toBeGreaterThan(stored.number);
    } finally {
      await node.stop();
    }
  });

  it('survives kill -9 during authoring, 20 times in a row', async () => {
    const dir = join(base, 'kill');
    let lastNumber = -1;
    for (let round = 0; round < 20; round++) {
      const node = await startNode(['--dev', '--base-path', dir, '--sealing', 'interval=15']);
      // Let it author for a varying while, then kill it without warning.
      const target = lastNumber + 3 + (round % 4);
      await waitFor('blocks to be authored', async () => (Number((await bestHeader(node.rpc)).number) >= target ? true : undefined), 20_000, 5);
      await new Promise((r) => setTimeout(r, (round * 7) % 40));
      await node.stop('SIGKILL');
      const { number } = await openAndCheck(dir);
      expect(number).toBeGreaterThanOrEqual(lastNumber);
      lastNumber = number;
    }
    expect(lastNumber).toBeGreaterThan(40);
  }, 240_000);
});
