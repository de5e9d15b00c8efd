/**
 * A gzip file's decompressed bytes, pulled piece by piece with a synchronous call, for the command line's
 * synchronous input reading (`@data.csv.gz`): node:zlib streams only asynchronously, so a worker thread
 * runs the stream (fs.createReadStream -> zlib.createGunzip) and hands the output over through a shared
 * buffer, the two threads taking turns with Atomics.wait / Atomics.notify. Memory: the shared buffer (1 MiB)
 * and zlib's window; the file is never decompressed whole.
 *
 * A corrupt stream (not gzip, a bad block, a checksum that does not match, a file cut short) is a
 * `DivergenceError` 'parse-error' saying what zlib found and where: the compressed byte it stopped at and how
 * many bytes it had decompressed.
 */
import { Worker } from 'node:worker_threads';
import { DivergenceError } from '../core/errors';

const SHARED_BYTES = 1 << 20;
/** control[0]: whose turn it is. */
const EMPTY = 0;
const FULL = 1;
const ENDED = 2;
const FAILED = 3;
/** Longest wait for the worker with no progress before the read is given up. */
const STALL_MS = 120_000;

/**
 * The worker: streams the file through gunzip and copies each output chunk into the shared buffer (in
 * turns), then signals the end or the error (its message as UTF-8 in the buffer, with the compressed bytes
 * consumed and the bytes produced).
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const control = new Int32Array(workerData.control);
const data = new Uint8Array(workerData.data);
let produced = 0;
let finished = false;
function hand(state, bytes) {
  Atomics.wait(control, 0, ${FULL});
  data.set(bytes);
  control[1] = bytes.length;
  Atomics.store(control, 0, state);
  Atomics.notify(control, 0);
}
function fail(message) {
  if (finished) return;
  finished = true;
  const where = gunzip.bytesWritten;
  hand(${FAILED}, Buffer.from(JSON.stringify({ message, where, produced }).slice(0, ${SHARED_BYTES} / 4)));
}
const gunzip = zlib.createGunzip();
process.on('uncaughtException', (e) => fail(String(e && e.message)));
gunzip.on('data', (chunk) => {
  for (let at = 0; at < chunk.length; at += ${SHARED_BYTES}) hand(${FULL}, chunk.subarray(at, at + ${SHARED_BYTES}));
  produced += chunk.length;
});
gunzip.on('end', () => {
  if (finished) return;
  finished = true;
  hand(${ENDED}, new Uint8Array(0));
});
gunzip.on('error', (e) => fail(e.message));
const input = fs.createReadStream(workerData.path);
input.on('error', (e) => fail(e.message));
input.pipe(gunzip);
`;

export interface GunzipReader {
  /** Fills `target` from the start with the next decompressed bytes; 0 at the end of the stream. */
  read(target: Uint8Array): number;
  /** Stops the worker (also when the caller gave up mid-way). */
  close(): void;
}

/** Opens `path` for synchronous, streamed gunzip reading (see the module doc). */
export function openGunzipSync(path: string): GunzipReader {
  const controlBuffer = new SharedArrayBuffer(8);
  const dataBuffer = new SharedArrayBuffer(SHARED_BYTES);
  const control = new Int32Array(controlBuffer);
  const data = new Uint8Array(dataBuffer);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, control: controlBuffer, data: dataBuffer } });
  worker.unref();
  /** Bytes of the current hand-over not yet given out. */
  let start = 0;
  let ended = false;
  return {
    read(target: Uint8Array): number {
      if (ended) return 0;
      while (Atomics.load(control, 0) === EMPTY) {
        if (Atomics.wait(control, 0, EMPTY, STALL_MS) === 'timed-out') {
          throw new DivergenceError('unsupported-file', `the gzip stream gave nothing for ${STALL_MS / 1000} s: the decompression stalled`);
        }
      }
      const state = Atomics.load(control, 0);
      const length = control[1]!;
      if (state === FAILED) {
        ended = true;
        const { message, where, produced } = JSON.parse(new TextDecoder().decode(data.slice(0, length))) as { message: string; where: number; produced: number };
        throw new DivergenceError('parse-error', `corrupt gzip stream: ${message} (at compressed byte ${where}, after ${produced} decompressed bytes)`);
      }
      if (state === ENDED) {
        ended = true;
        return 0;
      }
      const n = Math.min(target.length, length - start);
      target.set(data.subarray(start, start + n));
      start += n;
      if (start === length) {
        start = 0;
        Atomics.store(control, 0, EMPTY);
        Atomics.notify(control, 0);
      }
      return n;
    },
    close(): void {
      void worker.terminate();
    },
  };
}
