/**
 * The passes of every discrete measure's WASM path (sliceOps.ts: KL; the scans and terms of entropy and
 * cross-entropy; the scan and the terms of JS, TV, Hellinger and Bhattacharyya) over big inputs on two threads,
 * synchronously: the calling thread and one helper worker (worker.ts in its `kl-threads` mode) share the work
 * slice by slice, and each slice's results are handed on in slice order, exactly as the single-thread hosts
 * do (`WasmHost.runSlices`), so every measure gives the same result, bit for bit, whichever thread computed a
 * slice. (The name is historical: KL came first.)
 *
 * This is what makes the public measures of dist/core.js use both cores on a 2-core machine while staying
 * plain synchronous functions. It blocks the calling thread for the duration of the call (like any
 * synchronous computation); the extension host uses the asynchronous `KlWorkerPool` instead, with progress and
 * cancellation.
 *
 * How a call runs:
 * - The worker cannot read the caller's arrays (they are not shared), so this thread copies the worker's share
 *   into a ring of `slots` slices and publishes them (`READY`), keeping `LEAD` slices queued ahead of the
 *   worker (P only for the entropy passes). The ring lies in a shared WebAssembly memory on which the worker
 *   has instantiated the kernels (build/kernels-shared.wasm, the same source as build/kernels.wasm): it
 *   computes each slice where it lies, with no second copy. The job's pass and its parameters (`PARAM`) go
 *   through the control words and a small shared array; each thread hands the parameters its kernels keep in
 *   globals (the pair measures' scale) to its own instance before its first slice (`prepareSliceOp`). This thread computes its own share with its own backend (a copy of each slice
 *   into its module's memory, as the single-thread backend does).
 * - The worker takes slices from the front and this thread from the back, both through one compareExchange on
 *   a packed claim word, so every slice is claimed once and the two meet wherever their speeds put them (a
 *   slice is computed twice only when this thread stops waiting for a late worker: see `runSlices`).
 * - The worker's sums go into a shared results ring, this thread's into an array of its own; this thread adds
 *   them in slice order (`KlSumTree`) and reuses a ring slot only once the slice in it has been added.
 *   Memory: `slots` × SLICE_LENGTH × 16 bytes (8 MiB with the default 8 slots) and the module's 64 KiB of
 *   static data, whatever the input's length.
 * - The first invalid value (by index, P before Q) throws the same `invalid-value` error as the other
 *   backends: slices are added in order, so the first bad slice added holds the first bad value.
 * - This thread never waits for the worker for longer than about one slice (see `runSlices`): on a machine
 *   whose cores are busy with other work, the worker may not run for many milliseconds, and waiting for it at
 *   the end of every pass (and for it to leave a job before the next) made two threads slower than one.
 * - The worker is started by `init()` without blocking (`startAsync`), or else on first use and waited for
 *   synchronously (`start`, Atomics.wait: fine in Node, which is the only place this runs); it is `unref`ed,
 *   so it never keeps a process alive. If it cannot start, both return undefined and the single-thread backend
 *   serves; if it exits later, the runtime stops using it (`usable`).
 *
 * Measured against the other engine (2 cores, AMD EPYC, shared and loaded, Node 20; each case in its own
 * process, 12 runs interleaved, min / median wall time, the process's peak RSS with the inputs; same value to
 * the bit everywhere):
 * - 10^7 values in memory: klThreads 88 / 256 ms, 222 MiB; the pool 360 / 532 ms, 320 MiB (input copied
 *   through its ring), 186 / 364 ms, 376 MiB (input already on SharedArrayBuffers, 6 runs);
 * - two .npy files of 10^7 values: read whole + klThreads 264 / 475 ms, 221 MiB; the pool reading chunk by
 *   chunk 235 / 499 ms, 166 MiB;
 * - two .npy files of 5·10^7 values: read whole + klThreads 1378 / 2300 ms, 832 MiB; the pool 899 / 1234 ms,
 *   167 MiB.
 * So each engine earns its place: for arrays in memory klThreads is 2-4x faster and smaller, but blocks its
 * caller; for files the pool keeps memory at its ring's size whatever the length, is 1.5-1.9x faster at
 * 5·10^7 (reading overlaps computing), and gives progress and cancellation.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { KlSums } from '../core/klDivergence';
import type { KlBackend } from './backend';
import { SLICE_LENGTH } from './chunking';
import {
  PARAM,
  PARAM_LENGTH,
  prepareSliceOp,
  runSliceOp,
  SLICE_OK,
  SLICE_OP,
  SLICE_RESULT_LENGTH,
  sliceError,
  sliceExports,
  sliceOpReadsQ,
  type SliceExports,
  type SliceOp,
  type SliceRunner,
} from './sliceOps';
import { klSumsBy, type WasmBackend } from './wasmBackend';
import { runMvnFactorJob, MVN_FACTOR_OP, type AsideRegion } from './mvnThreads';
import { copyInto, ensureBytes, instantiateSync, PAGE_BYTES, webAssemblyApi, type WasmMemory } from './wasmModule';
import { claimParts, claimWord, THREAD_CONTROL, THREAD_CONTROL_LENGTH, THREAD_STATE, type KlThreadData } from './workerProtocol';

/** Slices kept published ahead of the worker. */
const LEAD = 3;
/** Most slices in one job (the claim word holds two 16-bit counts). */
const MAX_SLICES = 2 ** 15 - 1;
/** Default ring length in slices (2^16 elements each): 8 MiB, which stays in the L3 cache the two cores share. */
export const DEFAULT_SLOTS = 8;
/** Byte offset of the ring in the shared memory: the kernel's static data (~3 KiB) lies below. */
export const RING_OFFSET = PAGE_BYTES;
/** The shared memory's maximum in pages (that of the module's memory import: `--maximumMemory` in package.json). */
export const SHARED_MEMORY_MAX_PAGES = 2048;
/** How long the calling thread waits for the worker to start before it gives up on it. */
const START_TIMEOUT_MS = 10_000;

