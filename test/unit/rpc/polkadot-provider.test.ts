/** @polkadot/api's own WsProvider against the server: its envelope and subscription routing must accept ours. */
import { WsProvider } from '@polkadot/api';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/primitives/hex.ts';
import { startHarness } from './helpers.ts';

describe('@polkadot/api WsProvider', () => {
  it('calls methods and receives chain_newHead notifications', async () => {
    const h = await startHarness();
    const provider = new WsProvider(h.ws, false);
    try {
      await provider.connect();
      await provider.isReady;
      expect(await provider.send('chain_getBlockHash', [0])).toBe(toHex(h.node.canonical[0]!));
      expect(await provider.send('system_chain', [])).toBe('Bittensor');
      await expect(provider.send('nope_nope', [])).rejects.toThrow(/-32601: Method not found/);

      const headers: { number: string }[] = [];
      const subId = await provider.subscribe('chain_newHead', 'chain_subscribeNewHead', [], (err, header: { number: string }) => {
        if (!err) headers.push(header);
      });
      for (let i = 0; i < 100 && headers.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
      h.node.importBlock();
      for (let i = 0; i < 100 && headers.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      expect(headers.map((x) => x.number)).toEqual(['0x3', '0x4']);
      expect(await provider.unsubscribe('chain_newHead', 'chain_unsubscribeNewHead', subId)).toBe(true);
    } finally {
      await provider.disconnect();
      await h.server.close();
    }
  });
});
