/**
 * KL sums of big inputs on two threads, synchronously: the calling thread and one helper worker (worker.ts in
 * its `kl-threads` mode) share the work slice by slice, and the call returns the same sums, bit for bit, as the
 * single-thread WASM backend (`WasmBackend.klSums`), because both add the slices' sums in the same two-level
 * tree (`KlSumTree`), whichever thread computed a slice.
 *
 * This is what makes the public `klDivergence` of dist/core.js use both cores on a 2-core machine while staying
 * a plain synchronous function. It blocks the calling thread for the duration of the call (like any
 * synchronous computation); the extension host uses the asynchronous `KlWorkerPool` instead, with progress and
 * cancellation.
 *
 * How a call runs:
 * - The worker cannot read the caller's arrays (they are not shared), so this thread copies the worker's share
 *   into a ring of `slots` shared slices and publishes them (`READY`); it keeps `LEAD` slices queued ahead of
 *   the worker. The other slices it computes itself, straight from the caller's arrays.
 * - Both threads claim slices from one shared counter (`NEXT`): the worker with Atomics.add (waiting, if it
 *   ran ahead, until the slice is published), this thread with compareExchange, so every slice is computed once.
 * - Each slice's sums go into a shared results ring; this thread adds them in slice order (`KlSumTree`), and
 *   reuses a ring slot only once the slice in it has been added. Memory: `slots` × SLICE_LENGTH × 16 bytes
 *   (16 MiB with the default 16 slots), whatever the input's length.
 * - The first invalid value (by index, P before Q) throws the same `invalid-value` error as the other
 *   backends: slices are added in order, so the first bad slice added holds the first bad value.
 * - The worker is started on first use and waited for synchronously (Atomics.wait: fine in Node, which is
 *   the only place this runs); it is `unref`ed, so it never keeps a process alive. If it cannot start, or
 *   fails, `KlThreads.start` returns undefined and the single-thread backend serves.
 */
import { Worker } from 'node:worker_threads';
import type { KlSums } from '../core/klDivergence';
import { invalidValueError } from '../core/validate';
import type { KlBackend } from './backend';
import {
  KlSumTree,
  SLICE_INVALID_INDEX,
  SLICE_INVALID_P,
  SLICE_LENGTH,
  SLICE_OK,
  SLICE_RESULT_LENGTH,
  type WasmBackend,
} from './wasmBackend';

/** Slots of the shared Int32Array that controls the two threads. */
export const THREAD_CONTROL = {
  /** 0 while the worker starts, 1 when it is ready, 2 when it failed. */
  state: 0,
  /** Job counter: the worker waits for it to change. */
  job: 1,
  /** The next slice to claim. */
  next: 2,
  /** Slices below this are published (in the ring, or claimed by the calling thread). */
  ready: 3,
  /** Slices in the job. */
  total: 4,
  /** Elements in the job (n < 2^31). */
  length: 5,
  /** The exponent offset of the job's terms. */
  offset: 6,
  /** Non-zero: stop claiming slices. */
  cancel: 7,
  /** The last job the worker has left. */
  idle: 8,
  /** Tags of this job's slices: tag of slice c = base + c + 1 (unique across jobs, so no stale slot is read). */
  base: 9,
} as const;
const CONTROL_LENGTH = 10;

/** The worker's start-up data (worker.ts reads it when `mode` is 'kl-threads'). */
export interface KlThreadData {
  readonly mode: 'kl-threads';
  readonly slots: number;
  readonly control: Int32Array;
  /** P slices in [0, slots·SLICE_LENGTH), Q slices after. */
  readonly ring: Float64Array;
  readonly results: Float64Array;
  /** Per slot: [2s] = the tag of the slice whose results are in slot s (written last), [2s + 1] = its status. */
  readonly flags: Int32Array;
}

/** Slices kept published ahead of the worker. */
const LEAD = 2;
/** Default ring length in slices (2^16 elements each). */
export const DEFAULT_SLOTS = 16;
/** How long the calling thread waits for the worker to start before it gives up on it. */
const START_TIMEOUT_MS = 10_000;

export class KlThreads implements KlBackend {
  readonly name = 'wasm';
  private readonly control: Int32Array;
  private readonly ring: Float64Array;
  private readonly results: Float64Array;
  private readonly flags: Int32Array;
  private job = 0;
  /** Tag base of the next job: grows by each job's slice count (2^31 slices would be 2^47 elements). */
  private tagBase = 0;
  private broken = false;

