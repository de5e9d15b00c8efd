/**
 * What the hosts of the WebAssembly kernels (wasmBackend.ts, wasmMeasures.ts, klThreads.ts, workerPool.ts) share:
 * the slice of the WebAssembly JS API they use, the exported status codes, memory growth, and copying inputs in.
 */

/** The subset of the WebAssembly JS API used here, typed locally: src/ is compiled without the DOM lib. */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ readonly instance: { readonly exports: Record<string, unknown> } }>;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}

/** A module's memory, as the hosts use it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export const PAGE_BYTES = 65536;

export function webAssemblyApi(): WasmApi {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) throw new Error('this JavaScript runtime has no WebAssembly');
  return api;
}

/** A module's exports, instantiated synchronously (fine in Node for modules this small) with `imports`. */
export function instantiateSync(bytes: Uint8Array, imports: object = {}): Record<string, unknown> {
  const api = webAssemblyApi();
  return new api.Instance(new api.Module(bytes), imports).exports;
}

/** A module's exports, compiled and instantiated asynchronously (off the main thread where the engine can). */
export async function instantiateAsync(bytes: Uint8Array, imports: object = {}): Promise<Record<string, unknown>> {
  return (await webAssemblyApi().instantiate(bytes, imports)).instance.exports;
}

/** Throws, naming the first one missing, unless every name in `names` is an exported function. */
export function requireFunctions(exports: Record<string, unknown>, names: readonly string[]): void {
  for (const f of names) {
    if (typeof exports[f] !== 'function') throw new Error(`the kernel module does not export ${f}()`);
  }
}

/** The module's own exported memory; throws when it has none (a module built on an imported memory). */
export function exportedMemory(exports: Record<string, unknown>): WasmMemory {
  const memory = exports.memory as WasmMemory | undefined;
  if (!memory || !(memory.buffer instanceof ArrayBuffer)) throw new Error('the kernel module does not export its memory');
  return memory;
}

/** Status codes are read from the module's exported globals so that host and kernel cannot drift apart. */
export function statusCode(exports: Record<string, unknown>, name: string): number {
  const g = exports[name] as { value?: unknown } | undefined;
  if (typeof g?.value !== 'number') throw new Error(`the kernel module does not export ${name}`);
  return g.value;
}

/** Grows `memory` to at least `bytes` bytes; returns a view of its buffer (growing detaches the old one). */
export function ensureBytes(memory: WasmMemory, bytes: number): Float64Array {
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES));
  return new Float64Array(memory.buffer);
}

/** Elements per array when two arrays of `length` doubles sit after the heap base: even (Q stays 16-byte aligned), at least 1024. */
export function twoArrayCapacity(length: number): number {
  return Math.max(length + (length & 1), 1024);
}

/** target[offset + i] = source[start + i] for i in [0, length). */
export function copyInto(target: Float64Array, offset: number, source: ArrayLike<number>, start: number, length: number): void {
  if (source instanceof Float64Array || source instanceof Float32Array) {
    target.set(source.subarray(start, start + length), offset);
  } else {
    for (let i = 0; i < length; i++) target[offset + i] = source[start + i]!;
  }
}
