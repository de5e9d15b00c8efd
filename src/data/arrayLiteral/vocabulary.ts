/**
 * What the array-literal parser knows by name: the callees that wrap an array (`np.array`, `torch.tensor`,
 * `new Float64Array`, R's `c`), scalar casts (`float`, `np.float64`), named constants (`math.inf`,
 * `Number.NaN`, `NA`), Julia element types, keywords, and the features that decide a literal's syntax label.
 */
import { G_HASH, G_JULIA, G_MATLAB, G_SLASHC } from './tokens';

// ---------------------------------------------------------------------------------------------------------
// Features seen while parsing, used only to label the syntax.

export const F_WS = 1 << 0;
export const F_SEMI = 1 << 1;
export const F_NLROWS = 1 << 2;
export const F_TRAIL = 1 << 3;
export const F_ARITH = 1 << 4;
export const F_NONJSON = 1 << 5;
export const F_PYCONST = 1 << 6;
const F_JSCONST = 1 << 7;
export const F_CONST = 1 << 8;
export const F_CARET = 1 << 9;
export const F_TRANSPOSE = 1 << 10;
const F_HASH = 1 << 11;
const F_SLASHC = 1 << 12;
export const F_MATLAB = 1 << 13;
export const F_JULIA = 1 << 14;
export const F_TUPLE = 1 << 15;
export const F_NUMPY = 1 << 16; // numpy scalars: np.float64(0.1)

/** Labels that a nested wrapper passes on to a plain bracket around it: [np.array([1]), np.array([2])]. */
export const WRAPPER_SYNTAXES = new Set(['numpy', 'jax', 'torch', 'tensorflow', 'typed-array', 'r']);

// ---------------------------------------------------------------------------------------------------------
// Known names

export interface Callee {
  /** wrapper: the first argument is the array; args: the arguments are the elements; cast: a scalar. */
  readonly kind: 'wrapper' | 'args' | 'cast';
  readonly syntax: string;
}

export const CALLEES: ReadonlyMap<string, Callee> = (() => {
  const m = new Map<string, Callee>();
  const wrap = (syntax: string, ...names: string[]): void => {
    for (const n of names) m.set(n, { kind: 'wrapper', syntax });
  };
  for (const p of ['np', 'numpy']) {
    wrap('numpy', `${p}.array`, `${p}.asarray`, `${p}.asanyarray`, `${p}.ascontiguousarray`);
  }
  wrap('numpy', 'array', 'asarray'); // numpy's repr: array([0.1, 0.9], dtype=float32)
  wrap('jax', 'jnp.array', 'jnp.asarray', 'jax.numpy.array', 'jax.numpy.asarray');
  wrap('torch', 'torch.tensor', 'torch.as_tensor', 'torch.Tensor', 'torch.FloatTensor', 'torch.DoubleTensor', 'tensor');
  wrap('tensorflow', 'tf.constant', 'tf.convert_to_tensor', 'tf.Variable');
  const typed = [
    'Float64Array',
    'Float32Array',
    'Float16Array',
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
  ];
  for (const t of typed) {
    wrap('typed-array', t, `${t}.from`);
    m.set(`${t}.of`, { kind: 'args', syntax: 'typed-array' });
  }
  wrap('javascript', 'Array.from');
  m.set('Array.of', { kind: 'args', syntax: 'javascript' });
  m.set('c', { kind: 'args', syntax: 'r' });
  m.set('float', { kind: 'cast', syntax: 'python' });
  const scalars = ['float64', 'float32', 'float16', 'double', 'single', 'half', 'longdouble', 'float_', 'int_', 'intp', 'uintp'];
  for (const b of [8, 16, 32, 64]) scalars.push(`int${b}`, `uint${b}`);
  for (const p of ['np', 'numpy', 'jnp']) {
    for (const s of scalars) m.set(`${p}.${s}`, { kind: 'cast', syntax: 'numpy' });
  }
  return m;
})();

/** Named constants → [value, feature bit for the syntax label]. */
export const CONSTANTS: ReadonlyMap<string, readonly [number, number]> = (() => {
  const m = new Map<string, readonly [number, number]>();
  for (const n of ['Inf', 'INF', 'Inf64', 'Inf32', 'Inf16']) m.set(n, [Infinity, 0]);
  for (const n of ['NaN', 'NAN', 'NA', 'NA_real_', 'NaN64', 'NaN32', 'NaN16']) m.set(n, [NaN, 0]);
  for (const n of ['inf', 'infinity']) m.set(n, [Infinity, F_PYCONST]);
  m.set('nan', [NaN, F_PYCONST]);
  m.set('Infinity', [Infinity, F_JSCONST]);
  for (const p of ['np', 'numpy', 'jnp', 'math', 'torch']) {
    for (const n of ['inf', 'Inf', 'Infinity', 'PINF', 'infty']) m.set(`${p}.${n}`, [Infinity, F_PYCONST]);
    for (const n of ['nan', 'NaN', 'NAN']) m.set(`${p}.${n}`, [NaN, F_PYCONST]);
    m.set(`${p}.NINF`, [-Infinity, F_PYCONST]);
  }
  m.set('Number.POSITIVE_INFINITY', [Infinity, F_JSCONST]);
  m.set('Number.NEGATIVE_INFINITY', [-Infinity, F_JSCONST]);
  m.set('Number.NaN', [NaN, F_JSCONST]);
  return m;
})();

export const JULIA_ELTYPES = new Set([
  'Float64',
  'Float32',
  'Float16',
  'BigFloat',
  'Int',
  'Int8',
  'Int16',
  'Int32',
  'Int64',
  'UInt',
  'UInt8',
  'UInt16',
  'UInt32',
  'UInt64',
  'Real',
]);

/** Identifiers that look like callees or names but are not: `return (1, 2)`, `else: [1]`. */
export const KEYWORDS = new Set([
  'return',
  'yield',
  'in',
  'of',
  'not',
  'and',
  'or',
  'if',
  'elif',
  'else',
  'while',
  'for',
  'await',
  'case',
  'default',
  'lambda',
  'then',
  'do',
  'try',
  'finally',
  'new',
  'const',
  'let',
  'var',
  'typeof',
]);

export const DECLARATIONS = new Set(['const', 'let', 'var']);

export function commentFeatures(gflags: number): number {
  return (
    (gflags & G_HASH ? F_HASH : 0) |
    (gflags & G_SLASHC ? F_SLASHC : 0) |
    (gflags & G_MATLAB ? F_MATLAB : 0) |
    (gflags & G_JULIA ? F_JULIA : 0)
  );
}

export function bracketSyntax(f: number): string {
  if (f & (F_TRANSPOSE | F_MATLAB)) return 'matlab';
  if (f & F_JULIA) return 'julia';
  if (f & (F_WS | F_SEMI | F_NLROWS)) return f & F_HASH ? 'julia' : 'matlab';
  if (f === 0) return 'json';
  if (f & (F_SLASHC | F_JSCONST)) return 'javascript';
  if (f & F_CARET) return 'julia';
  if (f & F_NUMPY) return 'numpy';
  return 'python';
}
