/**
 * ComputeRuntime's state transitions, with stand-in parts (no WASM, no worker): the WASM backend's states
 * (not-initialised → initialising → ready, or → failed with the TypeScript reference serving), the helper
 * thread started eagerly by init(), lazily by the first large KL call, or not at all, configureThreads
 * changing the worker program, and repeated initialisation. Parity of the real parts is tested elsewhere
 * (parity.test.ts, klThreads.test.ts).
 */
import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';
import { ComputeRuntime, THREAD_MIN_LENGTH, WASM_MIN_LENGTH, type HelperThread, type RuntimeParts } from '../../../src/compute/runtime';
import { chooseKlThreads, chooseMeasures, chooseWasm } from '../../../src/compute/dispatch';
import type { WasmBackend } from '../../../src/compute/wasmBackend';
import type { WasmMeasures } from '../../../src/compute/wasmMeasures';

interface FakeHelper extends HelperThread {
  readonly path: string;
  usable: boolean;
  disposed: boolean;
}

/** Stand-in parts that record what the runtime asked for; `instantiate` resolves or rejects when told. */
class FakeParts implements RuntimeParts {
  readonly backend = { name: 'wasm' } as unknown as WasmBackend;
  readonly pairHost = { pair: true } as unknown as WasmMeasures;
  instantiations = 0;
  syncInstantiations = 0;
  helpers: FakeHelper[] = [];
  failWith: Error | undefined;
  measuresFail = false;
  workerPath: string | undefined = '/dist/worker.js';
  private settle: (() => void) | undefined;

  instantiate(): Promise<WasmBackend> {
    this.instantiations++;
    return new Promise((resolve, reject) => {
      this.settle = () => (this.failWith ? reject(this.failWith) : resolve(this.backend));
    });
  }

  /** Lets the pending asynchronous instantiation finish. */
  finish(): void {
    this.settle?.();
  }

  instantiateSync(): WasmBackend {
    this.syncInstantiations++;
    if (this.failWith) throw this.failWith;
    return this.backend;
  }

  instantiateMeasures(): WasmMeasures | undefined {
    return this.measuresFail ? undefined : this.pairHost;
  }

  startHelper(_main: WasmBackend, path: string): HelperThread | undefined {
    const helper: FakeHelper = {
      name: 'wasm',
      path,
      usable: true,
      disposed: false,
      klSums: () => undefined,
      runSlices: () => undefined,
      dispose(): void {
        this.disposed = true;
        this.usable = false;
      },
    };
    this.helpers.push(helper);
    return helper;
  }

  startHelperAsync(main: WasmBackend, path: string): Promise<HelperThread | undefined> {
    return Promise.resolve(this.startHelper(main, path));
  }

  defaultWorkerPath(): string | undefined {
    return this.workerPath;
  }
}

const LARGE = Math.max(WASM_MIN_LENGTH, THREAD_MIN_LENGTH);

