/**
 * KL divergence of big inputs off the calling thread: a pool of `worker_threads` workers, each running the WASM
 * kernel (worker.ts), with progress and cancellation.
 *
 * How a job runs:
 * - Inputs that are Float64Arrays on SharedArrayBuffers are read by the workers where they are: nothing is
 *   copied between threads. Other inputs are copied by this thread, a quarter chunk per macrotask so that the
 *   event loop keeps turning, into a small ring of shared chunk slots (`RING_SLOTS_PER_WORKER` per worker:
 *   96 MiB for two workers, allocated on first use and kept, so its pages stay warm) that the workers consume
 *   as it fills. Copying costs ~5 ms per 1e7 doubles into memory already touched, but ~3 times that into fresh
 *   pages (page faults): a full-size shared copy of a 1e8 input would cost 1.6 GB and over a second of this
 *   thread's time. A second pass (sums far apart, see `klSumsFor`) copies the input through the ring again.
 * - The input is cut into chunks of `CHUNK_LENGTH` (2^20) elements, at the same boundaries as the
 *   single-thread WASM backend; the workers claim chunks one at a time from a shared counter (a busy core
 *   slows one worker, not the job) and post each chunk's sums. They are combined here in chunk order with the
 *   same Neumaier summation as `WasmBackend.klSums`, so the result is bit-for-bit the single-thread WASM result,
 *   whatever the number of workers and the order the chunks finish in.
 * - Cancellation sets a flag in a shared Int32Array that the workers read (Atomics.load) before each chunk:
 *   they stop within one chunk (a few ms). The promise rejects with `CancelledError` once every worker has
 *   stopped, so a cancelled job never leaves a worker busy; a worker that has not stopped after
 *   `CANCEL_GRACE_MS` is terminated and replaced.
 * - Invalid values: the first bad index over the whole input (P before Q at the same index), with the same
 *   `invalid-value` error as the single-thread backends. A worker that finds one stops the others from claiming
 *   later chunks; earlier chunks are still checked, since one of them may hold an earlier bad value.
 *
 * Jobs of one pool run one at a time, each on all the workers.
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
import { Worker } from 'node:worker_threads';
import { DivergenceError } from '../core/errors';
import { CANCEL_GRACE_MS, CancelledError, isCancelledError } from './cancelled';
import {
  klDivergence as klDivergenceTs,
  klResultFromSums,
  normalizationOffset,
  normalRangeExponents,
  rescaledResult,
  type KlOptions,
  type KlResult,
  type KlSums,
} from '../core/klDivergence';
import { powerOfTwoFactors } from '../core/distributionInput';
import { resolveBase } from '../core/logBase';
import { checkLengths, invalidValueError } from '../core/validate';
import { CHUNK_LENGTH, KlSumTree } from './wasmBackend';
import { copyInto } from './wasmModule';
import { CONTROL, CONTROL_SLOTS, type PassRequest, type WorkerMessage } from './workerProtocol';

/** Elements of P and of Q copied into the staging ring per macrotask: 2 × 2 MiB, well under a millisecond. */
const COPY_SLICE_LENGTH = CHUNK_LENGTH / 4;

/** Chunk slots of the staging ring per worker: enough that a worker never waits for this thread's copy. */
export const RING_SLOTS_PER_WORKER = 3;

// ---- The public API ---------------------------------------------------------------------------------------

export { CANCEL_GRACE_MS, CancelledError, isCancelledError };

export interface KlWorkerPoolOptions {
  /** Number of workers (default 2: the machines this targets have two cores; the calling thread mostly waits). */
  readonly size?: number;
  /** Path of the bundled worker program (dist/worker.js). */
  readonly workerPath: string;
}

export interface KlAsyncOptions extends KlOptions {
  /**
   * Called with the fraction of the work done, after each chunk: non-decreasing, in [0, 1], 1 exactly once at
   * the end of a successful job. It must not throw (what it throws is ignored).
   */
  readonly onProgress?: (fraction: number) => void;
  /** Aborting rejects the job with `CancelledError` within a few ms (at most `CANCEL_GRACE_MS` and a tick). */
  readonly signal?: AbortSignal;
}

/**
 * Values for a pool job that are not an array in memory: a file read chunk by chunk, for instance, so that a
 * 10^8-value input never has to be held whole (see `npyFileSource`). The pool asks for the values in order, one
 * ring slot at a time, while the workers compute the slots already filled.
 */
