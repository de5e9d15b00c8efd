/**
 * The fuzz suite's harness: seeded, replayable fast-check runs whose only allowed failure is a
 * `DivergenceError` with a known code (and, for text parsers, a position), never another exception and never
 * a NaN in a result.
 *
 * - Runs per property: FUZZ_RUNS (default 10^4 in `npm test`; `npm run fuzz` sets 10^5 unless given).
 * - Seed: FUZZ_SEED (default a fixed seed, so `npm test` is deterministic). A failure prints the seed, the
 *   fast-check path and the command that replays exactly that case:
 *   FUZZ_RUNS=<runs> FUZZ_SEED=<seed> FUZZ_PATH=<path> npm run fuzz -- <file> -g '<title>'
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';

const DEFAULT_SEED = 20261128;
const DEFAULT_RUNS = 10_000;

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer, not '${v}'`);
  return n;
}

export const FUZZ_SEED = envInt('FUZZ_SEED', DEFAULT_SEED);
export const FUZZ_RUNS = Math.max(1, envInt('FUZZ_RUNS', DEFAULT_RUNS));

/** numRuns for a property: FUZZ_RUNS times `scale` (for the few slow properties), at least 100. */
export function runs(scale = 1): number {
  return Math.max(100, Math.round(FUZZ_RUNS * scale));
}

/** A generous mocha timeout for `runs(scale)` cases at about `perCaseMs` each on a loaded 2-core machine. */
export function timeoutFor(scale = 1, perCaseMs = 1): number {
  return Math.max(60_000, runs(scale) * perCaseMs * 10);
}

/**
 * fc.assert with the suite's seed and run count; on failure the error says how to replay it.
 * `file` is the test file (pass __filename), `title` the mocha test title.
 */
export function fuzz<Ts extends [unknown, ...unknown[]]>(
  file: string,
  title: string,
  arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
  scale = 1,
): void {
  const path = process.env.FUZZ_PATH;
  const numRuns = runs(scale);
  const details = fc.check(fc.property(...arbitraries, predicate), {
    seed: FUZZ_SEED,
    numRuns,
    ...(path ? { path } : {}),
    endOnFailure: false,
  });
  if (details.failed) {
    const rel = file.slice(file.lastIndexOf('test/unit/'));
    const replay = `FUZZ_RUNS=${FUZZ_RUNS} FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath} npm run fuzz -- ${rel} -g ${JSON.stringify(title)}`;
    const error = details.errorInstance instanceof Error ? (details.errorInstance.stack ?? details.errorInstance.message) : String(details.errorInstance);
    throw new Error(
      `fuzz failure after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath})\n` +
        `counterexample: ${fc.stringify(details.counterexample)}\n${error}\nreplay: ${replay}`,
    );
  }
}

const CODES = new Set([
  'invalid-value',
  'length-mismatch',
  'empty-input',
  'zero-sum',
  'parse-error',
  'invalid-parameter',
  'not-positive-definite',
  'file-not-found',
  'unsupported-file',
  'usage',
]);

export interface CleanOptions {
  /** Errors must carry a position: line and column, or an index (text parsers). */
  readonly position?: boolean;
}