describe('compute: ComputeRuntime (states, with stand-in parts)', () => {
  it('starts not initialised, with the TypeScript reference serving and no helper', () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    assert.equal(runtime.state, 'not-initialised');
    assert.equal(runtime.helper, 'none');
    assert.equal(runtime.status, 'ts: init() has not been called; the TypeScript reference serves');
    assert.equal(runtime.wasm, undefined);
    assert.equal(parts.instantiations + parts.syncInstantiations, 0);
  });

  it('init(): initialising until the module is instantiated, then ready; one instantiation for repeated calls', async () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    const first = runtime.init({ threads: 'lazy' });
    const second = runtime.init({ threads: 'lazy' });
    assert.equal(runtime.state, 'initialising');
    // While initialising, 'auto' does not compile a second module synchronously: the reference serves.
    assert.equal(chooseWasm(LARGE, {}, runtime), undefined);
    parts.finish();
    await Promise.all([first, second]);
    assert.equal(runtime.state, 'ready');
    assert.equal(parts.instantiations, 1);
    assert.equal(parts.syncInstantiations, 0);
    assert.equal(runtime.wasm, parts.backend);
    assert.equal(runtime.measures, parts.pairHost);
    assert.equal(runtime.status, `wasm: SIMD kernel ready (used for inputs of ${WASM_MIN_LENGTH} or more elements; TS below)`);
    await runtime.init({ threads: 'lazy' });
    assert.equal(parts.instantiations, 1, 'a ready runtime is not initialised again');
  });

  it('init() that fails: state failed, the reason in the status, the reference serves, no retry', async () => {
    const parts = new FakeParts();
    parts.failWith = new Error('no SIMD');
    const runtime = new ComputeRuntime(parts);
    const done = runtime.init();
    parts.finish();
    await done;
    assert.equal(runtime.state, 'failed');
    assert.equal(runtime.status, 'ts: the WebAssembly kernel could not be instantiated (no SIMD); the TypeScript reference serves');
    assert.equal(chooseWasm(LARGE, {}, runtime), undefined);
    assert.equal(parts.syncInstantiations, 0, 'a large call after a failed init() does not try again');
    assert.throws(
      () => chooseWasm(LARGE, { backend: 'wasm' }, runtime),
      (e: unknown) => e instanceof DivergenceError && e.code === 'invalid-parameter' && e.message.includes('no SIMD'),
    );
    assert.equal(runtime.helper, 'none');
    assert.equal(parts.helpers.length, 0);
    await runtime.init();
    assert.equal(parts.instantiations, 1);
  });

  it('initSync() after a failure tries again, and a success makes it ready', () => {
    const parts = new FakeParts();
    parts.failWith = new Error('first');
    const runtime = new ComputeRuntime(parts);
    runtime.initSync();
    assert.equal(runtime.state, 'failed');
    parts.failWith = undefined;
    runtime.initSync();
    assert.equal(runtime.state, 'ready');
    runtime.initSync();
    assert.equal(parts.syncInstantiations, 2);
  });

  it('without init(), the first call that wants WASM compiles it synchronously; small calls do not', () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    assert.equal(chooseWasm(WASM_MIN_LENGTH - 1, {}, runtime), undefined);
    assert.equal(chooseWasm(LARGE, { backend: 'ts' }, runtime), undefined);
    assert.equal(chooseWasm(LARGE, { input: 'log' }, runtime), undefined);
    assert.equal(runtime.state, 'not-initialised');
    assert.equal(chooseWasm(WASM_MIN_LENGTH, {}, runtime), parts.backend);
    assert.equal(runtime.state, 'ready');
    assert.equal(parts.syncInstantiations, 1);
  });

  it('a pair host that cannot be instantiated: ready, the status says so, the reference serves those measures', () => {
    const parts = new FakeParts();
    parts.measuresFail = true;
    const runtime = new ComputeRuntime(parts);
    runtime.initSync();
    assert.ok(runtime.status.endsWith('could not be instantiated: TS serves those'), runtime.status);
    assert.equal(chooseMeasures(LARGE, {}, runtime), undefined);
    assert.throws(() => chooseMeasures(LARGE, { backend: 'wasm' }, runtime), DivergenceError);
  });

  it('helper eager: init() starts it from the default worker program, once', async () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    const done = runtime.init();
    parts.finish();
    await done;
    assert.equal(runtime.helper, 'running');
    assert.deepEqual(
      parts.helpers.map((h) => h.path),
      ['/dist/worker.js'],
    );
    await runtime.init();
    assert.equal(chooseKlThreads(LARGE, parts.backend, runtime), parts.helpers[0]);
    assert.equal(parts.helpers.length, 1);
  });

  it('helper lazy: started by the first KL call of threadMinLength elements, not by smaller ones', async () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    const done = runtime.init({ threads: 'lazy' });
    parts.finish();
    await done;
    assert.equal(runtime.helper, 'none');
    assert.equal(chooseKlThreads(THREAD_MIN_LENGTH - 1, parts.backend, runtime), parts.backend);
    assert.equal(parts.helpers.length, 0);
    assert.equal(chooseKlThreads(THREAD_MIN_LENGTH, parts.backend, runtime), parts.helpers[0]);
    assert.equal(runtime.helper, 'running');
  });

  it('helper none: threads disabled, or no worker program; a helper that broke is not restarted', () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    runtime.initSync();
    runtime.configureThreads({ enabled: false });
    assert.equal(chooseKlThreads(LARGE, parts.backend, runtime), parts.backend);
    assert.equal(parts.helpers.length, 0);

    const noProgram = new FakeParts();
    noProgram.workerPath = undefined;
    const bare = new ComputeRuntime(noProgram);
    bare.initSync();
    assert.equal(chooseKlThreads(LARGE, noProgram.backend, bare), noProgram.backend);
    assert.equal(bare.helper, 'none');

    runtime.configureThreads({ enabled: true });
    const helper = chooseKlThreads(LARGE, parts.backend, runtime) as FakeHelper;
    helper.usable = false;
    assert.equal(chooseKlThreads(LARGE, parts.backend, runtime), parts.backend);
    assert.equal(parts.helpers.length, 1);
  });

  it('configureThreads: disabling keeps the helper idle, minLength moves the threshold, a new workerPath replaces it', () => {
    const parts = new FakeParts();
    const runtime = new ComputeRuntime(parts);
    runtime.initSync();
    const first = chooseKlThreads(LARGE, parts.backend, runtime) as FakeHelper;
    runtime.configureThreads({ enabled: false });
    assert.equal(chooseKlThreads(LARGE, parts.backend, runtime), parts.backend);
    runtime.configureThreads({ enabled: true });
    assert.equal(chooseKlThreads(LARGE, parts.backend, runtime), first, 'enabling again reuses it');

    runtime.configureThreads({ minLength: 10 });
    assert.equal(runtime.threadMinLength, 10);
    assert.equal(chooseKlThreads(10, parts.backend, runtime), first);
    runtime.configureThreads({ minLength: 0 });
    assert.equal(runtime.threadMinLength, 1);

    runtime.configureThreads({ workerPath: '/other/worker.js' });
    assert.ok(first.disposed);
    assert.equal(runtime.helper, 'none');
    const second = chooseKlThreads(LARGE, parts.backend, runtime) as FakeHelper;
    assert.equal(second.path, '/other/worker.js');
    assert.equal(runtime.helper, 'running');
  });

  it('configureThreads({ workerPath }) while init() starts the helper: the late helper is stopped', async () => {
    const parts = new FakeParts();
    let release: (() => void) | undefined;
    parts.startHelperAsync = (main, path) =>
      new Promise((resolve) => {
        release = () => resolve(parts.startHelper(main, path));
      });
    const runtime = new ComputeRuntime(parts);
    const done = runtime.init();
    parts.finish();
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    runtime.configureThreads({ workerPath: '/new/worker.js' });
    release();
    await done;
    assert.equal(parts.helpers.length, 1);
    assert.ok(parts.helpers[0]!.disposed, 'the helper of the old configuration is stopped');
    assert.equal(runtime.helper, 'none');
    const next = chooseKlThreads(LARGE, parts.backend, runtime) as FakeHelper;
    assert.equal(next.path, '/new/worker.js');
  });

  it('an unknown backend choice is refused', () => {
    const runtime = new ComputeRuntime(new FakeParts());
    assert.throws(
      () => chooseWasm(10, { backend: 'gpu' as 'ts' }, runtime),
      (e: unknown) => e instanceof DivergenceError && e.message === "backend must be 'auto', 'ts' or 'wasm', not 'gpu'",
    );
  });
});
