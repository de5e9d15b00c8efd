/**
 * Backend dispatch: which backend computes a call of the public compute API. The TypeScript reference, the
 * WASM kernels (the KL/entropy/cross-entropy backend or the pair measures' host), or, for KL of large inputs,
 * the two threads of klThreads.ts. The rules, for `options.backend`:
 * - 'ts': the reference;
 * - 'auto' (default): WASM for probability input of at least WASM_MIN_LENGTH elements when it is ready (the
 *   first such call compiles it if `init()` was not called), else the reference;
 * - 'wasm': WASM, or `invalid-parameter` when it is not available or the input is not 'prob'.
 * Every discrete measure over the runtime's `threadMinLength` elements or more then runs its slices on two
 * threads (this one and the helper of klThreads.ts) when the helper can run: the same result, bit for bit.
 */
import { DivergenceError } from '../core/errors';
import type { BackendChoice, KlBackend } from './backend';
import { computeRuntime, WASM_MIN_LENGTH, type ComputeRuntime } from './runtime';
import { MVN_THREAD_MIN_DIMENSION, type AsideJobs } from './mvnThreads';
import type { SliceRunner } from './sliceOps';
import type { WasmBackend } from './wasmBackend';
import type { WasmMeasures } from './wasmMeasures';

/** With `backend: 'auto'`, `mvnKl` does its linear algebra in WASM from this dimension (k³/6 multiply-adds). */
export const MVN_WASM_MIN_DIMENSION = 32;

/** What dispatch reads of a call's options. */
export interface DispatchOptions {
  readonly backend?: BackendChoice;
  readonly input?: string;
}

/** The WASM backend when `options` choose it for n elements, `undefined` for the TS reference. */
export function chooseWasm(n: number, options: DispatchOptions, runtime: ComputeRuntime = computeRuntime): WasmBackend | undefined {
  const choice = options.backend ?? 'auto';
  const input = options.input ?? 'prob';
  const wanted = choice === 'wasm' || (choice === 'auto' && input === 'prob' && n >= WASM_MIN_LENGTH);
  const wasm = wanted ? runtime.demandWasm() : runtime.wasm;
  switch (choice) {
    case 'ts':
      return undefined;
    case 'auto':
      return wanted ? wasm : undefined;
    case 'wasm':
      if (!wasm) throw new DivergenceError('invalid-parameter', `the WASM backend is not available: ${runtime.status}`, { array: 'backend' });
      if (input !== 'prob') {
        throw new DivergenceError('invalid-parameter', `the WASM backend takes probabilities only, not input '${input}'; use backend 'auto' or 'ts'`, {
          array: 'backend',
        });
      }
      return wasm;
    default:
      throw new DivergenceError('invalid-parameter', `backend must be 'auto', 'ts' or 'wasm', not '${String(choice)}'`, { array: 'backend' });
  }
}

/**
 * The backend of a KL call over n elements that `chooseWasm` sent to `wasm`: the two threads of klThreads.ts
 * (n ≥ the runtime's `threadMinLength`, when the helper can run; started here on first use) or `wasm` itself.
 * Both give the same sums, bit for bit.
 */
export function chooseKlThreads(n: number, wasm: WasmBackend, runtime: ComputeRuntime = computeRuntime): KlBackend {
  return runtime.helperFor(n) ?? wasm;
}

/**
 * What runs the slices of a measure's passes over n elements (sliceOps.ts): the two threads of klThreads.ts
 * (n ≥ the runtime's `threadMinLength`, when the helper can run; started here on first use) or `host` itself,
 * the single-thread WASM host `chooseWasm` or `chooseMeasures` returned. Both give the same result, bit for bit.
 */
export function chooseSliceRunner(n: number, host: SliceRunner, runtime: ComputeRuntime = computeRuntime): SliceRunner {
  return runtime.helperFor(n) ?? host;
}

/** The WASM host of the pair measures when `options` choose WASM for n elements (as `chooseWasm`). */
export function chooseMeasures(n: number, options: DispatchOptions, runtime: ComputeRuntime = computeRuntime): WasmMeasures | undefined {
  if (!chooseWasm(n, options, runtime)) return undefined;
  if (!runtime.measures && options.backend === 'wasm') {
    throw new DivergenceError('invalid-parameter', 'the WASM backend is not available for this measure: its kernels could not be instantiated', { array: 'backend' });
  }
  return runtime.measures;
}

/** The pair measures' host for an MVN KL of `dimension` (chooseWasm's size rule, in dimensions). */
export function chooseMvn(dimension: number, options: DispatchOptions, runtime: ComputeRuntime = computeRuntime): WasmMeasures | undefined {
  return chooseMeasures(dimension >= MVN_WASM_MIN_DIMENSION ? WASM_MIN_LENGTH : 0, options, runtime);
}

/**
 * The helper thread that takes a share of an MVN KL of `dimension` (mvnThreads.ts: Σ1's factorisation and
 * some columns of L1⁻¹·L0): from MVN_THREAD_MIN_DIMENSION, when the helper can run (threads enabled; started
 * here on first use). The runtime's `threadMinLength` counts the elements of a discrete measure's input: it
 * does not apply here.
 */
export function chooseMvnHelper(dimension: number, runtime: ComputeRuntime = computeRuntime): AsideJobs | undefined {
  if (dimension < MVN_THREAD_MIN_DIMENSION) return undefined;
  const helper = runtime.helperFor(runtime.threadMinLength);
  return helper?.asideRegion && helper.postAside ? (helper as AsideJobs) : undefined;
}