export class KlThreads implements KlBackend, SliceRunner {
  readonly name = 'wasm';
  private readonly control: Int32Array;
  private readonly claim: BigInt64Array;
  private readonly ring: Float64Array;
  private readonly results: Float64Array;
  private readonly flags: Int32Array;
  private readonly params: Float64Array;
  private readonly memory: WasmMemory;
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
    this.claim = data.claim;
    worker.once('exit', () => (this.broken = true));
    this.ring = new Float64Array(data.memory.buffer, RING_OFFSET, 2 * slots * SLICE_LENGTH);
    this.results = data.results;
    this.flags = data.flags;
    this.params = data.params;
    this.memory = data.memory;
  }

  /**
   * Starts the helper worker (the bundled worker program at `workerPath`) and waits for it synchronously.
   * Returns undefined, leaving nothing running, if it does not start.
   */
  static start(main: WasmBackend, workerPath: string, slots = DEFAULT_SLOTS): KlThreads | undefined {
    const started = KlThreads.spawn(workerPath, slots);
    if (!started) return undefined;
    const state = started.data.control;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(state, THREAD_CONTROL.state) === THREAD_STATE.starting && Date.now() < deadline) {
      Atomics.wait(state, THREAD_CONTROL.state, THREAD_STATE.starting, 50);
    }
    return KlThreads.ready(main, started, slots);
  }

  /** `start` without blocking: polls the worker's state every few milliseconds (for `init()`). */
  static async startAsync(main: WasmBackend, workerPath: string, slots = DEFAULT_SLOTS): Promise<KlThreads | undefined> {
    const started = KlThreads.spawn(workerPath, slots);
    if (!started) return undefined;
    let failed = false;
    started.worker.once('error', () => (failed = true));
    const state = started.data.control;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Atomics.load(state, THREAD_CONTROL.state) === THREAD_STATE.starting && !failed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return KlThreads.ready(main, started, slots);
  }

  private static spawn(workerPath: string, slots: number): { data: KlThreadData; worker: Worker } | undefined {
    // A missing program would only show as an 'error' event, which a synchronous start cannot see.
    if (!existsSync(workerPath)) return undefined;
    const shared = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
    let data: KlThreadData;
    let worker: Worker;
    try {
      const pages = Math.ceil((RING_OFFSET + 2 * slots * SLICE_LENGTH * 8) / PAGE_BYTES);
      data = {
        mode: 'kl-threads',
        slots,
        control: new Int32Array(shared(THREAD_CONTROL_LENGTH * 4)),
        claim: new BigInt64Array(shared(8)),
        memory: new (webAssemblyApi().Memory)({ initial: pages, maximum: Math.max(pages, SHARED_MEMORY_MAX_PAGES), shared: true }),
        results: new Float64Array(shared(slots * SLICE_RESULT_LENGTH * 8)),
        flags: new Int32Array(shared(2 * slots * 4)),
        params: new Float64Array(shared(PARAM_LENGTH * 8)),
      };
      worker = new Worker(workerPath, { workerData: data });
    } catch {
      return undefined;
    }
    worker.unref();
    worker.on('error', () => undefined); // a failure shows in the state slot, or as the worker's exit (see `usable`)
    return { data, worker };
  }

  /** The started helper once its state says ready, else undefined (and the worker stopped). */
  private static ready(main: WasmBackend, started: { data: KlThreadData; worker: Worker }, slots: number): KlThreads | undefined {
    if (Atomics.load(started.data.control, THREAD_CONTROL.state) !== THREAD_STATE.ready) {
      void started.worker.terminate();
      return undefined;
    }
    return new KlThreads(main, started.worker, started.data, slots);
  }

  /** Whether the helper is still usable (it is given up once its worker has exited). */
  get usable(): boolean {
    return !this.broken;
  }

  klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined {
    return klSumsBy(this, p, q, exponentOffset);
  }

  /**
   * Runs pass `op` over P and Q on both threads and hands each slice's results to `add` in slice order, as
   * the single-thread `WasmHost.runSlices` does (so the same result, bit for bit). The calling thread computes
   * its slices with `main`, whose instance holds the same kernels.
   *
   * This thread never waits long for the worker: when every slice is claimed and the next one in order is
   * the worker's, it waits about as long as it takes itself for a slice, then computes that slice too (the
   * same kernel call on the same values, so the same results) and goes on. A worker without a core (other
   * processes hold it) then costs a slice at most, not the time until the scheduler runs it; and the next job
   * starts without waiting for the worker to leave this one (the claim word carries the job's number).
   *
   * @throws DivergenceError `invalid-value` for the first invalid value of a scan (P before Q at an index).
   */
  runSlices(op: SliceOp, p: ArrayLike<number>, q: ArrayLike<number>, params: Float64Array, add: (out: Float64Array, at: number) => void): void {
    const n = p.length;
    const total = Math.ceil(n / SLICE_LENGTH);
    if (total > MAX_SLICES) return this.main.runSlices(op, p, q, params, add);
    const { control, claim, flags, results, slots } = this;
    const readsQ = sliceOpReadsQ(op);
    this.params.set(params.subarray(0, PARAM_LENGTH));
    this.main.prepareSlices(op, params);
    const C = THREAD_CONTROL;
    this.startJob(op, n, total);
    const base = Atomics.load(control, C.base);
    const ringQ = slots * SLICE_LENGTH;
    // This thread's slices: their sums and status, by slice.
    const mine = new Float64Array(total * SLICE_RESULT_LENGTH);
    const mineDone = new Int8Array(total);
    const mineStatus = new Int8Array(total);
    const computeHere = (slice: number): void => {
      const start = slice * SLICE_LENGTH;
      mineStatus[slice] = this.main.sliceInto(op, p, q, start, Math.min(SLICE_LENGTH, n - start), params, mine, slice * SLICE_RESULT_LENGTH);
      mineDone[slice] = 1;
    };
    let copied = 0; // front slices below this are published in the ring
    let combined = 0; // slices below this are added to the tree
    let sliceMs = 0; // how long this thread took for its last slice
    let waitedMs = 0; // how long it has waited for the worker's slice `combined`
    let invalid: Error | undefined;
    while (combined < total) {
      // Add the finished slices, in order.
      for (;;) {
        if (combined >= total) break;
        let status: number;
        let from: Float64Array;
        let at: number;
        if (mineDone[combined] === 1) {
          status = mineStatus[combined]!;
          from = mine;
          at = combined * SLICE_RESULT_LENGTH;
        } else if (Atomics.load(flags, 2 * (combined % slots)) === base + combined + 1) {
          const slot = combined % slots;
          status = flags[2 * slot + 1]!;
          from = results;
          at = slot * SLICE_RESULT_LENGTH;
        } else break;
        if (status !== SLICE_OK) {
          invalid = sliceError(status, combined * SLICE_LENGTH, from, at, p, q);
          break;
        }
        add(from, at);
        combined++;
        waitedMs = 0;
      }
      if (invalid || combined >= total) break;
      const word = Atomics.load(claim, 0);
      const { front, back } = claimParts(word);
      if (copied < back && copied - front < LEAD && copied - combined < slots) {
        // Keep the worker fed: copy the next front slice into the ring and publish it.
        const slot = copied % slots;
        const start = copied * SLICE_LENGTH;
        const length = Math.min(SLICE_LENGTH, n - start);
        copyInto(this.ring, slot * SLICE_LENGTH, p, start, length);
        if (readsQ) copyInto(this.ring, ringQ + slot * SLICE_LENGTH, q, start, length);
        Atomics.store(control, C.ready, ++copied);
        Atomics.notify(control, C.ready);
        continue;
      }
      if (front < back) {
        // Take the last unclaimed slice, and compute it from the caller's arrays.
        if (Atomics.compareExchange(claim, 0, word, word - 1n) !== word) continue;
        const started = performance.now();
        computeHere(back - 1);
        sliceMs = performance.now() - started;
        continue;
      }
      // Everything is claimed: the next slice in order is the worker's. Wait for it about a slice's time.
      const slot = combined % slots;
      const tag = Atomics.load(flags, 2 * slot);
      if (tag !== base + combined + 1 && waitedMs < sliceMs) {
        const started = performance.now();
        Atomics.wait(flags, 2 * slot, tag, sliceMs - waitedMs);
        waitedMs += performance.now() - started;
      } else if (tag !== base + combined + 1) computeHere(combined);
    }
    // Close the job (job 0 is no job): a worker still in it stops claiming slices (after an invalid value), or
    // waiting for the copy of one this thread has computed itself.
    Atomics.store(claim, 0, claimWord(0, 0, 0));
    Atomics.notify(control, C.ready);
    if (invalid) throw invalid;
  }

  /** The shared memory after the ring, grown to `bytes` bytes, for a job of `postAside`; undefined if it cannot grow. */
  asideRegion(bytes: number): AsideRegion | undefined {
    const offset = asideOffset(this.slots);
    try {
      ensureBytes(this.memory, offset + bytes);
    } catch {
      return undefined;
    }
    return { buffer: this.memory.buffer, offset };
  }

  /** Starts the helper's job `op` (`MVN_FACTOR_OP`), which finds its parameters in the aside region. */
  postAside(op: number): void {
    this.startJob(op as SliceOp, 0, 0);
  }

  /** Publishes a job of pass `op` over n elements in `total` slices: its number, tags, counters and claim word. */
  private startJob(op: SliceOp, n: number, total: number): void {
    const { control, flags } = this;
    const C = THREAD_CONTROL;
    if (this.tagBase + total + 1 >= 2 ** 31) {
      // Start the tags again from 0, with no old tag left in the flags: once the worker has left every job.
      this.waitIdle(this.job);
      this.tagBase = 0;
      for (let i = 0; i < flags.length; i++) Atomics.store(flags, i, 0);
    }
    const job = (this.job % 2 ** 30) + 1;
    this.job = job;
    Atomics.store(control, C.base, this.tagBase);
    this.tagBase += total + 1;
    Atomics.store(control, C.total, total);
    Atomics.store(control, C.length, n);
    Atomics.store(control, C.op, op);
    Atomics.store(control, C.ready, 0);
    Atomics.store(this.claim, 0, claimWord(job, 0, total));
    Atomics.store(control, C.job, job);
    Atomics.notify(control, C.job);
  }

  /** Waits until the worker has left `job` (given up after 2 s: the helper is then not used again). */
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