export interface ChunkSource {
  /** Number of values. */
  readonly length: number;
  /** Writes values [start, end) into target[at, at + end - start). Rejections fail the job. */
  read(start: number, end: number, target: Float64Array, at: number): Promise<void>;
  /** Releases what the source holds (an open file); called once the job has settled. */
  close?(): Promise<void>;
}

/** The core's KL result; `backend` is 'ts' only when the kernel's sums overflowed and the TS reference rescaled. */
export type PoolKlResult = Omit<KlResult, 'backend'> & { readonly backend: 'wasm-workers' | 'ts' };

export class KlWorkerPool {
  private readonly workerPath: string;
  private readonly workers: PoolWorker[];
  /** The end of the queue of jobs (never rejects). */
  private tail: Promise<unknown> = Promise.resolve();
  private passes = 0;
  private disposed = false;
  /** The staging ring for inputs not in shared memory: allocated on first use, then reused (its pages stay warm). */
  private ring: { readonly p: Float64Array; readonly q: Float64Array; readonly slots: number } | undefined;

  constructor(options: KlWorkerPoolOptions) {
    const size = options.size ?? 2;
    if (!Number.isInteger(size) || size < 1) {
      throw new DivergenceError('invalid-parameter', `the pool size must be a positive integer, not ${String(size)}`, { array: 'size' });
    }
    this.workerPath = options.workerPath;
    this.workers = Array.from({ length: size }, () => new PoolWorker(this.workerPath));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Workers still working on a pass: 0 whenever no job is running, also right after a job was cancelled. */
  get busyWorkers(): number {
    return this.workers.filter((w) => w.busy).length;
  }

  /**
   * D_KL(P‖Q) as `klDivergence` of src/compute with the WASM backend (same conventions, errors, and value to
   * the bit), computed by the pool's workers. Probability inputs only.
   *
   * @throws (rejects with) DivergenceError as the core does, and `invalid-parameter` for log or logit input;
   *   CancelledError when `options.signal` aborts; Error when the pool is disposed or a worker fails.
   */
  klDivergenceAsync(
    p: ArrayLike<number>,
    q: ArrayLike<number>,
    options: KlAsyncOptions = {},
    sources?: { readonly p: ChunkSource; readonly q: ChunkSource },
  ): Promise<PoolKlResult> {
    const { signal } = options;
    let job: Job;
    try {
      if (this.disposed) throw new Error('the KL worker pool is disposed');
      const input = options.input ?? 'prob';
      if (input !== 'prob') {
        throw new DivergenceError('invalid-parameter', `the worker pool takes probabilities only, not input '${String(input)}'`, { array: 'input' });
      }
      const base = resolveBase(options.base);
      checkLengths(p, q);
      if (signal?.aborted) throw new CancelledError();
      job = { p, q, sources, options, base, normalize: options.normalize !== false, started: false };
    } catch (e) {
      return Promise.reject(e);
    }
    const run = this.tail.then(() => this.run(job));
    this.tail = run.catch(() => undefined);
    if (!signal) return run;
    // A job still waiting for its turn rejects at once; a running one once its workers have stopped.
    return new Promise<PoolKlResult>((resolve, reject) => {
      const onAbort = (): void => {
        if (!job.started) reject(new CancelledError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /**
   * D_KL(P‖Q) as `klDivergenceAsync`, with P and Q read from sources (files) chunk by chunk into the pool's
   * staging ring: memory stays at the ring's size however long the input, and this thread only waits for reads.
   * The sources are closed when the job settles.
   *
   * @throws (rejects with) as `klDivergenceAsync`; `invalid-value` also when a sum overflows the doubles
   *   (values near 1.8e308: the TS reference would rescale, but it needs the whole arrays in memory).
   */
  klDivergenceFromSources(p: ChunkSource, q: ChunkSource, options: KlAsyncOptions = {}): Promise<PoolKlResult> {
    const closeAll = async (): Promise<void> => {
      await Promise.allSettled([p.close?.(), q.close?.()]);
    };
    const run = this.klDivergenceAsync(lengthOnly(p.length), lengthOnly(q.length), options, { p, q });
    return run.then(
      async (r) => {
        await closeAll();
        return r;
      },
      async (e: unknown) => {
        await closeAll();
        throw e;
      },
    );
  }

  /** Terminates the workers; jobs still running reject. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async run(job: Job): Promise<PoolKlResult> {
    if (job.options.signal?.aborted) throw new CancelledError();
    if (this.disposed) throw new Error('the KL worker pool is disposed');
    job.started = true;
    // Referenced while a job runs (a CLI awaiting the result must not exit), unreferenced when idle.
    for (const w of this.workers) w.ref();
    try {
      await Promise.all(this.workers.map((w) => w.ready));
      return await this.compute(job);
    } finally {
      for (const w of this.workers) w.unref();
    }
  }

  private async compute(job: Job): Promise<PoolKlResult> {
    const { p, q, options, base, normalize } = job;
    const n = p.length;
    const progress = new Progress(options.onProgress);
    const sums = await this.normalisedPasses(job, progress);
    // The kernel's sums overflowed (values near 1.8e308): the TS reference rescales, on this thread.
    if (!sums && job.sources) {
      throw new DivergenceError(
        'invalid-value',
        'a sum of P or Q overflows double precision (values near 1.8e308): rescale the data, or load it whole so that the TypeScript reference can rescale it',
      );
    }
    const result: PoolKlResult = sums
      ? { ...((await this.rescaledResult(job, sums)) ?? klResultFromSums(sums, n, base, normalize, 'wasm')), backend: 'wasm-workers' }
      : { ...klDivergenceTs(p, q, options), backend: 'ts' };
    progress.finish();
    return result;
  }

  /** The first pass and, for a normalised result whose sums differ widely, the pass with the offset of `klSumsFor`. */
  private async normalisedPasses(job: Job, progress: Progress): Promise<KlSums | undefined> {
    const chunkCount = Math.ceil(job.p.length / CHUNK_LENGTH);
    const first = await this.pass(job, 0, (done) => progress.report(done / chunkCount));
    if (!first || !job.normalize || first.infinite) return first;
    const e = normalizationOffset(first);
    if (e === 0) return first;
    const from = progress.last;
    return this.pass(job, e, (done) => progress.report(from + ((1 - from) * done) / chunkCount));
  }

  /**
   * As `klResultOf` of src/core: a normalised result whose sums are below 2^-960 is computed again from P and
   * Q scaled exactly by powers of two (`normalRangeExponents`) as they are copied into the staging ring (also
   * values read from sources), with the sums as given; `undefined` when no rescaling is needed.
   */
  private async rescaledResult(job: Job, sums: KlSums): Promise<KlResult | undefined> {
    const scale = normalRangeExponents(sums, job.normalize);
    if (!scale) return undefined;
    const scaled = await this.normalisedPasses({ ...job, scale }, new Progress(undefined));
    return scaled && rescaledResult(scaled, sums, job.p.length, job.base, 'wasm');
  }

  /**
   * One pass over all chunks with exponent offset e, on every worker: the merged sums (`undefined` when they
   * overflow). Inputs not in shared memory are copied through the staging ring meanwhile.
   */
  private pass(job: Job, exponentOffset: number, onChunks: (done: number) => void): Promise<KlSums | undefined> {
    const { p, q, options } = job;
    const signal = options.signal;
    // An abort between the passes has already fired: the listener below would never hear of it.
    if (signal?.aborted) return Promise.reject(new CancelledError());
    const n = p.length;
    const chunkCount = Math.ceil(n / CHUNK_LENGTH);
    const sources = job.sources;
    const direct = !sources && !job.scale && isShared(p) && isShared(q);
    const ring = direct ? undefined : this.stagingRing();
    const slots = ring ? ring.slots : 0;
    const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * 4));
    control[CONTROL.limit] = chunkCount;
    control[CONTROL.ready] = ring ? 0 : chunkCount;
    /** Chunks the workers are done with (their slot may be refilled), and chunks copied so far. */
    const finished = new Uint8Array(chunkCount);
    let copied = 0;
    let copying = false;
    const passId = ++this.passes;
    const chunkSums: (KlSums | undefined)[] = new Array<KlSums | undefined>(chunkCount);
    const workers = [...this.workers];
    let firstInvalid: { array: 'P' | 'Q'; index: number; value: number } | undefined;
    let done = 0;
    let ended = 0;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;

    return new Promise<KlSums | undefined>((resolve, reject) => {
      let settled = false;
      /** Copies chunks into free slots of the ring, one per macrotask; resumes as the workers free slots. */
      const pump = async (): Promise<void> => {
        if (!ring || copying) return;
        copying = true;
        while (!settled && copied < chunkCount && (copied < slots || finished[copied - slots] === 1)) {
          const start = copied * CHUNK_LENGTH;
          const end = Math.min(start + CHUNK_LENGTH, n);
          const offset = (copied % slots) * CHUNK_LENGTH - start;
          if (sources) {
            try {
              await Promise.all([sources.p.read(start, end, ring.p, start + offset), sources.q.read(start, end, ring.q, start + offset)]);
            } catch (e) {
              settle(e instanceof Error ? e : new Error(String(e)));
              break;
            }
          }
          for (let from = start; from < end && !settled && !sources; from += COPY_SLICE_LENGTH) {
            const to = Math.min(from + COPY_SLICE_LENGTH, end);
            copyInto(ring.p, from + offset, p, from, to - from);
            copyInto(ring.q, from + offset, q, from, to - from);
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
          if (settled) break;
          if (job.scale) {
            scaleRange(ring.p, start + offset, end + offset, job.scale[0]);
            scaleRange(ring.q, start + offset, end + offset, job.scale[1]);
          }
          Atomics.store(control, CONTROL.ready, ++copied);
          Atomics.notify(control, CONTROL.ready);
        }
        copying = false;
      };
      const settle = (error: unknown): void => {
        if (settled) return;
        settled = true;
        Atomics.store(control, CONTROL.cancel, 1); // stops the copy, and any worker still going (failure paths)
        Atomics.notify(control, CONTROL.ready);
        if (graceTimer) clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        for (const w of workers) w.detach();
        if (error) reject(error);
        else if (signal?.aborted) reject(new CancelledError());
        else if (firstInvalid) {
          const { array, index, value } = firstInvalid;
          reject(invalidValueError(array, index, value));
        } else resolve(mergeChunkSums(chunkSums));
      };
      const onAbort = (): void => {
        Atomics.store(control, CONTROL.cancel, 1);
        Atomics.notify(control, CONTROL.ready);
        graceTimer = setTimeout(() => {
          for (const w of workers) if (w.busy) this.replace(w);
          settle(new CancelledError());
        }, CANCEL_GRACE_MS);
      };
      const onMessage = (w: PoolWorker, m: WorkerMessage): void => {
        if (m.type === 'passEnd' && m.passId === passId) {
          w.busy = false;
          if (++ended === workers.length) settle(undefined);
        } else if (m.type === 'chunk' && m.passId === passId) {
          finished[m.chunk] = 1;
          void pump();
          if ('invalid' in m) {
            if (!firstInvalid || m.invalid.index < firstInvalid.index) firstInvalid = m.invalid;
          } else {
            chunkSums[m.chunk] = m.sums;
            onChunks(++done);
          }
        }
      };
      const onFailure = (w: PoolWorker, error: Error): void => {
        this.replace(w);
        settle(error);
      };

      signal?.addEventListener('abort', onAbort, { once: true });
      const request: PassRequest = {
        type: 'pass',
        passId,
        length: n,
        slots,
        p: ring ? ring.p : (p as Float64Array),
        q: ring ? ring.q : (q as Float64Array),
        control,
        exponentOffset,
      };
      for (const w of workers) w.start(request, onMessage, onFailure);
      void pump();
    });
  }

  private stagingRing(): { readonly p: Float64Array; readonly q: Float64Array; readonly slots: number } {
    const slots = RING_SLOTS_PER_WORKER * this.workers.length;
    if (this.ring?.slots !== slots) {
      const array = (): Float64Array => new Float64Array(new SharedArrayBuffer(slots * CHUNK_LENGTH * Float64Array.BYTES_PER_ELEMENT));
      this.ring = { p: array(), q: array(), slots };
    }
    return this.ring;
  }

  /** Terminates a worker that failed or did not stop, and puts a fresh one in its place. */
  private replace(w: PoolWorker): void {
    w.detach();
    void w.terminate();
    const i = this.workers.indexOf(w);
    if (i >= 0 && !this.disposed) this.workers[i] = new PoolWorker(this.workerPath);
  }
}

/**
 * The sums of a whole pass from the sums of its chunks, in chunk order: exactly what `WasmBackend.klSums`
 * computes from the same chunks (Neumaier summation of the per-chunk values, the same finiteness check), so a
 * pool's result equals the single-thread one to the bit. `undefined` when any chunk's sums or the total overflow.
 */
export function mergeChunkSums(chunks: readonly (KlSums | undefined)[]): KlSums | undefined {
  const tree = new KlSumTree();
  let exponentOffset = 0;
  for (const c of chunks) {
    if (!c) return undefined;
    tree.addChunk(c);
    exponentOffset = c.exponentOffset;
  }
  return tree.sums(exponentOffset);
}

// ---- Internals ----------------------------------------------------------------------------------------------

interface Job {
  /** The inputs; with `sources`, placeholders of the right length (the values come from the sources). */
  readonly p: ArrayLike<number>;
  readonly q: ArrayLike<number>;
  readonly sources: { readonly p: ChunkSource; readonly q: ChunkSource } | undefined;
  readonly options: KlAsyncOptions;
  readonly base: ReturnType<typeof resolveBase>;
  readonly normalize: boolean;
  /** P and Q are multiplied by 2^scale[0] and 2^scale[1] as they are copied into the ring (see `rescaledResult`). */
  readonly scale?: readonly [number, number];
  started: boolean;
}

/** Multiplies x[from, to) by 2^k in place: exactly, for the k of `normalRangeExponents`. */
function scaleRange(x: Float64Array, from: number, to: number, k: number): void {
  if (k === 0) return;
  const [f1, f2] = powerOfTwoFactors(k);
  for (let i = from; i < to; i++) x[i] = x[i]! * f1 * f2;
}

type MessageHandler = (w: PoolWorker, m: WorkerMessage) => void;
type FailureHandler = (w: PoolWorker, error: Error) => void;

/** One worker thread, its start-up state, and the pass it is serving. */
class PoolWorker {
  readonly ready: Promise<void>;
  busy = false;
  private readonly worker: Worker;
  private onMessage: MessageHandler | undefined;
  private onFailure: FailureHandler | undefined;
  private exited = false;

  constructor(path: string) {
    this.worker = new Worker(path);
    this.worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'failed') reject(new Error(`the KL worker could not start: ${m.message}`));
        else this.onMessage?.(this, m);
      });
      this.worker.on('error', (e) => {
        reject(e);
        this.onFailure?.(this, e);
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        const e = new Error(`the KL worker exited (code ${code})`);
        reject(e);
        this.onFailure?.(this, e);
      });
    });
    this.ready.catch(() => undefined); // reported to the job that awaits it
  }

