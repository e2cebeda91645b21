/**
 * SCALE encode/decode of a signed transfer with this project's codec, and signature verify rates.
 *   npx tsx bench/codec.ts
 */
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, sr25519Verify } from '@polkadot/util-crypto';
import { verifyEd25519, verifySr25519 } from '../src/primitives/crypto.ts';
import { createRuntime } from '../src/runtime/runtime.ts';
import { FAST_PROFILE } from '../src/runtime/constants.ts';
import { signExtrinsic } from '../src/runtime/extrinsic/sign.ts';
import { decodeExtrinsic, encodeSigned } from '../src/runtime/extrinsic/unchecked.ts';
import { encode } from '../src/primitives/scale/index.ts';
import { opsPerSecond, report } from './lib.ts';

await cryptoWaitReady();
const rt = createRuntime(FAST_PROFILE, { verifySignature: () => true });
const keyring = new Keyring({ type: 'sr25519' });
const alice = keyring.addFromUri('//Alice');
const bob = keyring.addFromUri('//Bob');
const call = { pallet: 'Balances', name: 'transfer_keep_alive', args: { dest: { tag: 'Id', value: bob.publicKey }, value: 12_345_678_900n } };
const xt = signExtrinsic(rt.runtime, call, { publicKey: alice.publicKey, type: 'sr25519', sign: (m) => alice.sign(m) }, { nonce: 7, genesisHash: new Uint8Array(32) });
const decoded = decodeExtrinsic(xt, rt.runtime.callCodec);

report(`signed transfer size`, xt.length, 'bytes');
report('decode signed transfer (incl. blake2 tx hash)', opsPerSecond(() => decodeExtrinsic(xt, rt.runtime.callCodec)), 'ops/s');
report('encode signed transfer (call + signed envelope)', opsPerSecond(() => encodeSigned(encode(rt.runtime.callCodec, call), decoded.signed!)), 'ops/s');

const msg = new Uint8Array(140).fill(3);
const srSig = alice.sign(msg);
const ed = new Keyring({ type: 'ed25519' }).addFromUri('//Alice');
const edSig = ed.sign(msg);
report('sr25519 verify (schnorrkel-wasm, used by the node)', opsPerSecond(() => verifySr25519(srSig, msg, alice.publicKey)), 'verify/s');
report('sr25519 verify (util-crypto pure JS, for comparison)', opsPerSecond(() => sr25519Verify(msg, srSig, alice.publicKey), 300, 3), 'verify/s');
report('ed25519 verify (util-crypto WASM)', opsPerSecond(() => verifyEd25519(edSig, msg, ed.publicKey)), 'verify/s');
