/**
 * The worker program (bundled as dist/worker.js) of both KL threading engines. One program, two modes, chosen
 * by its `workerData` (see workerProtocol.ts, which declares both protocols):
 *
 * - 'pool', a worker of `KlWorkerPool` (workerPool.ts): computes the KL sums of chunks of P and Q that live in
 *   shared memory, off the extension host's thread. On start it instantiates the WASM kernel and posts
 *   `{ type: 'ready' }` (or `{ type: 'failed', message }`); for each `PassRequest` it claims chunks of
 *   `CHUNK_LENGTH` elements one at a time from a shared counter, so that the workers balance the load between
 *   them, and posts one `ChunkMessage` per chunk (the host turns them into progress, and sums them in chunk
 *   order, exactly as the single-thread backend does), then `{ type: 'passEnd' }` when there is nothing left to
 *   claim, or when the host cancelled. P and Q are Float64Arrays on SharedArrayBuffers (the caller's, or the
 *   pool's staging ring): nothing is copied between threads. Each chunk is still copied into the kernel's own
 *   memory (the module's memory is not shared), as the single-thread backend does.
 * - 'kl-threads', the helper thread of `KlThreads` (klThreads.ts, `runKlThreadWorker`): instantiates
 *   build/kernels-shared.wasm on the shared memory it is given and computes slices where they lie, talking
 *   through shared memory only.
 *
 * One program rather than two so that a single file beside dist/core.js serves both engines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import kernelsWasm from '../../build/kernels.wasm';
import sharedKernelWasm from '../../build/kernels-shared.wasm';
import { DivergenceError } from '../core/errors';
import { CHUNK_LENGTH, WasmBackend } from './wasmBackend';
import type { SliceExports } from './sliceOps';
import { instantiateThreadKernel, runKlThreadWorker } from './klThreads';
import { CONTROL, THREAD_CONTROL, THREAD_STATE, workerModeOf, type KlThreadData, type PassRequest, type WorkerMessage } from './workerProtocol';

/** How long a worker waiting for the host's copy sleeps before it looks at the cancel flag again. */
const READY_WAIT_MS = 20;

function runPass(backend: WasmBackend, request: PassRequest, post: (m: WorkerMessage) => void): void {
  const { p, q, control, passId, exponentOffset, length, slots } = request;
  const chunkCount = Math.ceil(length / CHUNK_LENGTH);
  for (;;) {
    if (Atomics.load(control, CONTROL.cancel) !== 0) return;
    const chunk = Atomics.add(control, CONTROL.nextChunk, 1);
    if (chunk >= Math.min(chunkCount, Atomics.load(control, CONTROL.limit))) return;
    if (!waitUntilCopied(control, chunk)) return;
    const start = chunk * CHUNK_LENGTH;
    const offset = slots === 0 ? start : (chunk % slots) * CHUNK_LENGTH;
    const end = offset + Math.min(CHUNK_LENGTH, length - start);
    try {
      const sums = backend.klSums(p.subarray(offset, end), q.subarray(offset, end), exponentOffset);
      post({ type: 'chunk', passId, chunk, sums });
    } catch (e) {
      if (!(e instanceof DivergenceError) || e.code !== 'invalid-value' || e.location.index === undefined) throw e;
      lowerLimit(control, chunk);
      const array = e.location.array === 'Q' ? 'Q' : 'P';
      const value = (array === 'P' ? p : q)[offset + e.location.index]!;
      post({ type: 'chunk', passId, chunk, invalid: { array, index: start + e.location.index, value } });
    }
  }
}

/** Waits until the host has copied `chunk` into shared memory; false when the pass was cancelled meanwhile. */
function waitUntilCopied(control: Int32Array, chunk: number): boolean {
  for (;;) {
    if (Atomics.load(control, CONTROL.cancel) !== 0) return false;
    const ready = Atomics.load(control, CONTROL.ready);
    if (ready > chunk) return true;
    Atomics.wait(control, CONTROL.ready, ready, READY_WAIT_MS);
  }
}

/** No worker needs to look beyond the first chunk with an invalid value (the error names the first one). */
function lowerLimit(control: Int32Array, chunk: number): void {
  for (;;) {
    const limit = Atomics.load(control, CONTROL.limit);
    if (limit <= chunk || Atomics.compareExchange(control, CONTROL.limit, limit, chunk) === limit) return;
  }
}

/** Mode 'kl-threads': the helper thread of klThreads.ts; it talks through shared memory only. */
function klThreadsMain(data: KlThreadData): void {
  let kernel: SliceExports;
  try {
    kernel = instantiateThreadKernel(sharedKernelWasm, data);
  } catch {
    Atomics.store(data.control, THREAD_CONTROL.state, THREAD_STATE.failed);
    Atomics.notify(data.control, THREAD_CONTROL.state);
    return;
  }
  runKlThreadWorker(kernel, data);
}

/** Mode 'pool': a worker of `KlWorkerPool`, served by messages. */
function poolMain(): void {
  const port = parentPort;
  if (!port) throw new Error('worker.ts is a worker_threads program: start it with new Worker(path)');
  const post = (m: WorkerMessage): void => port.postMessage(m);
  let backend: WasmBackend;
  try {
    backend = WasmBackend.instantiateSync(kernelsWasm);
  } catch (e) {
    post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  port.on('message', (request: PassRequest) => {
    runPass(backend, request, post);
    post({ type: 'passEnd', passId: request.passId });
  });
  post({ type: 'ready' });
}

switch (workerModeOf(workerData)) {
  case 'kl-threads':
    klThreadsMain(workerData as KlThreadData);
    break;
  case 'pool':
    poolMain();
    break;
}
