/**
 * The compute runtime: everything of dist/core.js that has a lifecycle. The WASM instances (the KL, entropy and
 * cross-entropy kernel, and the pair measures' own instance), whether and how they were initialised, the
 * helper thread of the two-thread KL path (klThreads.ts) and its configuration, and the status line. One
 * object owns it all (`ComputeRuntime`); the public functions (`init`, `initSync`, `configureThreads`, …) act
 * on the module's instance, `computeRuntime`. Which measure goes to which backend is dispatch.ts's business.
 *
 * States of the WASM backend (`state`):
 * - 'not-initialised': nothing asked for it yet; the TypeScript reference serves.
 * - 'initialising': `init()` is compiling the module asynchronously; the TypeScript reference serves meanwhile.
 * - 'ready': instantiated (by `init()`, `initSync()`, or the first call that wants WASM: see `demandWasm`).
 * - 'failed': it could not be instantiated; the TypeScript reference serves and `status` says why.
 *
 * States of the helper thread (`helper`):
 * - 'none': not started (threads disabled, WASM not ready, no worker program, or not asked for yet);
 * - 'running': started and usable;
 * - it is started once per configuration: eagerly by `init()` (the default), or by the first KL call of
 *   `threadMinLength` elements or more (`init({ threads: 'lazy' })`, or no `init()` at all). A new `workerPath`
 *   (`configureThreads`) stops it and allows one new start from the new program; a helper still starting for
 *   an older configuration is stopped when it arrives.
 */
import kernelsWasm from '../../build/kernels.wasm';
import type { KlBackend } from './backend';
import { helperThreadParts } from './helperThreads';
import type { AsideJobs } from './mvnThreads';
import type { SliceRunner } from './sliceOps';
import { WasmBackend } from './wasmBackend';
import { WasmMeasures } from './wasmMeasures';

/**
 * With `backend: 'auto'`, inputs of at least this many elements go to WASM. The threshold is not about speed
 * (WASM is ahead from about 16 elements: 0.8 µs against 1.5 µs, and 4x ahead at 512), but below it both take
 * under 50 µs, so the small inputs people check by hand against SciPy go through the TypeScript reference,
 * the implementation the documentation describes line by line.
 */
export const WASM_MIN_LENGTH = 512;

/**
 * With `backend: 'auto'` or 'wasm', KL over inputs of at least this many elements runs on two threads (this
 * one and a helper worker, see klThreads.ts) when the bundled worker program (dist/worker.js) is beside this
 * module: the same sums bit for bit, about half the time on two cores.
 */
export const THREAD_MIN_LENGTH = 1 << 20;

/** Options of `configureThreads`. */
export interface ThreadOptions {
  /** false: never use the helper thread (the single-thread WASM kernel serves). */
  readonly enabled?: boolean;
  /** The bundled worker program (default: worker.js beside this module, i.e. dist/worker.js). */
  readonly workerPath?: string;
  /** Inputs of at least this many elements use the helper thread (default THREAD_MIN_LENGTH). */
  readonly minLength?: number;
}

/** Options of `init`. */
export interface InitOptions {
  /**
   * 'eager' (default): also start the helper thread of the two-thread KL path (when threads are enabled and
   * dist/worker.js is there), so that the first large call does not pay for its start (~50-100 ms). 'lazy':
   * start it on the first KL call of THREAD_MIN_LENGTH or more elements.
   */
  readonly threads?: 'eager' | 'lazy';
}

export type RuntimeState = 'not-initialised' | 'initialising' | 'ready' | 'failed';

/**
 * The helper thread as the runtime uses it (`KlThreads`): KL sums, the slices of every measure's passes, and
 * (optional) jobs of its own beside them, its share of an MVN KL (mvnThreads.ts).
 */
export interface HelperThread extends KlBackend, SliceRunner, Partial<AsideJobs> {
  readonly usable: boolean;
  dispose(): void;
}