  start(request: PassRequest, onMessage: MessageHandler, onFailure: FailureHandler): void {
    this.onMessage = onMessage;
    this.onFailure = onFailure;
    this.busy = true;
    if (this.exited) {
      onFailure(this, new Error('the KL worker has exited'));
      return;
    }
    this.worker.postMessage(request);
  }

  detach(): void {
    this.onMessage = undefined;
    this.onFailure = undefined;
  }

  ref(): void {
    this.worker.ref();
  }

  unref(): void {
    this.worker.unref();
  }

  async terminate(): Promise<void> {
    this.detach();
    await this.worker.terminate();
  }
}

/** An ArrayLike of the given length with no values: the `p` and `q` of a job whose values come from sources. */
function lengthOnly(length: number): ArrayLike<number> {
  return { length } as ArrayLike<number>;
}

function isShared(x: ArrayLike<number>): x is Float64Array {
  return x instanceof Float64Array && x.buffer instanceof SharedArrayBuffer;
}


/** Progress as the caller sees it: non-decreasing, below 1 until the job has its result. */
class Progress {
  last = 0;

  constructor(private readonly callback: ((fraction: number) => void) | undefined) {}

  report(fraction: number): void {
    const f = Math.min(fraction, 1 - Number.EPSILON);
    if (f <= this.last) return;
    this.last = f;
    this.call(f);
  }

  finish(): void {
    this.last = 1;
    this.call(1);
  }

  private call(f: number): void {
    try {
      this.callback?.(f);
    } catch {
      // A progress callback that throws must not break the job (nor the thread that runs the message loop).
    }
  }
}