/** Checks a thrown value is an allowed DivergenceError; rethrows anything else with its stack. */
export function checkError(e: unknown, options: CleanOptions = {}): DivergenceError {
  if (!(e instanceof DivergenceError)) {
    throw new Error(`not a DivergenceError: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  assert.ok(CODES.has(e.code), `unknown error code '${e.code}': ${e.message}`);
  assert.ok(e.message.length > 0, 'an error message');
  assert.doesNotMatch(e.message, /\n/, 'messages are one line');
  assert.doesNotMatch(e.message, /\[object |got undefined\b/, `a message with leaked internals: ${e.message}`);
  if (options.position) {
    const l = e.location;
    const hasPosition = (l.line !== undefined && l.column !== undefined) || l.index !== undefined;
    if (!hasPosition) throw new Error(`${e.code} without a position (line/column or index): ${e.message} ${JSON.stringify(l)}`);
    if (l.line !== undefined) assert.ok(Number.isInteger(l.line) && l.line >= 1, `line ${l.line}`);
    if (l.column !== undefined) assert.ok(Number.isInteger(l.column) && l.column >= 1, `column ${l.column}`);
  }
  return e;
}

/**
 * Runs `fn`: it either returns (then `check` sees the result) or throws an allowed DivergenceError.
 * Returns the error, or undefined when `fn` returned.
 */
export function clean<T>(fn: () => T, check?: (result: T) => void, options: CleanOptions = {}): DivergenceError | undefined {
  let result: T;
  try {
    result = fn();
  } catch (e) {
    return checkError(e, options);
  }
  check?.(result);
  return undefined;
}

/**
 * No NaN anywhere in a result (numbers, typed arrays, arrays, nested objects), and no infinity except
 * +Infinity at the keys `allowInfinite` names (a true infinite divergence; '*' allows it anywhere), and
 * -Infinity at the keys named with a leading '-' ('-*' anywhere).
 */
export function assertNoNaN(result: unknown, allowInfinite: readonly string[] = ['*'], where = 'result'): void {
  const allowed = (key: string) => allowInfinite.includes('*') || allowInfinite.includes(key);
  const walk = (v: unknown, path: string, key: string, depth: number): void => {
    if (depth > 8) return;
    if (typeof v === 'number') {
      if (Number.isNaN(v)) throw new Error(`NaN at ${path}`);
      if (v === Infinity && !allowed(key)) throw new Error(`+Infinity at ${path}`);
      if (v === -Infinity && !allowInfinite.includes(`-${key}`) && !allowInfinite.includes('-*')) throw new Error(`-Infinity at ${path}`);
      return;
    }
    if (v instanceof Float64Array || v instanceof Float32Array || Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, key, depth + 1);
      return;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, k, depth + 1);
    }
  };
  walk(result, where, '', 0);
}

// ---------------------------------------------------------------------------------------------------------
// Mutations: near-valid inputs from valid ones.

export type Mutation =
  | { readonly kind: 'none' }
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'flip'; readonly at: number; readonly value: number }
  | { readonly kind: 'insert'; readonly at: number; readonly junk: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'duplicate'; readonly at: number; readonly length: number };

/** Characters that matter to the parsers, and a few that should never appear. */
export const JUNK = [
  '[', ']', '(', ')', '{', '}', ',', ';', ':', '"', "'", '\\', '\n', '\r', '\r\n', '\t', ' ', '#', '//', '/*', '*/',
  '-', '+', '.', 'e', 'E', 'e+', '1e999', '-1e-999', 'nan', 'NaN', 'inf', '-Infinity', 'null', 'true', '0x1F', '1_000',
  '0', '1', '9', '.5', '5.', '007', 'np.array(', 'torch.tensor(', 'c(', 'a', 'é', '\u0000', '\ufeff', '\ufffd', '\u2028',
  '\ud800', '😀', '<img src=x onerror=alert(1)>', '"",', '""', 'x,y', '\t\t', ',,,', ']]]]', '[[[[',
];

export const junk = fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }));

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' } as const) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 16 }) }) },
);

export function mutateText(text: string, m: Mutation): string {
  if (m.kind === 'none') return text;
  const at = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return text.slice(0, at) + String.fromCharCode(m.value) + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + m.junk + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
  }
}

export function mutateBytes(bytes: Uint8Array, m: Mutation): Uint8Array {
  if (m.kind === 'none') return bytes;
  const at = bytes.length === 0 ? 0 : m.at % (bytes.length + 1);
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  switch (m.kind) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      const out = bytes.slice();
      if (at < out.length) out[at] = m.value;
      return out;
    }
    case 'insert':
      return cat(bytes.subarray(0, at), new TextEncoder().encode(m.junk), bytes.subarray(at));
    case 'delete':
      return cat(bytes.subarray(0, at), bytes.subarray(at + m.length));
    case 'duplicate':
      return cat(bytes.subarray(0, at + m.length), bytes.subarray(at, at + m.length), bytes.subarray(at + m.length));
  }
}

/** Up to three mutations in a row. */
export const mutations = fc.array(mutation, { minLength: 0, maxLength: 3 });

export function mutateTextAll(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(mutateText, text);
}

export function mutateBytesAll(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  return ms.reduce(mutateBytes, bytes);
}

/** Numbers worth writing into inputs: ordinary, tiny, huge, signed zeros, non-finite, integers. */
export const interestingNumber = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(0, -0, 1, -1, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, Infinity, -Infinity, NaN, 2 ** 53, 1e-300, 1e300),
  fc.integer({ min: -1000, max: 1000 }),
);

/** How a number may be written in text. */
export function writeNumber(x: number, style: number): string {
  if (Number.isNaN(x)) return ['nan', 'NaN', 'np.nan', 'float("nan")'][style % 4]!;
  if (x === Infinity) return ['inf', 'Infinity', 'np.inf', '1e999'][style % 4]!;
  if (x === -Infinity) return ['-inf', '-Infinity', '-np.inf', '-1e999'][style % 4]!;
  switch (style % 5) {
    case 0:
      return String(x);
    case 1:
      return x.toExponential();
    case 2:
      return Object.is(x, -0) ? '-0.0' : x.toPrecision(17);
    case 3:
      return ` ${String(x)} `;
    default:
      return Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(0) : String(x);
  }
}