/** How the runtime makes its parts: the real kernels and worker by default, stand-ins in its unit test. */
export interface RuntimeParts {
  instantiate(): Promise<WasmBackend>;
  instantiateSync(): WasmBackend;
  /** The pair measures' own module instance, or undefined if it cannot be instantiated. */
  instantiateMeasures(): WasmMeasures | undefined;
  startHelper(main: WasmBackend, workerPath: string): HelperThread | undefined;
  startHelperAsync(main: WasmBackend, workerPath: string): Promise<HelperThread | undefined>;
  /** worker.js beside this module, when it is there. */
  defaultWorkerPath(): string | undefined;
}

export class ComputeRuntime {
  private wasmBackend: WasmBackend | undefined;
  private pairMeasures: WasmMeasures | undefined;
  private phase: RuntimeState = 'not-initialised';
  private statusLine = 'ts: init() has not been called; the TypeScript reference serves';
  private pending: Promise<void> | undefined;
  private helperThread: HelperThread | undefined;
  private helperTried = false;
  private threadsEnabled = true;
  private workerPath: string | undefined;
  private minLength = THREAD_MIN_LENGTH;
  /** Counts the helper's configurations (a new `workerPath`): a helper started for an old one is not kept. */
  private configuration = 0;

  constructor(private readonly parts: RuntimeParts = defaultParts) {}

  /** The WASM backend's state (see the module doc). */
  get state(): RuntimeState {
    return this.wasmBackend ? 'ready' : this.phase;
  }

  /** 'running' when the helper thread is started and usable, else 'none'. */
  get helper(): 'none' | 'running' {
    return this.helperThread?.usable === true ? 'running' : 'none';
  }

  /** One line saying which backend serves and, if it is not WASM, why. */
  get status(): string {
    return this.statusLine;
  }

  /** The KL/entropy/cross-entropy backend, if ready. */
  get wasm(): WasmBackend | undefined {
    return this.wasmBackend;
  }

  /** The pair measures' backend, if ready. */
  get measures(): WasmMeasures | undefined {
    return this.pairMeasures;
  }

  /** Inputs of at least this many elements use the helper thread. */
  get threadMinLength(): number {
    return this.minLength;
  }

  /**
   * Instantiates the WASM kernel and (unless `threads: 'lazy'`) starts the helper thread. Resolves once both
   * are ready or have failed, never rejects. Idempotent: a second call waits for the first one's module.
   */
  init(options: InitOptions = {}): Promise<void> {
    if (!this.wasmBackend) {
      if (!this.pending) this.phase = 'initialising';
      this.pending ??= this.parts.instantiate().then(
        (backend) => this.ready(backend),
        (e: unknown) => this.failed(e),
      );
    }
    const loaded = this.pending ?? Promise.resolve();
    return options.threads === 'lazy' ? loaded : loaded.then(() => this.startHelperAsync());
  }

  /** `init()` without the promise (and without the helper thread): compiles the module synchronously. */
  initSync(): void {
    if (this.wasmBackend) return;
    this.phase = 'initialising';
    try {
      this.ready(this.parts.instantiateSync());
    } catch (e) {
      this.failed(e);
    }
  }

  /**
   * The WASM backend for a call that wants it: without `init()`, the first such call compiles it synchronously
   * (Node allows it for a module this small), so the public functions are fast from the first large call.
   * Not retried once an initialisation was asked for.
   */
  demandWasm(): WasmBackend | undefined {
    if (!this.wasmBackend && this.phase === 'not-initialised') this.initSync();
    return this.wasmBackend;
  }

  /**
   * `enabled: false` leaves a running helper idle (enabling again reuses it); a new `workerPath` stops it, and
   * the next large call (or `init()`) starts one from the new path.
   */
  configureThreads(options: ThreadOptions): void {
    if (options.enabled !== undefined) this.threadsEnabled = options.enabled;
    if (options.minLength !== undefined) this.minLength = Math.max(1, options.minLength);
    if (options.workerPath !== undefined) {
      this.workerPath = options.workerPath;
      this.helperThread?.dispose();
      this.helperThread = undefined;
      this.helperTried = false;
      this.configuration++;
    }
  }

