import { TypeRegistry, Metadata } from '@polkadot/types';
import fs from 'node:fs';
import { compactFromU8a } from '@polkadot/util';
const hex = fs.readFileSync('/work/shared/reference/subtensor-metadata-v15-spec343.hex','utf8').trim();
let u8 = new Uint8Array(Buffer.from(hex.replace(/^0x/,''),'hex'));
const [off, len] = compactFromU8a(u8.subarray(1)); u8 = u8.subarray(1+off, 1+off+Number(len));
const registry = new TypeRegistry(); const md = new Metadata(registry, u8); registry.setMetadata(md);
for (const p of md.asLatest.pallets) for (const c of p.constants) {
  if (['BlockWeights','BlockLength','DbWeight'].includes(c.name.toString())) console.log(p.name.toString(), c.name.toString(), JSON.stringify(registry.createType(registry.lookup.getTypeDef(c.type).lookupName || registry.lookup.getTypeDef(c.type).type, c.value).toJSON()));
}
