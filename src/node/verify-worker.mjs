// Worker thread body for VerifyPool (plain JavaScript so it runs under any loader).
// A batch arrives packed in one buffer: per item `u8 scheme (0 ed25519, 1 sr25519) ++ 64-byte
// signature ++ 32-byte public key ++ u32 LE message length ++ message`; the answer is one byte
// per item (1 valid, 0 not).
import { parentPort } from 'node:worker_threads';
import { sr25519_verify } from '@polkadot-labs/schnorrkel-wasm';
import { cryptoWaitReady, ed25519Verify } from '@polkadot/util-crypto';

const ready = cryptoWaitReady();

function check(scheme, sig, msg, pub) {
  try {
    return scheme === 1 ? sr25519_verify(pub, msg, sig) : ed25519Verify(msg, sig, pub);
  } catch {
    return false;
  }
}

parentPort.on('message', (batch) => {
  void ready.then(() => {
    const data = new Uint8Array(batch.data);
    const view = new DataView(batch.data);
    const out = new Uint8Array(batch.count);
    let off = 0;
    for (let i = 0; i < batch.count; i++) {
      const len = view.getUint32(off + 97, true);
      out[i] = check(data[off], data.subarray(off + 1, off + 65), data.subarray(off + 101, off + 101 + len), data.subarray(off + 65, off + 97)) ? 1 : 0;
      off += 101 + len;
    }
    parentPort.postMessage({ id: batch.id, results: out.buffer }, [out.buffer]);
  });
});
