/** The built-in chain specs: genesis hashes documented in chain-spec/README.md, raw round trip, bad specs. */
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCrypto } from '../../../src/primitives/hashing.ts';
import { verifySignature } from '../../../src/primitives/crypto.ts';
import { toHex } from '../../../src/primitives/hex.ts';
import { createRuntime } from '../../../src/runtime/runtime.ts';
import { profileByName } from '../../../src/runtime/constants.ts';
import { genesisFromStorage } from '../../../src/chain/genesis.ts';
import { ChainSpecError, chainSpecDir, genesisStorage, loadChainSpec, toRawSpec } from '../../../src/node/chain-spec.ts';
import { EMPTY_TRIE_ROOT } from '../../../src/state/trie/index.ts';

beforeAll(async () => {
  await initCrypto();
});

function genesisOf(id: string) {
  const spec = loadChainSpec(id);
  const rt = createRuntime(profileByName(spec.runtimeProfile), { verifySignature });
  return { spec, rt, genesis: genesisFromStorage(genesisStorage(spec, rt)) };
}

describe('chain specs', () => {
  const readme = readFileSync(join(chainSpecDir(), 'README.md'), 'utf8');

  for (const id of ['dev', 'local']) {
    it(`${id}: genesis hash matches the one documented in chain-spec/README.md`, () => {
      const { genesis } = genesisOf(id);
      const documented = new RegExp(`- ${id}: \`(0x[0-9a-f]{64})\``).exec(readme)?.[1];
      expect(documented).toBeDefined();
      expect(toHex(genesis.hash)).toBe(documented);
      expect(genesis.header.number).toBe(0);
      expect(toHex(genesis.header.extrinsics_root)).toBe(toHex(EMPTY_TRIE_ROOT));
    });

    it(`${id}: the raw spec gives the same genesis`, () => {
      const { spec, rt, genesis } = genesisOf(id);
      const raw = toRawSpec(spec, genesis.storage);
      const again = genesisFromStorage(genesisStorage(JSON.parse(JSON.stringify(raw)), rt));
      expect(toHex(again.hash)).toBe(toHex(genesis.hash));
      expect(raw.genesis.raw!.top['0x3a636f6465']).toBeDefined(); // `:code` exists
    });
  }

  it('dev and local differ, and local has three authorities', () => {
    expect(toHex(genesisOf('dev').genesis.hash)).not.toBe(toHex(genesisOf('local').genesis.hash));
    expect(loadChainSpec('local').genesis.runtimeGenesis!.patch.aura!.authorities).toHaveLength(3);
  });

  it('rejects missing files, bad JSON and bad addresses with clear errors', () => {
    expect(() => loadChainSpec('/nonexistent/spec.json')).toThrow(ChainSpecError);
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    try {
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{ not json');
      expect(() => loadChainSpec(bad)).toThrow(/not valid JSON/);
      const spec = loadChainSpec('dev');
      spec.genesis.runtimeGenesis!.patch.sudo = { key: 'not-an-address' };
      const badAddr = join(dir, 'addr.json');
      writeFileSync(badAddr, JSON.stringify(spec));
      const rt = createRuntime(profileByName('fast'), { verifySignature });
      expect(() => genesisStorage(loadChainSpec(badAddr), rt)).toThrow(/invalid address "not-an-address" in sudo.key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