  private constructor(
    private readonly main: WasmBackend,
    private readonly worker: Worker,
    data: KlThreadData,
    private readonly slots: number,
  ) {
    this.control = data.control;
    this.ring = data.ring;
    this.results = data.results;
    this.flags = data.flags;
  }

  /**
   * Starts the helper worker (the bundled worker program at `workerPath`) and waits for it synchronously.
   * Returns undefined, leaving nothing running, if it does not start.
   */
  static start(main: WasmBackend, workerPath: string, slots = DEFAULT_SLOTS): KlThreads | undefined {
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
    const data: KlThreadData = {
      mode: 'kl-threads',
      slots,
      control: new Int32Array(shared(CONTROL_LENGTH * 4)),
      ring: new Float64Array(shared(2 * slots * SLICE_LENGTH * 8)),
      results: new Float64Array(shared(slots * SLICE_RESULT_LENGTH * 8)),
      flags: new Int32Array(shared(2 * slots * 4)),
    };
    let worker: Worker;
    try {
      worker = new Worker(workerPath, { workerData: data });
    } catch {
      return undefined;
    }
    worker.unref();
    worker.on('error', () => undefined); // a failure shows in the state slot or as a stalled job (see klSums)
    const state = data.control;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(state, THREAD_CONTROL.state) === 0 && Date.now() < deadline) {
      Atomics.wait(state, THREAD_CONTROL.state, 0, 50);
    }
    if (Atomics.load(state, THREAD_CONTROL.state) !== 1) {
      void worker.terminate();
      return undefined;
    }
    return new KlThreads(main, worker, data, slots);
  }

  /** Whether the helper is still usable (it is given up after a stall; see `klSums`). */
  get usable(): boolean {
    return !this.broken;
  }

  klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined {
    const n = p.length;
    const total = Math.ceil(n / SLICE_LENGTH);
    const { control, flags, results, slots } = this;
    const C = THREAD_CONTROL;
    const job = ++this.job;
    if (this.tagBase + total + 1 >= 2 ** 31) {
      // Start the tags again from 0, with no old tag left in the flags (the worker is idle between jobs).
      this.tagBase = 0;
      for (let i = 0; i < flags.length; i++) Atomics.store(flags, i, 0);
    }
    const base = this.tagBase;
    this.tagBase += total + 1;
    Atomics.store(control, C.base, base);
    Atomics.store(control, C.total, total);
    Atomics.store(control, C.length, n);
    Atomics.store(control, C.offset, exponentOffset);
    Atomics.store(control, C.next, 0);
    Atomics.store(control, C.ready, 0);
    Atomics.store(control, C.cancel, 0);
    Atomics.store(control, C.job, job);
    Atomics.notify(control, C.job);

    const tree = new KlSumTree();
    const ringQ = slots * SLICE_LENGTH;
    let copied = 0; // slices below this are published
    let combined = 0; // slices below this are added to the tree
    let invalid: { status: number; index: number } | undefined;
    let stalled = false;
    try {
      while (combined < total) {
        // Add the finished slices, in order.
        while (combined < total && Atomics.load(flags, 2 * (combined % slots)) === base + combined + 1) {
          const slot = combined % slots;
          const status = flags[2 * slot + 1]!;
          if (status !== SLICE_OK) {
            invalid = { status, index: combined * SLICE_LENGTH + results[slot * SLICE_RESULT_LENGTH + SLICE_INVALID_INDEX]! };
            break;
          }
          tree.add(results, slot * SLICE_RESULT_LENGTH);
          combined++;
        }
        if (invalid || combined >= total) break;
        const next = Atomics.load(control, C.next);
        const room = copied < total && copied - combined < slots;
        if (room && copied - next < LEAD) {
          // Keep the worker fed: copy the next slice into the ring and publish it.
          const slot = copied % slots;
          const start = copied * SLICE_LENGTH;
          const length = Math.min(SLICE_LENGTH, n - start);
          copySlice(this.ring, slot * SLICE_LENGTH, p, start, length);
          copySlice(this.ring, ringQ + slot * SLICE_LENGTH, q, start, length);
          Atomics.store(control, C.ready, ++copied);
          Atomics.notify(control, C.ready);
          continue;
        }
        if (next < total && next - combined < slots && (next < copied || (next === copied && room))) {
          // Take a slice for this thread (published, or the next one to publish: then it skips the ring).
          if (Atomics.compareExchange(control, C.next, next, next + 1) !== next) continue;
          if (next === copied) {
            Atomics.store(control, C.ready, ++copied);
            Atomics.notify(control, C.ready);
          }
          const slot = next % slots;
          const start = next * SLICE_LENGTH;
          const status = this.main.klSliceInto(p, q, start, Math.min(SLICE_LENGTH, n - start), exponentOffset, results, slot * SLICE_RESULT_LENGTH);
          flags[2 * slot + 1] = status;
          Atomics.store(flags, 2 * slot, base + next + 1);
          continue;
        }
        // Nothing to do here: wait for the worker to finish the next slice in order.
        const slot = combined % slots;
        const tag = Atomics.load(flags, 2 * slot);
        if (tag !== base + combined + 1 && Atomics.wait(flags, 2 * slot, tag, 2000) === 'timed-out' && Atomics.load(flags, 2 * slot) === tag) {
          // The helper has not finished a slice (a fraction of a millisecond of work) in 2 s: give it up and
          // compute the whole input on this thread.
          this.broken = true;
          stalled = true;
          break;
        }
      }
    } finally {
      if (combined < total) {
        Atomics.store(control, C.cancel, 1);
        Atomics.notify(control, C.ready);
      }
      this.waitIdle(job);
    }
    if (stalled) {
      void this.worker.terminate();
      return this.main.klSums(p, q, exponentOffset);
    }
    if (invalid) {
      const { status, index } = invalid;
      throw status === SLICE_INVALID_P ? invalidValueError('P', index, p[index]!) : invalidValueError('Q', index, q[index]!);
    }
    return tree.sums(exponentOffset);
  }

  /** Waits until the worker has left `job`, so that the next job's counters are not touched by it. */
  private waitIdle(job: number): void {
    const deadline = Date.now() + 2000;
    for (;;) {
      const idle = Atomics.load(this.control, THREAD_CONTROL.idle);
      if (idle === job || this.broken) return;
      if (Date.now() > deadline) {
        this.broken = true;
        return;
      }
      Atomics.wait(this.control, THREAD_CONTROL.idle, idle, 50);
    }
  }

  /** Stops the helper worker. */
  dispose(): void {
    this.broken = true;
    void this.worker.terminate();
  }
}

