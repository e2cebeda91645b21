import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
await cryptoWaitReady();
const sr = new Keyring({ type: 'sr25519', ss58Format: 42 });
const ed = new Keyring({ type: 'ed25519', ss58Format: 42 });
for (const n of ['Alice','Bob','Charlie','Dave','Eve','Ferdie','One','Two','Three']) console.log(n, sr.addFromUri('//'+n).address, ed.addFromUri('//'+n).address);