/**
 * The worker's side (run by worker.ts in `kl-threads` mode): claims slices and computes each where it lies in
 * the ring, with `kernel`, build/kernels-shared.wasm instantiated on `data.memory`, writing their sums into the
 * results ring. Never returns.
 */
export function runKlThreadWorker(kernel: SliceExports, data: KlThreadData): never {
  const { control, claim, results, flags, slots, params } = data;
  const C = THREAD_CONTROL;
  const ringQ = RING_OFFSET + slots * SLICE_LENGTH * 8;
  Atomics.store(control, C.state, THREAD_STATE.ready);
  Atomics.notify(control, C.state);
  let job = 0;
  for (;;) {
    Atomics.wait(control, C.job, job);
    job = Atomics.load(control, C.job);
    const n = Atomics.load(control, C.length);
    const op = Atomics.load(control, C.op) as SliceOp;
    const base = Atomics.load(control, C.base);
    if ((op as number) === MVN_FACTOR_OP) runMvnFactorJob(kernel, data.memory, asideOffset(slots));
    else prepareSliceOp(kernel, op, params);
    work: for (;;) {
      // Take the first unclaimed slice of this job (front + 1 in the claim word).
      const word = Atomics.load(claim, 0);
      const { job: owner, front, back } = claimParts(word);
      if (owner !== job || front >= back) break;
      if (Atomics.compareExchange(claim, 0, word, word + 0x10000n) !== word) continue;
      const slice = front;
      for (;;) {
        const ready = Atomics.load(control, C.ready);
        if (ready > slice) break;
        // The calling thread has finished the job without this slice (computed it itself, or hit an invalid value).
        if (claimParts(Atomics.load(claim, 0)).job !== job) break work;
        Atomics.wait(control, C.ready, ready, 20);
      }
      const slot = slice % slots;
      const length = Math.min(SLICE_LENGTH, n - slice * SLICE_LENGTH);
      const bytes = slot * SLICE_LENGTH * 8;
      const status = runSliceOp(kernel, op, RING_OFFSET + bytes, ringQ + bytes, slice * SLICE_LENGTH, length, params, results, slot * SLICE_RESULT_LENGTH);
      flags[2 * slot + 1] = status;
      Atomics.store(flags, 2 * slot, base + slice + 1);
      Atomics.notify(flags, 2 * slot);
    }
    Atomics.store(control, C.idle, job);
    Atomics.notify(control, C.idle);
  }
}