function copySlice(ring: Float64Array, offset: number, source: ArrayLike<number>, start: number, length: number): void {
  if (source instanceof Float64Array || source instanceof Float32Array) {
    ring.set(source.subarray(start, start + length), offset);
  } else {
    for (let i = 0; i < length; i++) ring[offset + i] = source[start + i]!;
  }
}

/**
 * The worker's side (run by worker.ts in `kl-threads` mode): claims slices, computes them from the ring with
 * its own WASM backend, and writes their sums into the results ring. Never returns.
 */
export function runKlThreadWorker(backend: WasmBackend, data: KlThreadData): never {
  const { control, ring, results, flags, slots } = data;
  const C = THREAD_CONTROL;
  const ringP = ring.subarray(0, slots * SLICE_LENGTH);
  const ringQ = ring.subarray(slots * SLICE_LENGTH);
  Atomics.store(control, C.state, 1);
  Atomics.notify(control, C.state);
  let job = 0;
  for (;;) {
    Atomics.wait(control, C.job, job);
    job = Atomics.load(control, C.job);
    const total = Atomics.load(control, C.total);
    const n = Atomics.load(control, C.length);
    const offset = Atomics.load(control, C.offset);
    const base = Atomics.load(control, C.base);
    work: for (;;) {
      if (Atomics.load(control, C.cancel) !== 0) break;
      const slice = Atomics.add(control, C.next, 1);
      if (slice >= total) break;
      for (;;) {
        const ready = Atomics.load(control, C.ready);
        if (ready > slice) break;
        if (Atomics.load(control, C.cancel) !== 0) break work;
        Atomics.wait(control, C.ready, ready, 20);
      }
      const slot = slice % slots;
      const length = Math.min(SLICE_LENGTH, n - slice * SLICE_LENGTH);
      const status = backend.klSliceInto(ringP, ringQ, slot * SLICE_LENGTH, length, offset, results, slot * SLICE_RESULT_LENGTH);
      flags[2 * slot + 1] = status;
      Atomics.store(flags, 2 * slot, base + slice + 1);
      Atomics.notify(flags, 2 * slot);
    }
    Atomics.store(control, C.idle, job);
    Atomics.notify(control, C.idle);
  }
}
