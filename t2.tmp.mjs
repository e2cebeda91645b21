import { TypeRegistry, Metadata } from '@polkadot/types';
import fs from 'node:fs';
import { compactFromU8a } from '@polkadot/util';
const hex = fs.readFileSync('/work/shared/reference/subtensor-metadata-v15-spec343.hex','utf8').trim();
let u8 = new Uint8Array(Buffer.from(hex.replace(/^0x/,''),'hex'));
const [off, len] = compactFromU8a(u8.subarray(1)); u8 = u8.subarray(1+off, 1+off+Number(len));
const registry = new TypeRegistry(); const md = new Metadata(registry, u8); registry.setMetadata(md);
const lookup = md.asLatest.lookup;
const want = process.argv.slice(2);
for (const t of lookup.types) {
  const p = t.type.path.map(x=>x.toString()).join('::');
  if (want.some(w => p.endsWith(w))) console.log(t.id, p, JSON.stringify(t.type.def.toJSON()), 'params', JSON.stringify(t.type.params.toJSON()));
}
