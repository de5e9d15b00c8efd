/**
 * The protocol between the hosts of the KL threading engines and the worker program (worker.ts, bundled as
 * dist/worker.js): the worker's two modes, their start-up data, their messages and the layouts of the shared
 * Int32Arrays that carry the rest. Both sides import it from here, so they cannot drift apart.
 *
 * - Mode 'pool' (no `workerData`, or `workerData.mode === 'pool'`): a worker of `KlWorkerPool` (workerPool.ts).
 *   It talks by messages: `WorkerMessage` to the host, `PassRequest` from it; the chunks' progress goes through
 *   `CONTROL` slots.
 * - Mode 'kl-threads' (`workerData` is a `KlThreadData`): the helper thread of `KlThreads` (klThreads.ts). It
 *   posts no message at all: everything goes through `THREAD_CONTROL` slots and the shared rings, because the
 *   calling thread waits for it synchronously (Atomics.wait), where no message could arrive.
 */
import type { KlSums } from '../core/klDivergence';
import type { WasmMemory } from './wasmModule';

/** The worker program's two modes (see the module doc). */
export type WorkerMode = 'pool' | 'kl-threads';

/** The mode a worker was started in, from its `workerData`. */
export function workerModeOf(workerData: unknown): WorkerMode {
  return (workerData as { mode?: unknown } | null)?.mode === 'kl-threads' ? 'kl-threads' : 'pool';
}

// ---- Mode 'pool' ---------------------------------------------------------------------------------------

/** Slots of the shared Int32Array that controls one pass of the pool. */
export const CONTROL = {
  /** Non-zero: the host cancelled; workers stop before their next chunk. */
  cancel: 0,
  /** The next chunk to claim (Atomics.add). */
  nextChunk: 1,
  /** Chunks at or beyond this are not claimed: lowered to the chunk of the first invalid value seen. */
  limit: 2,
  /** Chunks below this are in shared memory: the host raises it as it copies input that was not shared. */
  ready: 3,
} as const;
export const CONTROL_SLOTS = 4;

/**
 * Host -> worker: compute the sums of every chunk of P and Q (`length` elements) you can claim, with exponent
 * offset `exponentOffset`. With `slots` = 0, `p` and `q` are the whole input; otherwise they are a ring of
 * `slots` chunks, chunk c in slot c mod `slots`.
 */
export interface PassRequest {
  readonly type: 'pass';
  readonly passId: number;
  readonly length: number;
  readonly slots: number;
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly control: Int32Array;
  readonly exponentOffset: number;
}

/** Worker -> host: one chunk's sums (`undefined`: they overflow), or its first invalid value (index in the whole input). */
export type ChunkMessage =
  | { readonly type: 'chunk'; readonly passId: number; readonly chunk: number; readonly sums: KlSums | undefined }
  | {
      readonly type: 'chunk';
      readonly passId: number;
      readonly chunk: number;
      readonly invalid: { readonly array: 'P' | 'Q'; readonly index: number; readonly value: number };
    };

/**
 * Worker -> host: `ready` once its kernel is instantiated (or `failed`), then per `PassRequest` one `chunk` per
 * chunk it claimed and one `passEnd` when nothing is left to claim or the host cancelled.
 */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | ChunkMessage
  | { readonly type: 'passEnd'; readonly passId: number };

// ---- Mode 'kl-threads' ---------------------------------------------------------------------------------

/** Slots of the shared Int32Array that controls the two threads of `KlThreads`. */
export const THREAD_CONTROL = {
  /** The helper's state: `THREAD_STATE`. */
  state: 0,
  /** Job counter: the worker waits for it to change. */
  job: 1,
  /** Slices below this are published (in the ring, or claimed by the calling thread). */
  ready: 2,
  /** Slices in the job. */
  total: 3,
  /** Elements in the job (n < 2^31). */
  length: 4,
  /** The job's pass (`SLICE_OP` of sliceOps.ts); its parameters are in `KlThreadData.params`. */
  op: 5,
  /** The last job the worker has left. */
  idle: 6,
  /** Tags of this job's slices: tag of slice c = base + c + 1 (unique across jobs, so no stale slot is read). */
  base: 7,
} as const;
export const THREAD_CONTROL_LENGTH = 8;

/** The claim word of job `job` with the slices [front, back) unclaimed (see `KlThreadData.claim`). */
export function claimWord(job: number, front: number, back: number): bigint {
  return (BigInt(job) << 32n) | BigInt(front * 0x10000 + back);
}

/** The job, front and back of a claim word. */
export function claimParts(word: bigint): { readonly job: number; readonly front: number; readonly back: number } {
  const low = Number(word & 0xffffffffn);
  return { job: Number(word >> 32n), front: low >>> 16, back: low & 0xffff };
}

/** Values of `THREAD_CONTROL.state`. */
export const THREAD_STATE = { starting: 0, ready: 1, failed: 2 } as const;

/** The helper's start-up data (its `workerData`). */
export interface KlThreadData {
  readonly mode: 'kl-threads';
  readonly slots: number;
  readonly control: Int32Array;
  /**
   * The claims, one 64-bit word so that one compareExchange takes a slice: job·2^32 + front·2^16 + back
   * (`claimWord`). The worker takes slices from the front (front + 1), the calling thread from the back
   * (back - 1); slices in [front, back) are unclaimed. A job has fewer than 2^15 slices (n < 2^31). The job
   * number in the word means that a worker still busy with an old job's slice can never claim one of the
   * next job: the calling thread need not wait for it between jobs.
   */
  readonly claim: BigInt64Array;
  /**
   * The shared memory the worker instantiates build/kernels-shared.wasm on. The ring starts at byte
   * RING_OFFSET (above the module's static data): P slices in [0, slots·SLICE_LENGTH) doubles from there,
   * Q slices after.
   */
  readonly memory: WasmMemory;
  readonly results: Float64Array;
  /** Per slot: [2s] = the tag of the slice whose results are in slot s (written last), [2s + 1] = its status. */
  readonly flags: Int32Array;
  /** The current job's parameters (PARAM_LENGTH doubles, `PARAM` of sliceOps.ts), written before the job starts. */
  readonly params: Float64Array;
}