  /** The two-thread path for a measure over n elements, started here if need be, or undefined (one thread). */
  helperFor(n: number): HelperThread | undefined {
    const wasm = this.wasmBackend;
    if (!wasm || !this.threadsEnabled || n < this.minLength || n >= 2 ** 31) return undefined;
    if (this.helperThread && !this.helperThread.usable) this.helperThread = undefined;
    const workerPath = this.helperToStart();
    if (workerPath) this.helperThread = this.parts.startHelper(wasm, workerPath);
    return this.helperThread;
  }

  /**
   * The worker program to start the helper thread from, once per configuration (the attempt is marked here), or
   * undefined when none should start: threads disabled, a helper already there or tried, or no program.
   */
  private helperToStart(): string | undefined {
    if (!this.wasmBackend || !this.threadsEnabled || this.helperThread || this.helperTried) return undefined;
    this.helperTried = true;
    return this.workerPath ?? this.parts.defaultWorkerPath();
  }

  /** Starts the helper thread without blocking, once (see `init`). Never rejects. */
  private async startHelperAsync(): Promise<void> {
    const workerPath = this.helperToStart();
    const wasm = this.wasmBackend;
    if (!wasm || !workerPath) return;
    const configuration = this.configuration;
    const started = await this.parts.startHelperAsync(wasm, workerPath).catch(() => undefined);
    // A configureThreads({ workerPath }) meanwhile asked for another helper: this one is not it.
    if (configuration === this.configuration && !this.helperThread) this.helperThread = started;
    else started?.dispose();
  }

  private ready(backend: WasmBackend): void {
    this.wasmBackend = backend;
    this.phase = 'ready';
    this.pairMeasures = this.parts.instantiateMeasures();
    this.statusLine = `wasm: SIMD kernel ready (used for inputs of ${WASM_MIN_LENGTH} or more elements; TS below)`;
    if (!this.pairMeasures) {
      this.statusLine +=
        '; the kernels of JS, TV, Hellinger, Bhattacharyya, histogram binning and MVN could not be instantiated: TS serves those';
    }
  }

  private failed(e: unknown): void {
    this.phase = 'failed';
    this.statusLine = `ts: the WebAssembly kernel could not be instantiated (${e instanceof Error ? e.message : String(e)}); the TypeScript reference serves`;
  }
}

const defaultParts: RuntimeParts = {
  instantiate: () => WasmBackend.instantiate(kernelsWasm),
  instantiateSync: () => WasmBackend.instantiateSync(kernelsWasm),
  instantiateMeasures: () => {
    try {
      return WasmMeasures.instantiateSync(kernelsWasm);
    } catch {
      return undefined;
    }
  },
  ...helperThreadParts,
};

/** The runtime of dist/core.js, which the public functions act on. */
export const computeRuntime = new ComputeRuntime();

/**
 * Instantiates the WASM kernel and (unless `threads: 'lazy'`) starts the helper thread of the two-thread KL
 * path. Resolves once both are ready, or once they have failed: it never rejects, because the TypeScript
 * reference (or one thread) then serves; `backendStatus()` and `threadsActive()` say which. Idempotent.
 */
export function init(options: InitOptions = {}): Promise<void> {
  return computeRuntime.init(options);
}

/** `init()` without the promise, for the CLI: compiles the small module synchronously (fine in Node). */
export function initSync(): void {
  computeRuntime.initSync();
}

/**
 * Configures the two-thread path of the discrete measures (`klDivergence`, `entropy`, `jsDivergence`, …; used
 * for large inputs). `enabled: false` leaves a
 * running helper idle (enabling again reuses it); a new `workerPath` stops it, and the next large call starts
 * one from the new path.
 */
export function configureThreads(options: ThreadOptions): void {
  computeRuntime.configureThreads(options);
}

/** Whether the helper thread is running (it starts on the first KL call of THREAD_MIN_LENGTH or more elements). */
export function threadsActive(): boolean {
  return computeRuntime.helper === 'running';
}

/** One line saying which backend serves and, if it is not WASM, why. */
export function backendStatus(): string {
  return computeRuntime.status;
}

/** Whether the WASM backend is ready. */
export function isWasmReady(): boolean {
  return computeRuntime.wasm !== undefined;
}