/** Byte offset of the aside region (`KlThreads.asideRegion`): after the P and Q rings. */
function asideOffset(slots: number): number {
  return RING_OFFSET + 2 * slots * SLICE_LENGTH * 8;
}

/**
 * Instantiates build/kernels-shared.wasm (`bytes`) on the shared memory of `data` and warms it up in the
 * ring's first slot (which the calling thread does not touch before the first job), for the worker. Throws when
 * the module does not fit the protocol (its static data reaching into the ring, an export missing).
 */
export function instantiateThreadKernel(bytes: Uint8Array, data: KlThreadData): SliceExports {
  const exports = instantiateSync(bytes, { env: { memory: data.memory } });
  const heapBase = exports.heapBase as (() => number) | undefined;
  if (typeof heapBase !== 'function' || heapBase() > RING_OFFSET) throw new Error('the shared kernel module does not fit below the ring');
  const kernel = sliceExports(exports);
  const length = 4096;
  const heap = new Float64Array(data.memory.buffer, RING_OFFSET, 2 * length);
  for (let i = 0; i < 2 * length; i++) heap[i] = 1 + (i % 7);
  const out = new Float64Array(SLICE_RESULT_LENGTH);
  const params = new Float64Array(PARAM_LENGTH);
  params[PARAM.total] = 3 * length;
  params[PARAM.exclude] = 5;
  params.set([0.25, 0.25, 1.5, 0, 0.25, 0.25, 1.25, 0, 0.1], PARAM.scale);
  for (let round = 0; round < 8; round++) {
    for (const op of Object.values(SLICE_OP)) {
      prepareSliceOp(kernel, op, params);
      runSliceOp(kernel, op, RING_OFFSET, RING_OFFSET + 8 * length, 0, length, params, out, 0);
    }
  }
  return kernel;
}
