import { TypeRegistry, Metadata } from '@polkadot/types';
import fs from 'node:fs';
import { compactFromU8a } from '@polkadot/util';
const hex = fs.readFileSync('/work/shared/reference/subtensor-metadata-v15-spec343.hex','utf8').trim();
let u8 = new Uint8Array(Buffer.from(hex.replace(/^0x/,''),'hex'));
const [off, len] = compactFromU8a(u8.subarray(1)); u8 = u8.subarray(1+off, 1+off+Number(len));
const registry = new TypeRegistry(); const md = new Metadata(registry, u8); registry.setMetadata(md);
const lookup = md.asLatest.lookup;
for (const id of process.argv.slice(2)) { const t = lookup.types[Number(id)]; console.log(id, t.type.path.map(String).join('::'), JSON.stringify(t.type.def.toJSON()).slice(0,300), JSON.stringify(t.type.params.toJSON())); }
const x = md.asLatest.extrinsic; console.log(JSON.stringify(x.toJSON()).slice(0,1500));
