/**
 * Signature verification on worker threads. Jobs queue up and are sent to idle workers in
 * batches, so a burst of submissions (or a block's worth of extrinsics) is verified on all
 * cores while the main thread keeps executing. Results feed the CachedVerifier, so the runtime
 * finds them already checked.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SignatureJob } from '../runtime/extrinsic/check-signed.ts';

interface Pending {
  job: SignatureJob;
  resolve: (ok: boolean) => void;
}

interface WorkerSlot {
  worker: Worker;
  busy: boolean;
  inFlight?: { id: number; items: Pending[] };
}

const MAX_BATCH = 512;

export class VerifyPool {
  private readonly workers: WorkerSlot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size = Math.max(1, Math.min(4, availableParallelism()))) {
    const url = new URL('./verify-worker.mjs', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { execArgv: [] });
      const slot: WorkerSlot = { worker, busy: false };
      worker.on('message', (msg: { id: number; results: ArrayBuffer }) => this.onResult(slot, msg));
      worker.on('error', () => this.failSlot(slot));
      worker.unref();
      this.workers.push(slot);
    }
  }

  get size(): number {
    return this.workers.length;
  }

  verify(job: SignatureJob): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  verifyAll(jobs: SignatureJob[]): Promise<boolean[]> {
    return Promise.all(jobs.map((j) => this.verify(j)));
  }

  private pump(): void {
    for (const slot of this.workers) {
      if (this.queue.length === 0) return;
      if (slot.busy) continue;
      // Spread a burst over all idle workers instead of giving the first one everything.
      const idle = this.workers.filter((w) => !w.busy).length;
      const take = Math.min(MAX_BATCH, Math.max(1, Math.ceil(this.queue.length / idle)));
      const items = this.queue.splice(0, take);
      let size = 0;
      for (const p of items) size += 101 + p.job.message.length;
      const data = new Uint8Array(size);
      const view = new DataView(data.buffer);
      let off = 0;
      for (const { job } of items) {
        data[off] = job.scheme === 'Sr25519' ? 1 : 0;
        data.set(job.signature, off + 1);
        data.set(job.publicKey, off + 65);
        view.setUint32(off + 97, job.message.length, true);
        data.set(job.message, off + 101);
        off += 101 + job.message.length;
      }
      const id = this.nextId++;
      slot.busy = true;
      slot.inFlight = { id, items };
      slot.worker.ref();
      slot.worker.postMessage({ id, count: items.length, data: data.buffer }, [data.buffer]);
    }
  }

  private onResult(slot: WorkerSlot, msg: { id: number; results: ArrayBuffer }): void {
    const flight = slot.inFlight;
    slot.busy = false;
    slot.inFlight = undefined;
    slot.worker.unref();
    if (flight && flight.id === msg.id) {
      const results = new Uint8Array(msg.results);
      flight.items.forEach((p, i) => p.resolve(results[i] === 1));
    }
    this.pump();
  }

  private failSlot(slot: WorkerSlot): void {
    // A crashed worker: its jobs count as unverified; the runtime then checks them itself.
    slot.inFlight?.items.forEach((p) => p.resolve(false));
    slot.inFlight = undefined;
    slot.busy = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve(false);
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
